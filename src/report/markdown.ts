import type { AuditReport, DocumentReport, Evidence, RequirementResult, Status } from '../types.js';
import type { RenderOptions } from './index.js';
import { formatLocation } from './location.js';
import { type Rag, actionPlan, escapeMarkdown as md, excerpt, groupByArea, rag, tally, tallyByLevel } from './shared.js';

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
    `Catalogue: ${md(report.catalogue.name)} ${md(report.catalogue.version)}${asOf} · sg-audit ${md(report.tool.version)}`,
  ];
  for (const doc of report.documents) out.push('', ...renderDocument(doc));
  return `${out.join('\n')}\n`;
}

function renderDocument(doc: DocumentReport): string[] {
  const out = [`## ${md(doc.path)}`, ''];
  const meta: string[] = [];
  if (doc.format) meta.push(`- **Format:** ${doc.format}`);
  if (doc.profile) meta.push(`- **Profile:** ${md(doc.profile)}${doc.profileReason ? ` (${md(doc.profileReason)})` : ''}`);
  if (doc.status !== 'audited') {
    meta.push(`- **Could not audit (${doc.status}):** ${md(doc.error ?? 'no reason given')}`);
    return [...out, ...meta];
  }
  const t = tally(doc.requirements);
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
  const out = ['### By area', '', row(['Area', 'RAG', 'Met', 'Partial', 'Missing']), row(['---', '---', '---:', '---:', '---:'])];
  for (const group of groupByArea(requirements)) {
    const t = tally(group.requirements);
    out.push(row([md(group.area), RAG_CELL[rag(group.requirements)], t.met, t.partial, t.missing]));
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
    if (r.nearest) out.push(`   - **Closest passage:** ${quote(r.nearest)}`);
    if (r.advice) out.push(`   - **What to do:** ${md(r.advice)}`);
    if (r.modelWording) out.push(`   - **Model wording:** “${md(r.modelWording)}”`);
  });
  return out;
}
