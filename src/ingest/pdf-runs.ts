import { EngineBuffer, hotCalls, type HotCalls, type Pdfium } from './pdfium.js';
import { median } from './stats.js';

// A PDF page's characters, as PDFium gives them, turned into runs of text in display space: where
// they stand, their size and weight, and where the words break.

/** A piece of text drawn in one font at one place, in top-down page points. */
export interface TextRun {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  size: number;
  bold: boolean;
}

const BOLD_FONT = /bold|black|heavy|semibold|demi/i;

/** A text object's look, shared by its characters. */
interface Style {
  upright: boolean;
  size: number;
  bold: boolean;
}

/** Maps page space (y up, offset by the page boxes, unrotated) to top-down display points. */
export type View = [a: number, b: number, c: number, d: number, e: number, f: number];

const VIEW_SCALE = 64;

/**
 * The page's display transform (crop box and /Rotate, then `turn` quarters clockwise), read off
 * the engine's own page-to-device mapping.
 */
export function displayView(engine: Pdfium, page: number, width: number, height: number, turn: number, scratch: EngineBuffer): View {
  const device = (x: number, y: number): [number, number] => {
    // Device coordinates are whole pixels: a 64× device keeps them to 1/64 point.
    engine.FPDF_PageToDevice(page, 0, 0, Math.round(width * VIEW_SCALE), Math.round(height * VIEW_SCALE), turn, x, y, scratch.ptr, scratch.ptr + 4);
    return [scratch.i32(0) / VIEW_SCALE, scratch.i32(1) / VIEW_SCALE];
  };
  const [e, f] = device(0, 0);
  const [ax, ay] = device(100, 0);
  const [cx, cy] = device(0, 100);
  return [(ax - e) / 100, (ay - f) / 100, (cx - e) / 100, (cy - f) / 100, e, f];
}

/**
 * The page's text as runs in content order: a run is the characters of one text object on one
 * baseline. The engine's line breaks end a run, and rotated text (watermarks, side captions) is
 * left out. Where the words break is decided per run, once its letter spacing is known.
 */
export function readRuns(engine: Pdfium, text: number, view: View, fonts: Map<number, boolean>, scratch: EngineBuffer): TextRun[] {
  const runs: TextRun[] = [];
  const calls = hotCalls(engine);
  const count = engine.FPDFText_CountChars(text);
  let object = -1;
  let style: Style = { upright: false, size: 0, bold: false };
  let run: RunChars | undefined;
  const close = (): void => {
    if (run?.glyphs.length) runs.push(spaced(run));
    run = undefined;
  };
  for (let i = 0; i < count; i++) {
    const owner = calls.FPDFText_GetTextObject(text, i);
    const code = calls.FPDFText_GetUnicode(text, i);
    if (!owner) {
      // Made up by the engine: a space where it saw a gap (kept as a hint), or a line break.
      if (code === 0x20) run?.glyphs.push({ char: ' ', x: NaN, right: NaN, space: 'soft' });
      else close();
      continue;
    }
    if (owner !== object) {
      object = owner;
      style = styleOf(engine, calls, text, i, owner, view, fonts, scratch);
    }
    if (!style.upright) {
      close();
      continue;
    }
    calls.FPDFText_GetCharOrigin(text, i, scratch.ptr, scratch.ptr + 8);
    const px = scratch.f64(0);
    const py = scratch.f64(1);
    const x = view[0] * px + view[2] * py + view[4];
    const y = view[1] * px + view[3] * py + view[5];
    if (!run || run.style !== style || Math.abs(y - run.y) > 0.05 * style.size || x < run.lastX - 0.5 * style.size) {
      close();
      run = { style, x, y, lastX: x, glyphs: [] };
    }
    run.lastX = x;
    // The advance box (the glyph's width, not its ink): a narrow "1" is not followed by a gap
    // that reads as a space.
    const right = Math.max(x, advanceRight(calls, text, i, view, scratch));
    if (isSpace(code)) {
      // A space set with no width (between letter-spaced capitals: "M IDLANDS") is only a hint.
      run.glyphs.push({ char: ' ', x, right, space: right - x < 0.1 * style.size ? 'soft' : 'hard' });
      continue;
    }
    // The engine reports a hyphen that ends a line as U+0002; the layout decides whether it joins a word.
    const char = code === 0x02 ? '-' : code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code);
    run.glyphs.push({ char, x, right });
  }
  close();
  return runs;
}

/** One character of a run being read: a glyph, or a space the PDF set (hard) or hinted at (soft). */
interface Glyph {
  char: string;
  x: number;
  right: number;
  space?: 'hard' | 'soft';
}

