import { InputError } from '../errors.js';
import { pageList } from '../page-list.js';
import type { PolicyDocument } from '../types.js';
import { DocumentBuilder } from './builder.js';
import { layoutPages, mostCommon, type Line, type PageText } from './pdf-layout.js';
import { discardPdfium, ENGINE_MEMORY_LIMIT, EngineBuffer, hotCalls, pdfium, takeComplaints, type HotCalls, type Pdfium } from './pdfium.js';
import { PdfiumDocument } from './pdfium-document.js';
import type { OcrOutcome } from './ocr.js';

export interface PdfOptions {
  password?: string;
  /** Refuse documents with more pages than this (default 500). */
  maxPages?: number;
  /** Read pages that have no text layer by OCR (tesseract), when it is installed. */
  ocr?: boolean;
  /** Epoch ms: the document's time budget, which OCR keeps to. */
  deadline?: number;
  /** Pages OCR'd at once. */
  ocrJobs?: number;
}

/** A piece of text drawn in one font at one place, in top-down page points. */
interface TextRun {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  size: number;
  bold: boolean;
}

const BOLD_FONT = /bold|black|heavy|semibold|demi/i;

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
    if (err instanceof InputError) throw err;
    // A trap inside the engine (a malformed file it could not handle): that file's error alone.
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
    builder.note(none);
    if (failure) result.unreadableReason = `${none}; ${failure}`;
    return result;
  }
  const turned = pages.filter((p) => p.turned);
  if (turned.length) builder.note(`${turned.length > 1 ? 'pages' : 'page'} ${pageList(turned.map((p) => p.page))} had text set sideways: read turned to run left to right`);
  for (const item of layoutPages(pages)) {
    if (item.kind === 'heading') builder.heading(item.text, item.level, { page: item.page });
    else builder.block(item.kind, item.text, { page: item.page });
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
    return { pages, pageCount, metadata: readMetadata(engine, pdf.handle, scratch) };
  } catch (err) {
    trapped = !(err instanceof InputError); // the engine is discarded: nothing in it is freed
    throw err;
  } finally {
    if (!trapped) {
      scratch.free();
      pdf.close();
    }
  }
}

/** A text object's look, shared by its characters. */
interface Style {
  upright: boolean;
  size: number;
  bold: boolean;
}

/** Maps page space (y up, offset by the page boxes, unrotated) to top-down display points. */
type View = [a: number, b: number, c: number, d: number, e: number, f: number];

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

const VIEW_SCALE = 64;
const MIN_TURNED_CHARS = 80;

const inkChars = (runs: TextRun[]): number => runs.reduce((n, run) => n + run.text.replace(/\s/g, '').length, 0);

/**
 * The page's display transform (crop box and /Rotate, then `turn` quarters clockwise), read off
 * the engine's own page-to-device mapping.
 */
function displayView(engine: Pdfium, page: number, width: number, height: number, turn: number, scratch: EngineBuffer): View {
  const device = (x: number, y: number): [number, number] => {
    // Device coordinates are whole pixels: a 64× device keeps them to 1/64 point.
    engine.FPDF_PageToDevice(page, 0, 0, Math.round(width * VIEW_SCALE), Math.round(height * VIEW_SCALE), turn, x, y, scratch.ptr, scratch.ptr + 4);
    return [scratch.i32(0) / VIEW_SCALE, scratch.i32(1) / VIEW_SCALE];
  };
  const [e, f] = device(0, 0);
  const [ax, ay] = device(100, 0);
  const [cx, cy] = device(0, 100);
  return [(ax - e) / 100, (ay - f) / 100, (cx - e) / 100, (cy - f) / 100, e, f];
}

/**
 * The page's text as runs in content order: a run is the characters of one text object on one
 * baseline. The engine's line breaks end a run, and rotated text (watermarks, side captions) is
 * left out. Where the words break is decided per run, once its letter spacing is known.
 */
