import { statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileAuditOptions } from './audit-file.js';
import { toPlain, type PreparedCatalogue } from '../audit/prepared.js';
import { InputError } from '../util/errors.js';
import { failedReport } from './failed-report.js';
import type { IngestOptions } from '../ingest/index.js';
import { capJobs, takePool } from './warm.js';
import { summariseAcross } from '../report/summary.js';
import type { AuditReport, DocumentReport } from '../types.js';
import { toolVersion } from './version.js';
import type { SharedSetup, WorkerTask } from './worker.js';
import { prepareWaivers, type RunWaivers } from '../gate/waivers.js';
import type { Config } from '../gate/config.js';

/** The catalogue as every report names it: name, version and the day its sources were last checked. */
export function catalogueHeader(catalogue: PreparedCatalogue['catalogue']): AuditReport['catalogue'] {
  return { name: catalogue.name, version: catalogue.version, ...(catalogue.sourcesChecked ? { sourcesChecked: catalogue.sourcesChecked } : {}) };
}

/** The header every report of a run starts with: tool, catalogue, as-of day and the configuration in use. */
export function reportHeader(catalogue: PreparedCatalogue['catalogue'], asOf: Date, config?: string): Pick<AuditReport, 'tool' | 'catalogue' | 'asOf' | 'config'> {
  return { tool: { name: 'sg-audit', version: toolVersion() }, catalogue: catalogueHeader(catalogue), asOf: asOf.toISOString().slice(0, 10), ...(config ? { config } : {}) };
}

export interface RunOptions extends FileAuditOptions {
  /**
   * A configuration (from loadConfig): its waivers, and the `sg-audit-disable` directives of the
   * Markdown policies, mark gaps as waived, as the CLI does. Ignored when `waivers` is given.
   */
  config?: Config;
  /** Waivers already prepared (prepareWaivers), so the caller can read the expired and unused ones. */
  waivers?: RunWaivers;
  /** How reports name the configuration (the header's `config`); default none. */
  configName?: string;
  /** Internal errors keep their stack trace in the document's notes. */
  debug?: boolean;
  /** Parallel workers (default: the machine's cores; at most MAX_JOBS_PER_CORE per core). */
  jobs?: number;
  /** Per-document time budget in milliseconds: the worker auditing it is stopped. */
  timeoutMs?: number;
  /** Called with each document's report as soon as it is ready (progress, JSON lines); a promise holds that worker back until it settles (backpressure). */
  onDocument?: (report: DocumentReport, index: number) => void | Promise<void>;
  /**
   * Keep every document in the returned report (default true). A caller that takes the
   * documents from onDocument sets false, so memory stays flat however many files there are;
   * the report then has no documents and no summary.
   */
  keepDocuments?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export { MAX_JOBS_PER_CORE, maxJobs, releaseWorkers, warmUpWorkers } from './warm.js';

/**
 * Audits files in worker threads and gathers one report, in input order. Every file, even a
 * single Markdown one with one job, is audited in a worker, where --timeout and the heap limit
 * can stop it in the middle of synchronous work: a file over budget is reported and the run goes on.
 */
export async function auditFiles(paths: string[], prepared: PreparedCatalogue, options: RunOptions): Promise<AuditReport> {
  const jobs = Math.min(capJobs(options.jobs ?? availableParallelism()), Math.max(1, paths.length));
  const keep = options.keepDocuments !== false;
  const documents: DocumentReport[] = keep ? new Array(paths.length) : [];
  const waivers = options.waivers ?? (options.config ? await prepareWaivers(paths, new Set(prepared.catalogue.requirements.map((r) => r.id)), options.asOf, { config: options.config }) : undefined);
  await inWorkers(paths, jobs, prepared, options, async (report, i) => {
    waivers?.apply(report);
    if (keep) documents[i] = report;
    await options.onDocument?.(report, i);
  });
  const { config, ...header } = reportHeader(prepared.catalogue, options.asOf, options.configName);
  return { ...header, ...(documents.length > 1 ? { summary: summariseAcross(documents) } : {}), documents, ...(config ? { config } : {}) };
}

let setupIds = 0;

/**
 * The run's catalogue for its workers: the bundled one is loaded by each worker from the build's
 * cache as it starts; any other goes as its plain form, in JSON in shared memory, so the tasks
 * carry it without a copy each and each worker decodes it once.
 */
function sharedSetup(prepared: PreparedCatalogue): SharedSetup {
  if (prepared.bundled) return { id: 0, json: new SharedArrayBuffer(0), bundled: true };
  const bytes = new TextEncoder().encode(JSON.stringify(toPlain(prepared)));
  const json = new SharedArrayBuffer(bytes.length);
  new Uint8Array(json).set(bytes);
  return { id: ++setupIds, json };
}

async function inWorkers(paths: string[], jobs: number, prepared: PreparedCatalogue, options: RunOptions, done: (report: DocumentReport, index: number) => void | Promise<void>): Promise<void> {
  const pool = await takePool(jobs);
  const setup = sharedSetup(prepared);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // OCR's files and children live in a folder this thread owns, cleared after each document.
  const scratch = options.ingest?.ocr ? await mkdtemp(join(tmpdir(), 'sg-audit-run-')) : undefined;
  const one = async (path: string, i: number): Promise<void> => {
    const tempDir = scratch ? join(scratch, `doc-${i}`) : undefined;
    if (tempDir) await mkdir(tempDir, { mode: 0o700 });
    const task: WorkerTask = {
      path,
      asOf: options.asOf.toISOString(),
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
      ...(options.graceMonths !== undefined ? { graceMonths: options.graceMonths } : {}),
      ingest: { ...withDeadline(options.ingest, timeoutMs, jobs), ...(tempDir ? { tempDir } : {}) },
      setup,
    };
    const signal = AbortSignal.timeout(timeoutMs);
    let report: DocumentReport;
    try {
      report = (await pool.run(task, { signal })) as DocumentReport;
    } catch (err) {
      report = failedReport(path, signal.aborted ? timeoutError(timeoutMs) : workerError(err), options.debug);
    } finally {
      if (tempDir) await clearScratch(tempDir);
    }
    await done(report, i);
  };
  // Tasks are handed over one per free worker: a task's budget then starts when a worker takes it,
  // not while it waits in the pool's queue (which timed out the tail of any long batch).
  const order = largestFirst(paths);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let k = next++; k < order.length; k = next++) await one(paths[order[k]!]!, order[k]!);
  };
  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    await pool.destroy();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * After a document with OCR: a worker stopped in the middle (--timeout during a long render)
 * leaves its tesseract children running and its page images behind; both go now.
 */
