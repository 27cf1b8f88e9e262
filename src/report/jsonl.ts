import type { AuditReport, DocumentReport } from '../types.js';
import type { RenderOptions } from './index.js';
import { SCHEMA_VERSION } from './json.js';

/** One JSON object per document, each line standing alone: tool, catalogue, as-of date and the document. */
export function jsonLine(report: Pick<AuditReport, 'tool' | 'catalogue' | 'asOf' | 'config'>, document: DocumentReport): string {
  // JSON.stringify escapes line breaks inside strings, so each record is exactly one line.
  const config = report.config ? { config: report.config } : {};
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, tool: report.tool, catalogue: report.catalogue, asOf: report.asOf, ...config, document })}\n`;
}

/** JSON Lines: one line per document, in report order (streamed as documents finish, later). */
export function renderJsonl(report: AuditReport, _options: RenderOptions): string {
  return report.documents.map((doc) => jsonLine(report, doc)).join('');
}