function readRuns(engine: Pdfium, text: number, view: View, fonts: Map<number, boolean>, scratch: EngineBuffer): TextRun[] {
  const runs: TextRun[] = [];
  const calls = hotCalls(engine);
  const count = engine.FPDFText_CountChars(text);
  let object = -1;
  let style: Style = { upright: false, size: 0, bold: false };
  let run: RunChars | undefined;
  const close = (): void => {
    if (run?.glyphs.length) runs.push(spaced(run));
    run = undefined;
  };
  for (let i = 0; i < count; i++) {
    const owner = calls.FPDFText_GetTextObject(text, i);
    const code = calls.FPDFText_GetUnicode(text, i);
    if (!owner) {
      // Made up by the engine: a space where it saw a gap (kept as a hint), or a line break.
      if (code === 0x20) run?.glyphs.push({ char: ' ', x: NaN, right: NaN, space: 'soft' });
      else close();
      continue;
    }
    if (owner !== object) {
      object = owner;
      style = styleOf(engine, calls, text, i, owner, view, fonts, scratch);
    }
    if (!style.upright) {
      close();
      continue;
    }
    calls.FPDFText_GetCharOrigin(text, i, scratch.ptr, scratch.ptr + 8);
    const px = scratch.f64(0);
    const py = scratch.f64(1);
    const x = view[0] * px + view[2] * py + view[4];
    const y = view[1] * px + view[3] * py + view[5];
    if (!run || run.style !== style || Math.abs(y - run.y) > 0.05 * style.size || x < run.lastX - 0.5 * style.size) {
      close();
      run = { style, x, y, lastX: x, glyphs: [] };
    }
    run.lastX = x;
    // The advance box (the glyph's width, not its ink): a narrow "1" is not followed by a gap
    // that reads as a space.
    const right = Math.max(x, advanceRight(calls, text, i, view, scratch));
    if (isSpace(code)) {
      // A space set with no width (between letter-spaced capitals: "M IDLANDS") is only a hint.
      run.glyphs.push({ char: ' ', x, right, space: right - x < 0.1 * style.size ? 'soft' : 'hard' });
      continue;
    }
    // The engine reports a hyphen that ends a line as U+0002; the layout decides whether it joins a word.
    const char = code === 0x02 ? '-' : code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code);
    run.glyphs.push({ char, x, right });
  }
  close();
  return runs;
}

/** One character of a run being read: a glyph, or a space the PDF set (hard) or hinted at (soft). */
interface Glyph {
  char: string;
  x: number;
  right: number;
  space?: 'hard' | 'soft';
}

interface RunChars {
  style: Style;
  x: number;
  y: number;
  lastX: number;
  glyphs: Glyph[];
}

/**
 * A run's text with its word spaces. A gap is a space when it is wider than the run's own letter
 * spacing allows (letter-spaced headings have wide gaps inside words), or a hinted space with more
 * than the letter spacing behind it; a space the PDF sets with a width always is.
 */
function spaced(run: RunChars): TextRun {
  const size = run.style.size;
  const gaps: number[] = [];
  let right = -Infinity;
  let between = false;
  for (const g of run.glyphs) {
    if (g.space) {
      between = true;
      continue;
    }
    if (right > -Infinity && !between) gaps.push(g.x - right);
    right = Math.max(right, g.right);
    between = false;
  }
  const letterGap = Math.max(0, median(gaps));
  let text = '';
  let pending: 'hard' | 'soft' | undefined;
  let extent = run.x; // the run's right edge, its own spaces included
  right = -Infinity;
  for (const g of run.glyphs) {
    if (g.space) {
      if (pending !== 'hard') pending = g.space;
      if (g.space === 'hard') extent = Math.max(extent, g.right);
      continue;
    }
    if (text && !text.endsWith(' ')) {
      const gap = g.x - right;
      if (pending === 'hard' || gap > Math.max(0.2 * size, letterGap + 0.15 * size) || (pending === 'soft' && gap > letterGap + 0.05 * size)) text += ' ';
    } else if (!text && pending === 'hard') {
      text = ' '; // a run may start with a space: the line's own spacing rule reads it as a gap
    }
    pending = undefined;
    text += g.char;
    right = Math.max(right, g.right);
    extent = Math.max(extent, g.right);
  }
  if (pending === 'hard') text += ' ';
  return { text, x: run.x, y: run.y, width: extent - run.x, size, bold: run.style.bold };
}

