import { SCHEMA_VERSION, type AuditReport, type DocumentReport } from '../types.js';
import type { RenderOptions } from './index.js';
import { escapeUnsafeJson } from './sanitise.js';
import { renderStreamed, type ReportHeader, type StreamedFormat } from './stream.js';

/** One JSON object per document, each line standing alone: schema version, tool, catalogue, as-of date, configuration and the document. */
export function jsonLine(report: ReportHeader, document: DocumentReport): string {
  // JSON.stringify escapes line breaks inside strings, so each record is exactly one line.
  const config = report.config ? { config: report.config } : {};
  return `${escapeUnsafeJson(JSON.stringify({ schemaVersion: SCHEMA_VERSION, tool: report.tool, catalogue: report.catalogue, asOf: report.asOf, ...config, document }))}\n`;
}

export const jsonlStream: StreamedFormat = {
  head: () => '',
  document: (doc, _position, { header }) => jsonLine(header, doc),
  tail: () => '',
};

/** JSON Lines: one line per document, in report order. */
export function renderJsonl(report: AuditReport, _options: RenderOptions): string {
  return renderStreamed(jsonlStream, report);
}
