import type { BlockKind } from '../types.js';
import { demoteLabelRuns, headingLevels, isHeading, type Candidate } from './pdf-headings.js';
import { joinLines } from './pdf-hyphenation.js';
import { measure } from './pdf-metrics.js';
import { BULLET, chunk, ENUMERATOR, type Chunk } from './pdf-paragraphs.js';
import { dropRunningLines } from './pdf-running.js';
import { cellTexts, rowsTogether, sharedBaselines, tableRows } from './pdf-table-rows.js';

// Each step has its own module (pdf-running, pdf-metrics, pdf-paragraphs, pdf-hyphenation,
// pdf-headings); this re-export keeps the readers' imports in one place.
export { joinLines } from './pdf-hyphenation.js';

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
  /** The line's text parted at wide gaps, when there are any: the cells of a table row, or a label and its value. */
  cells?: string[];
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

/** A block; `row` is set on table cells, the same for the cells of one row. */
export type LayoutItem = { kind: 'heading'; text: string; level: number; page: number } | { kind: BlockKind; text: string; page: number; row?: number };

const LEADER = /\s*(?:\.\s?){4,}\s*|\s*…{2,}\s*/g;
/** Lays out a document's pages as headings and blocks in reading order (page lines are filtered in place). */
export function layoutPages(pages: PageText[]): LayoutItem[] {
  const running = dropRunningLines(pages);
  const baselines = sharedBaselines(pages);
  const rows = new Set(baselines.flat());
  const m = measure(pages);
  const chunks = chunk(pages, m);
  const cells = tableRows(baselines, chunks);
  const ordered = rowsTogether(chunks, cells);
  const candidates = ordered.map((ch) => toCandidate(ch, rows));
  candidates.forEach((c, i) => {
    if (isHeading(c, m, candidates[i - 1], candidates[i + 1])) c.kind = 'heading';
  });
  demoteLabelRuns(candidates);
  const levels = headingLevels(
    candidates.filter((c) => c.kind === 'heading'),
    pages.length,
  );
  const items: LayoutItem[] = candidates.flatMap((c, i): LayoutItem[] => {
    if (c.kind === 'heading') return [{ kind: 'heading', text: c.text, level: levels.get(c) ?? 1, page: c.page }];
    const row = cells.get(ordered[i]!);
    if (row === undefined) return [{ kind: c.kind, text: c.text, page: c.page }];
    return cellTexts(ordered[i]!, c.text).map((text) => ({ kind: 'table-cell', text, page: c.page, row }));
  });
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
