// pdf.js's legacy build (the one that runs on Node 20) carries core-js, which on V8 11 replaces
// Array.prototype.push and JSON.parse for the whole thread with polyfills written for spec edge
// cases (lengths past 2^32, non-writable lengths) that no reader here meets. The polyfilled push
// costs about a tenth of the time of a batch of PDFs, in pdf.js's parser and in our own code alike,
// and stays for every later file a worker reads. The built-ins are taken before pdf.js can load and
// put back once it has; pdf.js's own additions (Set methods, Promise.withResolvers…) are kept.

const NATIVE_PUSH = Array.prototype.push;
const NATIVE_PARSE = JSON.parse;

/** Puts back the built-ins that loading pdf.js replaced (nothing to do when it has not). */
export function restoreBuiltins(): void {
  if (Array.prototype.push !== NATIVE_PUSH) Object.defineProperty(Array.prototype, 'push', { value: NATIVE_PUSH, writable: true, configurable: true, enumerable: false });
  if (JSON.parse !== NATIVE_PARSE) Object.defineProperty(JSON, 'parse', { value: NATIVE_PARSE, writable: true, configurable: true, enumerable: false });
}

// A variable, not a literal: pdf.js ships no types for its worker module.
const WORKER_MODULE = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
let loading: Promise<void> | undefined;

/**
 * Loads pdf.js and its worker code into this thread, then restores the built-ins. With the worker
 * code loaded up front (it sets globalThis.pdfjsWorker), pdf.js does not import it, polyfills
 * and all, in the middle of reading the first document.
 */
export function loadPdfjs(): Promise<void> {
  loading ??= (async () => {
    try {
      await import('pdfjs-dist/legacy/build/pdf.mjs');
      await import(WORKER_MODULE);
    } finally {
      restoreBuiltins();
    }
  })();
  return loading;
}
