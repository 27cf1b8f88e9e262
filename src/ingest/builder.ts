import { noteMeta } from '../messages.js';
import type { BlockKind, DocumentFormat, Location, PolicyDocument, ReaderNote, Section } from '../types.js';
import { sectionNumber } from '../nlp/numbering.js';

/**
 * Longest block kept whole; longer text (a file that is one enormous line) is cut at sentence
 * ends. The audit segments each block into words with Intl.Segmenter, whose cost grows with the
 * square of the text's length: one 1 MB paragraph took minutes.
 */
export const MAX_BLOCK_CHARS = 8000;
/** Longer "headings" are text (a "#" line holding a whole document), read as paragraphs. */
export const MAX_HEADING_CHARS = 300;

/**
 * Builds a PolicyDocument from a stream of headings and blocks in reading order, so every
 * format's reader shares one notion of sections and heading paths.
 */
/** A note as a reader gives it: severity and location default from its meta and the whole document. */
export interface NoteInput {
  id: string;
  message: string;
  location?: Location;
}

/** Adds a note to both the wording list and the typed list, at the end or (first) at the start. */
export function addNote(doc: PolicyDocument, note: NoteInput, first = false): void {
  const typed: ReaderNote = { id: note.id, message: note.message, location: note.location ?? {}, severity: noteMeta(note.id).severity };
  if (first) {
    doc.notes.unshift(note.message);
    doc.readerNotes.unshift(typed);
  } else {
    doc.notes.push(note.message);
    doc.readerNotes.push(typed);
  }
}

export class DocumentBuilder {
  private rows = 0;
  private readonly doc: PolicyDocument;
  /** Sections currently open, outermost first. */
  private readonly open: number[] = [];

  constructor(path: string, format: DocumentFormat) {
    this.doc = { path, format, sections: [], blocks: [], notes: [], readerNotes: [] };
    this.doc.sections.push({ heading: '', level: 0, path: [], location: {}, blocks: [] });
  }

  get document(): PolicyDocument {
    return this.doc;
  }

  /** Opens a section; a heading closes every open section at its level or deeper. */
  heading(text: string, level: number, location: Omit<Location, 'section'>): void {
    const heading = normaliseSpace(text);
    if (!heading) return;
    if (heading.length > MAX_HEADING_CHARS) {
      this.block('paragraph', heading, location);
      return;
    }
    const depth = Math.min(Math.max(Math.round(level), 1), 6);
    while (this.open.length && this.sectionAt(this.open[this.open.length - 1]!).level >= depth) this.open.pop();
    const parent = this.open[this.open.length - 1];
    const path = [...(parent === undefined ? [] : this.sectionAt(parent).path), heading];
    const section: Section = {
      heading,
      level: depth,
      path,
      // PDF: the line of the extracted text where the section's first block will stand.
      location: { ...location, ...(this.doc.format === 'pdf' ? { textLine: this.doc.blocks.length + 1 } : {}), section: path.join(' > ') },
      blocks: [],
    };
    if (parent !== undefined) section.parent = parent;
    this.doc.sections.push(section);
    this.open.push(this.doc.sections.length - 1);
    if (!this.doc.title) this.doc.title = heading;
  }

  /** Adds a block of text to the innermost open section. Blank text is ignored. */
  block(kind: BlockKind, text: string, location: Omit<Location, 'section'>, row?: number): void {
    const clean = normaliseSpace(text);
    if (!clean) return;
    const sectionIndex = this.open[this.open.length - 1] ?? 0;
    const section = this.sectionAt(sectionIndex);
    for (const piece of cutLongText(clean)) {
      const loc: Location = { ...location };
      // A PDF has no source lines: its blocks' order in the extracted text gives tools a line number.
      if (this.doc.format === 'pdf') loc.textLine = this.doc.blocks.length + 1;
      // The section's own string, not a new join per block: deep sections and many blocks add up.
      if (section.location.section !== undefined) loc.section = section.location.section;
      this.doc.blocks.push(row === undefined ? { kind, text: piece, location: loc, section: sectionIndex } : { kind, text: piece, location: loc, section: sectionIndex, row });
      section.blocks.push(this.doc.blocks.length - 1);
    }
  }

  /** A number for the next table row, so its cells read together. */
  newRow(): number {
    return this.rows++;
  }

  /** A note on how the file was read, with its id from src/messages.ts. */
  note(note: NoteInput): void {
    addNote(this.doc, note);
  }

  private sectionAt(index: number): Section {
    const section = this.doc.sections[index];
    if (!section) throw new Error(`no section ${index}`);
    return section;
  }
}

/** Text cut into pieces of at most MAX_BLOCK_CHARS, at a sentence end or else a space where possible. */
export function cutLongText(text: string): string[] {
  if (text.length <= MAX_BLOCK_CHARS) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > MAX_BLOCK_CHARS) {
    const window = text.slice(start, start + MAX_BLOCK_CHARS);
    let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! ')) + 1;
    if (cut < MAX_BLOCK_CHARS / 2) cut = window.lastIndexOf(' ');
    if (cut < MAX_BLOCK_CHARS / 2) cut = MAX_BLOCK_CHARS;
    // Never between the halves of a surrogate pair.
    if (/[\ud800-\udbff]/.test(window[cut - 1] ?? '')) cut--;
    const piece = window.slice(0, cut).trim();
    if (piece) pieces.push(piece);
    start += cut;
  }
  const rest = text.slice(start).trim();
  if (rest) pieces.push(rest);
  return pieces;
}

/**
 * Collapses runs of white space (including non-breaking spaces) and trims. Control characters
 * (C0, DEL, C1) and bidirectional overrides count as space: document text must not carry
 * terminal escapes or display tricks into a report.
 */
export function normaliseSpace(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\s\u0000-\u001f\u007f-\u00a0\u2000-\u200b\u202a-\u202f\u205f\u2066-\u2069\u3000\ufeff]+/g, ' ').trim();
}

/** Nesting level implied by a heading's numbering: "5" → 1, "5.2" → 2, "5.2.1" → 3. */
export function numberingLevel(text: string): number | undefined {
  const levels = sectionNumber(text)?.split('.').length;
  return levels !== undefined && levels <= MAX_HEADING_LEVELS ? levels : undefined;
}

/** Deeper numbering ("1.2.3.4.5") is a clause, not a heading. */
const MAX_HEADING_LEVELS = 4;
