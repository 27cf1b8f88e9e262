#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (built on install by the "prepare" script).
// An audit's first worker starts before the CLI itself is loaded, so their start-ups overlap. It is
// started before the CLI bundle is loaded, not while: loading it would hold the worker back.
const args = process.argv.slice(2);
const audits = !['catalogue', 'init', 'report', 'help'].includes(args[0]) && !args.some((a) => /^(?:-h|--help|-V|--version)$/.test(a));
const pool = audits ? await import('../dist/bundle/warm.js') : undefined;
await pool?.warmUpWorkers();
const { main } = await import('../dist/bundle/cli.js');

/** Resolves once everything written to the stream has been handed to the operating system. */
function drained(stream) {
  return stream.writableLength > 0 ? new Promise((resolve) => stream.once('drain', resolve).once('error', resolve)) : Promise.resolve();
}

/** Child processes, threads and timers still running: work that exiting now would cut short. */
const STILL_WORKING = /Process|Worker|MessagePort|Timeout|Immediate/;

// A reader that stops early (`sg-audit --format jsonl … | head`) is no error of the audit's: the
// rest is dropped and the run still ends with its own exit status. Any other failed write (a full
// disk) loses the report: one line, exit 2.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') return;
  process.stderr.write(`sg-audit: cannot write the report to standard output (${err.code ?? err.message})\n`);
  process.exit(2);
});

main(args, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  async (code) => {
    process.exitCode = code;
    await pool?.releaseWorkers(); // a run that ended before auditing (a usage error)
    await Promise.all([drained(process.stdout), drained(process.stderr)]);
    // Left to itself, Node waits for V8 to finish an idle-time garbage collection before exiting:
    // tens of milliseconds on every run. Exit now, unless some work is still going on.
    if (!process.getActiveResourcesInfo().some((type) => STILL_WORKING.test(type))) process.exit(code);
  },
  (err) => {
    process.stderr.write(`sg-audit: ${err?.message ?? err}\n`);
    process.exitCode = 2;
  },
);
