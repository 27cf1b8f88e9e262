import { LEVELS, type AuditReport, type DocumentReport, type Finding } from '../types.js';
import { csvCell } from './csv.js';
import type { RenderOptions } from './index.js';
import { notAssessedReason, oneLine, rag, triage } from './shared.js';
import { tally } from '../util/tally.js';

/** The columns, one row per document: what an inspector's tracker needs without the detail. */
export const SUMMARY_CSV_HEADER: readonly string[] = [
  'path',
  'organisation',
  'status',
  'reason',
  'profile',
  'jurisdiction',
  'score',
  'rag',
  ...LEVELS.flatMap((level) => [`${level}_met`, `${level}_partial`, `${level}_missing`]),
  'not_applicable',
  'must_gaps',
  'review_due',
  'findings',
];

/** One CSV record (CRLF-terminated, formula-safe): the header. */
export function summaryCsvHeaderLine(): string {
  return record(SUMMARY_CSV_HEADER);
}

/**
 * One CSV record (CRLF-terminated, formula-safe) for one document, so a writer can stream the
 * report a document at a time: the header line once, then this for each document as it finishes.
 * Counts, score and RAG are left empty for a document that was not assessed.
 */
export function summaryCsvRow(doc: DocumentReport): string {
  return record(summaryCsvCells(doc));
}

export function summaryCsvCells(doc: DocumentReport): Array<string | number> {
  const assessed = doc.status === 'audited';
  const byLevel = LEVELS.flatMap((level): Array<string | number> => {
    if (!assessed) return ['', '', ''];
    const t = tally(doc.requirements.filter((r) => r.level === level));
    return [t.met, t.partial, t.missing];
  });
  const score = triage(doc.requirements);
  return [
    doc.path,
    doc.organisation ?? '',
    doc.status,
    assessed ? '' : notAssessedReason(doc),
    doc.profile ?? '',
    doc.jurisdiction?.id ?? '',
    assessed ? (score.score ?? '') : '',
    assessed ? rag(doc.requirements) : '',
    ...byLevel,
    assessed ? tally(doc.requirements).notApplicable : '',
    assessed ? score.mustGaps : '',
    reviewDue(doc.findings),
    findingCounts(doc.findings),
  ];
}

/** The whole report: header, then one row per document in input order. */
export function renderSummaryCsv(report: AuditReport, _options: RenderOptions): string {
  return summaryCsvHeaderLine() + report.documents.map(summaryCsvRow).join('');
}

// RFC 4180 ends every record, including the last, with CRLF, as the csv report does.
function record(cells: ReadonlyArray<string | number>): string {
  return `${cells.map((c) => csvCell(typeof c === 'string' ? oneLine(c) : c)).join(',')}\r\n`;
}

/** "overdue: due 2024-09-01" from the review-overdue finding; empty when the review is not overdue. */
function reviewDue(findings: readonly Finding[]): string {
  const overdue = findings.find((f) => f.id === 'review-overdue');
  if (!overdue) return '';
  // The finding's data, never its wording: the message is for people and may be reworded.
  if (overdue.data?.due) return `overdue: due ${overdue.data.due}`;
  return overdue.data?.approved ? `overdue: last approved ${overdue.data.approved}` : 'overdue';
}

/** "outdated-term ×2; review-overdue": each finding kind with how many times it was found. */
function findingCounts(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
  return [...counts].map(([id, n]) => (n > 1 ? `${id} ×${n}` : id)).join('; ');
}
