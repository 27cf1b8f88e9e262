// A worker thread of the batch pool: audits one file per task, loading the catalogue once.
import { auditFile } from './audit-file.js';
import { prepareCatalogue, type PreparedCatalogue } from './audit/prepared.js';
import { loadCatalogue } from './catalogue/load.js';
import type { IngestOptions } from './ingest/index.js';
import type { DocumentReport } from './types.js';

export interface WorkerTask {
  path: string;
  catalogue?: string;
  profile?: string;
  asOf: string;
  ingest?: IngestOptions;
}

const catalogues = new Map<string, PreparedCatalogue>();

export default async function auditTask(task: WorkerTask): Promise<DocumentReport> {
  const key = task.catalogue ?? '';
  let prepared = catalogues.get(key);
  if (!prepared) {
    prepared = prepareCatalogue(loadCatalogue(task.catalogue));
    catalogues.set(key, prepared);
  }
  return auditFile(task.path, prepared, {
    asOf: new Date(task.asOf),
    ...(task.profile ? { profile: task.profile } : {}),
    ...(task.ingest ? { ingest: task.ingest } : {}),
  });
}
