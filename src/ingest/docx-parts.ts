import { DomUtils, parseDocument } from 'htmlparser2';
import { normaliseSpace } from './builder.js';
import { readZipEntry, zipEntryNames } from './zip-guard.js';

/**
 * Deepest XML element nesting allowed in a part. Real documents stay under about 40 (tables in
 * tables, text boxes, fields); mammoth, htmlparser2's helpers and the HTML walk recurse per level,
 * and the walk's table lookups grow with the cube of the depth: 10 000 nested tables took minutes.
 */
export const MAX_XML_DEPTH = 400;

/** How deep the XML's elements nest, scanning no further than just past `limit`. Linear, no parse. */
export function xmlDepth(xml: Uint8Array, limit = MAX_XML_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  const n = xml.length;
  for (let i = xml.indexOf(0x3c); i >= 0 && i < n; i = xml.indexOf(0x3c, i)) {
    const next = xml[i + 1];
    if (next === 0x21 /* ! */) {
      // A comment or CDATA may hold "<" that opens nothing.
      const comment = xml[i + 2] === 0x2d;
      i = indexOfSequence(xml, comment ? COMMENT_END : CDATA_END, i + 2);
      if (i < 0) break;
      continue;
    }
    const end = xml.indexOf(0x3e /* > */, i + 1);
    if (end < 0) break;
    if (next === 0x2f /* / */) depth--;
    else if (next !== 0x3f /* ? */ && xml[end - 1] !== 0x2f) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) break;
    }
    i = end + 1;
  }
  return deepest;
}

const COMMENT_END = [0x2d, 0x2d, 0x3e]; // -->
const CDATA_END = [0x5d, 0x5d, 0x3e]; // ]]>

function indexOfSequence(data: Uint8Array, sequence: number[], from: number): number {
  for (let i = data.indexOf(sequence[0]!, from); i >= 0; i = data.indexOf(sequence[0]!, i + 1)) {
    if (sequence.every((b, k) => data[i + k] === b)) return i + sequence.length;
  }
  return -1;
}

/** Most a header or footer part may hold before it is skipped as not a real header. */
const MAX_PART_BYTES = 256 * 1024;

/**
 * Paragraph texts of the Word headers and footers, which mammoth does not read but where
 * policies often keep their version, approval and review dates. Repeats are dropped.
 */
export function headerFooterTexts(data: Uint8Array): string[] {
  const texts = new Set<string>();
  const parts = zipEntryNames(data).filter((name) => /^word\/(?:header|footer)\d*\.xml$/.test(name)).sort();
  for (const name of parts) {
    let xml: Uint8Array | undefined;
    try {
      xml = readZipEntry(data, name, MAX_PART_BYTES);
    } catch {
      continue; // a damaged or oversized header must not fail the whole read
    }
    if (!xml) continue;
    const root = parseDocument(new TextDecoder().decode(xml), { xmlMode: true });
    for (const paragraph of DomUtils.getElementsByTagName('w:p', root.children, true)) {
      const text = normaliseSpace(DomUtils.getElementsByTagName('w:t', [paragraph], true).map((t) => DomUtils.textContent(t)).join(''));
      // Bare page numbers and fields say nothing a reader needs.
      if (text && /[a-z]{3}/i.test(text)) texts.add(text);
    }
  }
  return [...texts];
}

/**
 * What mammoth may be given to parse: it holds every XML element of the document in memory
 * (hundreds of bytes each), so a small DOCX that inflates to millions of elements would need
 * gigabytes. Real policies stay far below (a 100-page one: about 5 MB and 100,000 elements).
 */
export const MAX_XML_BYTES = 32 * 1024 * 1024;
export const MAX_XML_ELEMENTS = 750_000;

/** Counts the XML parts' bytes and elements (opening tags), linearly, without parsing. */
export class XmlBudget {
  private bytes = 0;
  private elements = 0;

  add(xml: Uint8Array): string | undefined {
    this.bytes += xml.length;
    if (this.bytes > MAX_XML_BYTES) return `its XML is over ${MAX_XML_BYTES / 1024 / 1024} MiB`;
    for (let i = 0; i < xml.length - 1; i++) {
      // "<" then a letter or "_": an opening tag; closing tags, comments and declarations do not count.
      if (xml[i] === 0x3c) {
        const next = xml[i + 1]! | 0x20;
        if ((next >= 0x61 && next <= 0x7a) || next === 0x7f) this.elements++;
      }
    }
    if (this.elements > MAX_XML_ELEMENTS) return `its XML has over ${MAX_XML_ELEMENTS.toLocaleString('en-GB')} elements`;
    return undefined;
  }
}
