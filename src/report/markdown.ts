import { jurisdictionTitle } from '../util/jurisdictions.js';
import { tally } from '../util/tally.js';
import { mostMissed, triageOrder } from './summary.js';
import type { AuditReport, BatchSummary, DocumentReport, Evidence, RequirementResult, Status } from '../types.js';
import type { RenderOptions } from './index.js';
import { formatLocation } from './location.js';
import {
  DOC_STATUS_LABEL,
  GLOSSARY,
  LEVEL_RULES,
  RAG_FOOTNOTE,
  RAG_RULES,
  SCORE_RULE,
  STATUS_RULES,
  type Rag,
  actionPlan,
  documentName,
  escapeMarkdown as md,
  excerpt,
  formatLabel,
  groupByArea,
  notAssessedReason,
  rag,
  ragReason,
  tallyByLevel,
  triage,
} from './shared.js';

const STATUS_CELL: Record<Status, string> = {
  met: '✅ Met',
  partial: '🟠 Partial',
  missing: '❌ Missing',
  'not-applicable': '➖ N/A',
};

const RAG_CELL: Record<Rag, string> = { red: '🔴 Red', amber: '🟠 Amber', green: '🟢 Green', 'n/a': '➖ N/A' };

/** A Markdown report for pull requests and wikis. Every piece of report text goes through `md`. */
export function renderMarkdown(report: AuditReport, _options: RenderOptions): string {
  const asOf = report.asOf ? ` · as of ${md(report.asOf)}` : '';
  const out: string[] = [
    '# Safeguarding policy audit',
    '',
    `Catalogue: ${md(report.catalogue.name)} ${md(report.catalogue.version)}${report.catalogue.sourcesChecked ? ` (sources checked ${md(report.catalogue.sourcesChecked)})` : ''}${asOf} · sg-audit ${md(report.tool.version)}${report.config ? ` · configuration ${md(report.config)}` : ''}`,
  ];
  out.push('', ...key());
  if (report.documents.length > 1 && report.summary) out.push('', ...overview(report.documents, report.summary));
  for (const doc of report.documents) out.push('', ...renderDocument(doc));
  out.push('', ...glossary());
  return `${out.join('\n')}\n`;
}

/** How to read the report: statuses, levels, RAG and the score, in plain words. */
function key(): string[] {
  return [
    '## How to read this report',
    '',
    ...STATUS_RULES.map((s) => `- **${md(s.label)}**: ${md(s.meaning)}`),
    ...LEVEL_RULES.map((l) => `- **${md(l.label)}**: ${md(l.meaning)}`),
    ...RAG_RULES.map((r) => `- ${RAG_CELL[r.rag]}: ${md(r.meaning)}`),
    `- ${md(RAG_FOOTNOTE)}`,
    `- ${md(SCORE_RULE)}`,
  ];
}

function glossary(): string[] {
  return ['## Glossary', '', ...GLOSSARY.map((g) => `- **${md(g.term)}**: ${md(g.meaning)}`)];
}

/** "Organisation (`path`)" for a heading or table cell, or the path alone. */
function named(doc: DocumentReport): string {
  return doc.organisation ? `${md(documentName(doc))} (${md(doc.path)})` : md(doc.path);
}

/** Requirements listed under "most often missed". */
const TOP_MISSED = 10;

/** Across the documents, as in the text report: lowest score first, those not assessed apart, then the most often missed. */
function overview(documents: readonly DocumentReport[], summary: BatchSummary): string[] {
  const counts = [`${summary.documents} documents`, `${summary.audited} assessed`];
  if (summary.notAssessable > 0) counts.push(`${summary.notAssessable} not assessable`);
  if (summary.unreadable > 0) counts.push(`${summary.unreadable} unreadable`);
  if (summary.errors > 0) counts.push(`${summary.errors} failed`);
  const { ranked, apart } = triageOrder(documents);
  const out = [
    '## Overview',
    '',
    `${counts.join(' · ')}. Lowest score first; at equal scores, most must gaps first.`,
    '',
    row(['Rank', 'Document', 'Profile', 'Score', 'RAG', 'Must gaps', 'Met', 'Partial', 'Missing']),
    row(['---:', '---', '---', '---:', '---', '---:', '---:', '---:', '---:']),
  ];
  ranked.forEach((r, i) => {
    const profile = r.doc.profile ? md(r.doc.profile) : '—';
    out.push(row([i + 1, named(r.doc), profile, r.score ?? '—', RAG_CELL[r.rag], r.mustGaps, r.met, r.partial, r.missing]));
  });
  if (apart.length > 0) {
    out.push('', `### Not assessed (${apart.length}), not ranked`, '', row(['Document', 'Status', 'Reason']), row(['---', '---', '---']));
    for (const r of apart) out.push(row([named(r.doc), `⚠️ ${DOC_STATUS_LABEL[r.doc.status]}`, md(notAssessedReason(r.doc))]));
  }
  out.push('', `### Most often missed (missing or partial, of ${summary.audited} assessed)`, '');
  const missed = mostMissed(summary, TOP_MISSED);
  if (missed.length === 0) return [...out, 'None: every assessed document meets every requirement that applies to it.'];
  out.push(row(['Requirement', 'ID', 'Level', 'Missing', 'Partial']), row(['---', '---', '---', '---:', '---:']));
  for (const r of missed) out.push(row([md(r.title), md(r.id), r.level, r.missing, r.partial]));
  return out;
}

