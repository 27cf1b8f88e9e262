import { InputError } from './errors.js';
import { auditDocument } from './audit/audit.js';
import type { PreparedCatalogue } from './audit/prepared.js';
import { readPolicy, type IngestOptions } from './ingest/index.js';
import type { AuditReport, DocumentReport } from './types.js';
import { toolVersion } from './version.js';

export interface RunOptions {
  profile?: string;
  asOf: Date;
  ingest?: IngestOptions;
  /** Called with each document's report as soon as it is ready (progress, JSON lines). */
  onDocument?: (report: DocumentReport, index: number) => void;
}

/** Reads and audits one file; a file that cannot be read becomes a report saying why, not a throw. */
export async function auditFile(path: string, prepared: PreparedCatalogue, options: RunOptions): Promise<DocumentReport> {
  try {
    const doc = await readPolicy(path, options.ingest);
    return auditDocument(doc, prepared, { asOf: options.asOf, ...(options.profile ? { profile: options.profile } : {}) });
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

/** Audits files in order and gathers one report. */
export async function auditFiles(paths: string[], prepared: PreparedCatalogue, options: RunOptions): Promise<AuditReport> {
  const documents: DocumentReport[] = [];
  for (const [i, path] of paths.entries()) {
    const report = await auditFile(path, prepared, options);
    documents.push(report);
    options.onDocument?.(report, i);
  }
  return {
    tool: { name: 'sg-audit', version: toolVersion() },
    catalogue: { name: prepared.catalogue.name, version: prepared.catalogue.version },
    asOf: options.asOf.toISOString().slice(0, 10),
    documents,
  };
}
