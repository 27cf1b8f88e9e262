import { InputError } from '../errors.js';
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

  close(): void {
    this.engine.FPDF_CloseDocument(this.handle);
    this.file.free();
  }
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
