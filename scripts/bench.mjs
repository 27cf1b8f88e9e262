// Benchmarks the built CLI (dist/) against plain text extraction (pdftotext for PDF, pandoc for
// DOCX and Markdown) on N varied policies per format generated from the samples, a 100-page PDF
// and, with --corpus DIR, a real folder; prints PASS/FAIL for the three issue-6 targets.
// Usage: npm run bench -- [--n 30] [--corpus DIR] [--repeat 3] [--keep] [--scale 20000] [--startup]
// --scale N (opt-in: it takes about N / 14 seconds on 2 cores) adds the national-scale case: N
// policies (the generated ones, copied round-robin: a mix of formats and sizes) through one run
// with --format jsonl and one with --format json -o, for peak RSS and throughput.
// Nothing outside this repository is read unless --corpus is given.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { docxBytes, parseMarkdown, pdfBytes } from './sample-writers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'sg-audit.js');
const SOURCES = ['harbour-juniors-fc.md', 'little-acorns-nursery.md', 'oakfield-academy.md'].map((f) => join(ROOT, 'samples', 'src', f));
const SINGLE = join(ROOT, 'samples', 'harbour-juniors-fc.md');
const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const N = Number(flag('--n') ?? 30);
const REPEAT = Number(flag('--repeat') ?? 3);
const CORPUS = flag('--corpus') && resolve(flag('--corpus'));
const wholeNumber = (x, name) => {
  if (!Number.isInteger(x) || x < 1) throw new Error(`${name}: "${flag(name)}" is not a positive whole number`);
};
wholeNumber(N, '--n');
wholeNumber(REPEAT, '--repeat');
const SCALE = flag('--scale') === undefined ? undefined : Number(flag('--scale'));
if (SCALE !== undefined) wholeNumber(SCALE, '--scale');
if (CORPUS && !existsSync(CORPUS)) throw new Error(`--corpus: ${CORPUS} does not exist`);
if (!existsSync(join(ROOT, 'dist', 'bundle', 'cli.js'))) throw new Error('dist/ is missing: run npm run build first');
const CORES = availableParallelism();
const FORMATS = ['md', 'docx', 'pdf'];

// Everything the bench writes, the CLI's own temporary files included (TMPDIR points inside), is
// under one folder, removed on exit, on an error and on Ctrl-C.
const tmp = mkdtempSync(join(tmpdir(), 'sg-bench-'));
const cliTmp = join(tmp, 'cli-tmp');
mkdirSync(cliTmp);
const keep = args.includes('--keep');
const cleanUp = () => keep || rmSync(tmp, { recursive: true, force: true });
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

// --startup: target (b) alone (one Markdown policy, process start to exit, as the full bench runs it),
// 11 runs after one that warms the disk cache: quick to repeat while working on start-up.
if (args.includes('--startup')) {
  const loadBefore = loadavg()[0];
  const once = () => {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, [BIN, SINGLE], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, TMPDIR: cliTmp } });
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  once();
  const walls = Array.from({ length: 11 }, once).sort((a, b) => a - b);
  const median = walls[5];
  console.log(
    `single Markdown (${basename(SINGLE)}, text report), process start to exit: median ${median.toFixed(3)} s of 11 (fastest ${walls[0].toFixed(3)}, slowest ${walls[10].toFixed(3)}); load ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after, ${CORES} cores`,
  );
  console.log(`  ${median < 0.4 ? 'PASS' : 'FAIL'}  (b) single Markdown < 0.4 s`);
  process.exit(median < 0.4 ? 0 : 1);
}

