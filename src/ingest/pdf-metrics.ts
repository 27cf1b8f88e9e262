import type { PageText } from './pdf-layout.js';
import { mostCommon } from './stats.js';

/** Body text measurements the line-joining and heading rules are relative to. */
export interface Metrics {
  size: number;
  /** Usual baseline-to-baseline distance inside a body paragraph. */
  pitch: number;
  /** Where full body lines end: lines stopping well short of it were ended on purpose. */
  right: number;
}

/** The body text's size: the size most characters are set in (0 with no text). */
export function bodySize(pages: PageText[]): number {
  const sizes = new Map<number, number>();
  for (const page of pages) for (const line of page.lines) sizes.set(line.size, (sizes.get(line.size) ?? 0) + line.text.length);
  return mostCommon(sizes);
}

export function measure(pages: PageText[]): Metrics {
  const size = bodySize(pages) || 10;
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
