import { inflateRawSync } from 'node:zlib';
import { InputError } from '../util/errors.js';

/**
 * Checks a ZIP archive (DOCX) from its central directory before any library inflates it, so a
 * corrupt file or a zip bomb fails fast with a readable reason instead of exhausting memory.
 */

export interface ZipLimits {
  /** Most entries allowed (default 2000). */
  maxEntries?: number;
  /** Most uncompressed bytes the entries may declare in total (default 100 MiB). */
  maxUncompressedBytes?: number;
  /** Highest uncompressed:compressed ratio for an entry larger than 1 MiB (default 200). */
  maxRatio?: number;
}

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const MIB = 1024 * 1024;
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;

/** Throws InputError when the archive is malformed or exceeds the limits. Inflates nothing. */
export function checkZip(data: Uint8Array, limits: ZipLimits = {}): void {
  const { maxEntries = 2000, maxUncompressedBytes = 100 * MIB, maxRatio = 200 } = limits;
  let total = 0;
  for (const entry of readCentralDirectory(data, maxEntries)) {
    if (entry.flags & 1) throw new InputError('the ZIP archive is encrypted');
    if (entry.method !== 0 && entry.method !== 8) {
      throw new InputError(`unsupported ZIP compression method ${entry.method} for "${entry.name}"`);
    }
    total += entry.size;
    if (total > maxUncompressedBytes) {
      throw new InputError(`the archive expands to more than ${formatSize(maxUncompressedBytes)} (possible zip bomb)`);
    }
    // Small entries may compress very well (repetitive XML); only large ones can do harm.
    const ratio = entry.size / Math.max(entry.compressedSize, 1);
    if (entry.size > MIB && ratio > maxRatio) {
      throw new InputError(`"${entry.name}" would expand ${Math.round(ratio)}:1 to ${formatSize(entry.size)} (zip bomb)`);
    }
  }
}

/** Entry names from the central directory, e.g. to check that `word/document.xml` exists. */
export function zipEntryNames(data: Uint8Array): string[] {
  return readCentralDirectory(data).map((entry) => entry.name);
}

/**
 * Inflates every entry with its declared size as a hard cap, so a central directory that
 * understates sizes (which checkZip trusts) is caught before a library inflates without limit.
 * `inspect` sees each entry's content, so callers can check it without inflating it again.
 */
export function verifyZipSizes(data: Uint8Array, inspect?: (name: string, content: Uint8Array) => void): void {
  for (const entry of readCentralDirectory(data)) {
    const content = inflateEntry(data, entry);
    inspect?.(entry.name, content);
  }
}

/** The uncompressed bytes of one entry, or undefined when absent or larger than maxBytes. */
export function readZipEntry(data: Uint8Array, name: string, maxBytes = MIB): Uint8Array | undefined {
  const entry = readCentralDirectory(data).find((e) => e.name === name);
  return entry && entry.size <= maxBytes ? inflateEntry(data, entry) : undefined;
}

function inflateEntry(data: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = viewOf(data);
  const at = entry.localOffset;
  if (at + 30 > data.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) corrupt(`bad local header for "${entry.name}"`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > data.length) corrupt(`"${entry.name}" runs past the end of the file`);
  const raw = data.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (raw.length !== entry.size) corrupt(`stored entry "${entry.name}" has the wrong size`);
    return raw;
  }
  let out: Uint8Array;
  try {
    out = inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (error) {
    const tooBig = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    corrupt(tooBig ? `"${entry.name}" is larger than its declared size (possible zip bomb)` : `cannot inflate "${entry.name}"`);
  }
  if (out.length !== entry.size) corrupt(`"${entry.name}" does not match its declared size`);
  return out;
}

function readCentralDirectory(data: Uint8Array, maxEntries = Infinity): ZipEntry[] {
  const view = viewOf(data);
  // The end record is 22 bytes plus a comment of up to 64 KiB, so search backwards for it.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new InputError('not a ZIP archive (no end-of-central-directory record)');
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  const zip64 = eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR_SIGNATURE;
  if (zip64 || count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new InputError('ZIP64 archives are not supported');
  }
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 8, true) !== count) {
    corrupt('multi-volume archives are not supported');
  }
  if (count > maxEntries) throw new InputError(`the archive has ${count} entries (limit ${maxEntries})`);
  if (offset + size > eocd) corrupt('the central directory lies outside the file');

  const entries: ZipEntry[] = [];
  const end = offset + size;
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE) corrupt('bad central directory entry');
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) corrupt('bad central directory entry');
    const entry: ZipEntry = {
      name: new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    if ([entry.compressedSize, entry.size, entry.localOffset].includes(0xffffffff)) {
      throw new InputError('ZIP64 archives are not supported');
    }
    if (entry.localOffset + 30 > offset) corrupt(`"${entry.name}" points outside the archive`);
    entries.push(entry);
    at = next;
  }
  return entries;
}

function viewOf(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

function formatSize(bytes: number): string {
  return bytes >= MIB ? `${Math.round(bytes / MIB)} MiB` : `${bytes} bytes`;
}

function corrupt(reason: string): never {
  throw new InputError(`corrupt ZIP archive: ${reason}`);
}
