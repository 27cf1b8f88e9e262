import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { init, type WrappedPdfiumModule } from '@embedpdf/pdfium';
import { engineState } from './engine-state.js';

// PDFium (Chrome's PDF engine) compiled to WebAssembly: it reads a text layer several times faster
// than pdf.js, which spends most of its time being compiled by V8 and rebuilding fonts for display.

export type Pdfium = WrappedPdfiumModule;

/** The views of the engine's memory that Emscripten keeps on its module (its types leave them out). */
interface Heap {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
}

// Read afresh on every use: growing the memory replaces the views.
const heap = (module: Pdfium): Heap => module.pdfium as unknown as Heap;

/** The engine's memory as bytes, valid until the engine next allocates. */
export const heapBytes = (module: Pdfium): Uint8Array => heap(module).HEAPU8;

let engine: Promise<Pdfium> | undefined;

/** The engine of this thread, started on first use (about 50 ms) and kept for later documents. */
export function pdfium(): Promise<Pdfium> {
  engine ??= start().catch((err: unknown) => {
    engine = undefined;
    throw err;
  });
  return engine;
}

/** What the engine wrote to its stderr since it was last asked: kept out of the user's terminal. */
const complaints: string[] = [];

async function start(): Promise<Pdfium> {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm'));
  const module = await init({
    wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
    print: () => undefined,
    printErr: (text: string) => {
      if (complaints.length < 20) complaints.push(text);
    },
  });
  module.PDFiumExt_Init();
  return module;
}

/** The engine's messages since the last call (an allocation it was refused, an abort). */
export function takeComplaints(): string[] {
  return complaints.splice(0);
}

/**
 * Forgets the engine after it trapped (a WebAssembly runtime error): its memory may be left
 * inconsistent, so the next document starts a fresh one.
 */
export function discardPdfium(): void {
  engine = undefined;
  engineState.discarded = true;
}

/**
 * A failure inside the engine: a WebAssembly trap (RuntimeError) or memory it could not get
 * (RangeError). Its memory can no longer be trusted, so the engine is to be discarded.
 */
export function isEngineFailure(err: unknown): boolean {
  return err instanceof RangeError || (err as Error | undefined)?.name === 'RuntimeError';
}

/** Emscripten's ceiling on the engine's memory (its heap cannot grow past 2 GiB). */
export const ENGINE_MEMORY_LIMIT = '2 GB';

/**
 * The engine's own exports for the calls made once per character or text object: the wrapped
 * functions go through ccall, whose argument handling costs more than the call itself. All take
 * and return plain numbers (pointers into the engine's memory; 0 or 1 for booleans).
 */
export interface HotCalls {
  FPDFText_GetTextObject(text: number, index: number): number;
  FPDFText_GetUnicode(text: number, index: number): number;
  FPDFText_GetCharOrigin(text: number, index: number, x: number, y: number): number;
  FPDFText_GetLooseCharBox(text: number, index: number, rect: number): number;
  FPDFText_GetFontSize(text: number, index: number): number;
  FPDFText_GetMatrix(text: number, index: number, matrix: number): number;
  FPDFTextObj_GetFont(object: number): number;
}

export function hotCalls(module: Pdfium): HotCalls {
  return module.pdfium.wasmExports as unknown as HotCalls;
}

/** Memory inside the engine, freed by the caller. */
export class EngineBuffer {
  readonly ptr: number;

  constructor(
    private readonly module: Pdfium,
    readonly bytes: number,
  ) {
    this.ptr = module.pdfium.wasmExports.malloc(bytes);
    if (!this.ptr) throw new RangeError('out of engine memory');
  }

  write(data: Uint8Array): void {
    heap(this.module).HEAPU8.set(data, this.ptr);
  }

  i32(index: number): number {
    return heap(this.module).HEAP32[(this.ptr >> 2) + index]!;
  }

  f32(index: number): number {
    return heap(this.module).HEAPF32[(this.ptr >> 2) + index]!;
  }

  f64(index: number): number {
    return heap(this.module).HEAPF64[(this.ptr >> 3) + index]!;
  }

  free(): void {
    this.module.pdfium.wasmExports.free(this.ptr);
  }
}
