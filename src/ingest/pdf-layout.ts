import type { BlockKind } from '../types.js';
import { numberingLevel } from './builder.js';

// Turns a PDF's lines of text into headings and blocks in reading order: drops running headers
// and footers, joins lines into paragraphs and list items, and picks out headings by style.
// Coordinates are top-down page points (y grows down the page); sizes are in points.

/** One visual line of text. */
export interface Line {
  page: number;
  text: string;
  x0: number;
  x1: number;
  y: number;
  /** The size most of its characters are set in. */
  size: number;
  /** The smallest and largest sizes in the line. */
  sizes: [number, number];
  /** Nearly all of its characters are in a bold font. */
  bold: boolean;
  /** Looks like a table-of-contents entry (dot leaders or a far-off trailing page number). */
  toc: boolean;
}

export interface PageText {
  page: number;
  /** In points; known for PDF pages (OCR renders by it). */
  width?: number;
  height: number;
  lines: Line[];
  /** Degrees the page was turned (clockwise) to read text set sideways on it. */
  turned?: number;
}

export type LayoutItem =
  | { kind: 'heading'; text: string; level: number; page: number }
  | { kind: BlockKind; text: string; page: number };

/** Body text measurements the line-joining and heading rules are relative to. */
interface Metrics {
  size: number;
  /** Usual baseline-to-baseline distance inside a body paragraph. */
  pitch: number;
  /** Where full body lines end: lines stopping well short of it were ended on purpose. */
  right: number;
}

/** The value with the highest count. */
export function mostCommon(counts: Map<number, number>): number {
  let best = 0;
  let bestCount = -1;
  for (const [value, count] of counts) if (count > bestCount) [best, bestCount] = [value, count];
  return best;
}

// ------------------------------------------------------------------ running headers and footers

const LONE_PAGE_NUMBER = /^(?:page\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:of|\/|\|)\s*\d{1,4})?$|^[ivxlc]{1,6}$/i;
const PAGE_OF = /^page\s+\d{1,4}(?:\s*(?:of|\/|\|)\s*\d{1,4})?$/i;

/**
 * Removes running headers and footers: lines at a page's edges (its top or bottom tenth, or its
 * first or last three lines) whose text, digits ignored ("Page 3" = "Page 4"), recurs at the same
 * height on at least 40% of the pages — not "most", so alternating odd/even headers go too.
 * Lone page numbers at the edges and "Page 3 of 12" lines anywhere go as well.
 */
function dropRunningLines(pages: PageText[]): Line[] {
  const zones = pages.map(edgeLines);
  const seen = new Map<string, number>();
  for (const zone of zones) for (const key of new Set(zone.values())) seen.set(key, (seen.get(key) ?? 0) + 1);
  const withText = pages.filter((p) => p.lines.length).length;
  const threshold = Math.max(2, Math.ceil(withText * 0.4));
  const running = new Map<string, Line>();
  pages.forEach((page, i) => {
    const zone = zones[i]!;
    page.lines = page.lines.filter((line) => {
      if (PAGE_OF.test(line.text)) return false;
      const key = zone.get(line);
      if (key === undefined) return true;
      if (LONE_PAGE_NUMBER.test(line.text)) return false;
      if ((seen.get(key) ?? 0) < threshold) return true;
      // "Page 3 of 12  3" says nothing; "Version 2, next review Jan 2026" is worth keeping.
      if (!running.has(key) && line.text.replace(/\bpage\b|\bof\b|[\d\s\-–|/()]/gi, '') !== '') running.set(key, line);
      return false;
    });
  });
  return [...running.values()];
}

/** The lines at the top and bottom edges of a page, each with its repeat key. */
function edgeLines(page: PageText): Map<Line, string> {
  const byY = [...page.lines].sort((a, b) => a.y - b.y);
  const key = (where: string, line: Line): string => `${where}|${Math.round(line.y / 8)}|${line.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, '')}`;
  const zone = new Map<Line, string>();
  byY.forEach((line, i) => {
    const edge = i < 3 || i >= byY.length - 3 || line.y < page.height * 0.1 || line.y > page.height * 0.9;
    if (edge) zone.set(line, key(line.y < page.height / 2 ? 'top' : 'bottom', line));
  });
  return zone;
}

