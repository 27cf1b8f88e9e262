import { appliesTo, levelFor } from '../catalogue/model.js';
import type { DocumentReport, Finding, JurisdictionId, PolicyDocument, RequirementResult } from '../types.js';
import { assessDocument } from './assessability.js';
import { currencyFindings, DEFAULT_GRACE_MONTHS } from './currency.js';
import { detectJurisdiction, type JurisdictionChoice } from './jurisdiction.js';
import { forJurisdiction } from './nations.js';
import { judge } from './judge.js';
import { Matcher } from './matcher.js';
import type { PreparedCatalogue } from './prepared.js';
import { detectProfile } from './profile.js';
import { indexDocument } from './text-index.js';
import { textSourceFields } from './text-source.js';
import { noText, ocr, outdatedTerm, reviewOverdue, templatePlaceholder } from './checks/index.js';
import { tally } from '../util/tally.js';

export interface AuditOptions {
  /** A profile name; undefined → inferred from the text. */
  profile?: string;
  /** The date reviews are judged against. */
  asOf: Date;
  /** The nation or country the policy is written for; undefined → detected from what it cites. */
  jurisdiction?: JurisdictionId;
  /** Months after a new edition of guidance starts before citing the old one is out of date. */
  graceMonths?: number;
}

/** Audits one document against a prepared catalogue. */
export function auditDocument(doc: PolicyDocument, prepared: PreparedCatalogue, options: AuditOptions): DocumentReport {
  const index = indexDocument(doc);
  const base = {
    path: doc.path,
    format: doc.format,
    notes: doc.notes,
    noteIds: doc.readerNotes.map((n) => n.id),
    ...textSourceFields(doc),
    ...(doc.organisation ? { organisation: doc.organisation } : {}),
  };
  const unreadable = noText.check(doc, index.wordCount);
  if (unreadable) {
    return { ...base, status: 'unreadable', error: unreadable.error, summary: tally([]), requirements: [], findings: [unreadable.finding] };
  }
  const matcher = new Matcher(index);
  const choice = options.profile ? { profile: options.profile, reason: 'chosen with --profile' } : detectProfile(matcher, prepared);
  const jurisdiction: JurisdictionChoice = options.jurisdiction ? { id: options.jurisdiction, reason: 'chosen with --jurisdiction', evidence: [] } : detectJurisdiction(matcher, prepared);
  const assessed = assessDocument(index, matcher, jurisdiction);

  const requirements: RequirementResult[] = prepared.requirements.map((compiled) => {
    const spec = compiled.spec;
    const common = {
      id: spec.id,
      title: spec.title,
      level: levelFor(spec, choice.profile),
      source: spec.source,
      why: spec.why,
      advice: spec.advice,
      area: spec.area,
      ...(spec.model ? { modelWording: spec.model } : {}),
    };
    if (!appliesTo(spec, choice.profile)) {
      return { ...common, status: 'not-applicable', confidence: 1, evidence: [], reason: `not part of the ${choice.profile} profile` };
    }
    const national = forJurisdiction(compiled, prepared, jurisdiction.id);
    if (!national.applies) return { ...common, status: 'not-applicable', confidence: 1, evidence: [], reason: national.reason };
    const j = judge(national.requirement, matcher);
    const { title, source, advice, model } = national;
    const result: RequirementResult = {
      ...common,
      title,
      source,
      advice,
      ...(model ? { modelWording: model } : {}),
      status: j.status,
      confidence: j.confidence,
      evidence: j.evidence,
      reason: j.reason,
    };
    if (j.nearest) result.nearest = j.nearest;
    if (j.status !== 'met' && j.lacking.length) result.missing = j.lacking.join('; ');
    return result;
  });

  const graceMonths = options.graceMonths ?? DEFAULT_GRACE_MONTHS;
  const currency = currencyFindings(index, matcher, prepared, options.asOf, graceMonths);
  const findings: Finding[] = [...ocr.check(doc), ...assessed.findings, ...outdatedTerm.check(currency), ...reviewOverdue.check(currency), ...templatePlaceholder.check(currency)];
  return {
    ...base,
    // Not assessable is decided first; its requirements are still judged, as information.
    status: assessed.notAssessable ? 'not-assessable' : 'audited',
    ...(assessed.notAssessable ? { notAssessable: assessed.notAssessable, error: assessed.notAssessable.reason } : {}),
    profile: choice.profile,
    profileReason: choice.reason,
    jurisdiction,
    summary: tally(requirements),
    requirements,
    findings,
  };
}
