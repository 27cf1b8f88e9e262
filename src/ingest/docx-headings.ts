import { numberingLevel, type NoteInput } from './builder.js';
import type { Item } from './docx-html.js';
import { countValues, mostCommon } from './stats.js';

const MAX_HEADING_WORDS = 12;

/**
 * Decides which paragraphs are headings:
 * - A styled heading that reads as a sentence (ends with a full stop and is long) is a paragraph.
 * - No heading styles at all: a short line (≤ 12 words, starting with a capital or digit, not
 *   ending in . , ;) is a heading when it is numbered ("5.2 The LADO": level from its numbering;
 *   adjacent lines numbered at the same depth are a typed list, not headings) or entirely
 *   emphasised. Emphasis ranks larger font sizes first, then ALL CAPS, then bold, and the
 *   ranks present become levels 1, 2, 3…, so a caps title sits above bold section headings.
 * - Heading styles present: an entirely bold or large short line still reads as a heading, at
 *   the most used styled level, since authors often mix styles and bold for the same level.
 * - Inferred headings after the last paragraph of text are closing lines, so stay paragraphs.
 */
/** Turns items into headings in place; returns notes on what it did. */
export function inferHeadings(items: Item[]): NoteInput[] {
  const notes: NoteInput[] = [];
  let demoted = 0;
  for (const item of items) {
    if (item.kind === 'heading' && isSentence(item.text)) {
      item.kind = 'paragraph';
      demoted++;
    }
  }
  if (demoted) notes.push({ id: 'headings-demoted', message: `${demoted} paragraph(s) styled as headings read as text (they are sentences)` });

  const styledLevels = items.filter((i) => i.kind === 'heading').map((i) => i.level ?? 1);
  const shortLines = items.map((i) => (i.candidate && i.kind === 'paragraph' && isShortLine(i.text) ? i : undefined));
  const inferred: Item[] = [];

  if (styledLevels.length) {
    const level = mostCommon(countValues(styledLevels), 'smallest');
    for (const item of shortLines) {
      if (item && /[LB]/.test(item.format ?? '')) inferred.push(Object.assign(item, { kind: 'heading', level }));
    }
    dropTrailing(items, inferred);
    if (inferred.length) notes.push({ id: 'headings-inferred', message: `${inferred.length} bold line(s) read as headings at level ${level}, alongside heading styles` });
    return notes;
  }

  const numbered = shortLines.map((item) => (item && /^\S+\s+[\p{Lu}\d]/u.test(item.text) ? numberingLevel(item.text) : undefined));
  const kinds = shortLines.map((item) => (item ? emphasis(item) : undefined));
  const ranks = [...new Set(kinds.filter((k): k is string => k !== undefined))].sort(byWeight);
  shortLines.forEach((item, i) => {
    if (!item) return;
    const depth = numbered[i];
    // A run of same-depth numbered lines ("1. Line manager", "2. DSL") is a list.
    const inList = depth !== undefined && (numbered[i - 1] === depth || numbered[i + 1] === depth);
    const level = depth !== undefined && !inList ? depth : kinds[i] ? ranks.indexOf(kinds[i]!) + 1 : undefined;
    if (level === undefined) return;
    inferred.push(Object.assign(item, { kind: 'heading', level: Math.min(level, 6) }));
  });
  dropTrailing(items, inferred);
  if (inferred.length) notes.push({ id: 'headings-inferred', message: `no heading styles: ${inferred.length} heading(s) inferred from numbering and formatting` });
  return notes;
}

/** Inferred headings with no text after them are closing lines ("Reviewed May 2025"), not headings. */
function dropTrailing(items: Item[], inferred: Item[]): void {
  const last = items.findLastIndex((item) => item.kind !== 'heading');
  for (const item of inferred.filter((i) => items.indexOf(i) > last)) {
    item.kind = 'paragraph';
    inferred.splice(inferred.indexOf(item), 1);
  }
}

function words(text: string): number {
  return text.split(' ').filter(Boolean).length;
}

function isSentence(text: string): boolean {
  return words(text) > 20 || (/\.$/.test(text) && words(text) > 8);
}

function isShortLine(text: string): boolean {
  return words(text) <= MAX_HEADING_WORDS && text.length <= 120 && /^[\p{Lu}\d]/u.test(text) && !/[.,;]$/.test(text);
}

/** The emphasis kind of a short line: "L<size>", "C" (all caps) or "B" (bold). */
function emphasis(item: Item): string | undefined {
  const format = item.format ?? '';
  const large = /L(\d+)/.exec(format);
  if (large) return `L${large[1]}`;
  const capsText = !/\p{Ll}/u.test(item.text) && (item.text.match(/\p{Lu}/gu)?.length ?? 0) >= 4;
  if (format.includes('C') || capsText) return 'C';
  return format.includes('B') ? 'B' : undefined;
}

/** Larger fonts first, then caps, then bold. */
function byWeight(a: string, b: string): number {
  const weight = (k: string) => (k.startsWith('L') ? 1000 + Number(k.slice(1)) : k === 'C' ? 2 : 1);
  return weight(b) - weight(a);
}
