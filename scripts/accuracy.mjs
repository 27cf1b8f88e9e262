#!/usr/bin/env node
// Scores the built CLI against the labelled real policies in ../shared/corpus (never part of npm test).
//
//   npm run accuracy                      # all labelled documents
//   npm run accuracy -- --split           # also each half (odd / even numbered documents) on its own
//   npm run accuracy -- --only 03,17,22   # just these documents (by number or file name)
//   npm run accuracy -- --verbose         # list every disagreement
//   npm run accuracy -- --reasons         # also check every reason and closest passage over the whole corpus
//   npm run accuracy -- --spec            # also score with the labels listed in spec-readings.json read as the spec reads them
//
// Generalisation check: before a change, note which documents motivated it; after, quote the figure
// for the half that did not (`--split`) in the commit message. That half measures wording nobody tuned for.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.SG_AUDIT_SHARED ?? join(root, '..', 'shared'));
const scorer = join(shared, 'tools', 'score.mjs');
const labelsDir = join(shared, 'corpus', 'labels');
if (!existsSync(scorer) || !existsSync(labelsDir)) {
  console.error(`accuracy: no labelled corpus at ${shared} (set SG_AUDIT_SHARED to the folder holding tools/ and corpus/)`);
  process.exit(2);
}
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').filter(Boolean) : undefined;
const labels = readdirSync(labelsDir).filter((f) => f.endsWith('.json'));
const number = (file) => Number.parseInt(file, 10);

const specReadings = JSON.parse(readFileSync(join(root, 'scripts', 'spec-readings.json'), 'utf8')).readings;

/**
 * Scores one subset of the label files through a folder of links, so the scorer itself stays untouched;
 * with readings, those labels are copied with the spec's reading in place of the labeller's.
 */
function score(name, files, readings = []) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-accuracy-'));
  try {
    for (const f of files) {
      const own = readings.filter((r) => r.label === f);
      if (!own.length) {
        symlinkSync(join(labelsDir, f), join(dir, f));
        continue;
      }
      const label = JSON.parse(readFileSync(join(labelsDir, f), 'utf8'));
      for (const r of own) label.requirements[r.requirement] = r.as;
      writeFileSync(join(dir, f), JSON.stringify(label));
    }
    let out;
    try {
      out = execFileSync(process.execPath, [scorer, '--cli', `${process.execPath} ${join(root, 'bin', 'sg-audit.js')}`, '--labels', dir, ...(verbose ? ['--verbose'] : [])], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (err) {
      out = String(err.stdout ?? '');
    }
    const lines = out.trim().split('\n');
    if (verbose) console.log(lines.filter((l) => l.startsWith('  ')).join('\n'));
    console.log(`${name.padEnd(22)} ${lines.slice(-2).join('  |  ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Reasons a safeguarding lead can read: no part listed as both found and lacking, and no closest
 * passage that is a bare heading, phone number or address unless the requirement is contact details.
 */
function checkReasons() {
  const docsDir = join(shared, 'corpus', 'docs');
  let out;
  try {
    out = execFileSync(process.execPath, [join(root, 'bin', 'sg-audit.js'), '--format', 'json', docsDir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    out = String(err.stdout ?? '');
  }
  const problems = [];
  let reasons = 0;
  for (const doc of JSON.parse(out).documents) {
    for (const r of doc.requirements ?? []) {
      reasons++;
      const parts = /^The policy mentions (.*?), but (?:not )?(.*)\.$/.exec(r.reason);
      if (parts) {
        const found = parts[1].split(/, | and /);
        const lacking = parts[2];
        for (const label of found)
          if (label.length > 3 && new RegExp(`(^|, | and )${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(,| and |$| only)`).test(lacking))
            problems.push(`${doc.path} ${r.id}: "${label}" both found and lacking: ${r.reason}`);
      }
      const near = r.nearest?.text;
      if (near && r.id !== 'contact-details') {
        const words = near.replace(/\S+@\S+|[+\d][\d\s()-]{5,}/g, ' ').match(/\p{L}{2,}/gu) ?? [];
        if (words.length < 6) problems.push(`${doc.path} ${r.id}: closest passage is not a passage: "${near}"`);
      }
    }
  }
  for (const p of problems) console.log(`  ${p}`);
  console.log(`reasons checked ${reasons}, problems ${problems.length}`);
  return problems.length === 0;
}

if (only) {
  const wanted = labels.filter((f) => only.some((o) => f.startsWith(o) || number(f) === Number(o)));
  score(`only ${only.join(',')}`, wanted);
} else {
  score('all', labels);
  if (args.includes('--spec')) score(`all, ${specReadings.length} spec readings`, labels, specReadings);
  if (args.includes('--split')) {
    score(
      'odd-numbered',
      labels.filter((f) => number(f) % 2 === 1),
    );
    score(
      'even-numbered',
      labels.filter((f) => number(f) % 2 === 0),
    );
  }
}
if (args.includes('--reasons') && !checkReasons()) process.exitCode = 1;