function renderDocument(doc: DocumentReport): string[] {
  const out = [`## ${md(documentName(doc))}`, ''];
  const meta: string[] = [];
  // Why it was not assessed comes first, before anything that might read as a gap report.
  if (doc.status === 'not-assessable') meta.push(`- **Not assessable:** ${md(notAssessedReason(doc))}`);
  else if (doc.status !== 'audited') meta.push(`- **Could not audit (${doc.status}):** ${md(notAssessedReason(doc))}`);
  meta.push(`- **File:** ${md(doc.path)}`);
  if (doc.format) meta.push(`- **Format:** ${md(formatLabel(doc))}`);
  if (doc.profile) meta.push(`- **Profile:** ${md(doc.profile)}${doc.profileReason ? ` (${md(doc.profileReason)})` : ''}`);
  if (doc.jurisdiction) meta.push(`- **Jurisdiction:** ${md(jurisdictionTitle(doc.jurisdiction.id))} (${md(doc.jurisdiction.reason)})`);
  if (doc.status !== 'audited') return [...out, ...meta];
  const t = tally(doc.requirements);
  const score = triage(doc.requirements).score;
  meta.push(`- **Overall:** ${RAG_CELL[rag(doc.requirements)]} (${md(ragReason(doc.requirements))})${score === undefined ? '' : ` · score ${score} of 100`}`);
  meta.push(`- **Summary:** ${t.met} met, ${t.partial} partial, ${t.missing} missing, ${t.notApplicable} not applicable`);
  for (const { level, tally: lt } of tallyByLevel(doc.requirements)) {
    meta.push(`  - ${level}: ${lt.met} met, ${lt.partial} partial, ${lt.missing} missing`);
  }
  out.push(...meta);
  if (doc.requirements.length > 0) out.push('', ...areaTable(doc.requirements), '', ...requirementTable(doc.requirements));
  out.push('', ...plan(doc.requirements));
  if (doc.findings.length > 0) {
    out.push('', '### Currency findings', '');
    for (const f of doc.findings) out.push(`- **${md(f.id)}**${where(f.location)}: ${md(f.message)}`);
  }
  if (doc.notes && doc.notes.length > 0) {
    out.push('', '### Notes', '');
    for (const note of doc.notes) out.push(`- ${md(note)}`);
  }
  return out;
}

function where(location: Evidence['location']): string {
  const text = formatLocation(location);
  return text ? ` (${md(text)})` : '';
}

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function areaTable(requirements: readonly RequirementResult[]): string[] {
  const out = ['### By area', '', row(['Area', 'RAG', 'Why', 'Met', 'Partial', 'Missing']), row(['---', '---', '---', '---:', '---:', '---:'])];
  for (const group of groupByArea(requirements)) {
    const t = tally(group.requirements);
    out.push(row([md(group.area), RAG_CELL[rag(group.requirements)], md(ragReason(group.requirements, true)), t.met, t.partial, t.missing]));
  }
  return out;
}

function quote(e: Evidence): string {
  return `“${md(excerpt(e.text))}”${where(e.location)}`;
}

function requirementTable(requirements: readonly RequirementResult[]): string[] {
  const out = ['### Requirements', '', row(['Status', 'ID', 'Requirement', 'Level', 'Evidence']), row(['---', '---', '---', '---', '---'])];
  for (const r of requirements) {
    // Several quotes share one cell; <br> is the only line break a GFM table cell allows.
    const evidence = r.evidence.map(quote).join('<br>');
    const status = `${STATUS_CELL[r.status]}${r.waived ? ' (waived)' : ''}`;
    out.push(row([status, md(r.id), md(r.title), r.level, evidence || '—']));
  }
  return out;
}

function plan(requirements: readonly RequirementResult[]): string[] {
  const gaps = actionPlan(requirements);
  if (gaps.length === 0) return ['### Action plan', '', 'No gaps: the policy meets every applicable requirement.'];
  const out = ['### Action plan', ''];
  gaps.forEach((r, i) => {
    out.push(`${i + 1}. **${md(r.title)}** (${md(r.id)}, ${r.level}, ${r.status})`);
    if (r.waived) {
      const until = r.waived.expires ? ` until ${md(r.waived.expires)}` : '';
      out.push(`   - *Waived${until}:* ${md(r.waived.reason)}`);
    }
    if (r.reason) out.push(`   - **Why:** ${md(r.reason)}`);
    if (r.missing) out.push(`   - **Missing:** ${md(r.missing)}`);
    if (r.why) out.push(`   - **Why it matters:** ${md(r.why)}`);
    if (r.nearest) out.push(`   - **Closest passage:** ${quote(r.nearest)}`);
    if (r.advice) out.push(`   - **What to do:** ${md(r.advice)}`);
    if (r.modelWording) out.push(`   - **Model wording:** “${md(r.modelWording)}”`);
  });
  return out;
}
