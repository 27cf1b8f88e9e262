import { InputError } from '../util/errors.js';
import { pageList } from '../util/page-list.js';
import type { PolicyDocument } from '../types.js';
import { addNote, DocumentBuilder } from './builder.js';
import type { OcrOutcome } from './ocr.js';
import { layoutPages, type PageText } from './pdf-layout.js';
import { buildLines } from './pdf-lines.js';
import { displayView, readRuns, type TextRun } from './pdf-runs.js';
import { discardPdfium, ENGINE_MEMORY_LIMIT, EngineBuffer, isEngineFailure, pdfium, takeComplaints, type Pdfium } from './pdfium.js';
import { PdfiumDocument } from './pdfium-document.js';

export interface PdfOptions {
  /** PDF password. */
  password?: string;
  /** Refuse documents with more pages than this (default 500). */
  maxPages?: number;
  /** Read pages that have no text layer by OCR (tesseract), when it is installed. */
  ocr?: boolean;
  /** Epoch ms: the document's time budget (--timeout), which OCR keeps to so its child processes end with it. */
  deadline?: number;
  /** Pages OCR'd at once (default: the cores, at most 4). */
  ocrJobs?: number;
  /** A folder the caller owns for this document's temporary files (OCR): it removes it, and stops any child left running, whatever happens here. */
  tempDir?: string;
}

/** Reads a PDF's text layer into a PolicyDocument; pages are read one at a time and released. */
export async function readPdf(data: Uint8Array, path: string, options: PdfOptions = {}): Promise<PolicyDocument> {
  const maxPages = options.maxPages ?? 500;
  const engine = await pdfium().catch((err: unknown) => {
    throw new InputError(`the PDF reader could not start: ${(err as Error)?.message ?? String(err)}`);
  });
  let pages: PageText[];
  let metadata: Record<string, string> | undefined;
  let pageCount: number;
  takeComplaints();
  try {
    ({ pages, metadata, pageCount } = readText(engine, data, options.password, maxPages));
  } catch (err) {
    if (!isEngineFailure(err)) throw err;
    // A malformed file the engine could not handle: that file's error alone, and a fresh engine next.
    discardPdfium();
    throw engineFailure(err, takeComplaints());
  }

  const builder = new DocumentBuilder(path, 'pdf');
  const result = builder.document;
  result.pageCount = pageCount;
  if (metadata) result.metadata = metadata;
  const failure = options.ocr && pages.some((p) => !p.lines.length) ? await readByOcr(data, pages, result, options) : undefined;
  if (pages.every((p) => !p.lines.length)) {
    const none = `no text layer on any of the ${pageCount} pages (image-only or outlined text)`;
    builder.note({ id: 'no-text-layer', message: none });
    if (failure) result.unreadableReason = `${none}; ${failure}`;
    return result;
  }
  const turned = pages.filter((p) => p.turned);
  if (turned.length)
    builder.note({ id: 'text-turned', message: `${turned.length > 1 ? 'pages' : 'page'} ${pageList(turned.map((p) => p.page))} had text set sideways: read turned to run left to right` });
  const rowIds = new Map<number, number>();
  for (const item of layoutPages(pages)) {
    if (item.kind === 'heading') builder.heading(item.text, item.level, { page: item.page });
    else if (item.row === undefined) builder.block(item.kind, item.text, { page: item.page });
    else {
      if (!rowIds.has(item.row)) rowIds.set(item.row, builder.newRow());
      builder.block(item.kind, item.text, { page: item.page }, rowIds.get(item.row));
    }
  }
  // The first heading makes a better title than the Title property, often "Microsoft Word - x.docx".
  const title = metadata?.title;
  if (!result.title && title && !/^microsoft\b|\.(?:docx?|pdf|odt)$/i.test(title)) result.title = title;
  return result;
}

/** Every page's lines and the document properties; the engine's memory is freed before returning. */
function readText(engine: Pdfium, data: Uint8Array, password: string | undefined, maxPages: number) {
  const pdf = PdfiumDocument.open(engine, data, password);
  const scratch = new EngineBuffer(engine, 512);
  let trapped = false;
  try {
    const pageCount = pdf.pageCount;
    if (pageCount > maxPages) throw new InputError(`the PDF has ${pageCount} pages, over the ${maxPages}-page limit`);
    const fonts = new Map<number, boolean>();
    const pages: PageText[] = [];
    for (let n = 0; n < pageCount; n++) pages.push(readPage(engine, pdf.handle, n, fonts, scratch));
    return { pages, pageCount, metadata: pdf.properties() };
  } catch (err) {
    trapped = isEngineFailure(err); // the engine is discarded: nothing in it is freed
    throw err;
  } finally {
    if (!trapped) {
      scratch.free();
      pdf.close();
    }
  }
}

