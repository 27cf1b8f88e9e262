import { InputError } from '../util/errors.js';
import { EngineBuffer, heapBytes, type Pdfium } from './pdfium.js';

// One PDF opened in the engine: its own copy of the bytes (the caller's are never touched), kept
// until the document is closed, as PDFium reads from it lazily.

export class PdfiumDocument {
  private constructor(
    readonly engine: Pdfium,
    readonly handle: number,
    private readonly file: EngineBuffer,
  ) {}

  /** Opens the bytes, or throws a one-line InputError saying why the engine would not. */
  static open(engine: Pdfium, data: Uint8Array, password: string | undefined): PdfiumDocument {
    const file = new EngineBuffer(engine, data.length);
    file.write(data);
    const handle = engine.FPDF_LoadMemDocument(file.ptr, data.length, password ?? '');
    if (!handle) {
      const code = engine.FPDF_GetLastError();
      file.free();
      throw loadError(code, password);
    }
    return new PdfiumDocument(engine, handle, file);
  }

  get pageCount(): number {
    return this.engine.FPDF_GetPageCount(this.handle);
  }

  /**
   * Page `index` (from 0) drawn at `dpi` as an 8-bit greyscale PGM, as it is displayed (crop box
   * and /Rotate applied), annotations included, on white.
   */
  renderGrey(index: number, dpi: number): Uint8Array {
    const { engine } = this;
    const page = engine.FPDF_LoadPage(this.handle, index);
    if (!page) throw new Error(`page ${index + 1} could not be loaded`);
    let bitmap = 0;
    try {
      const width = Math.max(1, Math.round((engine.FPDF_GetPageWidthF(page) * dpi) / 72));
      const height = Math.max(1, Math.round((engine.FPDF_GetPageHeightF(page) * dpi) / 72));
      bitmap = engine.FPDFBitmap_Create(width, height, 0);
      if (!bitmap) throw new RangeError('out of engine memory for the page picture');
      engine.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xffffffff);
      engine.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, RENDER_FLAGS);
      const pixels = engine.FPDFBitmap_GetBuffer(bitmap);
      const stride = engine.FPDFBitmap_GetStride(bitmap);
      const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
      const out = new Uint8Array(header.length + width * height);
      out.set(header);
      const heap = heapBytes(engine);
      // BGRx, already grey (FPDF_GRAYSCALE): one channel of each pixel is the picture.
      for (let y = 0, at = header.length; y < height; y++) {
        const row = pixels + y * stride;
        for (let x = 0; x < width; x++) out[at++] = heap[row + x * 4 + 1]!;
      }
      return out;
    } finally {
      if (bitmap) engine.FPDFBitmap_Destroy(bitmap);
      engine.FPDF_ClosePage(page);
    }
  }

  /** Document properties, named as the DOCX reader names them. */
  properties(): Record<string, string> | undefined {
    const scratch = new EngineBuffer(this.engine, 512);
    try {
      const metadata: Record<string, string> = {};
      const fields = { Title: 'title', Subject: 'subject', Author: 'creator', Keywords: 'keywords' };
      for (const [field, key] of Object.entries(fields)) {
        const value = this.infoText(field, scratch);
        if (value.trim()) metadata[key] = value.replace(/\s+/g, ' ').trim();
      }
      for (const [field, key] of Object.entries({ CreationDate: 'created', ModDate: 'modified' })) {
        const date = pdfDate(this.infoText(field, scratch));
        if (date) metadata[key] = date.toISOString();
      }
      return Object.keys(metadata).length ? metadata : undefined;
    } finally {
      scratch.free();
    }
  }

  /** One Info dictionary entry (UTF-16LE from the engine); long values are cut at the buffer's size. */
  private infoText(tag: string, scratch: EngineBuffer): string {
    const bytes = this.engine.FPDF_GetMetaText(this.handle, tag, scratch.ptr, scratch.bytes);
    if (bytes <= 2) return '';
    return this.engine.pdfium.UTF16ToString(scratch.ptr, Math.min(bytes, scratch.bytes) - 2);
  }

  close(): void {
    this.engine.FPDF_CloseDocument(this.handle);
    this.file.free();
  }
}

/** A PDF date ("D:20260304101500+01'00'"), or undefined when it is not one. */
export function pdfDate(value: string): Date | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(value.trim());
  if (!m) return undefined;
  const [year, month = 1, day = 1, hour = 0, minute = 0, second = 0] = m
    .slice(1, 7)
    .filter((v) => v !== undefined)
    .map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  // "+01'00'" is an hour ahead of UTC, so the UTC time is an hour earlier.
  const sign = m[7] === '-' ? -1 : m[7] === '+' ? 1 : 0;
  const offsetMinutes = sign * (Number(m[8] ?? 0) * 60 + Number(m[9] ?? 0));
  return new Date(Date.UTC(year!, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
}

/** FPDF_ANNOT (form fields and stamps are part of the page) | FPDF_GRAYSCALE | FPDF_PRINTING. */
const RENDER_FLAGS = 0x01 | 0x08 | 0x800;

/** Why the engine would not open the document, in one line. */
function loadError(code: number, password: string | undefined): InputError {
  switch (code) {
    case 4: // FPDF_ERR_PASSWORD
      return new InputError(password !== undefined ? 'the PDF password is wrong (--password)' : 'the PDF is encrypted: a password is needed (--password)');
    case 5: // FPDF_ERR_SECURITY
      return new InputError('the PDF is encrypted with a security handler the reader does not support');
    case 2: // FPDF_ERR_FILE
      return new InputError('not a valid PDF: the file could not be read');
    default: // FPDF_ERR_FORMAT, FPDF_ERR_UNKNOWN
      return new InputError('not a valid PDF: unreadable structure');
  }
}
