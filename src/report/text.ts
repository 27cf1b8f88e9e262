import { Chalk, type ChalkInstance } from 'chalk';
import { mostMissed, triageOrder } from './summary.js';
import type { AuditReport, BatchSummary, DocumentReport, RequirementResult, Status } from '../types.js';
import type { RenderOptions } from './index.js';
import { jurisdictionTitle } from '../util/jurisdictions.js';
import { formatLocation, quoteText } from './location.js';
import { DOC_STATUS_LABEL, RAG_RULES, documentName, formatLabel, gapsFirst, notAssessedReason, oneLine, rag, ragReason, tallyByLevel, triage } from './shared.js';

const INDENT = '    ';
const MAX_QUOTES = 3;
/** Requirements listed under "most often missed" in a batch overview. */
const TOP_MISSED = 10;

/** The terminal report a safeguarding lead reads: gaps first, with what to do about each. */
export function renderText(report: AuditReport, options: RenderOptions): string {
  // Colour only on request: the caller has already decided from TTY / NO_COLOR / FORCE_COLOR.
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  const asOf = report.asOf ? ` · as of ${report.asOf}` : '';
  lines.push(
    c.dim(
      `sg-audit ${report.tool.version} · ${oneLine(report.catalogue.name)} ${oneLine(report.catalogue.version)}${sourcesChecked(report)}${asOf}${report.config ? ` · config ${oneLine(report.config)}` : ''}`,
    ),
  );
  const batch = report.documents.length > 1 ? report.summary : undefined;
  if (batch && options.quiet) {
    // An inspector's quick pass: one line per document, then the overview.
    lines.push('', ...report.documents.map((doc) => oneLineReport(doc, c)));
  } else {
    for (const doc of report.documents) lines.push('', ...renderDocument(doc, options, c));
  }
  if (batch) lines.push('', ...overview(report.documents, batch, c));
  else if (report.documents.some((doc) => doc.status === 'audited')) lines.push('', ...ragKey(c));
  return `${lines.join('\n')}\n`;
}

/** "Name (path) · profile: school · must: 3 met, …", or why the document could not be assessed. */
function oneLineReport(doc: DocumentReport, c: ChalkInstance): string {
  const profile = doc.profile ? ` · profile: ${oneLine(doc.profile)}` : '';
  if (doc.status !== 'audited') {
    return `${c.bold(displayName(doc))} · ${c.red(`${notAssessedLabel(doc)}: ${notAssessedReason(doc)}`)}`;
  }
  return `${c.bold(displayName(doc))}${profile} · ${summaryLine(doc.requirements)}`;
}

/** The organisation with the path beside it, or the path alone when the document names nobody. */
function displayName(doc: DocumentReport): string {
  return doc.organisation ? `${documentName(doc)} (${oneLine(doc.path)})` : oneLine(doc.path);
}

/** "Not assessable", or "Could not audit (unreadable)". */
function notAssessedLabel(doc: DocumentReport): string {
  return doc.status === 'not-assessable' ? 'Not assessable' : `Could not audit (${doc.status})`;
}

/** How to read "Overall" and the score: the same rules as every other format's key. */
function ragKey(c: ChalkInstance): string[] {
  return [
    c.bold('Key'),
    `  ${c.dim('Score: share of applicable must and should requirements met, partial counting half (0–100).')}`,
    ...RAG_RULES.map((rule) => `  ${c.dim(`${rule.rag}: ${rule.meaning}`)}`),
  ];
}

interface Column {
  header: string;
  right?: boolean;
}