/**
 * One page's lines, read character by character from the engine's text page. A page whose text
 * is all set sideways (a landscape table on a portrait page, turned in the content itself) is
 * read turned the way its text runs; `turned` says by how much.
 */
function readPage(engine: Pdfium, doc: number, index: number, fonts: Map<number, boolean>, scratch: EngineBuffer): PageText {
  const n = index + 1;
  const page = engine.FPDF_LoadPage(doc, index);
  if (!page) return { page: n, height: 0, lines: [] };
  const text = engine.FPDFText_LoadPage(page);
  try {
    const width = engine.FPDF_GetPageWidthF(page);
    const height = engine.FPDF_GetPageHeightF(page);
    if (!text) return { page: n, width, height, lines: [] };
    const turns = engine.FPDFText_CountChars(text) ? [0, 1, 3, 2] : [0];
    let read: PageText = { page: n, width, height, lines: [] };
    for (const turn of turns) {
      // Turned a quarter, the page is as wide as it was high.
      const [w, h] = turn % 2 ? [height, width] : [width, height];
      const runs = readRuns(engine, text, displayView(engine, page, w, h, turn, scratch), fonts, scratch);
      // Turned, a page needs real text: a sideways stamp on a scan must not keep it from OCR.
      if (turn ? inkChars(runs) >= MIN_TURNED_CHARS : runs.length) {
        // The engine gives a sideways page's text in the order it is shown (columns), so it is put
        // back into lines top to bottom, left to right.
        if (turn) runs.sort((a, b) => Math.round(a.y) - Math.round(b.y) || a.x - b.x);
        read = { page: n, width: w, height: h, lines: buildLines(runs, n), ...(turn ? { turned: turn * 90 } : {}) };
        break;
      }
    }
    return read;
  } finally {
    if (text) engine.FPDFText_ClosePage(text);
    engine.FPDF_ClosePage(page);
  }
}

const MIN_TURNED_CHARS = 80;

const inkChars = (runs: TextRun[]): number => runs.reduce((n, run) => n + run.text.replace(/\s/g, '').length, 0);

/** OCRs the pages without text (their lines filled in) and marks the document; returns why it could not, if it could not. */
async function readByOcr(data: Uint8Array, pages: PageText[], result: PolicyDocument, options: PdfOptions): Promise<string | undefined> {
  const { ocrBlankPages } = await import('./ocr.js'); // loaded only with --ocr
  const engine = await pdfium();
  let pdf: PdfiumDocument | undefined;
  let trapped = false;
  // Pages are drawn here, in memory: the password never goes on a command line.
  const render = (page: number, dpi: number): Uint8Array => {
    if (trapped) throw new Error('the PDF engine had stopped');
    try {
      pdf ??= PdfiumDocument.open(engine, data, options.password);
      return pdf.renderGrey(page - 1, dpi);
    } catch (err) {
      if (isEngineFailure(err)) {
        trapped = true;
        discardPdfium();
      }
      throw err;
    }
  };
  let ocr: OcrOutcome;
  try {
    ocr = await ocrBlankPages(pages, {
      render,
      ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
      ...(options.ocrJobs !== undefined ? { jobs: options.ocrJobs } : {}),
      ...(options.tempDir !== undefined ? { tempDir: options.tempDir } : {}),
    });
  } finally {
    if (!trapped) pdf?.close();
  }
  // A document OCR could not read at all says why in its one-line reason instead.
  if (!ocr.failure || pages.some((p) => p.lines.length)) addNote(result, { id: 'ocr', message: ocr.note });
  if (ocr.read.length) {
    result.ocrPages = ocr.read;
    result.textSource = ocr.read.length === pages.filter((p) => p.lines.length).length ? 'ocr' : 'mixed';
  }
  return ocr.failure;
}

/** A trap in the engine, in one line: running out of memory is said as such. */
function engineFailure(err: unknown, complaints: string[]): InputError {
  const outOfMemory = err instanceof RangeError || complaints.some((c) => /cannot enlarge memory|out of memory|OOM/i.test(c));
  if (outOfMemory) return new InputError(`needed more than the PDF reader's ${ENGINE_MEMORY_LIMIT} of memory (a compressed stream that inflates too far?)`);
  const reason =
    String((err as Error)?.message ?? err)
      .split('\n')[0]
      ?.replace(/^Aborted\((.*)\)$/, '$1') ?? '';
  return new InputError(`not a valid PDF: the reader stopped on it (${reason || 'unknown error'})`);
}
