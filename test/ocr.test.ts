import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OCR_MAX_PAGES, ocrBlankPages } from '../src/ingest/ocr.js';
import { tsvToPage } from '../src/ingest/ocr-layout.js';
import { pageList } from '../src/util/page-list.js';
import { parseReport } from './fixtures/report-schema.js';

// --ocr end to end through the built CLI (npm test builds first). The image-only PDF is made here:
// a text PDF drawn by pdfkit, rasterised by pdftoppm, and that picture wrapped in a new PDF.
// Tests that need tesseract (OCR) and pdftoppm (making the scan) are skipped where they are missing.

const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
const dir = mkdtempSync(join(tmpdir(), 'sg-audit-ocr-test-'));
/** The children's temporary folder, to check that OCR leaves nothing behind. */
const childTmp = join(dir, 'tmp');
mkdirSync(childTmp);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const onPath = (name: string) => (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, name)));
const haveTools = onPath('tesseract') && onPath('pdftoppm');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', TMPDIR: childTmp, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Doc = InstanceType<typeof PDFDocument>;

function pdf(draw: (doc: Doc) => void, options: Record<string, unknown> = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 72, info: { CreationDate: new Date(0) }, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

const POLICY = [
  'This policy sets out how the Riverside Youth Club keeps children and young people safe from abuse, neglect and harm.',
  'Anyone worried about a child must tell the designated safeguarding lead the same day and write down what they saw or heard.',
  'Whistleblowing: staff who are worried about the practice of a colleague should speak to the chair of trustees, or call the NSPCC whistleblowing advice line on 0800 028 0285.',
];

let scanMade: Promise<string> | undefined;
const imageOnlyPdf = (): Promise<string> => (scanMade ??= makeImageOnlyPdf());

/** A picture of a page of text: what a scanner, or "Microsoft: Print To PDF" with outlined text, produces. */
async function makeImageOnlyPdf(): Promise<string> {
  const textPdf = join(dir, 'text.pdf');
  writeFileSync(
    textPdf,
    await pdf((doc) => {
      doc.font('Helvetica-Bold').fontSize(18).text('Safeguarding Policy').moveDown();
      for (const paragraph of POLICY) doc.font('Helvetica').fontSize(12).text(paragraph).moveDown();
    }),
  );
  const root = join(dir, 'page');
  execFileSync('pdftoppm', ['-q', '-r', '150', '-gray', '-png', '-singlefile', '-f', '1', '-l', '1', textPdf, root]);
  const png = readFileSync(`${root}.png`);
  const scan = join(dir, 'scan.pdf');
  writeFileSync(scan, await pdf((doc) => void doc.image(png, 0, 0, { width: doc.page.width, height: doc.page.height })));
  return scan;
}

/** Page 1 with a text layer, page 2 a picture of text. */
async function mixedPdf(): Promise<string> {
  const png = readFileSync(join(dir, 'page.png')); // made by imageOnlyPdf
  const mixed = join(dir, 'mixed.pdf');
  writeFileSync(
    mixed,
    await pdf((doc) => {
      doc.font('Helvetica-Bold').fontSize(18).text('Online safety').moveDown();
      doc.font('Helvetica').fontSize(12).text('Children are taught how to stay safe online, and staff never contact a child through personal social media.');
      doc.addPage();
      doc.image(png, 0, 0, { width: doc.page.width, height: doc.page.height });
    }),
  );
  return mixed;
}

let blank = '';
beforeAll(async () => {
  // No text layer and nothing to read: a grey box.
  blank = join(dir, 'blank.pdf');
  writeFileSync(blank, await pdf((doc) => void doc.rect(100, 100, 200, 100).fill('#333')));
});

describe('--ocr', () => {
  it('without --ocr a PDF with no text layer stays unreadable', () => {
    const r = run(['--format', 'json', blank]);
    expect(r.code).toBe(2);
    const doc = parseReport(r.stdout).documents[0];
    expect(doc).toMatchObject({ status: 'unreadable', format: 'pdf' });
    expect(doc.textSource).toBeUndefined();
    expect(doc.findings.map((f: { id: string }) => f.id)).toEqual(['no-text']);
  });

  it('says in one line that tesseract is not installed when it is not on the PATH', () => {
    const empty = join(dir, 'empty-path');
    mkdirSync(empty, { recursive: true });
    const r = run(['--ocr', '--format', 'json', blank], { PATH: empty });
    expect(r.code).toBe(2);
    const doc = parseReport(r.stdout).documents[0];
    expect(doc.status).toBe('unreadable');
    expect(doc.error).toMatch(/OCR was asked for \(--ocr\) but tesseract is not installed \(Debian: apt-get install tesseract-ocr tesseract-ocr-eng\)/);
    expect(doc.findings[0]).toMatchObject({ id: 'no-text' });
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`sg-audit: ${blank}: `);
    expect(lines[0]).toContain('tesseract');
  });

  it.skipIf(!haveTools)('reads an image-only PDF by OCR, in worker threads, and marks every report', async () => {
    const scan = await imageOnlyPdf();
    expect(run(['--format', 'json', scan]).stdout).toMatch(/"status": "unreadable"/);

    const md = join(dir, 'report.md');
    const html = join(dir, 'report.html');
    // Two files and --jobs 2: the option reaches the batch workers.
    const mixed = await mixedPdf();
    const text = join(dir, 'report.txt');
    const reports = ['--report', `markdown=${md}`, '--report', `html=${html}`, '--report', `text=${text}`];
    const r = run(['--ocr', '--jobs', '2', '--format', 'json', ...reports, scan, blank, mixed]);
    const [doc, empty, both] = parseReport(r.stdout).documents;
    expect(doc).toMatchObject({ status: 'audited', format: 'pdf', textSource: 'ocr', ocrPages: [1] });
    expect(doc.findings[0]).toMatchObject({ id: 'ocr', message: 'text read by OCR from 1 page (page 1): check quotes against the original' });
    const whistleblowing = doc.requirements.find((q: { id: string }) => q.id === 'whistleblowing');
    expect(whistleblowing.status).not.toBe('missing');
    expect(whistleblowing.evidence.some((e: { text: string; location: { page?: number } }) => /whistleblowing/i.test(e.text) && e.location.page === 1)).toBe(true);
    expect(doc.notes.join('\n')).toMatch(/page 1 had no text layer: read by OCR/);

    // A picture with no words in it: OCR was tried and found nothing.
    expect(empty).toMatchObject({ status: 'unreadable' });
    expect(empty.error).toMatch(/OCR \(--ocr\) found no readable text/);
    expect(empty.textSource).toBeUndefined();

    // Only the page without a text layer is read by OCR.
    expect(both).toMatchObject({ status: 'audited', textSource: 'mixed', ocrPages: [2] });
    expect(both.findings[0].message).toMatch(/^text read by OCR from 1 page \(page 2\)/);

    expect(readFileSync(md, 'utf8')).toMatch(/\*\*ocr\*\*: text read by OCR from 1 page/);
    expect(readFileSync(md, 'utf8')).toMatch(/\*\*Format:\*\* pdf \\?\(text read by OCR\\?\)/);
    expect(readFileSync(html, 'utf8')).toMatch(/text read by OCR from 1 page/);
    expect(readFileSync(text, 'utf8')).toContain('format: pdf (text read by OCR)');
    expect(readFileSync(text, 'utf8')).toMatch(/! ocr: text read by OCR from 1 page \(page 1\): check quotes against the original/);
    expect(readdirSync(childTmp)).toEqual([]); // the rendered pages are gone
  });

  it.skipIf(!haveTools || process.platform === 'win32')('reads an encrypted scan with --password, which no child process is given', async () => {
    await imageOnlyPdf();
    const locked = join(dir, 'locked-scan.pdf');
    const png = readFileSync(join(dir, 'page.png'));
    writeFileSync(locked, await pdf((doc) => void doc.image(png, 0, 0, { width: doc.page.width, height: doc.page.height }), { userPassword: 's3cret', pdfVersion: '1.7' }));
    // A tesseract found first on the PATH that writes down its arguments, then runs the real one.
    const spy = join(dir, 'spy-tools');
    const log = join(dir, 'spy.log');
    mkdirSync(spy, { recursive: true });
    const real = execFileSync('sh', ['-c', 'command -v tesseract'], { encoding: 'utf8' }).trim();
    writeFileSync(join(spy, 'tesseract'), `#!/bin/sh\necho "$@" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const r = run(['--ocr', '--password', 's3cret', '--format', 'json', locked], { PATH: `${spy}${delimiter}${process.env.PATH ?? ''}` });
    const doc = parseReport(r.stdout).documents[0];
    expect(doc, r.stderr).toMatchObject({ status: 'audited', textSource: 'ocr', ocrPages: [1] });
    expect(readFileSync(log, 'utf8')).toMatch(/page-1\.pgm stdout/);
    expect(readFileSync(log, 'utf8')).not.toContain('s3cret');
  });

  it.skipIf(process.platform === 'win32')('keeps to --timeout, stopping a stuck OCR tool and removing its files', () => {
    // Stand-ins that hang, found on the PATH before any real ones.
    const stuck = join(dir, 'stuck-tools');
    mkdirSync(stuck, { recursive: true });
    writeFileSync(join(stuck, 'tesseract'), '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
    const started = Date.now();
    const r = run(['--ocr', '--timeout', '2', blank], { PATH: `${stuck}${delimiter}${process.env.PATH ?? ''}` });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`sg-audit: ${blank}: OCR had read 0 of 1 pages when the time budget ran out: allow more with --timeout`);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(readdirSync(childTmp)).toEqual([]);
  });
});

describe('ocrBlankPages', () => {
  it.skipIf(!haveTools)('refuses more pages than the OCR limit, before rendering any', async () => {
    const pages = Array.from({ length: OCR_MAX_PAGES + 1 }, (_, i) => ({ page: i + 1, height: 842, lines: [] }));
    const outcome = await ocrBlankPages(pages, {
      render: () => {
        throw new Error('no page should be drawn');
      },
    });
    expect(outcome.read).toEqual([]);
    expect(outcome.failure).toBe(`${OCR_MAX_PAGES + 1} pages need OCR, over the ${OCR_MAX_PAGES}-page OCR limit`);
  });
});

describe('OCR layout', () => {
  // tesseract's TSV: level, page, block, paragraph, line, word, left, top, width, height, confidence, text
  const header = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  const word = (block: number, line: number, left: number, top: number, width: number, height: number, conf: number, text: string) =>
    `5\t1\t${block}\t1\t${line}\t1\t${left}\t${top}\t${width}\t${height}\t${conf}\t${text}`;
  const tsv = [
    header,
    '1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t',
    // A margin column of numbers, read as a block of its own.
    // 10 pt at 200 dpi: an em of 28 px, the baseline at 420.
    word(1, 1, 150, 400, 34, 20, 93, '4.4'),
    word(2, 1, 250, 400, 90, 26, 96, 'Report'),
    word(2, 1, 350, 405, 60, 21, 95, 'every'),
    word(2, 1, 420, 405, 120, 15, 96, 'concern.'),
    word(3, 1, 250, 900, 40, 40, 12, '~%'), // a speck
  ].join('\n');

  it('puts margin numbers back on their line, drops unsure words and measures in points', () => {
    const page = tsvToPage(tsv, 1, 200);
    expect(page.lines.map((l) => l.text)).toEqual(['4.4 Report every concern.']);
    expect(page.height).toBeCloseTo((2339 * 72) / 200);
    expect(page.lines[0]!.x0).toBeCloseTo((150 * 72) / 200);
    expect(page.lines[0]!.y).toBeCloseTo((420 * 72) / 200);
    expect(Math.abs(page.lines[0]!.size - 10)).toBeLessThanOrEqual(0.5);
    expect(page.lines[0]!.bold).toBe(false);
    expect(page.words).toBe(4);
  });

  it('writes page lists as a reader would', () => {
    expect(pageList([5, 1, 2, 3])).toBe('1–3, 5');
    expect(pageList([7])).toBe('7');
  });
});