// ------------------------------------------------------------------ body metrics

function measure(pages: PageText[]): Metrics {
  const sizes = new Map<number, number>();
  for (const page of pages) for (const line of page.lines) sizes.set(line.size, (sizes.get(line.size) ?? 0) + line.text.length);
  const size = mostCommon(sizes) || 10;
  const pitches = new Map<number, number>();
  const rights: number[] = [];
  for (const page of pages) {
    page.lines.forEach((line, i) => {
      if (line.size !== size) return;
      if (line.text.length >= 30) rights.push(line.x1);
      const next = page.lines[i + 1];
      const gap = next && next.size === size ? Math.round((next.y - line.y) * 2) / 2 : 0;
      if (gap > 0.8 * size && gap < 2.5 * size) pitches.set(gap, (pitches.get(gap) ?? 0) + 1);
    });
  }
  rights.sort((a, b) => a - b);
  // The 90th percentile, not the maximum: one overhanging line must not make every other line look short.
  // With no full lines to go by, 0 turns the "line ended short" rule off.
  const right = rights.length ? rights[Math.floor(rights.length * 0.9)]! : 0;
  return { size, pitch: mostCommon(pitches) || size * 1.2, right };
}

// ------------------------------------------------------------------ lines into paragraphs

const BULLET = /^(?:[•●○◦▪▫■□◆◇♦►▶▸➢➤➣✓✔❖∙·‣⁃\uf000-\uf0ff]\s*|[-–—*o]\s+)(?=\S)/u;
const ENUMERATOR = /^(?:\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-z][.)]|\([a-z]\)|\(?[ivx]{1,4}[.)])\s+(?=\S)/;
/** Section numbering ("4", "4.3.1.2"), whose wrapped lines may hang like a list item's. */
const SECTION_NUMBER = /^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\S)/;
const TERMINAL = /[.!?:;]["'’”)\]]?$/;

interface Chunk {
  lines: Line[];
}

/** Joins lines into paragraphs, list items and heading candidates, following the flow across pages. */
function chunk(pages: PageText[], m: Metrics): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  const join = (list: Chunk[], line: Line, open?: Chunk): Chunk => {
    if (open && continues(open, line, m)) open.lines.push(line);
    else list.push((open = { lines: [line] }));
    return open;
  };
  for (const page of pages) {
    const notes = footnotes(page, m);
    for (const line of page.lines) if (!notes.includes(line)) current = join(chunks, line, current);
    // Footnotes go after the block they interrupt, which may yet run on to the next page.
    const noteChunks: Chunk[] = [];
    notes.reduce<Chunk | undefined>((open, line) => join(noteChunks, line, open), undefined);
    if (noteChunks.length) chunks.splice(current ? chunks.lastIndexOf(current) + 1 : 0, 0, ...noteChunks);
  }
  return chunks;
}

/** Small lines below the last body-size line of a page, starting with a note mark ("1", "*"). */
function footnotes(page: PageText, m: Metrics): Line[] {
  const lastBody = Math.max(...page.lines.filter((l) => l.size >= m.size - 0.5).map((l) => l.y));
  if (lastBody === -Infinity) return [];
  const notes = page.lines.filter((l) => l.y > lastBody && l.size <= m.size * 0.85).sort((a, b) => a.y - b.y);
  return notes.length && /^[\d*†‡§¹²³⁴⁵⁶⁷⁸⁹]/u.test(notes[0]!.text) ? notes : [];
}

