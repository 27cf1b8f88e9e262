import type { Evidence, Location } from '../types.js';
import { excerpt, oneLine } from './shared.js';

/**
 * One human-readable form of a Location for every report format, e.g. "p. 3, §5 Whistleblowing",
 * "line 42" or "para 17". Returns "" when the location carries nothing.
 */
export function formatLocation(loc: Location): string {
  const parts: string[] = [];
  if (loc.page !== undefined) parts.push(`p. ${loc.page}`);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.paragraph !== undefined) parts.push(`para ${loc.paragraph}`);
  // The heading path is document text: no control characters or line breaks from it.
  if (loc.section) parts.push(`§${oneLine(loc.section)}`);
  return parts.join(', ');
}

/**
 * A passage as plain text on one line: quoted, then where it stands, `"…" (p. 3, §5 Whistleblowing)`.
 * The terminal report styles the location (dimmed); the diff escapes the whole for Markdown or HTML.
 */
export function quoteText(e: Evidence, options: { max?: number; styleWhere?: (where: string) => string } = {}): string {
  const where = formatLocation(e.location);
  const style = options.styleWhere ?? ((text: string) => text);
  return `"${excerpt(e.text, options.max)}"${where ? style(` (${where})`) : ''}`;
}
