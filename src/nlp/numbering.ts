// How clauses and list items are numbered: "5", "5.2.1.", "4)", "(b)", "iv.". One definition for
// the readers (headings, PDF table cells), the sentence splitter and the audit's lead-ins.

const SECTION = String.raw`\d{1,2}(?:\.\d{1,2})*`;

/** A number or letter that opens a clause or list item, standing alone: "3.2.1.", "4)", "(b)". */
export const CLAUSE_MARKER = new RegExp(String.raw`^(?:${SECTION}\.?|\(?\d{1,2}\)|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])$`, 'i');

const OPENING_NUMBER = new RegExp(String.raw`^(${SECTION})\.?\s`);

/** The section number a text opens with ("5.2 Training" → "5.2"), or undefined. */
export function sectionNumber(text: string): string | undefined {
  return OPENING_NUMBER.exec(text.trim())?.[1];
}
