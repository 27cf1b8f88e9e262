// The small helpers kept once (issue 17): each caller's behaviour, pinned where copies used to differ.
import { describe, expect, it } from 'vitest';
import { countValues, median, mostCommon } from '../src/ingest/stats.js';

describe('ingest statistics', () => {
  it('median: the upper middle of an even count, 0 for none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([])).toBe(0);
  });

  it('mostCommon: a tie goes to the value counted first, or to the smallest for DOCX heading levels', () => {
    const counts = new Map([
      [11, 5],
      [10, 5],
      [9, 2],
    ]);
    expect(mostCommon(counts)).toBe(11);
    expect(mostCommon(counts, 'smallest')).toBe(10);
    expect(mostCommon(countValues([3, 2, 3, 2, 1]), 'smallest')).toBe(2);
    expect(mostCommon(new Map())).toBe(0);
  });
});
