/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and otherwise
 * Windows-1252, which is what a Word user's "Save as text" on Windows produces.
 */
export function decodeText(data: Uint8Array): { text: string; encoding: string } {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(data.subarray(3)), encoding: 'utf-8' };
  if (data[0] === 0xff && data[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(data.subarray(2)), encoding: 'utf-16le' };
  if (data[0] === 0xfe && data[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(data.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(data), encoding: 'windows-1252' };
  }
}

/** Windows-1252 bytes 0x80–0x9F (curly quotes, dashes, €…); the five unassigned map to themselves. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * By hand: Node 20's TextDecoder('windows-1252') decodes as Latin-1, turning curly quotes and
 * dashes into C1 control characters.
 */
export function decodeWindows1252(data: Uint8Array): string {
  const latin1 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!));
}