interface RunChars {
  style: Style;
  x: number;
  y: number;
  lastX: number;
  glyphs: Glyph[];
}

/**
 * A run's text with its word spaces. A gap is a space when it is wider than the run's own letter
 * spacing allows (letter-spaced headings have wide gaps inside words), or a hinted space with more
 * than the letter spacing behind it; a space the PDF sets with a width always is.
 */
function spaced(run: RunChars): TextRun {
  const size = run.style.size;
  const gaps: number[] = [];
  let right = -Infinity;
  let between = false;
  for (const g of run.glyphs) {
    if (g.space) {
      between = true;
      continue;
    }
    if (right > -Infinity && !between) gaps.push(g.x - right);
    right = Math.max(right, g.right);
    between = false;
  }
  const letterGap = Math.max(0, median(gaps));
  let text = '';
  let pending: 'hard' | 'soft' | undefined;
  let extent = run.x; // the run's right edge, its own spaces included
  right = -Infinity;
  for (const g of run.glyphs) {
    if (g.space) {
      if (pending !== 'hard') pending = g.space;
      if (g.space === 'hard') extent = Math.max(extent, g.right);
      continue;
    }
    if (text && !text.endsWith(' ')) {
      const gap = g.x - right;
      if (pending === 'hard' || gap > Math.max(0.2 * size, letterGap + 0.15 * size) || (pending === 'soft' && gap > letterGap + 0.05 * size)) text += ' ';
    } else if (!text && pending === 'hard') {
      text = ' '; // a run may start with a space: the line's own spacing rule reads it as a gap
    }
    pending = undefined;
    text += g.char;
    right = Math.max(right, g.right);
    extent = Math.max(extent, g.right);
  }
  if (pending === 'hard') text += ' ';
  return { text, x: run.x, y: run.y, width: extent - run.x, size, bold: run.style.bold };
}

/** Tab, line ends, space, no-break space and the typographic spaces (by code, not a regex: per character). */
const isSpace = (code: number): boolean => code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x3000;

/** The right edge, in display points, of one character's advance box. */
function advanceRight(calls: HotCalls, text: number, i: number, view: View, scratch: EngineBuffer): number {
  if (!calls.FPDFText_GetLooseCharBox(text, i, scratch.ptr)) return -Infinity;
  // FS_RECTF: left, top, right, bottom, in page space; the largest display x of its corners.
  const xs = view[0] >= 0 ? scratch.f32(2) : scratch.f32(0);
  const ys = view[2] >= 0 ? scratch.f32(1) : scratch.f32(3);
  return view[0] * xs + view[2] * ys + view[4];
}

/** Size, slant and weight of the text object that character i belongs to. */
function styleOf(engine: Pdfium, calls: HotCalls, text: number, i: number, owner: number, view: View, fonts: Map<number, boolean>, scratch: EngineBuffer): Style {
  // The character's matrix leaves out the font size: the two multiply to the size on the page.
  const fontSize = calls.FPDFText_GetFontSize(text, i);
  if (!calls.FPDFText_GetMatrix(text, i, scratch.ptr)) return { upright: false, size: 0, bold: false };
  const [ma, mb, mc, md] = [scratch.f32(0), scratch.f32(1), scratch.f32(2), scratch.f32(3)];
  const a = (view[0] * ma + view[2] * mb) * fontSize;
  const b = (view[1] * ma + view[3] * mb) * fontSize;
  const c = (view[0] * mc + view[2] * md) * fontSize;
  const d = (view[1] * mc + view[3] * md) * fontSize;
  const upright = a > 0 && Math.abs(b) + Math.abs(c) <= 0.05 * (Math.abs(a) + Math.abs(d));
  return { upright, size: Math.hypot(c, d), bold: isBold(engine, calls.FPDFTextObj_GetFont(owner), fonts, scratch) };
}

/** Whether a font is bold, by its name: embedded subsets rarely say so any other way. */
function isBold(engine: Pdfium, font: number, fonts: Map<number, boolean>, scratch: EngineBuffer): boolean {
  if (!font) return false;
  let bold = fonts.get(font);
  if (bold === undefined) {
    const length = engine.FPDFFont_GetBaseFontName(font, scratch.ptr, scratch.bytes);
    const name = length > 0 ? engine.pdfium.UTF8ToString(scratch.ptr, Math.min(length, scratch.bytes)) : '';
    bold = BOLD_FONT.test(name);
    fonts.set(font, bold);
  }
  return bold;
}
