import mammoth from 'mammoth';
import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import { InputError } from '../util/errors.js';
import type { BlockKind, PolicyDocument } from '../types.js';
import { DocumentBuilder, normaliseSpace, numberingLevel } from './builder.js';
import { checkZip, readZipEntry, verifyZipSizes, zipEntryNames } from './zip-guard.js';
import { headerFooterTexts, MAX_XML_DEPTH, XmlBudget, xmlDepth } from './docx-parts.js';

/**
 * Reads a DOCX policy: mammoth turns it into HTML, which we walk into headings and blocks.
 * Many real policies use no heading styles, so headings are then inferred from formatting.
 */
export async function readDocx(data: Uint8Array, path: string): Promise<PolicyDocument> {
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

  let images = 0;
  const formatting = formattingTransform();
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
      {
        styleMap: STYLE_MAP,
        transformDocument: formatting.transform as never,
        // Images are not read; count them so the report can say text in them was skipped.
        convertImage: mammoth.images.imgElement(async () => {
          images++;
          return { src: '' };
        }),
      },
    );
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw tooDeep();
    const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 160) : String(error);
    throw new InputError(`cannot read the Word document: ${reason}`);
  }

  let items: Item[];
  try {
    items = new HtmlWalker().walk(result.value, formatting.codes);
  } catch (error) {
    // The walk recurses per element, like mammoth: deep enough nesting overflows the stack.
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw tooDeep();
    throw error;
  }
  const notes = inferHeadings(items);
  const builder = new DocumentBuilder(path, 'docx');
  for (const item of items) {
    if (item.kind === 'heading') builder.heading(item.text, item.level ?? 1, { paragraph: item.paragraph });
    else builder.block(item.kind, item.text, { paragraph: item.paragraph }, item.row);
  }
  const doc = builder.document;
  if (!doc.blocks.length && doc.sections.length <= 1) {
    throw new InputError(`the Word document contains no text${images ? ' (only images)' : ''}`, 'unreadable');
  }

  const headerFooter = headerFooterTexts(data);
  if (headerFooter.length) {
    let paragraph = items.reduce((n, item) => Math.max(n, item.paragraph), 0);
    builder.heading('Headers and footers', 1, { paragraph: ++paragraph });
    for (const text of headerFooter) builder.block('paragraph', text, { paragraph: ++paragraph });
  }
  for (const note of notes) builder.note(note);
  if (images) builder.note(`${images} image(s) not read: any text inside them is not audited`);
  const lost = unsupportedElements(result.messages);
  if (lost.length) builder.note(`some content could not be read (unsupported: ${lost.join(', ')})`);
  const metadata = coreProperties(data);
  if (metadata) {
    doc.metadata = metadata;
    // Core titles are often stale template text, so the first heading wins when there is one.
    if (!doc.title && metadata.title) doc.title = metadata.title;
  }
  return doc;
}

// ---------------------------------------------------------------- file type checks

/** Tables in tables or fields in fields, thousands deep: crafted, and each level is a stack frame. */
function tooDeep(): InputError {
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

// ---------------------------------------------------------------- mammoth configuration

/**
 * Style names our document transform gives paragraphs whose formatting mammoth's HTML would
 * drop, mapped to classes the HTML walk reads (mammoth's documented styleName + style map route).
 */
const TOC_STYLE_NAME = 'sg-audit contents';
const FORMAT_STYLE_NAME = 'sg-audit formatted';
const TOC_CLASS = 'sg-toc';
const FORMAT_CLASS = 'sg-format';

const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  ...[1, 2, 3, 4, 5, 6].map((n) => `p[style-name='Heading${n}'] => h${n}:fresh`),
  `p[style-name='${TOC_STYLE_NAME}'] => p.${TOC_CLASS}:fresh`,
  `p[style-name='${FORMAT_STYLE_NAME}'] => p.${FORMAT_CLASS}:fresh`,
];

const HEADING_STYLE = /^(heading\s*[1-6]|title)$/i;
/** Table-of-contents entries and the "TOC Heading"/"Contents" title: they repeat the headings. */
const TOC_STYLE = /^(toc\b|contents\b|table of contents)/i;