function continues(chunk: Chunk, c: Line, m: Metrics): boolean {
  const p = chunk.lines[chunk.lines.length - 1]!;
  if (p.toc || BULLET.test(c.text)) return false;
  const size = Math.max(p.size, c.size);
  // A size change ends the block, though a line may mix sizes (a link, a footnote mark).
  if (p.sizes[0] > c.sizes[1] + 0.6 || c.sizes[0] > p.sizes[1] + 0.6) return false;
  const midSentence = !TERMINAL.test(p.text);
  const hyphenated = /\p{Ll}-$/u.test(p.text);
  const lower = /^\p{Ll}/u.test(c.text);
  const gap = c.y - p.y;
  // A new page or column: carry on only mid-sentence into a lowercase word.
  if (c.page !== p.page || gap < 0.5 * size) return p.bold === c.bold && midSentence && (hyphenated || lower);
  if (gap > (m.pitch * size * 1.3) / m.size) return false;
  // Larger lines of one style (a wrapped title, often centred) belong together.
  if (c.size >= m.size * 1.12) return p.bold === c.bold && midSentence;
  if (p.bold !== c.bold && !midSentence) return false;
  // A line that stops where the next line's first word would still have fitted was ended on
  // purpose, unless the sentence plainly runs on: into a lowercase word, from bold to bold, or
  // inside a paragraph already running (a manual line break); a lone short line is a heading or label.
  const runsOn = hyphenated || (midSentence && (lower || (p.bold && c.bold) || chunk.lines.length > 1));
  if (!runsOn && p.x1 + firstWordWidth(c) + 0.8 * size < m.right) return false;
  return alignedWith(chunk, c, size);
}

/** Continuation lines line up with the block: a first-line indent or a list item's hanging indent is allowed once. */
function alignedWith(chunk: Chunk, c: Line, em: number): boolean {
  const [first, second] = chunk.lines;
  if (second) return Math.abs(c.x0 - second.x0) <= 0.6 * em;
  const hanging = ENUMERATOR.test(first!.text) || SECTION_NUMBER.test(first!.text) || BULLET.test(first!.text);
  return hanging ? c.x0 >= first!.x0 - 0.6 * em && c.x0 <= first!.x0 + 5 * em : c.x0 >= first!.x0 - 4 * em && c.x0 <= first!.x0 + 0.6 * em;
}

function firstWordWidth(line: Line): number {
  const word = line.text.split(' ')[0] ?? '';
  return ((line.x1 - line.x0) / Math.max(line.text.length, 1)) * word.length;
}

// ------------------------------------------------------------------ hyphenation

/** First halves of hyphenated compounds ("child-on-child", "well-being"): their line-end hyphen is kept. */
const HYPHEN_PREFIXES = new Set(
  'child on self non co well low long short up follow one two three multi cross pre post anti re e peer so ex part full high under over third'.split(' '),
);
/** Second halves that make a compound ("decision-making", "school-based"). */
const HYPHEN_SUFFIXES = new Set('making based related led wide specific term being aware informed focused centred centered level party free friendly'.split(' '));

/**
 * Joins the lines of one block. A line ending "lowercase letter + hyphen" before a lowercase word
 * is a word broken across the line ("safe-" + "guarding" → "safeguarding"), unless the first part is
 * a common compound prefix, the second a common compound suffix, or the next word has its own
 * hyphen ("child-" + "on-child"): then the hyphen is real and stays. A hyphen before a capital or a
 * digit ("Covid-" + "19") always stays. Linear in the block: only the last word so far is looked
 * at (a 500-page paragraph once took a minute, re-reading the whole text at every line).
 */
export function joinLines(lines: readonly string[]): string {
  const out: string[] = [];
  let lastWord = '';
  for (const line of lines) {
    let joint: 'space' | 'kept' | 'dropped' = 'space';
    if (out.length) joint = hyphenJoint(lastWord, line);
    if (out.length && joint === 'space') out.push(' ');
    if (joint === 'dropped') out[out.length - 1] = out[out.length - 1]!.slice(0, -1);
    out.push(line);
    const space = line.lastIndexOf(' ');
    if (space >= 0) lastWord = line.slice(space + 1);
    else if (joint === 'space') lastWord = line;
    else lastWord = (joint === 'dropped' ? lastWord.slice(0, -1) : lastWord) + line;
    // A word has no business being longer; a crafted run of space-less lines stays linear.
    if (lastWord.length > 256) lastWord = lastWord.slice(-256);
  }
  return out.join('');
}

