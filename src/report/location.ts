import type { Location } from '../types.js';
import { oneLine } from './shared.js';

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
