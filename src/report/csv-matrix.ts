import type { AuditReport, Status } from '../types.js';
import { csvCell } from './csv.js';
import type { RenderOptions } from './index.js';

const CELL: Record<Status, string> = { met: 'met', partial: 'partial', missing: 'missing', 'not-applicable': 'n/a' };

/**
 * One row per document, one column per requirement id (first-seen order across the documents):
 * an inspector's grid for a spreadsheet. The status column says whether the document was
 * assessed; a cell holds the requirement's status, or the document's own status (not-assessable /
 * unreadable / error) when it was not assessed, or is empty when the requirement was not checked
 * for that document (another profile).
 */
export function renderCsvMatrix(report: AuditReport, _options: RenderOptions): string {
  const ids = new Set<string>();
  for (const doc of report.documents) for (const r of doc.requirements) ids.add(r.id);
  const columns = [...ids];
  const rows: string[][] = [['path', 'profile', 'status', ...columns]];
  for (const doc of report.documents) {
    const statuses = new Map(doc.requirements.map((r) => [r.id, CELL[r.status]]));
    const cell = (id: string) => (doc.status === 'audited' ? (statuses.get(id) ?? '') : doc.status);
    rows.push([doc.path, doc.profile ?? '', doc.status, ...columns.map(cell)]);
  }
  // RFC 4180 ends every record, including the last, with CRLF, as the csv report does.
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