// mammoth documents transforms.paragraph in its README but its type definitions omit it.
const transforms = (mammoth as unknown as {
  transforms: { paragraph(fn: (p: MammothNode) => MammothNode): (document: MammothNode) => MammothNode };
}).transforms;

interface MammothNode {
  type: string;
  children?: MammothNode[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { level: string | number } | null;
  isBold?: boolean;
  isAllCaps?: boolean;
  fontSize?: number | null;
}

/**
 * Paragraphs that mammoth's own style maps turn into headings or list items: renaming their
 * style would change that, and the walk ignores formatting on them anyway.
 */
function mappedByMammoth(paragraph: MammothNode): boolean {
  const level = paragraph.numbering ? Number(paragraph.numbering.level) : NaN;
  return (
    level < 5 ||
    /^Heading[1-6]?$/.test(paragraph.styleId ?? '') ||
    /^(title|heading( ?[1-6])?)$/i.test(paragraph.styleName ?? '')
  );
}

/**
 * Finds each paragraph whose text is all bold, all in a larger font than the body, or all in
 * Word's caps formatting (T = table of contents, Lnn = large, nn in half-points, B = bold,
 * C = caps). Paragraph styles alone miss these, and they are how untidy policies show headings.
 * Returns a transformDocument that renames those paragraphs' styles (mapped to classes by
 * STYLE_MAP) and the formatting codes of the FORMAT_CLASS paragraphs, in document order.
 */
function formattingTransform(): { transform: (document: MammothNode) => MammothNode; codes: string[] } {
  const codes: string[] = [];
  const renamed = new Map<MammothNode, string>();
  const transform = (document: MammothNode): MammothNode => {
    const paragraphs: MammothNode[] = [];
    collect(document, 'paragraph', paragraphs);
    const body = bodyFontSize(paragraphs);
    for (const paragraph of paragraphs) {
      let code = '';
      if (TOC_STYLE.test(paragraph.styleName ?? '')) code = 'T';
      else if (!HEADING_STYLE.test(paragraph.styleName ?? '')) {
        const runs = textRuns(paragraph);
        if (!runs.length) continue;
        const sizes = runs.map((run) => run.fontSize ?? 0);
        const smallest = Math.min(...sizes);
        if (smallest >= (body ?? 12) + 2) code += `L${Math.round(smallest * 2)}`;
        else if (runs.every((run) => run.isBold || run.styleName === 'Strong')) code += 'B';
        if (runs.every((run) => run.isAllCaps)) code += 'C';
      }
      if (!code || mappedByMammoth(paragraph)) continue;
      if (code === 'T') renamed.set(paragraph, TOC_STYLE_NAME);
      else {
        renamed.set(paragraph, FORMAT_STYLE_NAME);
        codes.push(code); // collect() is pre-order, the order the paragraphs appear in the HTML
      }
    }
    return transforms.paragraph((paragraph) => {
      const styleName = renamed.get(paragraph);
      return styleName ? { ...paragraph, styleName } : paragraph;
    })(document);
  };
  return { transform, codes };
}

/** The font size (points) carrying the most text; undefined when runs inherit their size. */
function bodyFontSize(paragraphs: MammothNode[]): number | undefined {
  const chars = new Map<number, number>();
  for (const run of paragraphs.flatMap(textRuns)) {
    const size = run.fontSize ?? 0;
    chars.set(size, (chars.get(size) ?? 0) + runText(run).length);
  }
  const [size] = [...chars].sort((a, b) => b[1] - a[1])[0] ?? [0];
  return size || undefined;
}

function collect(node: MammothNode, type: string, out: MammothNode[]): void {
  if (node.type === type) out.push(node);
  for (const child of node.children ?? []) collect(child, type, out);
}

/** Runs of a paragraph holding visible text (including runs inside hyperlinks). */
function textRuns(paragraph: MammothNode): MammothNode[] {
  const runs: MammothNode[] = [];
  const visit = (node: MammothNode): void => {
    for (const child of node.children ?? []) {
      if (child.type === 'paragraph') continue; // text-box paragraphs are marked on their own
      if (child.type === 'run') {
        if (runText(child).trim()) runs.push(child);
      } else visit(child);
    }
  };
  visit(paragraph);
  return runs;
}

function runText(run: MammothNode): string {
  return (run.children ?? []).map((c) => (c.type === 'text' ? c.value ?? '' : '')).join('');
}

/** Mammoth warns about elements it skips; drawings lose no text, anything else may. */
function unsupportedElements(messages: { message: string }[]): string[] {
  const names = new Set<string>();
  for (const { message } of messages) {
    const name = /^An unrecognised element was ignored: (\S+)/.exec(message)?.[1];
    if (name && !/^(v|o|w10|a|pic|wp|wps|wpg|wpc|w14|w15|mc):/.test(name)) names.add(name);
  }
  return [...names];
}

// ---------------------------------------------------------------- HTML walk

type HtmlNode = ReturnType<typeof parseDocument>['children'][number];
type HtmlElement = Parameters<typeof DomUtils.getAttributeValue>[0];
type HtmlText = Extract<HtmlNode, { type: typeof ElementType.Text }>;

// domutils no longer exports its node guards, so these two stand in.
function isElement(node: HtmlNode | null): node is HtmlElement {
  return !!node && 'attribs' in node;
}

function isText(node: HtmlNode): node is HtmlText {
  return node.type === ElementType.Text;
}

interface Item {
  kind: 'heading' | BlockKind;
  text: string;
  /** 1-based count of non-empty paragraph-level elements so far. */
  paragraph: number;
  level?: number;
  /** Formatting code of a paragraph (see formattingTransform). */
  format?: string;
  /** Table row, for cells (numbered in document order). */
  row?: number;
  /** A plain paragraph in the flow (not in a list or table grid): may be an inferred heading. */
  candidate?: boolean;
}

/** Walks mammoth's HTML into items in reading order, counting paragraphs as Word shows them. */
class HtmlWalker {
  private readonly items: Item[] = [];
  private paragraph = 0;
  private rows = 0;
  private readonly formats = new Map<HtmlElement, string>();

