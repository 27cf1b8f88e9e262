import type { PolicyDocument } from '../types.js';
import { DocumentBuilder } from './builder.js';

/**
 * Guards the Markdown parser against hostile input. micromark recurses once per container
 * (block quote, list) level and resolves some constructs in quadratic time, so a few kilobytes
 * can take minutes or overflow the stack. A linear pre-scan finds such text and the document is
 * then read as plain text, which is linear and keeps every word for the audit.
 */

/** Deeper container nesting (block quotes, lists) than any real policy has. */
export const MAX_NESTING = 32;
/**
 * Emphasis, strikethrough and bracket characters one block (lines between blank lines) may
 * hold: micromark matches their openers and closers in quadratic time.
 */
export const MAX_BLOCK_DELIMITERS = 2000;
/** Setext headings ("Title" over "====="): micromark copies all the events so far for each. */
export const MAX_SETEXT_HEADINGS = 200;
/**
 * Most marks (ASCII punctuation) plus lines to parse: each costs micromark tens of microseconds
 * (tokens, events, tree nodes), so this bounds the parse to seconds. A long real policy has a
 * tenth of it.
 */
export const MAX_MARKS = 200_000;
/** Longer text is read as plain text: the parser manages well under 1 MB a second. */
export const MAX_PARSE_CHARS = 2 * 1024 * 1024;
/** A plain-text paragraph longer than this is one paragraph per line (a "Save as text" export). */
const MAX_PLAIN_PARAGRAPH_LINES = 40;

/** Why the Markdown parser should not be given this text, or undefined when it is safe. */
export function parseHazard(source: string): string | undefined {
  if (source.length > MAX_PARSE_CHARS) return `the text is over ${MAX_PARSE_CHARS / 1024 / 1024} million characters, too long to parse as Markdown`;
  let marks = 0;
  let blockDelimiters = 0;
  let setext = 0;
  let previousBlank = true;
  let lineNumber = 0;
  for (const line of lines(source)) {
    lineNumber++;
    const nesting = nestingOf(line);
    if (nesting > MAX_NESTING) return `line ${lineNumber} is nested ${nesting} levels deep (limit ${MAX_NESTING})`;
    marks += countMarks(line) + 1;
    if (marks > MAX_MARKS) return `more than ${MAX_MARKS} lines and marks, too many to parse as Markdown in good time`;
    const blank = !/\S/.test(line);
    if (blank) {
      blockDelimiters = 0;
      previousBlank = true;
      continue;
    }
    blockDelimiters += countDelimiters(line);
    if (blockDelimiters > MAX_BLOCK_DELIMITERS) {
      return `the block ending at line ${lineNumber} has more than ${MAX_BLOCK_DELIMITERS} emphasis, code and link marks`;
    }
    if (!previousBlank && /^ {0,3}(?:=+|-+)[ \t]*$/.test(line) && ++setext > MAX_SETEXT_HEADINGS) {
      return `more than ${MAX_SETEXT_HEADINGS} underlined (setext) headings`;
    }
    previousBlank = false;
  }
  return undefined;
}

/**
 * How many containers a line opens or continues: its block quote and list markers, plus the
 * levels its indentation could continue (a nested list item needs two more columns per level).
 */
export function nestingOf(line: string): number {
  if (isThematicBreak(line)) return 0;
  const { depth, indent } = containerPrefix(line);
  return depth + Math.floor(indent / 2);
}

interface Prefix {
  /** Where the text after the markers starts. */
  end: number;
  /** Block quote and list markers. */
  depth: number;
  /** Columns of indentation before the first marker (each two may continue a list level). */
  indent: number;
  /** The last marker is a list marker. */
  list: boolean;
}

/** Scans the leading markers by hand: a regular expression would backtrack on 100 000 of them. */
function containerPrefix(line: string): Prefix {
  const prefix: Prefix = { end: 0, depth: 0, indent: 0, list: false };
  let column = 0;
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) {
      column = line[i] === '\t' ? column + 4 - (column % 4) : column + 1;
      i++;
    }
    prefix.end = i;
    if (i >= n) break;
    const c = line[i]!;
    let marker = 0;
    if (c === '>') marker = 1;
    else if ((c === '-' || c === '*' || c === '+') && isGapOrEnd(line, i + 1)) marker = 1;
    else if (c >= '0' && c <= '9') {
      let j = i;
      while (j < n && j - i < 9 && line[j]! >= '0' && line[j]! <= '9') j++;
      if ((line[j] === '.' || line[j] === ')') && isGapOrEnd(line, j + 1)) marker = j + 1 - i;
    }
    if (!marker) break;
    if (!prefix.depth) prefix.indent = column;
    prefix.list = c !== '>';
    prefix.depth++;
    column += marker;
    i += marker;
  }
  return prefix;
}

