// A document with (almost) no words: image-only, outlined text or empty. Told by ingest's typed
// notes (those whose meta `explainsNoText`), never by their wording.
import { FINDING_META, noteMeta } from '../../messages.js';
import type { Finding, PolicyDocument } from '../../types.js';
import { finding } from './verdict.js';

export const meta = FINDING_META['no-text']!;

/** Fewer words than this is no text to audit (an image-only scan yields none or a few stray marks). */
export const MIN_WORDS = 5;

export interface Unreadable {
  /** The report's one-line error. */
  error: string;
  finding: Finding;
}

export function check(doc: PolicyDocument, wordCount: number): Unreadable | undefined {
  if (wordCount >= MIN_WORDS) return undefined;
  const why = doc.readerNotes.find((n) => noteMeta(n.id).explainsNoText)?.message ?? (wordCount === 0 ? 'no extractable text' : `only ${wordCount} word${wordCount > 1 ? 's' : ''} of text`);
  return {
    // A reader that tried OCR knows why better than "no text".
    error: doc.unreadableReason ?? `${why}: nothing to audit${doc.format === 'pdf' ? ' (to read it by OCR, try --ocr)' : ''}`,
    finding: finding(meta, doc.unreadableReason ?? why),
  };
}