  /** `codes` are the formatting codes of the FORMAT_CLASS paragraphs, in document order. */
  walk(html: string, codes: readonly string[]): Item[] {
    const nodes = parseDocument(html).children;
    const formatted = DomUtils.getElementsByTagName('p', nodes, true).filter((p) => hasClass(p, FORMAT_CLASS));
    // Every marked paragraph has visible text, so mammoth keeps each one; should the counts
    // ever differ, pairing them would misplace formatting, so none is used.
    if (formatted.length === codes.length) formatted.forEach((p, i) => this.formats.set(p, codes[i]!));
    this.blocks(nodes);
    return this.items;
  }

  private blocks(nodes: HtmlNode[]): void {
    for (const node of nodes) {
      if (!isElement(node)) continue;
      const heading = /^h([1-6])$/.exec(node.name);
      if (heading) this.add({ kind: 'heading', level: Number(heading[1]), ...this.text(node) });
      else if (node.name === 'p') {
        const { text } = this.text(node);
        if (hasClass(node, TOC_CLASS)) this.add({ kind: 'paragraph', text: '' }, text); // counted, not read
        else {
          const format = this.formats.get(node);
          this.add({ kind: 'paragraph', text, ...(format === undefined ? {} : { format }), candidate: true });
        }
      } else if (node.name === 'ul' || node.name === 'ol') this.list(node);
      else if (node.name === 'table') this.table(node);
      else this.blocks(node.children);
    }
  }

  /** Each li is its own block; nested lists follow their parent item, not inside its text. */
  private list(list: HtmlElement): void {
    for (const li of list.children) {
      if (!isElement(li)) continue;
      this.add({ kind: 'list-item', text: this.text(li, NESTED).text });
      for (const child of li.children) {
        if (isElement(child) && NESTED.has(child.name)) this.blocks([child]);
      }
    }
  }

  /** Grid tables give one block per cell; a single-column table is a text box and reads as text. */
  private table(table: HtmlElement): void {
    const rows = DomUtils.getElementsByTagName('tr', table.children, true).filter(
      (row) => closestTable(row) === table,
    );
    const cells = rows.map((row) => row.children.filter((c): c is HtmlElement => isElement(c) && /^t[dh]$/.test(c.name)));
    const columns = Math.max(0, ...cells.map((row) => row.length));
    for (const row of cells) {
      const rowId = this.rows++;
      for (const cell of row) {
        if (columns <= 1) this.blocks(cell.children);
        else this.add({ kind: 'table-cell', text: this.text(cell).text, row: rowId });
      }
    }
  }

