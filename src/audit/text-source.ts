import type { DocumentReport, Finding, PolicyDocument } from '../types.js';
import { pageList } from '../util/page-list.js';

// Marks a report whose text was read by OCR, in the JSON and as a finding every format shows:
// OCR misreads words, so its quotes must be checked against the original before they are relied on.

/** The report fields saying where the text came from (none for a document's own text). */
export function textSourceFields(doc: PolicyDocument): Pick<DocumentReport, 'textSource' | 'ocrPages'> {
  return doc.textSource ? { textSource: doc.textSource, ...(doc.ocrPages ? { ocrPages: doc.ocrPages } : {}) } : {};
}

export function ocrFindings(doc: PolicyDocument): Finding[] {
  const pages = doc.ocrPages ?? [];
  if (!doc.textSource || !pages.length) return [];
  const which = `${pages.length} page${pages.length > 1 ? 's' : ''} (${pages.length > 1 ? 'pages' : 'page'} ${pageList(pages)})`;
  return [{ id: 'ocr', severity: 'warning', message: `text read by OCR from ${which}: check quotes against the original`, location: {} }];
}
