import { auditDocument } from './audit/audit.js';
import type { PreparedCatalogue } from './audit/prepared.js';
import { InputError } from './errors.js';
import { readPolicy, type IngestOptions } from './ingest/index.js';
import type { DocumentReport, JurisdictionId } from './types.js';

export interface FileAuditOptions {
  profile?: string;
  asOf: Date;
  jurisdiction?: JurisdictionId;
  graceMonths?: number;
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

export function failedReport(path: string, err: unknown): DocumentReport {
  const known = err instanceof InputError;
  const report: DocumentReport = {
    path,
    status: known ? err.kind : 'error',
    error: known ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`,
    summary: { met: 0, partial: 0, missing: 0, notApplicable: 0 },
    requirements: [],
    findings: [],
  };
  if (!known && process.env.SG_AUDIT_DEBUG) report.notes = [String((err as Error)?.stack ?? err)];
  return report;
}
