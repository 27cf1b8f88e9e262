/**
 * The one sanitiser for text that reaches a report: control characters (which can move a
 * terminal's cursor, clear its screen or hide text) and bidirectional overrides (which can
 * show a name or a reason reversed: "gpj.exe") never appear raw in any format. Readers keep
 * these out of document text already; this covers what comes from elsewhere: file and ZIP
 * entry names, reader messages, a custom catalogue's words.
 */

import { UNSAFE_CHARS, UNSAFE_CHARS_BEYOND_C0 } from '../util/unsafe-chars.js';

const UNSAFE = new RegExp(`[${UNSAFE_CHARS}]`, 'g');
// What JSON.stringify leaves raw: it already escapes C0 controls.
const UNSAFE_IN_JSON = new RegExp(`[${UNSAFE_CHARS_BEYOND_C0}]`, 'g');

/** Text with every unsafe character made a space, as the readers do with document text. */
export function sanitiseText(text: string): string {
  return text.replace(UNSAFE, ' ');
}

/** A copy of a report (or any part of one) with every string sanitised; the original is left as it is. */
export function sanitiseReport<T>(value: T): T {
  if (typeof value === 'string') return sanitiseText(value) as T;
  if (Array.isArray(value)) return value.map(sanitiseReport) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = sanitiseReport(item);
    return out as T;
  }
  return value;
}

/**
 * JSON text with the unsafe characters JSON.stringify leaves raw written as \u escapes: a
 * consumer gets the exact string back, and nobody viewing the file sees it reordered.
 */
export function escapeUnsafeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
