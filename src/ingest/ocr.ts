import { execFile, type ExecFileException } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { access, constants, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { InputError } from '../util/errors.js';
import { pageList } from '../util/page-list.js';
import { stallForTests } from '../util/test-stall.js';
import { evenSizes, tsvToPage, type OcrPage } from './ocr-layout.js';
import type { PageText } from './pdf-layout.js';

// OCR (--ocr) of PDF pages that have no text layer: image-only scans, and text printed as vector
// outlines ("Microsoft: Print To PDF"). Each page is rendered by the PDF reader (the caller's
// `render`, so a password never reaches a command line) and read by tesseract, a child process
// given an argument array (never a shell) and a time limit, in a private temporary folder removed
// afterwards.

/** A page drawn as an 8-bit greyscale picture at `dpi`, in PGM (the header and then a byte a pixel). */
export type RenderPage = (page: number, dpi: number) => Uint8Array;

export interface OcrOptions {
  render: RenderPage;
  /** Epoch ms: the document's time budget (--timeout). Running children are stopped at it. */
  deadline?: number;
  /** Pages read at once (default: the cores, at most 4). */
  jobs?: number;
  /**
   * The caller's folder for this document: OCR's own folder goes inside it, with a file per
   * running child naming its process id, so the caller can stop the children and remove the
   * files even if this thread is stopped in the middle (--timeout during a long render).
   */
  tempDir?: string;
}

export interface OcrOutcome {
  /** Pages whose lines now come from OCR. */
  read: number[];
  /** For the document's notes: what was read, or which pages were not and why. */
  note: string;
  /** Why the pages could not be read, when they could not. */
  failure?: string;
}

/** More pages than this without a text layer are not OCR'd: at a few seconds a page, it would outlast any budget. */
export const OCR_MAX_PAGES = 50;
/** Fewer words than the audit needs (5) is no text: specks and logos read as letters. */
const MIN_WORDS = 5;
const DPI = 200;
/** Longest side of a rendered page: a poster-sized page is rendered at a lower resolution, not at gigapixels. */
const MAX_SIDE_PX = 5000;
const CHILD_TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 16 * 1024 * 1024;

const INSTALL: Record<string, string> = { tesseract: 'tesseract-ocr tesseract-ocr-eng' };

/** Why OCR cannot read pages (not installed, too many pages, a tool failed): reported, not thrown past the reader. */
class OcrFailure extends Error {}

/** Reads the pages that have no lines by OCR, filling in their lines; the others are left as they are. */
export async function ocrBlankPages(pages: PageText[], options: OcrOptions): Promise<OcrOutcome> {
  const blank = pages.filter((p) => !p.lines.length);
  const which = `page${blank.length > 1 ? 's' : ''} ${pageList(blank.map((p) => p.page))}`;
  try {
    const missing = await missingTools();
    if (missing.length) {
      const names = missing.join(' and ');
      throw new OcrFailure(`OCR was asked for (--ocr) but ${names} ${missing.length > 1 ? 'are' : 'is'} not installed (Debian: apt-get install ${missing.map((m) => INSTALL[m]).join(' ')})`);
    }
    if (blank.length > OCR_MAX_PAGES) throw new OcrFailure(`${blank.length} pages need OCR, over the ${OCR_MAX_PAGES}-page OCR limit`);
    const read = await recognise(blank, options);
    const words = read.reduce((n, p) => n + p.words, 0);
    if (words < MIN_WORDS) throw new OcrFailure('OCR (--ocr) found no readable text on them');
    evenSizes(read);
    const byPage = new Map(read.map((p) => [p.page, p.lines]));
    for (const page of blank) page.lines = byPage.get(page.page) ?? [];
    const withText = read.filter((p) => p.lines.length);
    const confidence = withText.reduce((n, p) => n + p.confidence * p.words, 0) / Math.max(words, 1);
    return {
      read: withText.map((p) => p.page),
      note: `${which} had no text layer: read by OCR (tesseract, English), mean word confidence ${Math.round(confidence)}%`,
    };
  } catch (err) {
    if (!(err instanceof OcrFailure)) throw err;
    return { read: [], note: `${which} had no text layer and could not be read: ${err.message}`, failure: err.message };
  }
}

/** Which of the OCR tools (tesseract) are not on the PATH. */
async function missingTools(): Promise<string[]> {
  const found = await Promise.all(Object.keys(INSTALL).map(async (name) => [name, await onPath(name)] as const));
  return found.filter(([, ok]) => !ok).map(([name]) => name);
}

async function onPath(name: string): Promise<boolean> {
  const exe = process.platform === 'win32' ? `${name}.exe` : name;
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      const file = join(dir, exe);
      if ((await stat(file)).isFile()) {
        await access(file, constants.X_OK);
        return true;
      }
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** Renders and reads the pages, a few at a time. */
async function recognise(pages: PageText[], options: OcrOptions): Promise<OcrPage[]> {
  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'sg-audit-ocr-')); // mode 0700: the policy's pages are nobody else's to read
  const stop = new AbortController();
  const left = options.deadline === undefined ? Infinity : options.deadline - Date.now();
  const results: OcrPage[] = [];
  const outOfTime = () => new InputError(`OCR had read ${results.length} of ${pages.length} pages when the time budget ran out: allow more with --timeout`);
  const timer = Number.isFinite(left) ? setTimeout(() => stop.abort(outOfTime()), Math.max(0, left)) : undefined;
  try {
    const queue = [...pages];
    const worker = async (): Promise<void> => {
      try {
        for (let page = queue.shift(); page && !stop.signal.aborted; page = queue.shift()) {
          results.push(await readPage(options.render, page, dir, stop.signal));
        }
      } catch (err) {
        if (!stop.signal.aborted) stop.abort(err); // the first failure stops the other children
      }
    };
    const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), 4, pages.length));
    // Every child has ended before the folder is removed.
    await Promise.all(Array.from({ length: jobs }, worker));
    if (stop.signal.aborted) throw stop.signal.reason;
    return results.sort((a, b) => a.page - b.page);
  } finally {
    clearTimeout(timer);
    await rm(dir, { recursive: true, force: true });
  }
}

