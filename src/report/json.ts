import type { AuditReport } from '../types.js';

/** The JSON contract other tools read: extend it, never break it. */
export function renderJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
