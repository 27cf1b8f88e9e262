import type { Line, PageText } from './pdf-layout.js';
import { CLAUSE_MARKER } from '../nlp/numbering.js';
import { BULLET, type Chunk } from './pdf-paragraphs.js';

// A PDF has no tables, only text placed side by side: "Owner/Manager" at the left margin and
// "Sue McMahon" further along the same baseline. Reading such blocks as the cells of one row lets
// the audit pair a role with a person, as it does for Markdown and DOCX tables.

/** Short blocks only: a cell, not a paragraph of a two-column page. */
const MAX_CELL_LINES = 3;
const MAX_CELL_CHARS = 160;
const MAX_CELLS = 8;

/**
 * The chunks that are cells of a table row, each mapped to its row (numbered in page order).
 * A row is two or more short blocks whose first lines share a baseline, with no other text on it
 * (a line of running prose beside them means a page set in columns, not a table), or one line
 * whose text stands in parts a wide gap apart.
 */
export function tableRows(baselines: Line[][], chunks: Chunk[]): Map<Chunk, number> {
  const owner = new Map<Line, Chunk>();
  for (const ch of chunks) for (const line of ch.lines) owner.set(line, ch);
  const rows = new Map<Chunk, number>();
  let next = 0;
  for (const baseline of baselines) {
    if (baseline.length > MAX_CELLS) continue;
    const cells = baseline.map((line) => owner.get(line));
    if (!cells.every((ch, k): ch is Chunk => !!ch && ch.lines[0] === baseline[k] && isCell(ch))) continue;
    // Cells stand apart: a gap of at least a character between one and the next.
    const sorted = [...baseline].sort((a, b) => a.x0 - b.x0);
    if (sorted.some((line, k) => k > 0 && line.x0 < sorted[k - 1]!.x1 + 0.5 * line.size)) continue;
    for (const ch of cells) rows.set(ch, next);
    next++;
  }
  for (const ch of chunks) if (!rows.has(ch) && partedLine(ch)) rows.set(ch, next++);
  return rows;
}

/** Each page's lines that share a baseline with another (within 0.3 em), grouped: a row, or a label beside its value. */
export function sharedBaselines(pages: PageText[]): Line[][] {
  const groups: Line[][] = [];
  for (const page of pages) {
    const byY = [...page.lines].sort((a, b) => a.y - b.y);
    let group: Line[] = [];
    byY.forEach((line, i) => {
      group.push(line);
      const next = byY[i + 1];
      if (next && next.y - line.y < 0.3 * Math.min(line.size, next.size)) return;
      if (group.length > 1) groups.push(group);
      group = [];
    });
  }
  return groups;
}

/** The cells a chunk stands for: its line's parts when one line holds several, else its text. */
export function cellTexts(ch: Chunk, text: string): string[] {
  return partedLine(ch)?.cells ?? [text];
}

function partedLine(ch: Chunk): Line | undefined {
  const line = ch.lines.length === 1 ? ch.lines[0] : undefined;
  const cells = line?.cells;
  if (!line || !cells || cells.length > MAX_CELLS || line.toc || line.text.length > MAX_CELL_CHARS) return undefined;
  // A list marker or section number set apart from its text ("2.      Listen carefully") is not a cell.
  return CLAUSE_MARKER.test(cells[0]!) || BULLET.test(line.text) ? undefined : line;
}

function isCell(ch: Chunk): boolean {
  if (ch.lines.length > MAX_CELL_LINES || ch.lines.some((l) => l.toc)) return false;
  return ch.lines.reduce((n, l) => n + l.text.length, 0) <= MAX_CELL_CHARS;
}

/**
 * The chunks in reading order with each row's cells together, left to right, where the row's
 * first cell stood: a table drawn column by column still reads row by row.
 */
export function rowsTogether(chunks: Chunk[], rows: Map<Chunk, number>): Chunk[] {
  const cells = new Map<number, Chunk[]>();
  for (const [ch, row] of rows) cells.set(row, [...(cells.get(row) ?? []), ch]);
  const placed = new Set<number>();
  const out: Chunk[] = [];
  for (const ch of chunks) {
    const row = rows.get(ch);
    if (row === undefined) out.push(ch);
    else if (!placed.has(row)) {
      placed.add(row);
      out.push(...cells.get(row)!.sort((a, b) => a.lines[0]!.x0 - b.lines[0]!.x0));
    }
  }
  return out;
}
