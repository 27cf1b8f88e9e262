import { auditDocument, type AuditOptions } from '../audit/audit.js';
import type { PreparedCatalogue } from '../audit/prepared.js';
import { failedReport } from './failed-report.js';
import { readPolicy, type IngestOptions } from '../ingest/index.js';
import type { DocumentReport } from '../types.js';

/** The audit's options, and how to read the file. */
export interface FileAuditOptions extends AuditOptions {
  ingest?: IngestOptions;
}

/** Reads and audits one file; a file that cannot be read becomes a report saying why, not a throw. */
export async function auditFile(path: string, prepared: PreparedCatalogue, options: FileAuditOptions): Promise<DocumentReport> {
  try {
    const doc = await readPolicy(path, options.ingest);
    return auditDocument(doc, prepared, {
      asOf: options.asOf,
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
      ...(options.graceMonths !== undefined ? { graceMonths: options.graceMonths } : {}),
    });
  } catch (err) {
    return failedReport(path, err);
  }
}
