import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { auditFile, failedReport, type FileAuditOptions } from './audit-file.js';
import type { PreparedCatalogue } from './audit/prepared.js';
import { InputError } from './errors.js';
import type { IngestOptions } from './ingest/index.js';
import { compiledPatterns } from './nlp/patterns.js';
import { packagePath } from './package-path.js';
import { summariseAcross } from './summary.js';
import type { AuditReport, DocumentReport } from './types.js';
import { toolVersion } from './version.js';
import type { WorkerSetup, WorkerTask } from './worker.js';

export { auditFile, failedReport } from './audit-file.js';

/** The catalogue as every report names it: name, version and the day its sources were last checked. */
export function catalogueHeader(catalogue: PreparedCatalogue['catalogue']): AuditReport['catalogue'] {
  return { name: catalogue.name, version: catalogue.version, ...(catalogue.sourcesChecked ? { sourcesChecked: catalogue.sourcesChecked } : {}) };
}

export interface RunOptions extends FileAuditOptions {
  /** Parallel workers (default: the machine's cores). */
  jobs?: number;
  /** Per-document time budget in milliseconds (parallel runs: the worker is stopped). */
  timeoutMs?: number;
  /** Called with each document's report as soon as it is ready (progress, JSON lines). */
  onDocument?: (report: DocumentReport, index: number) => void;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
/** A worker that needs more heap than this is stopped: that file's error, not the run's. */
const WORKER_HEAP_MB = 1024;

/** Audits files (in parallel when there are several) and gathers one report, in input order. */
export async function auditFiles(paths: string[], prepared: PreparedCatalogue, options: RunOptions): Promise<AuditReport> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), paths.length));
  const documents = jobs === 1 && paths.every(fitsThisThread) ? await inThisThread(paths, prepared, options) : await inWorkers(paths, jobs, prepared, options);
  return {
    tool: { name: 'sg-audit', version: toolVersion() },
    catalogue: catalogueHeader(prepared.catalogue),
    asOf: options.asOf.toISOString().slice(0, 10),
    ...(documents.length > 1 ? { summary: summariseAcross(documents) } : {}),
    documents,
  };
}

/** Bigger plain text goes to a worker, whose heap limit and --timeout bound a hostile file. */
const THIS_THREAD_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Markdown and text of ordinary size are read in this thread when one worker would do: their
 * reader is linear and guarded, and a worker would add a second start-up to the quickest audits.
 * PDF and DOCX readers always run in a worker, which --timeout can stop even in the middle of
 * synchronous work.
 */
function fitsThisThread(path: string): boolean {
  if (!/\.(?:md|markdown|txt)$/i.test(path)) return false;
  try {
    return statSync(path).size <= THIS_THREAD_MAX_BYTES;
  } catch {
    return true; // missing or unreadable: reported at once, wherever it is read
  }
}

async function inThisThread(paths: string[], prepared: PreparedCatalogue, options: RunOptions): Promise<DocumentReport[]> {
  const documents: DocumentReport[] = [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  for (const [i, path] of paths.entries()) {
    // Here a synchronous hang cannot be interrupted, so only the plain-text readers run here.
    const file = { ...options, ingest: withDeadline(options.ingest, timeoutMs, 1) };
    const report = await withTimeout(auditFile(path, prepared, file), timeoutMs).catch((err: unknown) => failedReport(path, err));
    documents.push(report);
    options.onDocument?.(report, i);
  }
  return documents;
}

async function inWorkers(paths: string[], jobs: number, prepared: PreparedCatalogue, options: RunOptions): Promise<DocumentReport[]> {
  // Loaded only when workers are used, so a single Markdown audit does not pay for it.
  const { Tinypool } = await import('tinypool');
  const setup: WorkerSetup = { catalogue: prepared.catalogue, patterns: compiledPatterns() };
  const pool = new Tinypool({
    filename: packagePath('dist', 'bundle', 'worker.js'),
    maxThreads: jobs,
    minThreads: jobs,
    workerData: setup,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const documents: DocumentReport[] = new Array(paths.length);
  const one = async (path: string, i: number): Promise<void> => {
    const task: WorkerTask = {
      path,
      asOf: options.asOf.toISOString(),
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
      ...(options.graceMonths !== undefined ? { graceMonths: options.graceMonths } : {}),
      ingest: withDeadline(options.ingest, timeoutMs, jobs),
    };
    const signal = AbortSignal.timeout(timeoutMs);
    let report: DocumentReport;
    try {
      report = (await pool.run(task, { signal })) as DocumentReport;
    } catch (err) {
      report = failedReport(path, signal.aborted ? timeoutError(timeoutMs) : workerError(err));
    }
    documents[i] = report;
    options.onDocument?.(report, i);
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
  }
  return documents;
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

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
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