/** Tab, line ends, space, no-break space and the typographic spaces (by code, not a regex: per character). */
const isSpace = (code: number): boolean => code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x3000;

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The right edge, in display points, of one character's advance box. */
function advanceRight(calls: HotCalls, text: number, i: number, view: View, scratch: EngineBuffer): number {
  if (!calls.FPDFText_GetLooseCharBox(text, i, scratch.ptr)) return -Infinity;
  // FS_RECTF: left, top, right, bottom, in page space; the largest display x of its corners.
  const xs = view[0] >= 0 ? scratch.f32(2) : scratch.f32(0);
  const ys = view[2] >= 0 ? scratch.f32(1) : scratch.f32(3);
  return view[0] * xs + view[2] * ys + view[4];
}

/** Size, slant and weight of the text object that character i belongs to. */
function styleOf(engine: Pdfium, calls: HotCalls, text: number, i: number, owner: number, view: View, fonts: Map<number, boolean>, scratch: EngineBuffer): Style {
  // The character's matrix leaves out the font size: the two multiply to the size on the page.
  const fontSize = calls.FPDFText_GetFontSize(text, i);
  if (!calls.FPDFText_GetMatrix(text, i, scratch.ptr)) return { upright: false, size: 0, bold: false };
  const [ma, mb, mc, md] = [scratch.f32(0), scratch.f32(1), scratch.f32(2), scratch.f32(3)];
  const a = (view[0] * ma + view[2] * mb) * fontSize;
  const b = (view[1] * ma + view[3] * mb) * fontSize;
  const c = (view[0] * mc + view[2] * md) * fontSize;
  const d = (view[1] * mc + view[3] * md) * fontSize;
  const upright = a > 0 && Math.abs(b) + Math.abs(c) <= 0.05 * (Math.abs(a) + Math.abs(d));
  return { upright, size: Math.hypot(c, d), bold: isBold(engine, calls.FPDFTextObj_GetFont(owner), fonts, scratch) };
}

/** Whether a font is bold, by its name: embedded subsets rarely say so any other way. */
function isBold(engine: Pdfium, font: number, fonts: Map<number, boolean>, scratch: EngineBuffer): boolean {
  if (!font) return false;
  let bold = fonts.get(font);
  if (bold === undefined) {
    const length = engine.FPDFFont_GetBaseFontName(font, scratch.ptr, scratch.bytes);
    const name = length > 0 ? engine.pdfium.UTF8ToString(scratch.ptr, Math.min(length, scratch.bytes)) : '';
    bold = BOLD_FONT.test(name);
    fonts.set(font, bold);
  }
  return bold;
}

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
      // A WebAssembly trap (RuntimeError): the engine's memory can no longer be trusted.
      if ((err as Error)?.name === 'RuntimeError') {
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
    });
  } finally {
    if (!trapped) pdf?.close();
  }
  // A document OCR could not read at all says why in its one-line reason instead.
  if (!ocr.failure || pages.some((p) => p.lines.length)) result.notes.push(ocr.note);
  if (ocr.read.length) {
    result.ocrPages = ocr.read;
    result.textSource = ocr.read.length === pages.filter((p) => p.lines.length).length ? 'ocr' : 'mixed';
  }
  return ocr.failure;
}

/** Groups runs (in content order) into lines: a new line starts when the baseline moves or x jumps back. */
function buildLines(runs: TextRun[], page: number): Line[] {
  const lines: Line[] = [];
  let parts: TextRun[] = [];
  let right = 0;
  for (const run of runs) {
    const last = parts[parts.length - 1];
    const em = Math.max(last?.size ?? 0, run.size, 1);
    // Superscripts sit up to ~0.4 em off the baseline; the next line is a whole line away.
    if (last && (Math.abs(run.y - last.y) > 0.45 * em || run.x < right - 1.5 * em)) {
      const line = toLine(parts, page);
      if (line) lines.push(line);
      parts = [];
    }
    right = parts.length ? Math.max(right, run.x + run.width) : run.x + run.width;
    parts.push(run);
  }
  const line = toLine(parts, page);
  if (line) lines.push(line);
  return lines;
}

