import { formatBytes } from '../util/bytes.js';
import { InputError } from '../util/errors.js';
import { checkZip, verifyZipSizes, zipEntryNames } from './zip-guard.js';

/**
 * Checks a DOCX before mammoth parses it: a ZIP (not an encrypted or legacy file), holding a
 * Word document, whose XML parts are neither nested nor sized to exhaust the stack or memory.
 */
export function guardDocx(data: Uint8Array): void {
  rejectNonZip(data);
  checkZip(data);
  if (!zipEntryNames(data).includes('word/document.xml')) {
    throw new InputError('not a Word document (no word/document.xml)');
  }
  const budget = new XmlBudget();
  verifyZipSizes(data, (name, content) => {
    if (!/\.(?:xml|rels)$/i.test(name)) return;
    if (xmlDepth(content) > MAX_XML_DEPTH) {
      throw new InputError(`"${name}" nests its elements more than ${MAX_XML_DEPTH} levels deep: not a real Word document`);
    }
    const tooBig = budget.add(content);
    if (tooBig) throw new InputError(`the Word document is too large to read safely: ${tooBig} (a real policy is far smaller)`);
  });
}

/** Tables in tables or fields in fields, thousands deep: crafted, and each level is a stack frame. */
export function tooDeep(): InputError {
  return new InputError('the Word document is nested too deeply to read (tables or fields inside each other)');
}

function rejectNonZip(data: Uint8Array): void {
  if (data.length >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    // An OLE compound file: either a password-protected DOCX (an EncryptionInfo stream
    // wrapping the package) or a legacy binary .doc.
    const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (buffer.includes(Buffer.from('EncryptionInfo', 'utf16le'))) {
      throw new InputError('the Word document is password-protected');
    }
    throw new InputError('legacy .doc format is not supported: save it as .docx');
  }
  if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b) {
    throw new InputError('not a Word document (not a ZIP archive)');
  }
}

/**
 * Deepest XML element nesting allowed in a part. Real documents stay under about 40 (tables in
 * tables, text boxes, fields); mammoth, htmlparser2's helpers and the HTML walk recurse per level,
 * and the walk's table lookups grow with the cube of the depth: 10 000 nested tables took minutes.
 */
const MAX_XML_DEPTH = 400;

/** How deep the XML's elements nest, scanning no further than just past `limit`. Linear, no parse. */
function xmlDepth(xml: Uint8Array, limit = MAX_XML_DEPTH): number {
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

/**
 * What mammoth may be given to parse: it holds every XML element of the document in memory
 * (hundreds of bytes each), so a small DOCX that inflates to millions of elements would need
 * gigabytes. Real policies stay far below (a 100-page one: about 5 MB and 100,000 elements).
 */
export const MAX_XML_BYTES = 32 * 1024 * 1024;
export const MAX_XML_ELEMENTS = 750_000;

/** Counts the XML parts' bytes and elements (opening tags), linearly, without parsing. */
class XmlBudget {
  private bytes = 0;
  private elements = 0;

  add(xml: Uint8Array): string | undefined {
    this.bytes += xml.length;
    if (this.bytes > MAX_XML_BYTES) return `its XML is over ${formatBytes(MAX_XML_BYTES)}`;
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
