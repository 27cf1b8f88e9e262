// A worker thread of the batch pool: audits one file per task with the run's own catalogue.
import { auditFile } from './audit-file.js';
import { fromPlain, loadBundledCatalogueUnchecked, loadPreparedCatalogue, type PlainPreparedCatalogue, type PreparedCatalogue } from '../audit/prepared.js';
import type { IngestOptions } from '../ingest/index.js';
import { engineState } from '../ingest/engine-state.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { stallForTests } from '../util/test-stall.js';
import type { DocumentReport, JurisdictionId } from '../types.js';

/**
 * The run's catalogue: the bundled one (loaded here from the build's cache, begun as the worker
 * starts), or a prepared catalogue's plain form as JSON in shared memory, so every task carries it
 * without a copy (a worker may start before the catalogue is loaded) and each worker decodes it once.
 */
export interface SharedSetup {
  id: number;
  json: SharedArrayBuffer;
  bundled?: boolean;
}

export interface WorkerTask {
  path: string;
  profile?: string;
  asOf: string;
  jurisdiction?: JurisdictionId;
  graceMonths?: number;
  ingest?: IngestOptions;
  setup: SharedSetup;
}

let prepared: { id: number; catalogue: PreparedCatalogue } | undefined;

// Loaded with this module, before the first task (not later: tinypool's idle worker blocks in
// Atomics.wait), while the main thread is still loading: most runs use the bundled catalogue.
let bundled = loadBundledCatalogueUnchecked();

function catalogue(shared: SharedSetup): PreparedCatalogue {
  if (shared.bundled) return (bundled ??= loadPreparedCatalogue());
  if (prepared?.id !== shared.id) {
    // The caller's catalogue, not one loaded again here: a library caller's may exist only in memory.
    bundled = undefined; // and the bundled one, loaded in case, is not this run's: its memory is freed
    const plain = JSON.parse(new TextDecoder().decode(new Uint8Array(shared.json).slice())) as PlainPreparedCatalogue;
    prepared = { id: shared.id, catalogue: fromPlain(plain) };
  }
  return prepared.catalogue;
}

export default async function auditTask(task: WorkerTask): Promise<DocumentReport> {
  // Tests only: a file whose name holds SG_AUDIT_TEST_STALL spins, to show that --timeout stops any audit.
  stallForTests('SG_AUDIT_TEST_STALL', task.path);
  const report = await auditFile(task.path, catalogue(task.setup), {
    asOf: new Date(task.asOf),
    ...(task.profile ? { profile: task.profile } : {}),
    ...(task.jurisdiction ? { jurisdiction: task.jurisdiction } : {}),
    ...(task.graceMonths !== undefined ? { graceMonths: task.graceMonths } : {}),
    ...(task.ingest ? { ingest: task.ingest } : {}),
  });
  if (engineState.discarded) releaseEngineMemory();
  return report;
}

/**
 * A PDF engine that failed holds up to 2 GB outside the JavaScript heap, which the collector
 * may leave for a long while (the heap itself is small): collected now, before the next file
 * starts a fresh engine, so one worker never holds two.
 */
function releaseEngineMemory(): void {
  engineState.discarded = false;
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
