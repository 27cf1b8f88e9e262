import type { Line, PageText } from './pdf-layout.js';
import type { Metrics } from './pdf-metrics.js';

export const BULLET = /^(?:[•●○◦▪▫■□◆◇♦►▶▸➢➤➣✓✔❖∙·‣⁃\uf000-\uf0ff]\s*|[-–—*o]\s+)(?=\S)/u;
export const ENUMERATOR = /^(?:\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-z][.)]|\([a-z]\)|\(?[ivx]{1,4}[.)])\s+(?=\S)/;
/** Section numbering ("4", "4.3.1.2"), whose wrapped lines may hang like a list item's. */
const SECTION_NUMBER = /^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\S)/;
const TERMINAL = /[.!?:;]["'’”)\]]?$/;

export interface Chunk {
  lines: Line[];
}

/** Joins lines into paragraphs, list items and heading candidates, following the flow across pages. */
export function chunk(pages: PageText[], m: Metrics): Chunk[] {
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