  private add(item: Omit<Item, 'paragraph'>, countedText = item.text): void {
    if (!normaliseSpace(countedText)) return;
    this.paragraph++;
    if (normaliseSpace(item.text)) this.items.push({ ...item, text: normaliseSpace(item.text), paragraph: this.paragraph });
  }

  /** Inline text with entities decoded and links expanded. */
  private text(node: HtmlElement, skip: ReadonlySet<string> = new Set()): { text: string } {
    const visit = (n: HtmlNode): string => {
      if (isText(n)) return n.data;
      if (!isElement(n) || skip.has(n.name)) return '';
      if (n.name === 'br') return ' ';
      const inner = n.children.map(visit).join('');
      if (n.name === 'a') return linkText(inner, n.attribs.href ?? '');
      return /^(p|li|h[1-6]|td|th|tr)$/.test(n.name) ? ` ${inner} ` : inner;
    };
    return { text: node.children.map(visit).join('') };
  }
}

function hasClass(node: HtmlElement, name: string): boolean {
  return (node.attribs.class ?? '').split(' ').includes(name);
}

const NESTED: ReadonlySet<string> = new Set(['ul', 'ol', 'table']);

function closestTable(node: HtmlElement): HtmlElement | undefined {
  let parent = node.parent;
  while (parent && !(isElement(parent) && parent.name === 'table')) parent = parent.parent;
  return parent && isElement(parent) ? parent : undefined;
}

/**
 * Keeps the link text and appends a web or mail address the text does not show, because
 * policies often say "click here" for the route that matters (whistleblowing, the LADO).
 */
function linkText(text: string, href: string): string {
  if (href.startsWith('#')) return text.trim() === '↑' ? '' : text; // footnote back-links
  const mail = /^mailto:([^?]+)/i.exec(href);
  if (!mail && !/^https?:\/\//i.test(href)) return text;
  let target = href;
  try {
    if (mail) target = decodeURIComponent(mail[1]!);
  } catch {
    target = mail![1]!; // a malformed %-escape: show the address as written
  }
  const bare = (s: string) => s.toLowerCase().replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, '');
  return bare(text).includes(bare(target)) ? text : `${text} (${target})`;
}

// ---------------------------------------------------------------- heading inference

const MAX_HEADING_WORDS = 12;

/**
 * Decides which paragraphs are headings:
 * - A styled heading that reads as a sentence (ends with a full stop and is long) is a paragraph.
 * - No heading styles at all: a short line (≤ 12 words, starting with a capital or digit, not
 *   ending in . , ;) is a heading when it is numbered ("5.2 The LADO": level from its numbering;
 *   adjacent lines numbered at the same depth are a typed list, not headings) or entirely
 *   emphasised. Emphasis ranks larger font sizes first, then ALL CAPS, then bold, and the
 *   ranks present become levels 1, 2, 3…, so a caps title sits above bold section headings.
 * - Heading styles present: an entirely bold or large short line still reads as a heading, at
 *   the most used styled level, since authors often mix styles and bold for the same level.
 * - Inferred headings after the last paragraph of text are closing lines, so stay paragraphs.
 */
/** Turns items into headings in place; returns notes on what it did. */
function inferHeadings(items: Item[]): string[] {
  const notes: string[] = [];
  let demoted = 0;
  for (const item of items) {
    if (item.kind === 'heading' && isSentence(item.text)) {
      item.kind = 'paragraph';
      demoted++;
    }
  }
  if (demoted) notes.push(`${demoted} paragraph(s) styled as headings read as text (they are sentences)`);

  const styledLevels = items.filter((i) => i.kind === 'heading').map((i) => i.level ?? 1);
  const shortLines = items.map((i) => (i.candidate && i.kind === 'paragraph' && isShortLine(i.text) ? i : undefined));
  const inferred: Item[] = [];

  if (styledLevels.length) {
    const level = mostCommon(styledLevels);
    for (const item of shortLines) {
      if (item && /[LB]/.test(item.format ?? '')) inferred.push(Object.assign(item, { kind: 'heading', level }));
    }
    dropTrailing(items, inferred);
    if (inferred.length) notes.push(`${inferred.length} bold line(s) read as headings at level ${level}, alongside heading styles`);
    return notes;
  }

  const numbered = shortLines.map((item) => (item && /^\S+\s+[\p{Lu}\d]/u.test(item.text) ? numberingLevel(item.text) : undefined));
  const kinds = shortLines.map((item) => (item ? emphasis(item) : undefined));
  const ranks = [...new Set(kinds.filter((k): k is string => k !== undefined))].sort(byWeight);
  shortLines.forEach((item, i) => {
    if (!item) return;
    const depth = numbered[i];
    // A run of same-depth numbered lines ("1. Line manager", "2. DSL") is a list.
    const inList = depth !== undefined && (numbered[i - 1] === depth || numbered[i + 1] === depth);
    const level = depth !== undefined && !inList ? depth : kinds[i] ? ranks.indexOf(kinds[i]!) + 1 : undefined;
    if (level === undefined) return;
    inferred.push(Object.assign(item, { kind: 'heading', level: Math.min(level, 6) }));
  });
  dropTrailing(items, inferred);
  if (inferred.length) notes.push(`no heading styles: ${inferred.length} heading(s) inferred from numbering and formatting`);
  return notes;
}

/** Inferred headings with no text after them are closing lines ("Reviewed May 2025"), not headings. */
function dropTrailing(items: Item[], inferred: Item[]): void {
  const last = items.findLastIndex((item) => item.kind !== 'heading');
  for (const item of inferred.filter((i) => items.indexOf(i) > last)) {
    item.kind = 'paragraph';
    inferred.splice(inferred.indexOf(item), 1);
  }
}

function words(text: string): number {
  return text.split(' ').filter(Boolean).length;
}

function isSentence(text: string): boolean {
  return words(text) > 20 || (/\.$/.test(text) && words(text) > 8);
}

function isShortLine(text: string): boolean {
  return words(text) <= MAX_HEADING_WORDS && text.length <= 120 && /^[\p{Lu}\d]/u.test(text) && !/[.,;]$/.test(text);
}

/** The emphasis kind of a short line: "L<size>", "C" (all caps) or "B" (bold). */
function emphasis(item: Item): string | undefined {
  const format = item.format ?? '';
  const large = /L(\d+)/.exec(format);
  if (large) return `L${large[1]}`;
  const capsText = !/\p{Ll}/u.test(item.text) && (item.text.match(/\p{Lu}/gu)?.length ?? 0) >= 4;
  if (format.includes('C') || capsText) return 'C';
  return format.includes('B') ? 'B' : undefined;
}

/** Larger fonts first, then caps, then bold. */
function byWeight(a: string, b: string): number {
  const weight = (k: string) => (k.startsWith('L') ? 1000 + Number(k.slice(1)) : k === 'C' ? 2 : 1);
  return weight(b) - weight(a);
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

// ---------------------------------------------------------------- document properties

const CORE_FIELDS: Record<string, string> = {
  'dc:title': 'title',
  'dc:subject': 'subject',
  'dc:creator': 'creator',
  'dc:description': 'description',
  'cp:keywords': 'keywords',
  'cp:lastModifiedBy': 'lastModifiedBy',
  'dcterms:created': 'created',
  'dcterms:modified': 'modified',
};

/** docProps/core.xml fields, skipping blanks and placeholders such as "(anonymous)". */
function coreProperties(data: Uint8Array): Record<string, string> | undefined {
  let xml: Uint8Array | undefined;
  try {
    xml = readZipEntry(data, 'docProps/core.xml');
  } catch {
    return undefined; // properties are optional; a damaged part should not fail the read
  }
  if (!xml) return undefined;
  const root = parseDocument(new TextDecoder().decode(xml), { xmlMode: true });
  const metadata: Record<string, string> = {};
  for (const [tag, key] of Object.entries(CORE_FIELDS)) {
    const element = DomUtils.getElementsByTagName(tag, root.children, true, 1)[0];
    const value = element ? normaliseSpace(DomUtils.textContent(element)) : '';
    if (value && !/^\(.*\)$/.test(value)) metadata[key] = value;
  }
  return Object.keys(metadata).length ? metadata : undefined;
}
