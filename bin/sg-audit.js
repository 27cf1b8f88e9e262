#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (built on install by the "prepare" script).
import { main } from '../dist/bundle/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`sg-audit: ${err?.message ?? err}\n`);
    process.exitCode = 2;
  },
);
