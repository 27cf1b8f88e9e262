import type { DocumentReport, Location } from '../types.js';

/**
 * A line number for tools that need one: the source line (Markdown), the paragraph (DOCX, one
 * paragraph a line of its text) or the line of the extracted text (PDF); 1 when nothing locates it.
 */
export function lineNumberOf(doc: Pick<DocumentReport, 'format'>, loc: Location): number {
  const n = doc.format === 'markdown' ? loc.line : doc.format === 'docx' ? loc.paragraph : loc.textLine;
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : 1;
}
