import type { AuditReport } from '../types.js';

/** The version of schema/report.schema.json that JSON and JSONL reports follow: bumped on any change. */
export const SCHEMA_VERSION = '1.0.0';

/** The JSON contract other tools read: extend it, never break it. */
export function renderJson(report: AuditReport): string {
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...report }, null, 2)}\n`;
}
