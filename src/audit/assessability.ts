// Whether a document can be assessed against the catalogue at all, decided before its gaps are read:
// a stub, a policy about something else, an adults-only policy, a text not in English, or a policy
// written for a country outside the UK gets status 'not-assessable' with the reason.
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

const CHILD_TERMS = ['child', 'young person', 'young people', 'pupil', 'student', 'minor', 'under 18', 'kid', 'youth', 'junior', 'infant', 'baby'].map(compilePattern);
const HARM_TERMS = ['abuse', 'neglect', 'harm', 'child protection', 'safeguarding children', 'exploitation', 'welfare'].map(compilePattern);
const ADULT_TERMS = ['adult at risk', 'adults at risk', 'vulnerable adult', 'vulnerable adults', 'adult safeguarding', 'safeguarding adults', 'Care Act 2014', 'adult social care', 'older people', 'care home', 'service user', 'service users'].map(compilePattern);
const ENGLISH_FUNCTION_WORDS = new Set(['the', 'and', 'of', 'to', 'a', 'in', 'is', 'for', 'that', 'with', 'be', 'are', 'or', 'on', 'by', 'as', 'this', 'will', 'we', 'it']);
/**
 * Common words of the other languages policies arrive in (Portuguese, Spanish, French, Italian,
 * German, Dutch), none of them an English word: a text is "not English" only when it reads as
 * another language, not merely when it has few English function words (a list of numbered items).
 */
const OTHER_FUNCTION_WORDS = new Set(['de', 'que', 'da', 'dos', 'das', 'não', 'um', 'uma', 'para', 'com', 'por', 'el', 'la', 'los', 'las', 'del', 'una', 'y', 'es', 'le', 'les', 'des', 'et', 'est', 'une', 'du', 'pour', 'dans', 'il', 'di', 'che', 'della', 'der', 'und', 'ist', 'nicht', 'mit', 'een', 'het', 'zijn', 'voor']);

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
export function assessDocument(index: TextIndex, matcher: Matcher, jurisdiction: JurisdictionChoice): Assessability {
  const tokens = index.sentences.flatMap((s) => s.tokens);
  const english = tokens.filter((t) => ENGLISH_FUNCTION_WORDS.has(t.word)).length / Math.max(tokens.length, 1);
  const other = tokens.filter((t) => OTHER_FUNCTION_WORDS.has(t.word)).length / Math.max(tokens.length, 1);
  const language = notEnglish.check(tokens.length, english, other);
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
