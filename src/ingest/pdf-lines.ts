import type { Line } from './pdf-layout.js';
import { mostCommon } from './stats.js';
import type { TextRun } from './pdf-runs.js';

// Runs of text into the visual lines the layout reads: baselines, spacing, sizes and weight.

/** A gap this many ems wide inside a line parts two cells; justified word spacing stays well under it. */
const CELL_GAP = 2;

/** Groups runs (in content order) into lines: a new line starts when the baseline moves or x jumps back. */
export function buildLines(runs: TextRun[], page: number): Line[] {
  const lines: Line[] = [];
  let parts: TextRun[] = [];
  let right = 0;
  for (const run of runs) {
    const last = parts[parts.length - 1];
    const em = Math.max(last?.size ?? 0, run.size, 1);
    // Superscripts sit up to ~0.4 em off the baseline; the next line is a whole line away.
    if (last && (Math.abs(run.y - last.y) > 0.45 * em || run.x < right - 1.5 * em)) {
      const line = toLine(parts, page);
      if (line) lines.push(line);
      parts = [];
    }
    right = parts.length ? Math.max(right, run.x + run.width) : run.x + run.width;
    parts.push(run);
  }
  const line = toLine(parts, page);
  if (line) lines.push(line);
  return lines;
}

function toLine(runs: TextRun[], page: number): Line | undefined {
  const first = runs.find((r) => r.text.trim());
  if (!first) return undefined;
  let text = '';
  let x1 = first.x;
  let lastSize = first.size;
  let farNumber = false;
  const sizes = new Map<number, number>();
  let chars = 0;
  let boldChars = 0;
  // Text set a wide gap apart on one line: "Owner            Dana Hill" is two cells, not a phrase.
  const segments: string[] = [''];
  for (const run of runs) {
    const blank = !run.text.trim();
    // A zero-width space (between small capitals: "P" + "OLICY") says nothing; the gaps decide.
    if (blank && run.width < 0.1 * run.size) continue;
    // Runs split where the text object changes, even mid-word, so only a real gap is a space.
    const gap = run.x - x1;
    const em = Math.min(run.size, lastSize);
    const piece = (gap > 0.2 * em ? ' ' : '') + run.text;
    text += piece;
    if (blank) continue;
    if (gap > CELL_GAP * em && chars > 0) segments.push('');
    segments[segments.length - 1] += piece;
    farNumber = /^\s*\d{1,3}\s*$/.test(run.text) && gap > 3 * run.size && chars > 0;
    x1 = Math.max(x1, run.x + run.width);
    lastSize = run.size;
    const n = run.text.replace(/\s/g, '').length;
    const size = Math.round(run.size * 2) / 2;
    sizes.set(size, (sizes.get(size) ?? 0) + n);
    chars += n;
    if (run.bold) boldChars += n;
  }
  const tidy = (t: string): string =>
    t
      .replace(/\u00ad/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  text = tidy(text);
  const cells = segments.map(tidy).filter(Boolean);
  return {
    page,
    text,
    x0: first.x,
    x1,
    y: first.y,
    size: mostCommon(sizes),
    sizes: [Math.min(...sizes.keys()), Math.max(...sizes.keys())],
    bold: boldChars >= 0.8 * chars,
    toc: farNumber || /(?:\.\s?){4,}\s*\d{1,3}$|…{2,}\s*\d{1,3}$/.test(text),
    ...(cells.length > 1 ? { cells } : {}),
  };
}
