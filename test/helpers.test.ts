// The small helpers kept once (issue 17): each caller's behaviour, pinned where copies used to differ.
import { describe, expect, it } from 'vitest';
import { countValues, median, mostCommon } from '../src/ingest/stats.js';
import { parseJson } from '../src/catalogue/yaml-file.js';
import { formatBytes } from '../src/util/bytes.js';
import { ConfigError, printable } from '../src/util/errors.js';
import { isInside } from '../src/util/paths.js';

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

describe('formatBytes', () => {
  it('one decimal of a MiB (none for a whole number), KiB rounded up', () => {
    expect(formatBytes(8.6 * 1024 * 1024)).toBe('8.6 MiB');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MiB');
    expect(formatBytes(1024 * 1024 + 1)).toBe('1 MiB');
    expect(formatBytes(2.5e6)).toBe('2.4 MiB');
    expect(formatBytes(1025)).toBe('2 KiB');
  });
});

describe('isInside', () => {
  it('below the folder by path: not the folder itself, not a sibling or a parent', () => {
    expect(isInside('/p', '/p/a.md')).toBe(true);
    expect(isInside('/p', '/p/sub/a.md')).toBe(true);
    expect(isInside('/p', '/p')).toBe(false);
    expect(isInside('/p', '/q/a.md')).toBe(false);
    expect(isInside('/p/sub', '/p/a.md')).toBe(false);
    expect(isInside('/p', '/p/sub/../../q')).toBe(false);
    expect(isInside('/p', '/p/..notes.md')).toBe(true);
    expect(isInside('/p', '/p/..')).toBe(false);
  });
});

describe('parseJson and printable', () => {
  it('parseJson: invalid JSON is a ConfigError naming the file', () => {
    expect(parseJson('{"a": 1}', 'x.json')).toEqual({ a: 1 });
    expect(() => parseJson('{', 'x.json')).toThrow(ConfigError);
    expect(() => parseJson('{', 'x.json')).toThrow(/^x\.json: not valid JSON \(/);
  });

  it('printable: control and bidirectional characters become "?"', () => {
    expect(printable('a\nb\u001b[31mc\u202ed')).toBe('a?b?[31mc?d');
    expect(printable('plain name.md')).toBe('plain name.md');
  });
});
