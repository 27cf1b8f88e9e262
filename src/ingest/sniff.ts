import type { DocumentFormat } from '../types.js';

export type SniffedType = DocumentFormat | 'legacy-office' | 'zip' | 'binary' | 'unknown-text';

/** What a file really is, from its first bytes: an extension can lie. */
export function sniff(data: Uint8Array): SniffedType {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return isDocx(data) ? 'docx' : 'zip';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'legacy-office';
  // A PDF may have junk before the header (allowed within the first 1024 bytes).
  if (indexOf(data.subarray(0, 1024), '%PDF-') >= 0) return 'pdf';
  return looksLikeText(data) ? 'markdown' : 'binary';
}

function isDocx(data: Uint8Array): boolean {
  // Word documents carry word/document.xml; look in the central directory names, cheaply.
  return indexOf(data, 'word/document.xml') >= 0 || indexOf(data, '[Content_Types].xml') >= 0;
}

/** Text if there are no NUL bytes (outside UTF-16) and few control characters in the first 8 KiB. */
export function looksLikeText(data: Uint8Array): boolean {
  if (startsWith(data, [0xff, 0xfe]) || startsWith(data, [0xfe, 0xff])) return true; // UTF-16 BOM
  const sample = data.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control <= sample.length * 0.01;
}

function startsWith(data: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => data[i] === b);
}

function indexOf(data: Uint8Array, ascii: string): number {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf(ascii, 0, 'latin1');
}
