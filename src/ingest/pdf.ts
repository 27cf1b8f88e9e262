import { AnnotationMode, getDocument, PasswordResponses, PDFDateString, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy, PageViewport } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { InputError } from '../errors.js';
import type { PolicyDocument } from '../types.js';
import { DocumentBuilder } from './builder.js';
import { layoutPages, mostCommon, type Line, type PageText } from './pdf-layout.js';
import { ignorePdfjsStrayRejections } from './pdfjs-rejections.js';

// pdf.js is used directly (the legacy build, the very copy pdf-parse v2 wraps): PDFParse keeps its
// pdf.js document private and its getText() drops the positions and fonts the layout needs.

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

/** What pdf.js reports for a piece of text (its TextItem type is not exported). */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

const BOLD_FONT = /bold|black|heavy|semibold|demi/i;

/** Reads a PDF's text layer into a PolicyDocument; pages are read one at a time and released. */
export async function readPdf(data: Uint8Array, path: string, options: PdfOptions = {}): Promise<PolicyDocument> {
  const maxPages = options.maxPages ?? 500;
  ignorePdfjsStrayRejections();
  const task = getDocument({
    data: new Uint8Array(data), // a copy: pdf.js may detach the buffer it is given, and refuses Node Buffers
    ...(options.password !== undefined ? { password: options.password } : {}),
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    // Images are never read (text only), so pdf.js need not decode them while listing a page's fonts.
    maxImageSize: 1,
  });
  try {
    const doc = await fromPdfjs(task.promise);
    if (doc.numPages > maxPages) throw new InputError(`the PDF has ${doc.numPages} pages, over the ${maxPages}-page limit`);
    const builder = new DocumentBuilder(path, 'pdf');
    const result = builder.document;
    result.pageCount = doc.numPages;
    const metadata = await readMetadata(doc);
    if (metadata) result.metadata = metadata;

    const fonts = new Map<string, boolean>();
    const pages: PageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(doc, n, fonts));
    const failure = options.ocr && pages.some((p) => !p.lines.length) ? await readByOcr(data, pages, result, options) : undefined;
    if (pages.every((p) => !p.lines.length)) {
      const none = `no text layer on any of the ${doc.numPages} pages (image-only or outlined text)`;
      builder.note(none);
      if (failure) result.unreadableReason = `${none}; ${failure}`;
      return result;
    }
    for (const item of layoutPages(pages)) {
      if (item.kind === 'heading') builder.heading(item.text, item.level, { page: item.page });
      else builder.block(item.kind, item.text, { page: item.page });
    }
    // The first heading makes a better title than the Title property, often "Microsoft Word - x.docx".
    const title = metadata?.title;
    if (!result.title && title && !/^microsoft\b|\.(?:docx?|pdf|odt)$/i.test(title)) result.title = title;
    return result;
  } finally {
    await task.destroy(); // frees the document and the worker, also after a failed load
  }
}

/** One page's lines; the page's parsed resources are released before returning. */
async function readPage(doc: PDFDocumentProxy, n: number, fonts: Map<string, boolean>): Promise<PageText> {
  const page = await fromPdfjs(doc.getPage(n));
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await fromPdfjs(page.getTextContent());
    const items = content.items.filter((item): item is TextItem & typeof item => 'str' in item && item.str !== '');
    await learnFonts(page, items, fonts);
    const runs = items.map((item) => toRun(item, viewport, fonts)).filter((run): run is TextRun => run !== undefined);
    return { page: n, width: viewport.width, height: viewport.height, lines: buildLines(runs, n) };
  } finally {
    page.cleanup();
  }
}

/** OCRs the pages without text (their lines filled in) and marks the document; returns why it could not, if it could not. */
async function readByOcr(data: Uint8Array, pages: PageText[], result: PolicyDocument, options: PdfOptions): Promise<string | undefined> {
  const { ocrBlankPages } = await import('./ocr.js'); // loaded only with --ocr
  const ocr = await ocrBlankPages(data, pages, {
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
    ...(options.ocrJobs !== undefined ? { jobs: options.ocrJobs } : {}),
  });
  // A document OCR could not read at all says why in its one-line reason instead.
  if (!ocr.failure || pages.some((p) => p.lines.length)) result.notes.push(ocr.note);
  if (ocr.read.length) {
    result.ocrPages = ocr.read;
    result.textSource = ocr.read.length === pages.filter((p) => p.lines.length).length ? 'ocr' : 'mixed';
  }
  return ocr.failure;
}

/** Places an item in top-down page space; rotated text (watermarks, side captions) is left out. */
function toRun(item: TextItem, viewport: PageViewport, fonts: Map<string, boolean>): TextRun | undefined {
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = Util.transform(viewport.transform, item.transform) as number[];
  if (a <= 0 || Math.abs(b) + Math.abs(c) > 0.05 * (Math.abs(a) + Math.abs(d))) return undefined;
  return { text: item.str, x, y, width: item.width, size: Math.hypot(c, d), bold: fonts.get(item.fontName) ?? false };
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
    // pdf.js splits words where kerning changes, so only a real gap is a space.
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

/**
 * Records which fonts are bold. pdf.js passes font names to this side only while building a page's
 * operator list, which is costly, so that is done only for pages that use a font not seen before.
 */
async function learnFonts(page: PDFPageProxy, items: TextItem[], fonts: Map<string, boolean>): Promise<void> {
  const unknown = [...new Set(items.map((i) => i.fontName))].filter((id) => !fonts.has(id));
  if (!unknown.length) return;
  try {
    await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
  } catch {
    // Only boldness is lost; the text itself was read.
  }
  for (const id of unknown) {
    const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: unknown; bold?: unknown }) : undefined;
    fonts.set(id, font?.bold === true || BOLD_FONT.test(String(font?.name ?? '')));
  }
}

/** Document properties, named as the DOCX reader names them. */
async function readMetadata(doc: PDFDocumentProxy): Promise<Record<string, string> | undefined> {
  const info = ((await doc.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>;
  const metadata: Record<string, string> = {};
  const fields = { Title: 'title', Subject: 'subject', Author: 'creator', Keywords: 'keywords' };
  for (const [field, key] of Object.entries(fields)) {
    const value = info[field];
    if (typeof value === 'string' && value.trim()) metadata[key] = value.replace(/\s+/g, ' ').trim();
  }
  for (const [field, key] of Object.entries({ CreationDate: 'created', ModDate: 'modified' })) {
    const date = typeof info[field] === 'string' ? PDFDateString.toDateObject(info[field]) : null;
    if (date && !Number.isNaN(date.getTime())) metadata[key] = date.toISOString();
  }
  return Object.keys(metadata).length ? metadata : undefined;
}

/** Awaits pdf.js work, turning its failures into one-line InputErrors (never a stack trace). */
async function fromPdfjs<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw toInputError(err);
  }
}

function toInputError(err: unknown): InputError {
  if (err instanceof InputError) return err;
  const { name, code, message } = (err ?? {}) as { name?: string; code?: number; message?: string };
  if (name === 'PasswordException') {
    return new InputError(
      code === PasswordResponses.INCORRECT_PASSWORD ? 'the PDF password is wrong (--password)' : 'the PDF is encrypted: a password is needed (--password)',
    );
  }
  const reason = String(message ?? err).replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return new InputError(`not a valid PDF: ${reason || 'unreadable structure'}`);
}
