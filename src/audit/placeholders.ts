import { language } from '../nlp/language.js';

// Template blanks (requirements/language.yml, placeholders): a policy that still holds "[insert name]" or "Email: tbc" has not said who or how.
const PLACEHOLDERS = language().placeholders;

/** The first template blank in the text, or undefined. */
export function findPlaceholder(text: string): string | undefined {
  for (const re of PLACEHOLDERS) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return undefined;
}
