// A placeholder is too little to assess; a short statement is assessed but told apart by a warning.
import { FINDING_META } from '../../messages.js';
import { finding, type Verdict } from './verdict.js';

export const meta = FINDING_META['stub']!;

/** Shorter than this is a statement, not a full policy: said in a finding, still audited. */
const SHORT_WORDS = 150;
/** Shorter than this is a placeholder, too little to assess ("This page will set out our policy."). */
const STUB_WORDS = 50;

export function check(wordCount: number): Verdict | undefined {
  if (wordCount < STUB_WORDS) {
    const reason = `the document is a placeholder (${wordCount} words), too short to assess as a policy`;
    return { kind: 'stub', reason, finding: finding(meta, reason) };
  }
  if (wordCount < SHORT_WORDS) {
    const reason = `the document is very short (${wordCount} words): a statement or placeholder, not a full policy`;
    return { decides: false, kind: 'stub', reason, finding: finding(meta, reason, {}, 'warning') };
  }
  return undefined;
}