function isGapOrEnd(line: string, i: number): boolean {
  return i >= line.length || line[i] === ' ' || line[i] === '\t';
}

/** "* * *", "- - -": a rule, not nested list markers. */
function isThematicBreak(line: string): boolean {
  return /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line);
}

function countDelimiters(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    // * _ ~ [ ] `
    if (c === 42 || c === 95 || c === 126 || c === 91 || c === 93 || c === 96) count++;
  }
  return count;
}

function countMarks(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) count++;
  }
  return count;
}

/** Lines split at LF, CRLF or a lone CR, as micromark splits them. */
function* lines(source: string): Generator<string> {
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    yield source.slice(start, i);
    if (c === 13 && source.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  yield source.slice(start);
}

/**
 * Reads Markdown as plain text, in linear time: "#" headings, list items, and paragraphs
 * between blank lines; container markers and inline marks are dropped, the words kept.
 */
export function readPlainText(source: string, path: string, reason: string): PolicyDocument {
  const builder = new DocumentBuilder(path, 'markdown');
  builder.note({ id: 'markdown-as-plain-text', message: `${reason}: read as plain text, without Markdown structure` });
  let paragraph: { text: string; line: number }[] = [];
  const flush = () => {
    if (paragraph.length > MAX_PLAIN_PARAGRAPH_LINES) {
      for (const part of paragraph) builder.block('paragraph', part.text, { line: part.line });
    } else if (paragraph.length) {
      builder.block('paragraph', paragraph.map((p) => p.text).join(' '), { line: paragraph[0]!.line });
    }
    paragraph = [];
  };
  let lineNumber = 0;
  let frontMatter: string | undefined;
  for (const raw of lines(source)) {
    lineNumber++;
    // Front matter stays one field per line, not a paragraph under a "---" heading.
    if (lineNumber === 1 && /^(?:---|\+\+\+)[ \t]*$/.test(raw)) {
      frontMatter = raw.trim();
      continue;
    }
    if (frontMatter) {
      if (raw.trim() === frontMatter || (frontMatter === '---' && raw.trim() === '...')) frontMatter = undefined;
      else builder.block('paragraph', raw, { line: lineNumber });
      continue;
    }
    const underline = /^ {0,3}(=+|-+)[ \t]*$/.exec(raw);
    if (underline && paragraph.length) {
      // A setext heading: the paragraph above is its text.
      const [first] = paragraph;
      const text = paragraph.map((p) => p.text).join(' ');
      paragraph = [];
      builder.heading(text, underline[1]!.startsWith('=') ? 1 : 2, { line: first!.line });
      continue;
    }
    const { rest, listItem } = stripContainers(raw);
    const heading = atxHeading(rest);
    const text = plainInline(heading ? heading.text : rest);
    if (!text) {
      flush();
    } else if (heading) {
      flush();
      builder.heading(text, heading.level, { line: lineNumber });
    } else if (listItem) {
      flush();
      builder.block('list-item', text, { line: lineNumber });
    } else {
      paragraph.push({ text, line: lineNumber });
    }
  }
  flush();
  return builder.document;
}

/** The line without its leading block quote and list markers; whether it starts a list item. */
function stripContainers(line: string): { rest: string; listItem: boolean } {
  if (isThematicBreak(line)) return { rest: '', listItem: false };
  const { end, list } = containerPrefix(line);
  return { rest: line.slice(end), listItem: list };
}

/** "## Heading ##" → level and text; scanned by hand, as long runs of spaces make regexps slow. */
function atxHeading(line: string): { level: number; text: string } | undefined {
  let level = 0;
  while (level < line.length && line[level] === '#') level++;
  if (level < 1 || level > 6) return undefined; // "#Heading" without a space counts, as in readMarkdown
  let end = line.length;
  while (end > level && /\s/.test(line[end - 1]!)) end--;
  let closing = end;
  while (closing > level && line[closing - 1] === '#') closing--;
  if (closing < end && closing > level && /[ \t]/.test(line[closing - 1]!)) end = closing;
  return { level, text: line.slice(level, end) };
}

/** Inline text without emphasis, code and bracket marks or HTML tags. */
function plainInline(text: string): string {
  return text
    .replace(/<\/?[a-z][^<>]{0,200}>/gi, ' ')
    .replace(/[*~`[\]]+/g, '')
    .replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
