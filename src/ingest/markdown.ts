import type { Heading, List, ListItem, Nodes, Root, Table } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import type { PolicyDocument } from '../types.js';
import { DocumentBuilder } from './builder.js';
import { htmlToBlocks } from './html.js';
import { parseHazard, readPlainText } from './markdown-guard.js';

/** Front-matter fields that say something a policy reader would (dates, approval). */
const USEFUL_FIELD = /date|review|adopt|approv|updated|version|signed|owner|author|valid/i;
/** A front-matter text this long is the policy itself (some sites keep the body there). */
const BODY_FIELD_WORDS = 40;
/** Deeper nesting than any real policy has: a guard against pathological input. */
const MAX_DEPTH = 64;

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export function readMarkdown(source: string, path: string): PolicyDocument {
  const text = prepare(source);
  // Pathological nesting or mark-up would take micromark minutes or overflow its stack.
  const hazard = parseHazard(text);
  if (hazard) return readPlainText(text, path, hazard);
  try {
    const builder = new DocumentBuilder(path, 'markdown');
    const tree = processor.parse(text) as Root;
    for (const node of tree.children) visit(node, builder, 0);
    return builder.document;
  } catch (err) {
    // The parser and the tree walk recurse per level: a deep shape the pre-scan did not foresee.
    if (err instanceof RangeError) return readPlainText(text, path, 'the Markdown is nested too deeply to parse');
    throw err;
  }
}

/**
 * Line-preserving clean-ups: template tags (Liquid/Jekyll) blanked, and "#Heading" without a
 * space (common in hand-written policies) read as a heading.
 */
function prepare(source: string): string {
  return blankTemplateTags(source).replace(/^(#{1,6})(?=[^\s#])/gm, '$1 ');
}

/**
 * Blanks "{% … %}" and "{{ … }}" keeping line breaks. Scanned by hand: a lazy regular expression
 * searched to the end of the file for every unclosed "{%", quadratic in a file full of them.
 */
function blankTemplateTags(source: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  const unclosed = { '%': false, '{': false };
  for (;;) {
    const open = source.indexOf('{', from);
    if (open < 0) break;
    const kind = source[open + 1];
    from = open + 1;
    if ((kind !== '%' && kind !== '{') || unclosed[kind]) continue;
    const close = source.indexOf(kind === '%' ? '%}' : '}}', open + 2);
    // No closer after this opener means none after any later one either.
    if (close < 0) {
      unclosed[kind] = true;
      continue;
    }
    out += source.slice(copied, open) + source.slice(open, close + 2).replace(/[^\n]/g, ' ');
    copied = from = close + 2;
  }
  return out + source.slice(copied);
}

function line(node: Nodes): { line: number } | Record<string, never> {
  const l = node.position?.start.line;
  return l ? { line: l } : {};
}

function visit(node: Nodes, builder: DocumentBuilder, depth: number): void {
  if (depth > MAX_DEPTH) return;
  switch (node.type) {
    case 'yaml':
      frontMatter(node.value, builder, node.position?.start.line ?? 1);
      return;
    case 'heading':
      builder.heading(inlineText(node as Heading), (node as Heading).depth, line(node));
      return;
    case 'paragraph':
    case 'code':
      builder.block('paragraph', inlineText(node), line(node));
      return;
    case 'list':
      listItems(node as List, builder, depth);
      return;
    case 'table':
      for (const row of (node as Table).children) {
        const rowId = builder.newRow();
        for (const cell of row.children) builder.block('table-cell', inlineText(cell), line(cell), rowId);
      }
      return;
    case 'html':
      htmlBlocks(node.value, builder, node.position?.start.line ?? 1);
      return;
    case 'blockquote':
      for (const child of node.children) visit(child, builder, depth + 1);
      return;
    default:
      return;
  }
}

function listItems(list: List, builder: DocumentBuilder, depth: number): void {
  for (const item of list.children as ListItem[]) {
    for (const child of item.children) {
      if (child.type === 'paragraph') builder.block('list-item', inlineText(child), line(child));
      else visit(child, builder, depth + 1);
    }
  }
}

function htmlBlocks(html: string, builder: DocumentBuilder, firstLine: number): void {
  // Newlines counted on from the previous block (offsets only grow): from the start each time
  // was quadratic in a long HTML block.
  let counted = 0;
  let newlines = 0;
  for (const block of htmlToBlocks(html)) {
    newlines += countNewlines(html, counted, block.offset);
    counted = Math.max(counted, block.offset);
    const at = { line: firstLine + newlines };
    if (block.kind === 'heading') builder.heading(block.text, block.level ?? 2, at);
    else builder.block(block.kind, block.text, at);
  }
}

function frontMatter(yamlText: string, builder: DocumentBuilder, firstLine: number): void {
  let data: unknown;
  try {
    data = parseYaml(yamlText, { maxAliasCount: 20, uniqueKeys: false });
  } catch {
    builder.note({ id: 'front-matter-invalid', message: 'front matter is not valid YAML: skipped' });
    return;
  }
  if (!data || typeof data !== 'object') return;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    if (text === undefined) continue;
    if (text.split(/\s+/).length >= BODY_FIELD_WORDS) {
      builder.note({ id: 'text-in-front-matter', message: `the policy text was found in the front matter field "${key}"` });
      htmlBlocks(text, builder, firstLine);
    } else if (USEFUL_FIELD.test(key)) {
      builder.block('paragraph', `${key.replace(/[_-]+/g, ' ')}: ${text}`, { line: firstLine });
    }
  }
}

/** Plain text of an inline tree; a link keeps its address when the words do not show it. */
function inlineText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') {
    return node.type === 'html'
      ? htmlToBlocks(node.value)
          .map((b) => b.text)
          .join(' ')
      : node.value;
  }
  if (node.type === 'break') return ' ';
  if (!('children' in node)) return '';
  const parts = (node.children as Nodes[]).map(inlineText);
  let text = parts.join('');
  if (node.type === 'link' && /^(https?:|mailto:)/i.test(node.url) && !text.includes(node.url.replace(/^mailto:/i, ''))) {
    text += ` (${node.url.replace(/^mailto:/i, '')})`;
  }
  return text;
}

function countNewlines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
