/**
 * pdf.js's worker code runs in this thread (Node has no pdf.js worker), and on a damaged PDF it
 * leaves some promises rejected with no handler: page dictionaries it prefetched, then dropped
 * when it rebuilt the cross-reference table. Node's default for an unhandled rejection is to end
 * the thread, which took down a batch worker in the middle of another file, after this one had
 * been read. Such rejections are pdf.js's own housekeeping: the document's reading already
 * succeeded or failed through the promises we await. Any other unhandled rejection is thrown on,
 * as Node would.
 */

let installed = false;

export function ignorePdfjsStrayRejections(): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    if (fromPdfjs(reason)) return;
    throw reason;
  });
}

/** Raised inside pdf.js: its exception classes, or any error whose stack is in its code. */
function fromPdfjs(reason: unknown): boolean {
  const stack = reason instanceof Error ? (reason.stack ?? '') : '';
  return /[\\/]pdfjs-dist[\\/]/.test(stack);
}