async function clearScratch(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = /(?:^|[\\/])child-(\d+)\.pid$/.exec(entry)?.[1];
    if (!pid) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already ended
    }
  }
  await rm(dir, { recursive: true, force: true });
}

/**
 * Indices of the paths, biggest file first: a large PDF started last would keep one worker busy
 * while the others sit idle, so the long tasks go first and the small ones fill in at the end.
 * Reports still come out in input order.
 */
export function largestFirst(paths: string[]): number[] {
  const sizes = paths.map((path) => {
    try {
      return statSync(path).size;
    } catch {
      return 0; // unreadable: it fails fast, whenever it runs
    }
  });
  return paths.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
}

/**
 * The ingest options for one document: OCR keeps to a deadline just inside the document's budget,
 * so its child processes are stopped and its temporary files removed before the budget runs out
 * (a stopped worker thread would leave both behind), and shares the cores with the other workers.
 */
function withDeadline(ingest: IngestOptions | undefined, timeoutMs: number, jobs: number): IngestOptions {
  if (!ingest?.ocr) return { ...ingest };
  const margin = Math.min(1000, timeoutMs / 10);
  return { ...ingest, deadline: Date.now() + timeoutMs - margin, ocrJobs: Math.max(1, Math.floor(availableParallelism() / jobs)) };
}

function timeoutError(ms: number): InputError {
  return new InputError(`took longer than ${Math.round(ms / 1000)} s to audit (--timeout)`);
}

/** A worker that crashed or ran out of memory: the file's problem, said in one line. */
function workerError(err: unknown): InputError {
  const message = (err as Error)?.message ?? String(err);
  if (/memory|heap/i.test(message)) return new InputError('needed too much memory to read (the worker was stopped)');
  return new InputError(`the reader crashed: ${message.split('\n')[0]}`);
}
