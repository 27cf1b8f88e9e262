// Unfilled template blanks and stand-in contacts. The detection is in ../currency.ts, one pass
// for all three currency checks (the language there is moving to requirements/language.yml).
import { FINDING_META } from '../../messages.js';
import type { Finding } from '../../types.js';

export const meta = FINDING_META['template-placeholder']!;

/** This check's findings from the currency pass. */
export function check(currency: readonly Finding[]): Finding[] {
  return currency.filter((f) => f.id === meta.id);
}
