import type { Line, PageText } from './pdf-layout.js';
import { bodySize } from './pdf-metrics.js';
import { median } from './stats.js';

// Turns tesseract's TSV output (one row per word, with its box in pixels) into the lines the PDF
// layout works on, so OCR text gets the same paragraph joining and heading inference as a text layer.
// OCR knows no fonts: sizes are estimated from the words' heights, and nothing is bold.

/** Words OCR is less sure of than this (0–100) are dropped: mostly specks, rules and pictures read as letters. */
const MIN_CONFIDENCE = 30;

interface Word {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
}

export interface OcrPage extends PageText {
  /** Words kept, and their mean confidence (0–100). */
  words: number;
  confidence: number;
}

/** Reads one page's TSV (rendered at `dpi`) into top-down page points, as the PDF reader gives them. */
export function tsvToPage(tsv: string, page: number, dpi: number): OcrPage {
  const scale = 72 / dpi;
  const lines = new Map<string, Word[]>();
  let height = 0;
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12) continue;
    const [level, , block, par, line, , left, top, width, h, conf] = cols.map(Number) as number[];
    if (level === 1) height = h!;
    const text = cols.slice(11).join('\t').trim();
    if (level !== 5 || !text || conf! < MIN_CONFIDENCE) continue;
    const key = `${block}.${par}.${line}`;
    const words = lines.get(key) ?? [];
    words.push({ text, left: left!, top: top!, width: width!, height: h!, conf: conf! });
    lines.set(key, words);
  }
  const built = attachMarginMarks([...lines.values()].map((words) => toLine(words, page, scale)).filter((l): l is Line => l !== undefined));
  const kept = [...lines.values()].flat();
  const confidence = kept.length ? kept.reduce((sum, w) => sum + w.conf, 0) / kept.length : 0;
  return { page, height: height * scale, lines: built, words: kept.length, confidence };
}

/** Letters reaching the cap height (capitals, digits, ascenders, i and j dots) and those below the baseline. */
const TALL = /[A-Z0-9bdfhijklt()[\]{}|/!?%&@#$£€]/;
const DEEP = /[gjpqy()[\]{}|,;]/;
/** Heights of a typical sans face as fractions of the em: cap height, x-height, descender. */
const CAP = 0.72;
const X_HEIGHT = 0.52;
const DESCENDER = 0.21;

/** A word's font size (pixels), from its ink height and which letters it has. */
function emOf(word: Word): number | undefined {
  const top = TALL.test(word.text) ? CAP : /[a-z]/.test(word.text) ? X_HEIGHT : undefined;
  if (top === undefined) return undefined; // punctuation alone says little
  return word.height / (top + (DEEP.test(word.text) ? DESCENDER : 0));
}

function toLine(words: Word[], page: number, scale: number): Line | undefined {
  const ems = words
    .filter((w) => w.text.length >= 2)
    .map(emOf)
    .filter((e): e is number => e !== undefined);
  const em = median(ems.length ? ems : words.map(emOf).filter((e): e is number => e !== undefined));
  if (!em) return undefined;
  // The baseline is the bottom of words without descenders; failing those, a descender above the bottom.
  const flat = words.filter((w) => !DEEP.test(w.text)).map((w) => w.top + w.height);
  const baseline = flat.length ? median(flat) : Math.max(...words.map((w) => w.top + w.height)) - DESCENDER * em;
  const text = words.map((w) => w.text).join(' ');
  const last = words[words.length - 1]!;
  const before = words[words.length - 2];
  const farNumber = !!before && /^\d{1,3}$/.test(last.text) && last.left - (before.left + before.width) > 3 * em;
  const size = Math.round(em * scale * 2) / 2;
  return {
    page,
    text,
    x0: words[0]!.left * scale,
    x1: Math.max(...words.map((w) => w.left + w.width)) * scale,
    y: baseline * scale,
    size,
    sizes: [size, size],
    bold: false,
    toc: farNumber || /(?:\.\s?){4,}\s*\d{1,3}$|…{2,}\s*\d{1,3}$/.test(text),
  };
}

/** A line that is only a section number, enumerator or bullet. */
const MARK = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|\(?[a-z]\)|[•●○◦▪■□◆♦►▶➢✓✔❖·*-])$/;

/**
 * Puts numbers and bullets set in a margin column back at the start of the line they number:
 * OCR often reads such a column as a block of its own ("4.4", "4.5", … then the paragraphs).
 */
function attachMarginMarks(lines: Line[]): Line[] {
  const marks = new Set<Line>();
  for (const mark of lines) {
    if (!MARK.test(mark.text)) continue;
    const em = Math.max(mark.size, 1);
    let best: Line | undefined;
    for (const line of lines) {
      if (line === mark || marks.has(line) || MARK.test(line.text)) continue;
      const gap = line.x0 - mark.x1;
      if (Math.abs(line.y - mark.y) > 0.5 * em || gap < 0 || gap > 8 * em) continue;
      if (!best || line.x0 < best.x0) best = line;
    }
    if (!best) continue;
    best.text = `${mark.text} ${best.text}`;
    best.x0 = mark.x0;
    marks.add(mark);
  }
  return lines.filter((l) => !marks.has(l));
}

/**
 * Sizes read from ink heights wobble by a point or so from line to line, which the layout would take
 * for a change of style and so end the paragraph: sizes near the body size (over all the pages read
 * by OCR) are made the body size.
 */
export function evenSizes(pages: PageText[]): void {
  const body = bodySize(pages);
  for (const line of pages.flatMap((p) => p.lines)) {
    if (Math.abs(line.size - body) <= 0.12 * body) {
      line.size = body;
      line.sizes = [body, body];
    }
  }
}