async function readPage(render: RenderPage, page: PageText, dir: string, signal: AbortSignal): Promise<OcrPage> {
  const side = Math.max(page.width ?? 0, page.height) / 72;
  const dpi = Math.max(36, Math.min(DPI, Math.floor(MAX_SIDE_PX / Math.max(side, 1))));
  const n = String(page.page);
  let picture: Uint8Array;
  try {
    picture = render(page.page, dpi);
  } catch (err) {
    throw new OcrFailure(`rendering page ${n} failed (${(err as Error)?.message ?? String(err)})`);
  }
  const pgm = join(dir, `page-${n}.pgm`);
  await writeFile(pgm, picture, { mode: 0o600 });
  try {
    // --psm 4 (one column of lines) keeps margin numbering ("3.2.1") on its paragraph's line, where
    // the default page segmentation reads the numbers as a column of their own, or drops them.
    const tsv = await run('tesseract', [pgm, 'stdout', '--dpi', String(dpi), '--psm', '4', '-l', 'eng', 'tsv'], dir, signal, `OCR of page ${n}`);
    return tsvToPage(tsv, page.page, dpi);
  } finally {
    await rm(pgm, { force: true });
  }
}

function run(command: string, args: string[], dir: string, signal: AbortSignal, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const options = {
      signal,
      timeout: CHILD_TIMEOUT_MS,
      killSignal: 'SIGKILL' as const,
      maxBuffer: MAX_OUTPUT,
      encoding: 'utf8' as const,
      windowsHide: true,
      // tesseract's own threads make it several times slower; pages run side by side instead.
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    };
    const child = execFile(command, args, options, (err, stdout, stderr) => {
      if (pidFile) rmSync(pidFile, { force: true });
      if (!err) return resolve(stdout);
      if (signal.aborted) return reject(signal.reason);
      reject(childFailure(command, what, err, stderr));
    });
    // Named in the folder, for the caller to stop if this thread is stopped before it ends.
    const pidFile = child.pid ? join(dir, `child-${child.pid}.pid`) : undefined;
    if (pidFile) writeFileSync(pidFile, '', { mode: 0o600 });
    // Tests only: the thread spins once a child has started, to show the caller cleans up after it.
    stallForTests('SG_AUDIT_TEST_STALL_OCR');
  });
}

function childFailure(command: string, what: string, err: ExecFileException, stderr: string): OcrFailure {
  if (err.code === 'ENOENT') return new OcrFailure(`OCR was asked for (--ocr) but ${command} is not installed (Debian: apt-get install ${INSTALL[command]})`);
  if (err.killed) return new OcrFailure(`${what} took longer than ${CHILD_TIMEOUT_MS / 1000} s`);
  if (err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return new OcrFailure(`${what} gave too much output`);
  if (/Failed loading language|eng\.traineddata/.test(stderr)) return new OcrFailure('tesseract has no English language data (Debian: apt-get install tesseract-ocr-eng)');
  const detail = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !/^(?:Estimating resolution|Warning|Detected \d+ diacritics)/i.test(l));
  return new OcrFailure(`${what} failed (${command}: ${detail ?? `exit status ${String(err.code)}`})`);
}
