import { compilePattern } from '../nlp/patterns.js';
import type { Finding } from '../types.js';
import type { Matcher } from './matcher.js';
import type { TextIndex } from './text-index.js';

const CHILD_TERMS = ['child', 'young person', 'young people', 'pupil', 'student', 'minor', 'under 18', 'kid', 'youth', 'junior', 'infant', 'baby'].map(compilePattern);
const HARM_TERMS = ['abuse', 'neglect', 'harm', 'child protection', 'safeguarding children', 'exploitation', 'welfare'].map(compilePattern);
const ENGLISH_FUNCTION_WORDS = new Set(['the', 'and', 'of', 'to', 'a', 'in', 'is', 'for', 'that', 'with', 'be', 'are', 'or', 'on', 'by', 'as', 'this', 'will', 'we', 'it']);
const STUB_WORDS = 150;

/** Findings on whether this is a child safeguarding policy at all, so gaps are read in context. */
export function scopeFindings(index: TextIndex, matcher: Matcher): Finding[] {
  const findings: Finding[] = [];
  const tokens = index.sentences.flatMap((s) => s.tokens);
  const english = tokens.filter((t) => ENGLISH_FUNCTION_WORDS.has(t.word)).length / Math.max(tokens.length, 1);
  if (tokens.length >= 30 && english < 0.08) {
    findings.push({
      id: 'not-english',
      severity: 'error',
      message: 'the text does not read as English, so these results are not a real audit: audit an English version',
      location: {},
    });
    return findings;
  }
  const sentencesWith = (patterns: typeof CHILD_TERMS) =>
    new Set(patterns.flatMap((p) => matcher.find(p).map((o) => o.sentence))).size;
  const child = sentencesWith(CHILD_TERMS);
  const harm = sentencesWith(HARM_TERMS);
  if (child < 2 || harm < 1) {
    findings.push({
      id: 'not-child-safeguarding',
      severity: 'error',
      message: `this does not read as a child safeguarding policy (${child} passage(s) about children, ${harm} about abuse or harm): the gaps below say what a safeguarding policy would need`,
      location: {},
    });
  }
  if (index.wordCount < STUB_WORDS) {
    findings.push({
      id: 'stub',
      severity: 'warning',
      message: `the document is very short (${index.wordCount} words): a statement or placeholder, not a full policy`,
      location: {},
    });
  }
  return findings;
}
