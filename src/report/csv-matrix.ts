import type { AuditReport, Status } from '../types.js';
import { csvRow } from './csv.js';
import { sanitiseReport, sanitiseText } from './sanitise.js';
import { renderStreamed, type StreamedFormat } from './stream.js';
import type { RenderOptions } from './index.js';

const CELL: Record<Status, string> = { met: 'met', partial: 'partial', missing: 'missing', 'not-applicable': 'n/a' };

/**
 * One row per document, one column per requirement id (first-seen order across the documents):
 * an inspector's grid for a spreadsheet. The status column says whether the document was
 * assessed; a cell holds the requirement's status, or the document's own status (not-assessable /
 * unreadable / error) when it was not assessed, or is empty when the requirement was not checked
 * for that document (another profile).
 */
export const csvMatrixStream: StreamedFormat = {
  head: ({ columns }) => csvRow(['path', 'profile', 'status', ...columns.map(sanitiseText)]),
  document: (unsafe, _position, { columns }) => {
    const doc = sanitiseReport(unsafe);
    const statuses = new Map(doc.requirements.map((r) => [r.id, CELL[r.status]]));
    const cell = (id: string) => (doc.status === 'audited' ? (statuses.get(id) ?? '') : doc.status);
    return csvRow([doc.path, doc.profile ?? '', doc.status, ...columns.map(cell)]);
  },
  tail: () => '',
};

export function renderCsvMatrix(report: AuditReport, _options: RenderOptions): string {
  return renderStreamed(csvMatrixStream, report);
}
