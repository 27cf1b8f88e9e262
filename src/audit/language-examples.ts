// Runs the examples of requirements/language.yml through the detectors that use each section, so
// a change to the language is checked by `sg-audit catalogue test` like a change to a requirement.
import { language, type Language } from '../nlp/language.js';
import { normaliseWord, splitSentences, tokenise } from '../nlp/normalise.js';
import { compilePattern } from '../nlp/patterns.js';
import { findStandInContact, hasOwnContact } from '../nlp/reserved.js';
import { readsAsOtherLanguage } from './assessability.js';
import type { Matcher } from './matcher.js';
import { isHedged, isHollow, isNegatedAt, isTitle } from './negation.js';
import { findPlaceholder } from './placeholders.js';

/** An example judged otherwise than it says: a requirement's, a jurisdiction's or the language file's. */
export interface ExampleFailure {
  id: string;
  expected: string;
  actual: string;
  passage: string;
}

type Detector = (sentence: string) => boolean;

/** "We do not have a *whistleblowing procedure*": is the marked phrase denied? */
function negated(sentence: string): boolean {
  const at = sentence.indexOf('*');
  const tokens = tokenise(sentence.replace(/\*/g, ' '));
  const start = tokens.findIndex((t) => t.start > at);
  if (at < 0 || start < 0) throw new Error(`negation example without a *marked* phrase: "${sentence}"`);
  return isNegatedAt(tokens, start);
}

function notOwnContact(sentence: string): boolean {
  const own = hasOwnContact('phone', sentence) || hasOwnContact('email', sentence) || hasOwnContact('safeguardingEmail', sentence);
  return !own || findStandInContact(sentence) !== undefined;
}

/** Each section's examples, with what "caught" means for it. */
function detectors(lang: Language, matcherFor: (text: string) => Matcher): [string, Detector, { caught?: string[]; passed?: string[] } | undefined][] {
  const s = lang.spec;
  const terms = (list: string[]) => {
    const patterns = list.map(compilePattern);
    return (text: string) => {
      const matcher = matcherFor(text);
      return patterns.some((p) => matcher.find(p).length > 0);
    };
  };
  return [
    ['negation', negated, s.negation.examples],
    ['unwritten', isHollow, s.unwritten.examples],
    ['hedging', isHedged, s.hedging.examples],
    ['titles', isTitle, s.titles.examples],
    ['review_due', (t) => lang.reviewDue.test(t), s.review_due.examples],
    ['review_approved', (t) => lang.reviewApproved.test(t), s.review_approved.examples],
    ['historical', (t) => lang.historical.test(t), s.historical.examples],
    ['placeholders', (t) => findPlaceholder(t) !== undefined, s.placeholders.examples],
    ['contacts', notOwnContact, s.contacts.examples],
    ['scope child_terms', terms(s.scope.child_terms), s.scope.examples?.child],
    ['scope harm_terms', terms(s.scope.harm_terms), s.scope.examples?.harm],
    ['scope adult_terms', terms(s.scope.adult_terms), s.scope.examples?.adult],
    ['english (caught: not English)', (t) => readsAsOtherLanguage(tokenise(t)), s.english.examples],
    // "Caught" here: the text stays one sentence although a word in it ends with a full stop.
    ['abbreviations', (t) => splitSentences(t).length === 1, s.abbreviations.examples],
  ];
}

/** Every language example; `matcherFor` indexes a passage as a document (the caller reads it). */
export function testLanguageExamples(matcherFor: (text: string) => Matcher, lang: Language = language()): { checked: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let checked = 0;
  for (const [section, detect, examples] of detectors(lang, matcherFor)) {
    for (const expected of ['caught', 'passed'] as const) {
      for (const passage of examples?.[expected] ?? []) {
        checked++;
        const actual = detect(passage) ? 'caught' : 'passed';
        if (actual !== expected) failures.push({ id: `language ${section}`, expected, actual, passage });
      }
    }
  }
  for (const [written, folded] of lang.spec.spellings.examples ?? []) {
    checked++;
    const actual = normaliseWord(written);
    if (actual !== folded) failures.push({ id: 'language spellings', expected: folded, actual, passage: written });
  }
  return { checked, failures };
}