/** Aligned columns; the last one is not padded, so long paths go there. Colour after padding. */
function table(columns: readonly Column[], rows: ReadonlyArray<ReadonlyArray<{ text: string; paint?: (s: string) => string }>>, c: ChalkInstance): string[] {
  const widths = columns.map((col, i) => Math.max(col.header.length, ...rows.map((row) => row[i]!.text.length)));
  const pad = (text: string, i: number) => (i === columns.length - 1 ? text : columns[i]!.right ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const out = [`  ${c.dim(columns.map((col, i) => pad(col.header, i)).join('  '))}`];
  for (const row of rows) out.push(`  ${row.map((cell, i) => (cell.paint ?? String)(pad(cell.text, i))).join('  ')}`);
  return out;
}

/** Across the documents: lowest score first, those not assessed apart, then the requirements most often missed. */
function overview(documents: readonly DocumentReport[], summary: BatchSummary, c: ChalkInstance): string[] {
  const problems = [`${summary.audited} assessed`];
  if (summary.notAssessable > 0) problems.push(`${summary.notAssessable} not assessable`);
  if (summary.unreadable > 0) problems.push(`${summary.unreadable} unreadable`);
  if (summary.errors > 0) problems.push(`${summary.errors} failed`);
  const lines = [c.bold(`Overview: ${summary.documents} documents · ${problems.join(' · ')} (lowest score first)`)];
  const columns: Column[] = [
    { header: 'Score', right: true },
    { header: 'RAG' },
    { header: 'Must gaps', right: true },
    { header: 'Gaps', right: true },
    { header: 'Met', right: true },
    { header: 'Partial', right: true },
    { header: 'Missing', right: true },
    { header: 'Profile' },
    { header: 'Document' },
  ];
  const { ranked, apart } = triageOrder(documents);
  const ragPaint = { red: c.red, amber: c.yellow, green: c.green, 'n/a': c.dim } as const;
  const rows = ranked.map((row) => {
    const n = (value: number, paint?: (s: string) => string) => ({ text: String(value), ...(paint && value > 0 ? { paint } : {}) });
    return [
      { text: row.score === undefined ? '–' : String(row.score) },
      { text: row.rag, paint: ragPaint[row.rag] },
      n(row.mustGaps, c.red),
      n(row.gaps, c.yellow),
      n(row.met),
      n(row.partial),
      n(row.missing),
      { text: row.doc.profile ? oneLine(row.doc.profile) : '–' },
      { text: displayName(row.doc) },
    ];
  });
  if (rows.length > 0) lines.push(...table(columns, rows, c));
  else lines.push('  No document could be assessed.');
  lines.push(...ragKey(c).slice(1));
  if (apart.length > 0) {
    lines.push('', c.bold(`Not assessed (${apart.length}), not ranked`));
    for (const row of apart) lines.push(`  ${c.red(DOC_STATUS_LABEL[row.doc.status])}  ${displayName(row.doc)}: ${notAssessedReason(row.doc)}`);
  }

  const missed = mostMissed(summary, TOP_MISSED);
  lines.push('', c.bold(`Most often missed (missing or partial, of ${summary.audited} assessed ${summary.audited === 1 ? 'document' : 'documents'})`));
  if (missed.length === 0) {
    lines.push('  None: every assessed document meets every requirement that applies to it.');
    return lines;
  }
  const missedRows = missed.map((r) => [
    { text: String(r.missing), ...(r.missing > 0 ? { paint: c.red } : {}) },
    { text: String(r.partial), ...(r.partial > 0 ? { paint: c.yellow } : {}) },
    { text: `${oneLine(r.id)}  ${oneLine(r.title)} [${r.level}]` },
  ]);
  lines.push(...table([{ header: 'Missing', right: true }, { header: 'Partial', right: true }, { header: 'Requirement' }], missedRows, c));
  return lines;
}

function renderDocument(doc: DocumentReport, options: RenderOptions, c: ChalkInstance): string[] {
  const lines = [header(doc, c)];
  // Shown first: why the requirements below are information rather than this policy's gaps.
  if (doc.status !== 'audited') {
    lines.push(`  ${c.red(`${notAssessedLabel(doc)}: ${notAssessedReason(doc)}`)}`);
    // Judged anyway as information, but not a report on this policy's gaps.
    if (doc.requirements.length > 0) lines.push(`  ${c.dim(`Not a gap report; checked anyway for information only: ${summaryLine(doc.requirements)}`)}`);
    return lines;
  }
  lines.push(`  ${summaryLine(doc.requirements)}`);
  const overall = rag(doc.requirements);
  const score = triage(doc.requirements).score;
  const paint = { red: c.red, amber: c.yellow, green: c.green, 'n/a': c.dim }[overall];
  lines.push(`  Overall: ${paint(overall)} (${ragReason(doc.requirements)})${score === undefined ? '' : ` · score ${score} of 100`}`);

  const gaps = gapsFirst(doc.requirements);
  if (gaps.length > 0) {
    lines.push('', `  ${c.bold('Gaps')}`);
    for (const r of gaps) lines.push(...gapLines(r, c));
  }
  if (options.quiet) return lines;

  const met = doc.requirements.filter((r) => r.status === 'met');
  if (met.length > 0) {
    lines.push('', `  ${c.bold('Met')}`);
    for (const r of met) lines.push(`  ${compactLine(r, c)}`);
  }
  const na = doc.requirements.filter((r) => r.status === 'not-applicable');
  if (na.length > 0) {
    lines.push('', `  ${c.bold('Not applicable')}`);
    for (const r of na) lines.push(`  ${compactLine(r, c)}`);
  }
  if (doc.findings.length > 0) {
    lines.push('', `  ${c.bold('Findings')}`);
    for (const f of doc.findings) {
      const where = formatLocation(f.location);
      const mark = f.severity === 'error' ? c.red('!') : f.severity === 'info' ? c.blue('i') : c.yellow('!');
      lines.push(`  ${mark} ${c.bold(oneLine(f.id))}: ${oneLine(f.message)}${where ? c.dim(` (${where})`) : ''}`);
    }
  }
  if (doc.notes && doc.notes.length > 0) {
    lines.push('', `  ${c.bold('Notes')}`);
    for (const note of doc.notes) lines.push(`  - ${oneLine(note)}`);
  }
  return lines;
}

function sourcesChecked(report: AuditReport): string {
  return report.catalogue.sourcesChecked ? ` (sources checked ${report.catalogue.sourcesChecked})` : '';
}

function header(doc: DocumentReport, c: ChalkInstance): string {
  const parts = [c.bold(displayName(doc))];
  if (doc.profile) {
    const reason = doc.profileReason ? ` (${oneLine(doc.profileReason)})` : '';
    parts.push(`profile: ${oneLine(doc.profile)}${reason}`);
  }
  // Like the profile: what was decided, and the passages that decided it.
  if (doc.jurisdiction) parts.push(`jurisdiction: ${jurisdictionTitle(doc.jurisdiction.id)} (${oneLine(doc.jurisdiction.reason)})`);
  if (doc.format) parts.push(`format: ${formatLabel(doc)}`);
  return parts.join(' · ');
}

/** "must: 3 met, 1 partial, 0 missing · should: …" */
function summaryLine(requirements: readonly RequirementResult[]): string {
  if (requirements.length === 0) return 'No requirements were checked.';
  return tallyByLevel(requirements)
    .map(({ level, tally: t }) => {
      const na = t.notApplicable > 0 ? `, ${t.notApplicable} n/a` : '';
      return `${level}: ${t.met} met, ${t.partial} partial, ${t.missing} missing${na}`;
    })
    .join(' · ');
}

function statusMark(status: Status, c: ChalkInstance): string {
  switch (status) {
    case 'missing':
      return c.red('✗ MISSING');
    case 'partial':
      return c.yellow('◐ PARTIAL');
    case 'met':
      return c.green('✓ met');
    case 'not-applicable':
      return c.dim('– n/a');
  }
}

function titleLine(r: RequirementResult, c: ChalkInstance): string {
  return `${statusMark(r.status, c)}  ${c.bold(oneLine(r.id))}  ${oneLine(r.title)} ${c.dim(`[${r.level}]`)}`;
}

function gapLines(r: RequirementResult, c: ChalkInstance): string[] {
  const waived = r.waived ? ` ${c.cyan(`(waived: ${oneLine(r.waived.reason)}${r.waived.expires ? `, until ${r.waived.expires}` : ''})`)}` : '';
  const lines = [`  ${titleLine(r, c)}${waived}`];
  // A few quotes are enough to check the judgement; the full list is in the JSON report.
  for (const e of r.evidence.slice(0, MAX_QUOTES)) lines.push(`${INDENT}Found: ${quoteText(e, { styleWhere: c.dim })}`);
  if (r.evidence.length > MAX_QUOTES) lines.push(`${INDENT}${c.dim(`(+${r.evidence.length - MAX_QUOTES} more passages)`)}`);
  // The reason already names what is lacking (r.missing), so it is not repeated.
  if (r.reason) lines.push(`${INDENT}Judgement: ${oneLine(r.reason)}`);
  if (r.nearest) lines.push(`${INDENT}Closest passage: ${quoteText(r.nearest, { styleWhere: c.dim })}`);
  if (r.why) lines.push(`${INDENT}Why it matters: ${oneLine(r.why)}`);
  if (r.advice) lines.push(`${INDENT}${c.bold('What to do:')} ${oneLine(r.advice)}`);
  if (r.modelWording) lines.push(`${INDENT}Model wording: "${oneLine(r.modelWording)}"`);
  return lines;
}

/** One line for a met or not-applicable requirement, with where the evidence is. */
function compactLine(r: RequirementResult, c: ChalkInstance): string {
  const first = r.evidence[0];
  const where = first ? formatLocation(first.location) : '';
  return `${titleLine(r, c)}${where ? c.dim(` (${where})`) : ''}`;
}
