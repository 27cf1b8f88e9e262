import { language } from '../nlp/language.js';
import type { Token } from '../nlp/normalise.js';

// The words live in requirements/language.yml (sections negation, conditionals, unwritten, hedging, titles).
const lang = language();
const {
  negators: NEGATORS,
  scopeBreakers: SCOPE_BREAKERS,
  prohibitingModals: PROHIBITING_MODALS,
  imperativeOpeners: IMPERATIVE_OPENERS,
  comparatives: COMPARATIVES,
  quantifiers: QUANTIFIERS,
  window: NEGATION_WINDOW,
} = lang.negation;
/** Sentences that describe something not yet done or not done at all are not evidence. */
const HOLLOW = lang.unwritten;
/** Wording that recommends or speculates rather than commits: evidence for "partial", never for "met". */
const HEDGED = lang.hedged;

export function isHedged(sentence: string): boolean {
  return HEDGED.test(sentence);
}

/** A block that is only another document's name ("Whistleblowing Policy"): it points, it does not say. */
export function isTitle(block: string): boolean {
  const text = block.trim();
  return lang.titles.some((re) => re.test(text));
}

/** "…if the DSL is not available": a condition the sentence plans for, not a denial. */
const CONDITIONAL_BEFORE = lang.conditionalBefore;

export function isHollow(sentence: string): boolean {
  return HOLLOW.some((re) => {
    const m = re.exec(sentence);
    return m !== null && !CONDITIONAL_BEFORE.test(sentence.slice(0, m.index));
  });
}

/** True when a negating word stands within a few words before the phrase at tokens[start]. */
export function isNegatedAt(tokens: Token[], start: number): boolean {
  for (let i = Math.max(0, start - NEGATION_WINDOW); i < start; i++) {
    const word = tokens[i]?.word ?? '';
    const prohibition =
      PROHIBITING_MODALS.has(tokens[i - 1]?.word ?? '') ||
      PROHIBITING_MODALS.has(word) ||
      // Imperatives are rules too: "Do not ask leading questions", "Never be alone with a child".
      (i === 0 && IMPERATIVE_OPENERS.has(word)) ||
      (i === 1 && word === 'not' && tokens[0]?.word === 'do') ||
      // A list item under "Staff must:" that opens with "Not…" is a rule: "Not take photographs".
      (i === 0 && word === 'not' && !QUANTIFIERS.has(tokens[1]?.word ?? ''));
    // "no less than once a year", "no later than": a limit, not a denial.
    if (COMPARATIVES.has(tokens[i + 1]?.word ?? '')) continue;
    if (!(NEGATORS.has(word) || word.endsWith("n't")) || prohibition) continue;
    let broken = false;
    for (let j = i + 1; j < start; j++) if (SCOPE_BREAKERS.has(tokens[j]?.word ?? '')) broken = true;
    if (!broken && !SCOPE_BREAKERS.has(tokens[i + 1]?.word ?? '')) return true;
  }
  return false;
}
