#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (built on install by the "prepare" script).
import { main } from '../dist/bundle/cli.js';

/** Resolves once everything written to the stream has been handed to the operating system. */
function drained(stream) {
  return stream.writableLength > 0 ? new Promise((resolve) => stream.once('drain', resolve).once('error', resolve)) : Promise.resolve();
}

/** Child processes, threads and timers still running: work that exiting now would cut short. */
const STILL_WORKING = /Process|Worker|MessagePort|Timeout|Immediate/;

// A reader that stops early (`sg-audit --format jsonl … | head`) is no error of the audit's.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  async (code) => {
    process.exitCode = code;
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
