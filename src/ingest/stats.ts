// Small statistics the PDF, OCR and DOCX readers measure text with: one copy each.

/** The middle value (the upper one of an even count); 0 for none. */
export function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The value with the highest count; 0 for none. A tie goes to the value counted first (the PDF and
 * OCR readers count sizes in reading order) or, with `tie: 'smallest'`, to the smallest value (a
 * DOCX's heading levels: the higher heading wins).
 */
export function mostCommon(counts: Map<number, number>, tie: 'first' | 'smallest' = 'first'): number {
  let best = 0;
  let bestCount = -1;
  for (const [value, count] of counts) {
    if (count > bestCount || (tie === 'smallest' && count === bestCount && value < best)) [best, bestCount] = [value, count];
  }
  return best;
}

/** How often each value occurs, in first-seen order. */
export function countValues(values: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
