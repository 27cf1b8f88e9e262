// Whether a document can be assessed against the catalogue at all, decided before its gaps are read:
// a stub, a policy about something else, an adults-only policy, a text not in English, or a policy
// written for a country outside the UK gets status 'not-assessable' with the reason.
import { language } from '../nlp/language.js';
import { compilePattern, type CompiledPattern } from '../nlp/patterns.js';
import type { Finding, NotAssessableKind } from '../types.js';
import * as adultsOnly from './checks/adults-only.js';
import * as notChildSafeguarding from './checks/not-child-safeguarding.js';
import * as notEnglish from './checks/not-english.js';
import * as outsideJurisdiction from './checks/outside-jurisdiction.js';
import * as stub from './checks/stub.js';
import type { Verdict } from './checks/verdict.js';
import type { JurisdictionChoice } from './jurisdiction.js';
import type { Matcher } from './matcher.js';
import type { TextIndex } from './text-index.js';

// Child, harm and adult terms: requirements/language.yml, scope.
const { child_terms, harm_terms, adult_terms } = language().spec.scope;
const CHILD_TERMS = child_terms.map(compilePattern);
const HARM_TERMS = harm_terms.map(compilePattern);
const ADULT_TERMS = adult_terms.map(compilePattern);
// Common English and other-language words: requirements/language.yml, english.
const { englishWords: ENGLISH_FUNCTION_WORDS, otherWords: OTHER_FUNCTION_WORDS } = language();

export interface Assessability {
  /** Set when the document cannot be assessed; the first reason found, in the order below. */
  notAssessable?: { kind: NotAssessableKind; reason: string };
  /** What was found about the document itself (each check that failed), for the findings list. */
  findings: Finding[];
}

/**
 * Checks in order of what most decides the matter: a text not in English cannot be read at all; a
 * stub has too little to judge; then what the policy is about; then whose law it follows.
 */
/** Fewer common English words than the threshold, and more common words of other languages. */
export function readsAsOtherLanguage(tokens: readonly { word: string }[]): boolean {
  return notEnglish.readsAsOtherLanguage(...functionWordShares(tokens));
}

/** The shares of the words that are English, and other languages', function words. */
function functionWordShares(tokens: readonly { word: string }[]): [english: number, other: number] {
  const share = (words: ReadonlySet<string>) => tokens.filter((t) => words.has(t.word)).length / Math.max(tokens.length, 1);
  return [share(ENGLISH_FUNCTION_WORDS), share(OTHER_FUNCTION_WORDS)];
}

export function assessDocument(index: TextIndex, matcher: Matcher, jurisdiction: JurisdictionChoice): Assessability {
  const tokens = index.sentences.flatMap((s) => s.tokens);
  const language = notEnglish.check(tokens.length, ...functionWordShares(tokens));
  // The word lists below are English: they would only add noise.
  if (language) return result([language]);
  const counts = { child: sentencesWith(matcher, CHILD_TERMS), harm: sentencesWith(matcher, HARM_TERMS), adult: sentencesWith(matcher, ADULT_TERMS) };
  return result([stub.check(index.wordCount), notChildSafeguarding.check(counts), adultsOnly.check(counts), outsideJurisdiction.check(jurisdiction)]);
}

function result(verdicts: Array<Verdict | undefined>): Assessability {
  const found = verdicts.filter((v): v is Verdict => v !== undefined);
  const first = found.find((c) => c.decides !== false);
  return { ...(first ? { notAssessable: { kind: first.kind, reason: first.reason } } : {}), findings: found.map((c) => c.finding) };
}

function sentencesWith(matcher: Matcher, patterns: CompiledPattern[]): number {
  return new Set(patterns.flatMap((p) => matcher.find(p).map((o) => o.sentence))).size;
}
