import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import type { BlockKind } from '../types.js';
import { normaliseSpace } from './builder.js';
import { FORMAT_CLASS, TOC_CLASS } from './docx-format.js';

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

export interface Item {
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
export class HtmlWalker {
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
        if (hasClass(node, TOC_CLASS))
          this.add({ kind: 'paragraph', text: '' }, text); // counted, not read
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
    const rows = DomUtils.getElementsByTagName('tr', table.children, true).filter((row) => closestTable(row) === table);
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
  const bare = (s: string) =>
    s
      .toLowerCase()
      .replace(/^https?:\/\/(www\.)?/, '')
      .replace(/\/+$/, '');
  return bare(text).includes(bare(target)) ? text : `${text} (${target})`;
}
