// The id, meaning and default severity of every message sg-audit puts on a document: findings (what
// the checks under src/audit/checks/ found) and reader notes (how ingest read the file). Types-level
// data, like src/types.ts: the report stage reads rule metadata here without importing audit or
// ingest, and no code need ever test a message's wording to know what it is.
import type { Severity } from './types.js';

/** The ESLint / markdownlint rule shape. */
export interface MessageMeta {
  id: string;
  description: string;
  severity: Severity;
}

export interface NoteMeta extends MessageMeta {
  /** Says why a document has no text to audit: the unreadable reason uses it before "no extractable text". */
  explainsNoText?: boolean;
}

function table<M extends MessageMeta>(list: M[]): Readonly<Record<string, M>> {
  return Object.freeze(Object.fromEntries(list.map((m) => [m.id, Object.freeze(m)])));
}

/** One entry per check module (src/audit/checks/<id>.ts), in the order findings are listed. */
export const FINDING_META = table<MessageMeta>([
  { id: 'no-text', description: 'No text to audit: image-only, outlined text or empty', severity: 'error' },
  { id: 'ocr', description: 'Text was read by OCR: check quotes against the original', severity: 'warning' },
  { id: 'not-english', description: 'Does not read as English', severity: 'error' },
  { id: 'stub', description: 'Very short: a statement or placeholder, not a full policy', severity: 'error' },
  { id: 'not-child-safeguarding', description: 'Does not read as a child safeguarding policy', severity: 'error' },
  { id: 'adults-only', description: 'Reads as a policy for adults at risk, not children', severity: 'error' },
  { id: 'outside-jurisdiction', description: "Written for a country outside the UK, outside the catalogue's jurisdiction", severity: 'error' },
  { id: 'outdated-term', description: 'Uses a term or edition that has been replaced', severity: 'warning' },
  { id: 'review-overdue', description: 'The review date has passed, or the approval is more than 12 months old', severity: 'warning' },
  { id: 'template-placeholder', description: 'Still holds an unfilled template blank', severity: 'warning' },
]);

/** Notes on how a file was read. */
export const NOTE_META = table<NoteMeta>([
  { id: 'reader-note', description: 'A note from the reader with no specific id', severity: 'info' },
  { id: 'extension-mismatch', description: "The file's extension names another format than its content", severity: 'info' },
  { id: 'read-as-encoding', description: 'Text read in a legacy encoding, not UTF-8', severity: 'info' },
  { id: 'front-matter-invalid', description: 'Front matter is not valid YAML and was skipped', severity: 'warning' },
  { id: 'text-in-front-matter', description: 'The policy text was found in a front matter field', severity: 'info' },
  { id: 'markdown-as-plain-text', description: 'Read as plain text, without Markdown structure', severity: 'warning' },
  { id: 'headings-inferred', description: 'Headings inferred from numbering and bold formatting', severity: 'info' },
  { id: 'headings-demoted', description: 'Paragraphs styled as headings read as text (they are sentences)', severity: 'info' },
  { id: 'images-not-read', description: 'Images not read: any text inside them is not audited', severity: 'warning', explainsNoText: true },
  { id: 'content-not-read', description: 'Some content of an unsupported kind could not be read', severity: 'warning' },
  { id: 'no-text-layer', description: 'No PDF page has a text layer (image-only or outlined text)', severity: 'warning', explainsNoText: true },
  { id: 'text-turned', description: 'Text set sideways on a page was read turned', severity: 'info' },
  { id: 'ocr', description: 'Pages without a text layer were read by OCR, or could not be', severity: 'warning', explainsNoText: true },
  { id: 'debug-stack', description: 'With --debug: the stack of an internal error', severity: 'info' },
]);

/** The meta of a note id; an unknown id reads as the generic note. */
export function noteMeta(id: string): NoteMeta {
  return NOTE_META[id] ?? NOTE_META['reader-note']!;
}
