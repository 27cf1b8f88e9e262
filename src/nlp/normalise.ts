import { stemmer } from 'stemmer';
import { language } from './language.js';
import { CLAUSE_MARKER } from './numbering.js';

// Built into Node: Unicode-aware word and sentence segmentation, no dictionary to ship.
const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** American spellings and irregular plurals: requirements/language.yml, spellings (read on first use). */
let spellings: Map<string, string> | undefined;

export interface Token {
  /** Lower-case, spelling-normalised surface form ("organisations"). */
  word: string;
  /** Stem used for matching ("organis"). */
  stem: string;
  /** True when the source wrote the word in capitals ("LADO"), so acronyms need not collide with words. */
  upper: boolean;
  /** Offset of the token in the source string. */
  start: number;
  end: number;
}

const normalised = new Map<string, string>();

/** Lower-cases, folds accents and British/American spelling, and strips possessives. */
export function normaliseWord(raw: string): string {
  // Memoised like stems: a document repeats its words, and each costs a Unicode pass and six regexes.
  let word = normalised.get(raw);
  if (word === undefined) {
    word = foldWord(raw);
    if (normalised.size < 200_000) normalised.set(raw, word);
  }
  return word;
}

function foldWord(raw: string): string {
  let word = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s$/, '')
    .replace(/'$/, '');
  word = (spellings ??= language().spellings).get(word) ?? word;
  // -ize/-yze and their derivatives → -ise/-yse (organization → organisation).
  word = word.replace(/([a-z]{3,})(i|y)z(e|es|ed|ing|ation|ations|er|ers)$/, '$1$2s$3');
  return word;
}

const stems = new Map<string, string>();

export function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    // Acronyms and numbers stem to themselves; the Porter stemmer is for English words.
    stem = /[a-z]/.test(word) && !/\d/.test(word) ? stemmer(word) : word;
    if (stems.size < 200_000) stems.set(word, stem);
  }
  return stem;
}

/**
 * Words of a string, in order. Hyphens and slashes split words ("whistle-blowing" →
 * "whistle", "blowing"), so catalogue phrases list the joined and the split form.
 */
export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const segment of wordSegmenter.segment(text)) {
    if (!segment.isWordLike) continue;
    const word = normaliseWord(segment.segment);
    if (!word) continue;
    const raw = segment.segment;
    tokens.push({ word, stem: stemWord(word), upper: raw.length > 1 && raw === raw.toUpperCase() && raw !== raw.toLowerCase(), start: segment.index, end: segment.index + raw.length });
  }
  return tokens;
}

/** Abbreviations: requirements/language.yml, abbreviations. */
let abbreviationEnd: RegExp | undefined;

export interface SentenceSpan {
  text: string;
  start: number;
}

/** Sentences of a block of text; very long run-ons are kept whole (a block is rarely huge). */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  for (const segment of sentenceSegmenter.segment(text)) {
    const trimmed = segment.segment.trim();
    if (!trimmed) continue;
    const lead = segment.segment.indexOf(trimmed);
    // The segmenter splits after abbreviations such as "e.g." or "Dr.", and after a clause's own
    // number ("3.2.1." + "Use of …"); rejoin those.
    const previous = spans[spans.length - 1];
    if (previous && (CLAUSE_MARKER.test(previous.text) || (abbreviationEnd ??= language().abbreviationEnd).test(previous.text))) {
      previous.text = `${previous.text} ${trimmed}`;
      continue;
    }
    spans.push({ text: trimmed, start: segment.index + lead });
  }
  return spans;
}