/** How a line joins the text before it, whose last word is `last`. */
function hyphenJoint(last: string, b: string): 'space' | 'kept' | 'dropped' {
  const m = /(\S*?)(\p{L}+)-$/u.exec(last);
  if (!m) return 'space';
  const next = /^\S+/.exec(b)?.[0] ?? '';
  const nextWord = next.toLowerCase().replace(/[^\p{L}-]/gu, '');
  const address = /[@/]|\.\w/.test(m[1]! + next); // an e-mail address or URL: its hyphens are real
  const broken = !address && /\p{Ll}$/u.test(m[2]!) && /^\p{Ll}/u.test(b) && !HYPHEN_PREFIXES.has(m[2]!.toLowerCase()) && !HYPHEN_SUFFIXES.has(nextWord) && !nextWord.includes('-');
  return broken ? 'dropped' : 'kept';
}

// ------------------------------------------------------------------ blocks and headings

interface Candidate {
  text: string;
  page: number;
  size: number;
  bold: boolean;
  kind: BlockKind | 'heading';
  lines: number;
  bulleted: boolean;
  toc: boolean;
  /** A line shares its baseline with other text: a table row, or a label beside its value. */
  row: boolean;
}

const LEADER = /\s*(?:\.\s?){4,}\s*|\s*…{2,}\s*/g;
/** "Reviewed: May 2024" is a label with its value, "Section 3: Training" a heading. */
const LABEL = /^(?!(?:section|part|appendix|annex|chapter|schedule|step|stage)\b)[^:]{2,40}:\s+\S/i;

/** Lays out a document's pages as headings and blocks in reading order (page lines are filtered in place). */
export function layoutPages(pages: PageText[]): LayoutItem[] {
  const running = dropRunningLines(pages);
  const rows = rowLines(pages);
  const m = measure(pages);
  const candidates = chunk(pages, m).map((ch) => toCandidate(ch, rows));
  candidates.forEach((c, i) => {
    if (isHeading(c, m, candidates[i - 1], candidates[i + 1])) c.kind = 'heading';
  });
  demoteLabelRuns(candidates);
  const levels = headingLevels(candidates.filter((c) => c.kind === 'heading'), pages.length);
  const items: LayoutItem[] = candidates.map((c) =>
    c.kind === 'heading' ? { kind: 'heading', text: c.text, level: levels.get(c) ?? 1, page: c.page } : { kind: c.kind, text: c.text, page: c.page },
  );
  // One copy of each running header and footer, kept apart at the end: policies put their
  // version and review dates there, and the currency checks need them (as for DOCX).
  if (running.length) {
    items.push({ kind: 'heading', text: 'Running headers and footers', level: 1, page: running[0]!.page });
    for (const line of running) items.push({ kind: 'paragraph', text: line.text, page: line.page });
  }
  return items;
}

function toCandidate(ch: Chunk, rows: Set<Line>): Candidate {
  const first = ch.lines[0]!;
  const joined = joinLines(ch.lines.map((l) => l.text)).replace(LEADER, ' ');
  const bullet = BULLET.exec(joined);
  const text = bullet ? joined.slice(bullet[0].length) : joined;
  return {
    text,
    page: first.page,
    size: first.size,
    bold: ch.lines.every((l) => l.bold),
    kind: bullet || ENUMERATOR.test(text) ? 'list-item' : 'paragraph',
    lines: ch.lines.length,
    bulleted: !!bullet,
    toc: ch.lines.some((l) => l.toc),
    row: ch.lines.some((l) => rows.has(l)),
  };
}

function rowLines(pages: PageText[]): Set<Line> {
  const rows = new Set<Line>();
  for (const page of pages) {
    const byY = [...page.lines].sort((a, b) => a.y - b.y);
    byY.forEach((line, i) => {
      const next = byY[i + 1];
      if (next && next.y - line.y < 0.3 * Math.min(line.size, next.size)) rows.add(line).add(next);
    });
  }
  return rows;
}

/**
 * A heading is a short block, not a sentence, set larger than the body, or all bold, or in
 * capitals, or numbered like a section ("5. Whistleblowing", "5.2 The LADO"). Numbered items
 * next to others of their style and depth ("1. ...", "2. ...") are a list, not headings.
 */
