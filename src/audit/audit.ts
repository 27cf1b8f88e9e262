import { appliesTo, levelFor } from '../catalogue/model.js';
import type { DocumentReport, Finding, PolicyDocument, RequirementResult, Summary } from '../types.js';
import { currencyFindings } from './currency.js';
import { judge } from './judge.js';
import { Matcher } from './matcher.js';
import type { PreparedCatalogue } from './prepared.js';
import { detectProfile } from './profile.js';
import { indexDocument } from './text-index.js';
import { scopeFindings } from './scope.js';
import { ocrFindings, textSourceFields } from './text-source.js';
import { organisationName } from '../organisation.js';

export interface AuditOptions {
  /** A profile name; undefined → inferred from the text. */
  profile?: string;
  /** The date reviews are judged against. */
  asOf: Date;
}

/** Fewer words than this is no text to audit (an image-only scan yields none or a few stray marks). */
const MIN_WORDS = 5;

/** Audits one document against a prepared catalogue. */
export function auditDocument(doc: PolicyDocument, prepared: PreparedCatalogue, options: AuditOptions): DocumentReport {
  const index = indexDocument(doc);
  const organisation = organisationName(doc);
  const base = { path: doc.path, format: doc.format, notes: doc.notes, ...textSourceFields(doc), ...(organisation ? { organisation } : {}) };
  if (index.wordCount < MIN_WORDS) {
    const why = doc.notes.find((n) => /text/i.test(n)) ?? (index.wordCount === 0 ? 'no extractable text' : `only ${index.wordCount} word${index.wordCount > 1 ? 's' : ''} of text`);
    return {
      ...base,
      status: 'unreadable',
      // A reader that tried OCR knows why better than "no text".
      error: doc.unreadableReason ?? `${why}: nothing to audit${doc.format === 'pdf' ? ' (to read it by OCR, try --ocr)' : ''}`,
      summary: emptySummary(),
      requirements: [],
      findings: [{ id: 'no-text', severity: 'error', message: doc.unreadableReason ?? why, location: {} }],
    };
  }
  const matcher = new Matcher(index);
  const choice = options.profile
    ? { profile: options.profile, reason: 'chosen with --profile' }
    : detectProfile(matcher, prepared);

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
    const j = judge(compiled, matcher);
    const result: RequirementResult = { ...common, status: j.status, confidence: j.confidence, evidence: j.evidence, reason: j.reason };
    if (j.nearest) result.nearest = j.nearest;
    if (j.status !== 'met' && j.lacking.length) result.missing = j.lacking.join('; ');
    return result;
  });

  const findings: Finding[] = [...ocrFindings(doc), ...scopeFindings(index, matcher), ...currencyFindings(index, matcher, prepared, options.asOf)];
  return {
    ...base,
    status: 'audited',
    profile: choice.profile,
    profileReason: choice.reason,
    summary: summarise(requirements),
    requirements,
    findings,
  };
}

export function summarise(results: RequirementResult[]): Summary {
  const summary = emptySummary();
  for (const r of results) {
    if (r.status === 'not-applicable') summary.notApplicable++;
    else summary[r.status]++;
  }
  return summary;
}

function emptySummary(): Summary {
  return { met: 0, partial: 0, missing: 0, notApplicable: 0 };
}
