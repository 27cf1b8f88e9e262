// A worker thread of the batch pool: audits one file per task with the run's own catalogue.
import { Tinypool } from 'tinypool';
import { auditFile } from './audit-file.js';
import { prepareCatalogue, type PreparedCatalogue } from './audit/prepared.js';
import type { Catalogue } from './catalogue/model.js';
import type { IngestOptions } from './ingest/index.js';
import { seedCompiledPatterns } from './nlp/patterns.js';
import type { DocumentReport, JurisdictionId } from './types.js';

/** Given to every worker once: the catalogue the run was started with, and its compiled phrases. */
export interface WorkerSetup {
  catalogue: Catalogue;
  patterns: [string, string][];
}

export interface WorkerTask {
  path: string;
  profile?: string;
  asOf: string;
  jurisdiction?: JurisdictionId;
  graceMonths?: number;
  ingest?: IngestOptions;
}

let prepared: PreparedCatalogue | undefined;

function catalogue(): PreparedCatalogue {
  if (!prepared) {
    // The caller's catalogue, not one loaded again here: a library caller's may exist only in memory.
    const setup = Tinypool.workerData as WorkerSetup;
    seedCompiledPatterns(setup.patterns);
    prepared = prepareCatalogue(setup.catalogue);
  }
  return prepared;
}

export default async function auditTask(task: WorkerTask): Promise<DocumentReport> {
  return auditFile(task.path, catalogue(), {
    asOf: new Date(task.asOf),
    ...(task.profile ? { profile: task.profile } : {}),
    ...(task.jurisdiction ? { jurisdiction: task.jurisdiction } : {}),
    ...(task.graceMonths !== undefined ? { graceMonths: task.graceMonths } : {}),
    ...(task.ingest ? { ingest: task.ingest } : {}),
  });
}
