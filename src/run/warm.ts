// The batch's worker pool, kept apart from the rest of the run so the CLI's entry point can start
// it before it even loads the CLI: a worker's start-up (its own copy of the readers) then overlaps
// the main thread's, which is most of the time one Markdown file takes.
import { availableParallelism } from 'node:os';
import { packagePath } from '../util/package-path.js';

type Pool = import('tinypool').Tinypool;

/** A worker that needs more heap than this is stopped: that file's error, not the run's. */
const WORKER_HEAP_MB = 1024;
/** More workers than this per core only add memory (each holds a parser and up to 1 GB of heap). */
export const MAX_JOBS_PER_CORE = 2;

/** The most workers a run starts: a multiple of the cores, since each may use a GB of memory. */
export function maxJobs(): number {
  return Math.max(1, availableParallelism() * MAX_JOBS_PER_CORE);
}

export function capJobs(jobs: number): number {
  return Math.max(1, Math.min(Math.floor(jobs), maxJobs()));
}

let warm: Promise<Pool> | undefined;

/**
 * Starts the first worker now. The pool may grow to `jobs` threads (default the most allowed):
 * a run never has more tasks in flight than its own --jobs, so no more threads start than that.
 * The next auditFiles uses this pool; releaseWorkers stops it if none does. Resolves once the
 * worker's thread is started (a failure to start it is the run's to report, when it takes the pool).
 */
export function warmUpWorkers(jobs?: number): Promise<void> {
  warm ??= startPool(capJobs(jobs ?? maxJobs()));
  return warm.then(
    () => undefined,
    () => undefined,
  );
}

/** Stops workers started by warmUpWorkers and not used (a run that ended early). */
export async function releaseWorkers(): Promise<void> {
  const pool = warm;
  warm = undefined;
  if (pool) await (await pool).destroy();
}

/** The warm pool if there is one (the caller now owns it), else a new one. */
export function takePool(jobs: number): Promise<Pool> {
  const pool = warm ?? startPool(jobs);
  warm = undefined;
  return pool;
}

async function startPool(jobs: number): Promise<Pool> {
  // Loaded only when needed, and the workers load the readers: the main thread never does.
  const { Tinypool } = await import('tinypool');
  return new Tinypool({
    filename: packagePath('dist', 'bundle', 'worker.js'),
    // One at once (the only one a single file needs), the others as tasks arrive.
    minThreads: 1,
    maxThreads: jobs,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
}
