import { DATE_PATTERN } from './dates.js';
import { normaliseWord, stemWord, tokenise, type Token } from './normalise.js';

/**
 * Catalogue phrases, compiled. Syntax (no regular expressions, so nothing a catalogue says
 * can make matching slow):
 *   designated safeguarding lead   words in order, each compared by stem
 *   whistleblow*                    a word starting with "whistleblow"
 *   allegation ... LADO             up to five words between the two parts
 *   @phone @email @url @date        built-in detectors for contact details and dates
 *   @safeguardingEmail              an address that says it is for safeguarding (safeguarding@…)
 *   LADO                            a word in capitals is an acronym: it matches only capitals
 */
export type Step = { kind: 'stem'; value: string; acronym?: boolean } | { kind: 'prefix'; value: string } | { kind: 'gap'; max: number };

/** Plain data (no class, no RegExp): a prepared catalogue carries it as JSON and between threads. */
export type CompiledPattern = { kind: 'phrase'; source: string; steps: Step[] } | { kind: 'entity'; source: string; entity: EntityName };

export const ENTITIES = {
  // UK numbers (landline, mobile, freephone), 999/101/111, international +NN forms, and short
  // internal numbers where a verb says they are dialled ("call 1234", "ext. 221").
  phone:
    /\b(?:[Cc]all(?:ed|ing)?|[Rr]ing(?:ing)?|[Dd]ial(?:led|ling)?|[Ee]xt(?:ension)?\.?)\s+(?:them\s+|us\s+|me\s+)?(?:on\s+)?\d{3,6}\b|(?:\+\d{1,3}[\s-]?)?\(?\b0\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b|\b(?:999|101|111|116 ?123|0800 ?\d{3} ?\d{4})\b|\+\d{1,3}[\s-]?\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}/,
  email: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/,
  // An address that says what it is for: safeguarding@…, welfare.officer@…, childprotection@….
  safeguardingEmail: /\b(?:safeguarding|welfare|child\.?protection|dsl|cpo)[\w.+-]*@[\w-]+(?:\.[\w-]+)+\b/i,
  url: /\bhttps?:\/\/\S+|\bwww\.[\w-]+\.\S+/i,
  // The same pattern the review-date checks read dates with (one source, not a copy that drifts).
  date: new RegExp(DATE_PATTERN.source, 'i'),
} as const;
export type EntityName = keyof typeof ENTITIES;

/** A memo of a pure function: loading a catalogue checks every phrase, preparing it compiles them again. */
const compiled = new Map<string, CompiledPattern>();

/** Compiles a phrase; the same phrase (shared concepts repeat across requirements) is compiled once. */
export function compilePattern(source: string): CompiledPattern {
  let pattern = compiled.get(source);
  if (!pattern) {
    pattern = compileNew(source);
    compiled.set(source, pattern);
  }
  return pattern;
}

function compileNew(source: string): CompiledPattern {
  const trimmed = source.trim();
  if (trimmed.startsWith('@')) {
    const name = trimmed.slice(1);
    if (!(name in ENTITIES))
      throw new Error(
        `unknown detector "${trimmed}" (known: ${Object.keys(ENTITIES)
          .map((e) => `@${e}`)
          .join(', ')})`,
      );
    return { kind: 'entity', source, entity: name as EntityName };
  }
  const steps: Step[] = [];
  for (const part of trimmed.split(/\s+/)) {
    if (part === '...') {
      steps.push({ kind: 'gap', max: 5 });
    } else if (part.endsWith('*') && part.length > 1) {
      steps.push({ kind: 'prefix', value: normaliseWord(part.slice(0, -1)) });
    } else {
      // A part may hold several words once tokenised ("child-on-child" → child on child).
      // Plain words skip the segmenter: compiling a catalogue is thousands of them.
      const tokens = /^[A-Za-z0-9]+$/.test(part) ? [plainToken(part)] : tokenise(part);
      for (const token of tokens) {
        const step: Step = { kind: 'stem', value: stemWord(token.word) };
        if (token.upper && /[A-Z]{2}/.test(part)) step.acronym = true;
        steps.push(step);
      }
    }
  }
  while (steps[0]?.kind === 'gap') steps.shift();
  while (steps[steps.length - 1]?.kind === 'gap') steps.pop();
  if (!steps.length) throw new Error(`pattern "${source}" has no words`);
  return { kind: 'phrase', source, steps };
}

function plainToken(part: string): Token {
  const word = normaliseWord(part);
  return { word, stem: stemWord(word), upper: part.length > 1 && part === part.toUpperCase() && /[A-Z]/.test(part), start: 0, end: part.length };
}