function toLine(runs: TextRun[], page: number): Line | undefined {
  const first = runs.find((r) => r.text.trim());
  if (!first) return undefined;
  let text = '';
  let x1 = first.x;
  let lastSize = first.size;
  let farNumber = false;
  const sizes = new Map<number, number>();
  let chars = 0;
  let boldChars = 0;
  for (const run of runs) {
    const blank = !run.text.trim();
    // A zero-width space (between small capitals: "P" + "OLICY") says nothing; the gaps decide.
    if (blank && run.width < 0.1 * run.size) continue;
    // Runs split where the text object changes, even mid-word, so only a real gap is a space.
    const gap = run.x - x1;
    if (gap > 0.2 * Math.min(run.size, lastSize)) text += ' ';
    text += run.text;
    if (blank) continue;
    farNumber = /^\s*\d{1,3}\s*$/.test(run.text) && gap > 3 * run.size && chars > 0;
    x1 = Math.max(x1, run.x + run.width);
    lastSize = run.size;
    const n = run.text.replace(/\s/g, '').length;
    const size = Math.round(run.size * 2) / 2;
    sizes.set(size, (sizes.get(size) ?? 0) + n);
    chars += n;
    if (run.bold) boldChars += n;
  }
  text = text.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
  return {
    page,
    text,
    x0: first.x,
    x1,
    y: first.y,
    size: mostCommon(sizes),
    sizes: [Math.min(...sizes.keys()), Math.max(...sizes.keys())],
    bold: boldChars >= 0.8 * chars,
    toc: farNumber || /(?:\.\s?){4,}\s*\d{1,3}$|…{2,}\s*\d{1,3}$/.test(text),
  };
}

/** Document properties, named as the DOCX reader names them. */
function readMetadata(engine: Pdfium, doc: number, scratch: EngineBuffer): Record<string, string> | undefined {
  const metadata: Record<string, string> = {};
  const fields = { Title: 'title', Subject: 'subject', Author: 'creator', Keywords: 'keywords' };
  for (const [field, key] of Object.entries(fields)) {
    const value = metaText(engine, doc, field, scratch);
    if (value.trim()) metadata[key] = value.replace(/\s+/g, ' ').trim();
  }
  for (const [field, key] of Object.entries({ CreationDate: 'created', ModDate: 'modified' })) {
    const date = pdfDate(metaText(engine, doc, field, scratch));
    if (date) metadata[key] = date.toISOString();
  }
  return Object.keys(metadata).length ? metadata : undefined;
}

/** One Info dictionary entry (UTF-16LE from the engine); long values are cut at the scratch size. */
function metaText(engine: Pdfium, doc: number, tag: string, scratch: EngineBuffer): string {
  const bytes = engine.FPDF_GetMetaText(doc, tag, scratch.ptr, scratch.bytes);
  if (bytes <= 2) return '';
  return engine.pdfium.UTF16ToString(scratch.ptr, Math.min(bytes, scratch.bytes) - 2);
}

/** A PDF date ("D:20260304101500+01'00'"), or undefined when it is not one. */
export function pdfDate(value: string): Date | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(value.trim());
  if (!m) return undefined;
  const [year, month = 1, day = 1, hour = 0, minute = 0, second = 0] = m.slice(1, 7).filter((v) => v !== undefined).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  // "+01'00'" is an hour ahead of UTC, so the UTC time is an hour earlier.
  const sign = m[7] === '-' ? -1 : m[7] === '+' ? 1 : 0;
  const offsetMinutes = sign * (Number(m[8] ?? 0) * 60 + Number(m[9] ?? 0));
  return new Date(Date.UTC(year!, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
}

/** A trap in the engine, in one line: running out of memory is said as such. */
function engineFailure(err: unknown, complaints: string[]): InputError {
  const outOfMemory = err instanceof RangeError || complaints.some((c) => /cannot enlarge memory|out of memory|OOM/i.test(c));
  if (outOfMemory) return new InputError(`needed more than the PDF reader's ${ENGINE_MEMORY_LIMIT} of memory (a compressed stream that inflates too far?)`);
  const reason = String((err as Error)?.message ?? err).split('\n')[0]?.replace(/^Aborted\((.*)\)$/, '$1') ?? '';
  return new InputError(`not a valid PDF: the reader stopped on it (${reason || 'unknown error'})`);
}
