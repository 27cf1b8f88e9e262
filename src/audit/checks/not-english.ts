// A text that reads as another language: the English word lists would only add noise.
import { FINDING_META } from '../../messages.js';
import { finding, type Verdict } from './verdict.js';

export const meta = FINDING_META['not-english']!;

/** Below this many words the share of English function words says too little to judge the language. */
const MIN_WORDS_FOR_LANGUAGE = 30;
const MIN_ENGLISH_SHARE = 0.08;

/** `english` and `other`: the shares of the document's words that are English or other languages' function words. */
export function check(words: number, english: number, other: number): Verdict | undefined {
  if (words < MIN_WORDS_FOR_LANGUAGE || !readsAsOtherLanguage(english, other)) return undefined;
  const reason = 'the text does not read as English: audit an English version';
  return { kind: 'not-english', reason, finding: finding(meta, reason) };
}

/** Fewer common English words than the threshold, and more common words of other languages. */
export function readsAsOtherLanguage(english: number, other: number): boolean {
  return english < MIN_ENGLISH_SHARE && other > english;
}
