// Whether a document can be assessed against the catalogue at all, decided before its gaps are read:
// a stub, a policy about something else, an adults-only policy, a text not in English, or a policy
// written for a country outside the UK gets status 'not-assessable' with the reason.
import { language } from '../nlp/language.js';
import { compilePattern, type CompiledPattern } from '../nlp/patterns.js';
import type { Finding, NotAssessableKind } from '../types.js';
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
/** Shorter than this is a statement, not a full policy: said in a finding, still audited. */
const SHORT_WORDS = 150;
/** Shorter than this is a placeholder, too little to assess ("This page will set out our policy."). */
const STUB_WORDS = 50;
/** Below this many words the share of English function words says too little to judge the language. */
const MIN_WORDS_FOR_LANGUAGE = 30;
const MIN_ENGLISH_SHARE = 0.08;
/** Passages about adults at risk, against those about children, before a policy reads as for adults only. */
const MIN_ADULT_PASSAGES = 3;
const ADULT_TO_CHILD_RATIO = 3;

export interface Assessability {
  /** Set when the document cannot be assessed; the first reason found, in the order below. */
  notAssessable?: { kind: NotAssessableKind; reason: string };
  /** What was found about the document itself (each check that failed), for the findings list. */
  findings: Finding[];
}

interface Check {
  /** False for a finding that is reported but does not make the document not assessable. */
  decides?: boolean;
  kind: NotAssessableKind;
  reason: string;
  finding: Finding;
}

/**
 * Checks in order of what most decides the matter: a text not in English cannot be read at all; a
 * stub has too little to judge; then what the policy is about; then whose law it follows.
 * `jurisdiction.id` is the detected or the user's choice: `--jurisdiction england` audits a
 * policy from elsewhere anyway.
 */
/** Fewer common English words than the threshold, and more common words of other languages. */
export function readsAsOtherLanguage(tokens: readonly { word: string }[]): boolean {
  const english = tokens.filter((t) => ENGLISH_FUNCTION_WORDS.has(t.word)).length / Math.max(tokens.length, 1);
  const other = tokens.filter((t) => OTHER_FUNCTION_WORDS.has(t.word)).length / Math.max(tokens.length, 1);
  return english < MIN_ENGLISH_SHARE && other > english;
}

export function assessDocument(index: TextIndex, matcher: Matcher, jurisdiction: JurisdictionChoice): Assessability {
  const checks: Check[] = [];
  const tokens = index.sentences.flatMap((s) => s.tokens);
  if (tokens.length >= MIN_WORDS_FOR_LANGUAGE && readsAsOtherLanguage(tokens)) {
    const reason = 'the text does not read as English: audit an English version';
    checks.push({ kind: 'not-english', reason, finding: { id: 'not-english', severity: 'error', message: reason, location: {} } });
    // The word lists below are English: they would only add noise.
    return result(checks);
  }
  if (index.wordCount < STUB_WORDS) {
    checks.push({
      kind: 'stub',
      reason: `the document is a placeholder (${index.wordCount} words), too short to assess as a policy`,
      finding: { id: 'stub', severity: 'error', message: `the document is a placeholder (${index.wordCount} words), too short to assess as a policy`, location: {} },
    });
  } else if (index.wordCount < SHORT_WORDS) {
    // A short statement is still assessed: it is told apart from a full policy by this finding only.
    checks.push({
      decides: false,
      kind: 'stub',
      reason: `the document is very short (${index.wordCount} words): a statement or placeholder, not a full policy`,
      finding: { id: 'stub', severity: 'warning', message: `the document is very short (${index.wordCount} words): a statement or placeholder, not a full policy`, location: {} },
    });
  }
  const child = sentencesWith(matcher, CHILD_TERMS);
  const harm = sentencesWith(matcher, HARM_TERMS);
  const adult = sentencesWith(matcher, ADULT_TERMS);
  if (child < 2 || harm < 1) {
    const adultsOnly = adult >= MIN_ADULT_PASSAGES;
    const reason = adultsOnly
      ? `this reads as a policy for adults at risk (${adult} passages about adults, ${child} about children), not a child safeguarding policy`
      : `this does not read as a child safeguarding policy (${child} passage(s) about children, ${harm} about abuse or harm)`;
    const kind: NotAssessableKind = adultsOnly ? 'adults-only' : 'not-child-safeguarding';
    checks.push({ kind, reason, finding: { id: kind, severity: 'error', message: `${reason}: its requirements are shown for information only`, location: {} } });
  } else if (adult >= MIN_ADULT_PASSAGES && adult >= child * ADULT_TO_CHILD_RATIO) {
    const reason = `this reads as a policy for adults at risk (${adult} passages about adults, only ${child} about children), not a child safeguarding policy`;
    checks.push({ kind: 'adults-only', reason, finding: { id: 'adults-only', severity: 'error', message: `${reason}: its requirements are shown for information only`, location: {} } });
  }
  if (jurisdiction.id === 'outside-uk') {
    const reason = `written for a country outside the UK, so outside the catalogue's jurisdiction (${jurisdiction.reason}); to audit it against English law anyway, use --jurisdiction england`;
    checks.push({ kind: 'outside-jurisdiction', reason, finding: { id: 'outside-jurisdiction', severity: 'error', message: reason, location: jurisdiction.evidence[0]?.location ?? {} } });
  }
  return result(checks);
}

function result(checks: Check[]): Assessability {
  const first = checks.find((c) => c.decides !== false);
  return { ...(first ? { notAssessable: { kind: first.kind, reason: first.reason } } : {}), findings: checks.map((c) => c.finding) };
}

function sentencesWith(matcher: Matcher, patterns: CompiledPattern[]): number {
  return new Set(patterns.flatMap((p) => matcher.find(p).map((o) => o.sentence))).size;
}