// ---------- Inputs: N varied policies per format, from the three sample sources in turn.
let seed = 20240901; // mulberry32: the same --n gives the same files.
const random = () => {
  let t = (seed = (seed + 0x6d2b79f5) | 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const shuffle = (list) =>
  list
    .map((x) => [random(), x])
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x);

/** Front matter and title kept; "## " sections shuffled, some duplicated, now and then one dropped. */
function varyMarkdown(source) {
  const [head, ...sections] = source.split(/^(?=## )/m);
  const body = shuffle(sections);
  for (let k = Math.floor(random() * 3); k > 0; k--) body.push(body[Math.floor(random() * body.length)]);
  if (random() < 0.3) body.splice(Math.floor(random() * body.length), 1);
  return head + shuffle(body).join('').replace(/\n*$/, '\n');
}

const sources = SOURCES.map((f) => readFileSync(f, 'utf8'));
const dirs = Object.fromEntries(FORMATS.map((f) => [f, join(tmp, f)]));
for (const [k, format] of FORMATS.entries()) {
  mkdirSync(dirs[format]);
  for (let i = 0; i < N; i++) {
    const text = varyMarkdown(sources[(i + k) % sources.length]);
    const file = join(dirs[format], `policy-${String(i + 1).padStart(3, '0')}.${format}`);
    if (format === 'md') writeFileSync(file, text);
    else writeFileSync(file, format === 'docx' ? await docxBytes(parseMarkdown(text)) : await pdfBytes(parseMarkdown(text)));
  }
}

const pageCount = (pdf) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

/** The Oakfield policy (12 pages), its sections repeated and cut so the PDF has exactly `pages` pages. */
async function longPdf(pages) {
  const { meta, blocks } = parseMarkdown(sources[2]);
  const body = blocks.slice(1);
  const make = (count) => pdfBytes({ meta, blocks: [blocks[0], ...Array.from({ length: count }, (_, i) => body[i % body.length])] });
  let [lo, hi] = [1, body.length * Math.ceil((pages * 2) / 12)];
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (pageCount(await make(mid)) < pages) lo = mid + 1;
    else hi = mid;
  }
  return make(lo);
}
const bigPdf = join(tmp, 'big', 'oakfield-100-pages.pdf');
mkdirSync(dirname(bigPdf));
writeFileSync(bigPdf, await longPdf(100));
const bigPages = pageCount(readFileSync(bigPdf));

// ---------- Measuring.
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const s = (x) => `${x.toFixed(2)} s`;
const ms = (x) => `${Math.round(x * 1000)} ms`;
const median = (xs) => percentile(xs, 50);
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

// Peak RSS: GNU time reports the child's ru_maxrss; sg-audit's worker threads live inside that
// one process, so it covers them (it starts no child processes unless --ocr is given). Without
// GNU time, a preloaded hook prints the same figure from process.resourceUsage() at exit.
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;
const RSS_HOOK = `data:text/javascript,${encodeURIComponent("process.on('exit',()=>process.stderr.write('\\nSG_BENCH_MAXRSS_KB '+process.resourceUsage().maxRSS+'\\n'))")}`;
const RSS_HOW = GNU_TIME ? 'GNU time -v: max RSS of the process, worker threads included' : 'process.resourceUsage().maxRSS at exit, worker threads included';

/** Runs the CLI once: wall time (process start to exit), peak RSS, exit status, stdout. */
function cli(argv) {
  const command = GNU_TIME ? ['/usr/bin/time', '-v', process.execPath, BIN, ...argv] : [process.execPath, `--import=${RSS_HOOK}`, BIN, ...argv];
  const start = process.hrtime.bigint();
  const run = spawnSync(command[0], command.slice(1), { cwd: ROOT, maxBuffer: 2 ** 30, encoding: 'utf8', env: { ...process.env, TMPDIR: cliTmp } });
  const wall = seconds(start);
  const kb = GNU_TIME ? /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] : /SG_BENCH_MAXRSS_KB (\d+)/.exec(run.stderr)?.[1];
  // CPU time (GNU time only): how much of the cores the run kept busy, its threads' and V8's own included.
  const cpu = GNU_TIME ? ['User', 'System'].reduce((sum, kind) => sum + Number(new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(run.stderr)?.[1] ?? NaN), 0) : NaN;
  return { wall, cpu, rssMb: Number(kb) / 1024, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the CLI with its standard output going to a file (a big batch's report stays out of memory). */
function cliTo(argv, outFile) {
  const out = openSync(outFile, 'w');
  try {
    const command = GNU_TIME ? ['/usr/bin/time', '-v', process.execPath, BIN, ...argv] : [process.execPath, `--import=${RSS_HOOK}`, BIN, ...argv];
    const start = process.hrtime.bigint();
    const run = spawnSync(command[0], command.slice(1), { cwd: ROOT, stdio: ['ignore', out, 'pipe'], encoding: 'utf8', maxBuffer: 2 ** 28, env: { ...process.env, TMPDIR: cliTmp } });
    const wall = seconds(start);
    const kb = GNU_TIME ? /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] : /SG_BENCH_MAXRSS_KB (\d+)/.exec(run.stderr)?.[1];
    return { wall, rssMb: Number(kb) / 1024, status: run.status, stderr: run.stderr };
  } finally {
    closeSync(out);
  }
}

/** Lines in a file, counted a chunk at a time. */
function countLines(file) {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let lines = 0;
  for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) for (let i = 0; i < n; i++) if (buffer[i] === 10) lines++;
  closeSync(fd);
  return lines;
}

/** A JSON-report run: also how many documents it audited. */
function auditRun(argv) {
  const run = cli(argv);
  try {
    const docs = JSON.parse(run.stdout).documents;
    return { ...run, total: docs.length, audited: docs.filter((d) => d.status === 'audited').length };
  } catch {
    throw new Error(`sg-audit ${argv.join(' ')} exited ${run.status} without a JSON report: ${run.stderr.trim().split('\n')[0]}`);
  }
}

const which = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const tools = {
  pdftotext: which('pdftotext') && (spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? 'pdftotext'),
  pandoc: which('pandoc') && (spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? 'pandoc'),
};
const EXTRACT = {
  '.pdf': ['pdftotext', (f) => [f, '-']],
  '.docx': ['pandoc', (f) => ['-f', 'docx', '-t', 'plain', f]],
  '.md': ['pandoc', (f) => ['-f', 'markdown', '-t', 'plain', f]],
};

/**
 * Plain text of every file, one tool process per file (how the tools are used), output
 * discarded; `lanes` files at a time. undefined when a tool is missing.
 */
async function extract(files, lanes) {
  const missing = [...new Set(files.map((f) => EXTRACT[extname(f).toLowerCase()][0]))].filter((t) => !tools[t]);
  if (missing.length) return undefined;
  const start = process.hrtime.bigint();
  const queue = [...files];
  const lane = async () => {
    for (let f; (f = queue.shift());) {
      const [tool, argv] = EXTRACT[extname(f).toLowerCase()];
      const code = await new Promise((done, fail) => spawn(tool, argv(f), { stdio: 'ignore' }).on('close', done).on('error', fail));
      if (code !== 0) process.stderr.write(`bench: ${tool} exited ${code} on ${f}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, files.length) }, lane));
  return seconds(start);
}

/**
 * The audit and the extraction of the same files, in REPEAT rounds of audit, extraction CORES at
 * a time and extraction one at a time, so that both sides meet the same machine; for each, the
 * fastest round (the least disturbed by whatever else is running).
 */
async function auditAndExtract(argv, files) {
  let run;
  let one;
  let all;
  const min = (a, b) => (b === undefined ? undefined : a === undefined ? b : Math.min(a, b));
  for (let r = 0; r < REPEAT; r++) {
    const next = auditRun(argv);
    if (!run || next.wall < run.wall) run = next;
    all = min(all, await extract(files, CORES));
    one = min(one, await extract(files, 1));
  }
  return { run, ex: { one, all } };
}

function policyFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|docx|pdf)$/i.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

// Per-document time inside one process and one thread, files in turn, through the library API
// (auditFile, what a batch worker runs): read + audit + JSON report, without the process start-up
// a batch pays once. The first file of a format also pays for loading its reader.
const PER_DOCUMENT = `
const { auditFile, loadCatalogue, prepareCatalogue, renderReport } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)});
const prepared = prepareCatalogue(loadCatalogue());
const times = [];
for (const file of JSON.parse(process.argv[1])) {
  const start = performance.now();
  const doc = await auditFile(file, prepared, { asOf: new Date() });
  if (doc.status !== 'audited') throw new Error(file + ': ' + doc.error);
  renderReport('json', { tool: { name: 'sg-audit', version: '0' }, catalogue: { name: 'x', version: '0' }, asOf: '2026-01-01', documents: [doc] }, {});
  times.push((performance.now() - start) / 1000);
}
process.stdout.write(JSON.stringify(times));`;
function perDocument(files) {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', PER_DOCUMENT, JSON.stringify(files)], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: cliTmp } });
  if (run.status !== 0) throw new Error(`per-document timing failed: ${run.stderr.trim().split('\n').pop()}`);
  return JSON.parse(run.stdout);
}

// ---------- Runs. Files are read once first, so neither side pays for a cold disk cache.
const loadBefore = loadavg()[0];
const AUDIT = ['--format', 'json', '--fail-on', 'none', '--no-config'];
const rows = [];
const all = { files: 0, audit: 0, one: 0, par: 0, missing: false };
for (const format of FORMATS) {
  const files = policyFiles(dirs[format]);
  for (const f of files) readFileSync(f);
  const { run: batch, ex } = await auditAndExtract([...AUDIT, dirs[format]], files);
  const each = perDocument(files);
  all.files += files.length;
  all.audit += batch.wall;
  if (ex.one === undefined) all.missing = true;
  else [all.one, all.par] = [all.one + ex.one, all.par + ex.all];
  rows.push([
    format,
    `${files.length}`,
    `${batch.audited}/${batch.total}`,
    s(batch.wall),
    (files.length / batch.wall).toFixed(1),
    ms(median(each)),
    ms(percentile(each, 95)),
    `${batch.rssMb.toFixed(0)} MB`,
    ex.one === undefined ? 'n/a' : s(ex.one),
    ex.all === undefined ? 'n/a' : s(ex.all),
    ex.all === undefined ? 'n/a' : `${(batch.wall / ex.all).toFixed(1)}×`,
  ]);
}
rows.push([
  'all',
  `${all.files}`,
  '',
  s(all.audit),
  (all.files / all.audit).toFixed(1),
  '',
  '',
  '',
  all.missing ? 'n/a' : s(all.one),
  all.missing ? 'n/a' : s(all.par),
  all.missing ? 'n/a' : `${(all.audit / all.par).toFixed(1)}×`,
]);

let corpus;
if (CORPUS) {
  const files = policyFiles(CORPUS);
  for (const f of files) readFileSync(f);
  // Exactly the command of the target: default jobs, default config discovery, JSON report.
  corpus = { files, ...(await auditAndExtract(['--format', 'json', CORPUS], files)) };
}

// National scale (opt-in): SCALE policies, 200 to a folder, through JSON Lines and JSON -o.
let scale;
if (SCALE) {
  const pool = FORMATS.flatMap((f) => policyFiles(dirs[f]));
  const root = join(tmp, 'scale');
  for (let i = 0; i < SCALE; i++) {
    const from = pool[i % pool.length];
    const folder = join(root, `batch-${String(Math.floor(i / 200)).padStart(3, '0')}`);
    if (i % 200 === 0) mkdirSync(folder, { recursive: true });
    copyFileSync(from, join(folder, `policy-${String(i).padStart(5, '0')}${extname(from)}`));
  }
  const sizes = pool.map((f) => statSync(f).size);
  const jsonl = cliTo(['--format', 'jsonl', '--fail-on', 'none', '--no-config', root], join(tmp, 'scale.jsonl'));
  const lines = countLines(join(tmp, 'scale.jsonl'));
  rmSync(join(tmp, 'scale.jsonl'));
  const json = cliTo(['--format', 'json', '--fail-on', 'none', '--no-config', '-o', join(tmp, 'scale.json'), root], join(tmp, 'scale.out'));
  const jsonBytes = statSync(join(tmp, 'scale.json')).size;
  rmSync(join(tmp, 'scale.json'));
  scale = { files: SCALE, sizes, jsonl, lines, json, jsonBytes };
}

// Process start to exit, text report, as a user runs it; the first run only warms the disk cache.
cli([SINGLE]);
const singles = Array.from({ length: Math.max(5, 2 * REPEAT + 1) }, () => cli([SINGLE]).wall);
const single = median(singles);

const big = auditRun([...AUDIT, bigPdf]);
const bigEx = { one: await extract([bigPdf], 1) };
const leftovers = readdirSync(cliTmp);
const loadAfter = loadavg()[0];

// ---------- Report.
console.log(`sg-audit bench · node ${process.version} · ${CORES} cores · load ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after · --n ${N} --repeat ${REPEAT}`);
console.log(`extraction: ${tools.pdftotext || 'pdftotext not installed'}; ${tools.pandoc || 'pandoc not installed'}; one process per file, output discarded`);
console.log(`timing: wall clock, process start to exit; audit and extraction run in turn, ${REPEAT} rounds, the fastest round of each shown`);
console.log(`peak RSS: ${RSS_HOW}`);
console.log('');
console.log(`generated batches: ${N} varied policies per format from samples/src (sections shuffled, repeated, dropped); one CLI run per format (--jobs ${CORES})`);
const head = ['format', 'files', 'audited', 'audit', 'docs/s', 'p50/doc', 'p95/doc', 'peak RSS', 'extract 1×', `extract ${CORES}×`, `audit / extract ${CORES}×`];
const table = [head, ...rows];
const widths = head.map((_, c) => Math.max(...table.map((r) => r[c].length)));
for (const r of table) console.log(`  ${r.map((cell, c) => (c < 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}`);
console.log(`  p50/p95: per document in one process and thread, files in turn (read + audit + JSON report; no process start-up)`);
console.log(`  extract 1×: the files one after another; extract ${CORES}×: ${CORES} at a time, the cores the audit uses too (the ratio's baseline)`);
console.log('');
console.log(
  `single Markdown (${basename(SINGLE)}, text report), process start to exit: median ${s(single)} of ${singles.length} (fastest ${s(Math.min(...singles))}, slowest ${s(Math.max(...singles))})`,
);
console.log(
  `${bigPages}-page PDF: audit ${s(big.wall)} (${big.audited ? 'audited' : 'NOT audited'}), peak RSS ${big.rssMb.toFixed(0)} MB; pdftotext ${bigEx.one === undefined ? 'n/a' : s(bigEx.one)}`,
);
let ratio;
if (corpus) {
  const { files, run, ex } = corpus;
  ratio = ex.all === undefined ? undefined : run.wall / ex.all;
  console.log(`corpus ${CORPUS}: ${files.length} files, \`node bin/sg-audit.js --format json ${CORPUS}\``);
  const busy = Number.isNaN(run.cpu) ? '' : ` · CPU ${s(run.cpu)} (${(run.cpu / run.wall).toFixed(1)} of ${CORES} cores busy)`;
  console.log(`  audit ${s(run.wall)} (${run.audited}/${run.total} audited, exit ${run.status}) · ${(files.length / run.wall).toFixed(1)} docs/s · peak RSS ${run.rssMb.toFixed(0)} MB${busy}`);
  console.log(
    `  extraction ${ex.one === undefined ? 'n/a (a tool is missing)' : `${s(ex.one)} one at a time, ${s(ex.all)} ${CORES} at a time`}` +
      (ratio === undefined ? '' : ` · audit / extraction ${(run.wall / ex.one).toFixed(1)}× (one at a time), ${ratio.toFixed(1)}× (${CORES} at a time)`),
  );
}
let scaleRates;
if (scale) {
  const { files, sizes, jsonl, lines, json, jsonBytes } = scale;
  const reference = corpus ? corpus.files.length / corpus.run.wall : all.files / all.audit;
  scaleRates = { reference, jsonl: files / jsonl.wall, json: files / json.wall, rss: Math.max(jsonl.rssMb, json.rssMb) };
  console.log(
    `scale: ${files} policies (${FORMATS.join(', ')} round-robin, ${Math.round(Math.min(...sizes) / 1024)}–${Math.round(Math.max(...sizes) / 1024)} KB), 200 to a folder; per-document reference ${reference.toFixed(1)} docs/s (${corpus ? 'the corpus' : 'the generated batches above'})`,
  );
  console.log(`  --format jsonl (stdout to a file): ${s(jsonl.wall)} · ${scaleRates.jsonl.toFixed(1)} docs/s · peak RSS ${jsonl.rssMb.toFixed(0)} MB · ${lines} lines · exit ${jsonl.status}`);
  console.log(
    `  --format json -o:                  ${s(json.wall)} · ${scaleRates.json.toFixed(1)} docs/s · peak RSS ${json.rssMb.toFixed(0)} MB · ${(jsonBytes / 1024 / 1024).toFixed(0)} MB written · exit ${json.status}`,
  );
}
console.log(`temporary files left by the CLI: ${leftovers.length ? leftovers.join(', ') : 'none'}`);
if (loadBefore > CORES / 2) console.log(`note: the machine was busy (load ${loadBefore.toFixed(1)} on ${CORES} cores) before the bench started: figures may be slower than on a quiet machine`);

const targets = [
  ['(a) corpus audit ≤ 3× extraction', CORPUS ? ratio : 'needs --corpus', (x) => x <= 3, (x) => `${x.toFixed(1)}× (vs extraction ${CORES} at a time)`],
  ['(b) single Markdown < 0.4 s', single, (x) => x < 0.4, (x) => `${s(x)} (median)`],
  [
    `(c) ${bigPages}-page PDF < 400 MB peak RSS`,
    big.audited && bigPages === 100 ? big.rssMb : `not measured (${bigPages} pages, ${big.audited ? 'audited' : 'not audited'})`,
    (x) => x < 400,
    (x) => `${x.toFixed(0)} MB`,
  ],
  ['(d) scale: peak RSS < 500 MB', scaleRates ? scaleRates.rss : 'needs --scale N', (x) => x < 500, (x) => `${x.toFixed(0)} MB (the larger of the two runs)`],
  [
    '(e) scale: ≥ 90% of the per-doc rate',
    scaleRates ? Math.min(scaleRates.jsonl, scaleRates.json) / scaleRates.reference : 'needs --scale N',
    (x) => x >= 0.9,
    (x) => `${(x * 100).toFixed(0)}% (slower of the two runs)`,
  ],
];
console.log('');
console.log('targets');
let failed = false;
for (const [name, value, ok, show] of targets) {
  const verdict = typeof value !== 'number' || Number.isNaN(value) ? 'SKIP' : ok(value) ? 'PASS' : 'FAIL';
  failed ||= verdict === 'FAIL';
  console.log(`  ${verdict}  ${name.padEnd(36)}  ${verdict === 'SKIP' ? (typeof value === 'string' ? value : 'not measured (an extraction tool is missing)') : show(value)}`);
}
if (keep) console.log(`kept ${tmp}`);
process.exitCode = failed ? 1 : 0;