function isHeading(c: Candidate, m: Metrics, prev?: Candidate, next?: Candidate): boolean {
  if (c.bulleted || c.toc || c.row || c.lines > 3 || c.size < m.size * 0.92) return false; // small labels are not headings
  const text = c.text;
  if (c.kind === 'list-item' && !/^\d{1,2}[.)]\s/.test(text)) return false; // (a) and i) items
  if (!/\p{L}.*\p{L}/u.test(text) || /^[\p{Ll}),.;:]/u.test(text) || /^[^(]*\)/.test(text)) return false;
  const depth = numberingLevel(text);
  const words = text.split(' ').length;
  // Sentences and lead-ins ("We will:") are not headings, though numbered ones may end "1. INTRODUCTION:" or "5.3. Publication."
  if (/[.,;:!]$/.test(text) && !(depth !== undefined && (text.endsWith(':') || (text.endsWith('.') && titleCase(text))))) return false;
  if (c.size >= m.size * 1.12) return words <= 20;
  if (words > 12 || (depth === undefined && LABEL.test(text))) return false;
  const sibling = (o?: Candidate): boolean =>
    !!o && o.kind !== 'heading' && numberingLevel(o.text) === 1 && o.bold === c.bold && Math.abs(o.size - c.size) <= 0.6;
  if (depth === 1 && (sibling(prev) || sibling(next))) return false;
  if (c.bold) return true;
  const capitals = !/\p{Ll}/u.test(text) && (text.match(/\p{Lu}/gu)?.length ?? 0) >= 4;
  return c.lines === 1 && (capitals || (depth !== undefined && words <= 10));
}

/** Short, with every longer word capitalised: "Basic Rules", not "Staff must report". */
function titleCase(text: string): boolean {
  const words = text.split(' ').slice(1);
  return words.length <= 6 && words.every((w) => w.length <= 3 || /^\P{Ll}/u.test(w));
}

type Style = Pick<Candidate, 'size' | 'bold'>;
const sameStyle = (a: Style, b: Style): boolean => a.bold === b.bold && Math.abs(a.size - b.size) <= 0.6;

/** Three or more headings in a row in one style, with nothing between, are labels (a diagram, a list of names). */
function demoteLabelRuns(candidates: Candidate[]): void {
  for (let i = 0; i < candidates.length; ) {
    let j = i;
    while (candidates[j]?.kind === 'heading' && sameStyle(candidates[j]!, candidates[i]!)) j++;
    if (j - i >= 3) for (let k = i; k < j; k++) candidates[k]!.kind = 'paragraph';
    i = Math.max(j, i + 1);
  }
}

/**
 * Heading levels. The main heading style — the largest that recurs (3+ headings over 2+ pages,
 * or 2+ in a short document) — is level 1. Larger styles (titles, cover text, diagram labels)
 * are level 1 too, so stray large text never takes the sections after it as its children.
 * Smaller styles rank below it by size, bold before plain. Section numbering adds depth within
 * a style ("5" → that style's level, "5.2" → one deeper). With no recurring style, all rank by size.
 */
function headingLevels(headings: Candidate[], pageCount: number): Map<Candidate, number> {
  const styles: (Style & { count: number; pages: Set<number>; minDepth: number })[] = [];
  const styleOf = (h: Candidate) => styles.find((s) => sameStyle(h, s));
  for (const h of headings) {
    const depth = numberingLevel(h.text) ?? Infinity;
    let style = styleOf(h);
    if (!style) styles.push((style = { size: h.size, bold: h.bold, count: 0, pages: new Set(), minDepth: depth }));
    style.count++;
    style.pages.add(h.page);
    style.minDepth = Math.min(style.minDepth, depth);
  }
  styles.sort((a, b) => b.size - a.size || Number(b.bold) - Number(a.bold));
  const main = styles.findIndex((s) => (pageCount > 2 ? s.count >= 3 && s.pages.size >= 2 : s.count >= 2));
  const levels = new Map<Candidate, number>();
  for (const h of headings) {
    const style = styleOf(h)!;
    const rank = styles.indexOf(style);
    const depth = numberingLevel(h.text);
    const extra = depth !== undefined && Number.isFinite(style.minDepth) ? depth - style.minDepth : 0;
    levels.set(h, Math.min((main < 0 ? rank + 1 : Math.max(1, rank - main + 1)) + extra, 6));
  }
  return levels;
}
