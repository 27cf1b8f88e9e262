import type { AuditReport, DocumentReport, RequirementResult } from '../types.js';
import type { RenderOptions } from './index.js';
import { formatLocation } from './location.js';
import { oneLine } from './shared.js';
import { sanitiseReport } from './sanitise.js';
import { renderStreamed, type StreamedFormat } from './stream.js';

const HEADER = ['path', 'profile', 'id', 'title', 'level', 'status', 'confidence', 'evidence', 'location'];

/**
 * A spreadsheet cannot run a cell as a formula if it starts with an apostrophe (OWASP CSV
 * injection); then RFC 4180 quoting for cells holding a comma, quote or line break.
 */
export function csvCell(value: string | number): string {
  let cell = String(value);
  if (/^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One row per document × requirement, for spreadsheets and trackers. */
export const csvStream: StreamedFormat = {
  head: () => csvRow(HEADER),
  document: (doc) => {
    const safe = sanitiseReport(doc);
    return safe.status !== 'audited' ? csvRow(failedRow(safe)) : safe.requirements.map((r) => csvRow(requirementRow(safe, r))).join('');
  },
  tail: () => '',
};

export function renderCsv(report: AuditReport, _options: RenderOptions): string {
  return renderStreamed(csvStream, report);
}

/** RFC 4180 ends every record, including the last, with CRLF. */
export function csvRow(cells: ReadonlyArray<string | number>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function requirementRow(doc: DocumentReport, r: RequirementResult): Array<string | number> {
  // Several passages share a cell, one per line, with their locations in the same order.
  const evidence = r.evidence.map((e) => oneLine(e.text)).join('\n');
  const location = r.evidence.map((e) => formatLocation(e.location)).join('\n');
  return [doc.path, doc.profile ?? '', r.id, r.title, r.level, r.status, r.confidence, evidence, location];
}

function failedRow(doc: DocumentReport): Array<string | number> {
  return [doc.path, doc.profile ?? '', '', '', '', doc.status, '', oneLine(doc.error ?? ''), ''];
}
