// Benchmarks the built CLI (dist/) on generated copies of the samples, a ~100-page PDF and,
// with --corpus DIR, a real folder, against plain text extraction (pdftotext, pandoc).
// Usage: npm run bench -- [--n 30] [--corpus DIR] [--keep]
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'sg-audit.js');
const SAMPLES = join(ROOT, 'samples');
const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const N = Number(flag('--n') ?? 30);
const CORPUS = flag('--corpus');
if (!Number.isInteger(N) || N < 1) throw new Error(`--n: "${flag('--n')}" is not a positive whole number`);
if (CORPUS && !existsSync(CORPUS)) throw new Error(`--corpus: ${CORPUS} does not exist`);
if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run npm run build first');
const CORES = availableParallelism();
const AUDIT = ['--format', 'json', '--fail-on', 'none', '--no-config'];

// ---------- Inputs: varied Markdown, DOCX/PDF copies, one long PDF.
let seed = 20240901; // mulberry32, so the same --n gives the same files.
const random = () => {
  let t = (seed = (seed + 0x6d2b79f5) | 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const shuffle = (list) => list.map((x) => [random(), x]).sort((a, b) => a[0] - b[0]).map(([, x]) => x);

/** Front matter and title kept; "## " sections shuffled, some duplicated, now and then one dropped. */
function varyMarkdown(source) {
  const [head, ...sections] = source.split(/^(?=## )/m);
  let body = shuffle(sections);
  for (let k = Math.floor(random() * 3); k > 0; k--) body.push(body[Math.floor(random() * body.length)]);
  if (random() < 0.3) body.splice(Math.floor(random() * body.length), 1);
  return head + shuffle(body).join('');
}

const tmp = mkdtempSync(join(tmpdir(), 'sg-bench-'));
const batch = join(tmp, 'batch');
mkdirSync(batch);
const md = readFileSync(join(SAMPLES, 'harbour-juniors-fc.md'), 'utf8');
for (let i = 1; i <= N; i++) {
  const id = String(i).padStart(3, '0');
  writeFileSync(join(batch, `policy-${id}.md`), varyMarkdown(md));
  copyFileSync(join(SAMPLES, 'little-acorns-nursery.docx'), join(batch, `policy-${id}.docx`));
  copyFileSync(join(SAMPLES, 'oakfield-academy.pdf'), join(batch, `policy-${id}.pdf`));
}

/** The Oakfield source text, repeated until the PDF has `pages` pages. */
async function longPdf(path, pages) {
  const text = readFileSync(join(SAMPLES, 'src', 'oakfield-academy.md'), 'utf8').replace(/^---[\s\S]*?^---$/m, '');
  const lines = text.split('\n').map((l) => l.replace(/\*\*|\*|^\s*\|?|\|\s*$/g, '').replace(/\s*\|\s*/g, '   ').trim()).filter(Boolean);
  const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: 'Oakfield Academy (bench copy)' } });
  const done = new Promise((resolve, reject) => doc.pipe(createWriteStream(path)).on('finish', resolve).on('error', reject));
  let count = 1;
  doc.on('pageAdded', () => count++);
  while (count < pages) {
    for (const line of lines) {
      if (count >= pages) break;
      const heading = /^#+\s/.exec(line);
      if (heading) doc.moveDown(0.5).font('Helvetica-Bold').fontSize(heading[0].trim().length === 1 ? 18 : 14).text(line.slice(heading[0].length));
      else doc.font('Helvetica').fontSize(11).text(line.replace(/^[-*]\s+/, '•  ').replace(/^(\d+)\.\s+/, '$1.  '), { align: 'justify' });
      doc.moveDown(0.4);
    }
  }
  doc.end();
  await done;
  return count;
}
const bigPdf = join(tmp, 'big', 'oakfield-100-pages.pdf');
mkdirSync(dirname(bigPdf));
const bigPages = await longPdf(bigPdf, 100);

// ---------- Measuring.
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const s = (x) => `${x.toFixed(x < 10 ? 2 : 1)} s`;

/** Runs the CLI once: wall time, exit status, and how many documents it audited (JSON output). */
function audit(inputs) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [BIN, ...AUDIT, ...inputs], { cwd: ROOT, maxBuffer: 2 ** 30, encoding: 'utf8' });
  const wall = seconds(start);
  let audited = 0;
  let total = 0;
  try {
    const docs = JSON.parse(run.stdout).documents;
    total = docs.length;
    audited = docs.filter((d) => d.status === 'audited').length;
  } catch {
    throw new Error(`sg-audit exited ${run.status} without a JSON report: ${run.stderr.trim().split('\n')[0]}`);
  }
  return { wall, status: run.status, audited, total };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const which = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const tools = { pdftotext: which('pdftotext'), pandoc: which('pandoc') };
const EXTRACT = {
  '.pdf': ['pdftotext', (f) => [f, '-']],
  '.docx': ['pandoc', (f) => ['-f', 'docx', '-t', 'plain', f]],
  '.md': ['pandoc', (f) => ['-f', 'markdown', '-t', 'plain', f]],
};

/** Plain text of every file, as many at once as the CLI's default --jobs; undefined if a tool is missing. */
async function extract(files) {
  const needed = [...new Set(files.map((f) => EXTRACT[extname(f).toLowerCase()][0]))];
  const missing = needed.filter((t) => !tools[t]);
  if (missing.length) return { missing };
  const start = process.hrtime.bigint();
  const queue = [...files];
  const worker = async () => {
    for (let f; (f = queue.shift()); ) {
      const [tool, argv] = EXTRACT[extname(f).toLowerCase()];
      await new Promise((resolve, reject) => spawn(tool, argv(f), { stdio: 'ignore' }).on('close', resolve).on('error', reject));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CORES, files.length) }, worker));
  return { wall: seconds(start) };
}

function policyFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|docx|pdf)$/i.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

function peakRss(file) {
  if (existsSync('/usr/bin/time')) {
    const start = process.hrtime.bigint();
    const run = spawnSync('/usr/bin/time', ['-v', process.execPath, BIN, ...AUDIT, file], { cwd: ROOT, maxBuffer: 2 ** 30, encoding: 'utf8' });
    const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
    if (kb) return { mb: Number(kb) / 1024, wall: seconds(start), how: '/usr/bin/time -v', report: run.stdout };
  }
  // No GNU time: run the CLI inside a child node that reports its own peak RSS on exit.
  const wrapper = `import { main } from ${JSON.stringify(new URL('../dist/cli.js', import.meta.url).href)};
await main(${JSON.stringify([...AUDIT, file])});
process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n');`;
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper], { cwd: ROOT, maxBuffer: 2 ** 30, encoding: 'utf8' });
  const kb = Number(/MAXRSS (\d+)/.exec(run.stderr)?.[1] ?? NaN);
  return { mb: kb / 1024, wall: seconds(start), how: 'process.resourceUsage()', report: run.stdout };
}

// ---------- Runs.
const rows = [];
const row = (what, value) => rows.push([what, value]);
const batchFiles = policyFiles(batch);

const all = audit([batch]);
row(`batch audit, ${all.total} files (${all.audited} audited, exit ${all.status})`, `${s(all.wall)} · ${(all.total / all.wall).toFixed(1)} documents/s`);

const picks = { md: 4, docx: 3, pdf: 3 };
const sample = Object.entries(picks).flatMap(([ext, k]) => batchFiles.filter((f) => f.endsWith(`.${ext}`)).slice(0, k));
const each = sample.map((f) => audit([f]).wall);
const mix = Object.keys(picks).map((ext) => `${sample.filter((f) => f.endsWith(`.${ext}`)).length} ${ext}`).join(', ');
row(`per document, ${sample.length} individual runs (${mix})`, `p50 ${s(percentile(each, 50))} · p95 ${s(percentile(each, 95))}`);

const single = join(SAMPLES, 'harbour-juniors-fc.md');
const singleTimes = Array.from({ length: 5 }, () => {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, [BIN, relative(ROOT, single)], { cwd: ROOT, stdio: 'ignore' });
  return seconds(start);
});
const singleBest = Math.min(...singleTimes);
row('single Markdown end to end, text report (best of 5)', s(singleBest));

const big = peakRss(bigPdf);
let bigStatus = '?';
try {
  bigStatus = JSON.parse(big.report).documents[0].status;
} catch { /* reported as "?" */ }
row(`${bigPages}-page PDF audit (${bigStatus})`, `${s(big.wall)} · peak RSS ${big.mb.toFixed(0)} MB (${big.how})`);

const versions = Object.entries(tools).map(([t, ok]) => `${t} ${ok ? 'installed' : 'not installed'}`).join(', ');
const ex = await extract(batchFiles);
const batchRatio = ex.wall ? all.wall / ex.wall : undefined;
row(`extraction of the batch, ${CORES} at a time (${versions})`, ex.wall ? `${s(ex.wall)} · audit/extraction ${batchRatio.toFixed(1)}×` : `not installed: ${ex.missing.join(', ')}`);
const bigEx = await extract([bigPdf]);
row(`extraction of the ${bigPages}-page PDF`, bigEx.wall ? `${s(bigEx.wall)} · audit/extraction ${(big.wall / bigEx.wall).toFixed(1)}×` : `not installed: ${bigEx.missing.join(', ')}`);

let corpusRatio;
if (CORPUS) {
  const files = policyFiles(CORPUS);
  const run = audit([CORPUS]);
  const cex = await extract(files);
  corpusRatio = cex.wall ? run.wall / cex.wall : undefined;
  row(`corpus ${CORPUS}, ${files.length} files (${run.audited} audited, exit ${run.status})`, `audit ${s(run.wall)} · ${(files.length / run.wall).toFixed(1)} documents/s`);
  row(`extraction of the corpus, ${CORES} at a time`, cex.wall ? `${s(cex.wall)} · audit/extraction ${corpusRatio.toFixed(1)}×` : `not installed: ${cex.missing.join(', ')}`);
}

// ---------- Report.
console.log(`sg-audit bench · node ${process.version} · ${CORES} cores, load ${loadavg()[0].toFixed(1)} · --n ${N} (${batchFiles.length} files) · ${tmp}`);
const width = Math.max(...rows.map(([w]) => w.length));
for (const [what, value] of rows) console.log(`  ${what.padEnd(width)}  ${value}`);
const ratio = CORPUS ? corpusRatio : batchRatio;
const targets = [
  [`${CORPUS ? 'corpus' : 'batch (no --corpus)'} audit ≤ 3× extraction`, ratio, (x) => x <= 3, (x) => `${x.toFixed(1)}×`],
  ['single Markdown < 0.4 s', singleBest, (x) => x < 0.4, s],
  [`${bigPages}-page PDF < 400 MB peak RSS`, big.mb, (x) => x < 400, (x) => `${x.toFixed(0)} MB`],
];
console.log('targets');
for (const [name, value, ok, show] of targets) {
  const verdict = value === undefined || Number.isNaN(value) ? 'SKIP' : ok(value) ? 'PASS' : 'FAIL';
  console.log(`  ${verdict}  ${name.padEnd(40)}  ${verdict === 'SKIP' ? 'no measurement (extraction tools not installed?)' : show(value)}`);
}
if (args.includes('--keep')) console.log(`kept ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
