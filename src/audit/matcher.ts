import { ENTITIES, type CompiledPattern, type Step } from '../nlp/patterns.js';
import type { Token } from '../nlp/normalise.js';
import { hasOwnContact, isContactDetector } from '../nlp/reserved.js';
import { isHedged, isHollow, isNegatedAt, isTitle } from './negation.js';
import type { TextIndex } from './text-index.js';

export interface Occurrence {
  sentence: number;
  /** Token range of the phrase (entities: the whole sentence). */
  start: number;
  end: number;
  /** Denied or not yet done: shown as the nearest passage, never as evidence. */
  negated: boolean;
}

/** Finds compiled patterns in one indexed document, caching by pattern so shared phrases cost once. */
export class Matcher {
  private readonly cache = new Map<string, Occurrence[]>();
  private readonly prefixCache = new Map<string, number[]>();
  private sortedWords: string[] | undefined;
  // Per sentence, worked out when first asked for (most sentences never are), once for the document.
  private readonly hollow: (boolean | undefined)[] = [];
  private readonly hedged: (boolean | undefined)[] = [];
  private readonly titles: (boolean | undefined)[] = [];

  constructor(readonly index: TextIndex) {}

  private once(cache: (boolean | undefined)[], id: number, read: (text: string) => boolean, ofBlock = false): boolean {
    let value = cache[id];
    if (value === undefined) {
      const sentence = this.index.sentences[id];
      const text = ofBlock ? (sentence && sentence.block >= 0 ? this.index.doc.blocks[sentence.block]?.text : undefined) : sentence?.text;
      value = cache[id] = text !== undefined && read(text);
    }
    return value;
  }

  /** Denied or not yet done ("this section will be completed"). */
  private isHollow(id: number): boolean {
    return this.once(this.hollow, id, isHollow);
  }

  /** A recommendation or speculation ("it is recommended that"): partial, never met. */
  isHedged(id: number): boolean {
    return this.once(this.hedged, id, isHedged);
  }

  /** In a block that is only another document's name, as in a list of related policies: partial, never met. */
  isTitle(id: number): boolean {
    return this.once(this.titles, id, isTitle, true);
  }

  find(pattern: CompiledPattern): Occurrence[] {
    const key = patternKey(pattern);
    let found = this.cache.get(key);
    if (!found) {
      found = pattern.kind === 'entity' ? this.findEntity(pattern.entity) : this.findPhrase(pattern.steps);
      this.cache.set(key, found);
    }
    return found;
  }

  private findEntity(entity: keyof typeof ENTITIES): Occurrence[] {
    const re = ENTITIES[entity];
    const found = (text: string) => (isContactDetector(entity) ? hasOwnContact(entity, text) : re.test(text));
    return this.index.sentences.filter((s) => found(s.text)).map((s) => ({ sentence: s.id, start: 0, end: s.tokens.length, negated: false }));
  }

  private findPhrase(steps: Step[]): Occurrence[] {
    const first = steps[0];
    if (!first || first.kind === 'gap') return [];
    const out: Occurrence[] = [];
    for (const id of this.sentencesWithEvery(steps)) {
      const sentence = this.index.sentences[id];
      if (!sentence) continue;
      const tokens = sentence.tokens;
      for (let i = 0; i < tokens.length; i++) {
        const end = matchFrom(tokens, i, steps, 0);
        if (end < 0) continue;
        out.push({ sentence: id, start: i, end, negated: this.isHollow(id) || isNegatedAt(tokens, i) });
        break; // one occurrence per sentence is enough for evidence
      }
    }
    return out;
  }

  /**
   * The sentences holding every word of a phrase: the postings intersected, shortest first, so
   * only sentences that can match are read token by token. Walking sorted lists keeps the work
   * linear and in order, where reading every sentence holding the first word is neither.
   */
  private sentencesWithEvery(steps: Step[]): number[] {
    const lists: number[][] = [];
    for (const step of steps) {
      if (step.kind === 'gap') continue;
      const list = step.kind === 'stem' ? this.index.postings.get(step.value) : this.prefixSentences(step.value);
      if (!list?.length) return [];
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    let ids = lists[0] ?? [];
    for (const list of lists.slice(1)) {
      const both: number[] = [];
      for (let i = 0, j = 0; i < ids.length && j < list.length;) {
        if (ids[i]! < list[j]!) i++;
        else if (ids[i]! > list[j]!) j++;
        else {
          both.push(ids[i]!);
          i++;
          j++;
        }
      }
      ids = both;
      if (!ids.length) break;
    }
    return ids;
  }

  private prefixSentences(prefix: string): number[] {
    let ids = this.prefixCache.get(prefix);
    if (!ids) {
      // Words sharing a prefix sit together in sorted order: a binary search finds the first.
      const words = (this.sortedWords ??= [...this.index.words.keys()].sort());
      let lo = 0;
      for (let hi = words.length; lo < hi;) {
        const mid = (lo + hi) >>> 1;
        if (words[mid]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      const set = new Set<number>();
      for (let i = lo; i < words.length && words[i]!.startsWith(prefix); i++) for (const id of this.index.words.get(words[i]!)!) set.add(id);
      ids = [...set].sort((a, b) => a - b);
      this.prefixCache.set(prefix, ids);
    }
    return ids;
  }
}

// Keys outlive one document: patterns are compiled once per run, documents are many.
const keys = new WeakMap<CompiledPattern, string>();

function patternKey(pattern: CompiledPattern): string {
  let key = keys.get(pattern);
  if (key === undefined) {
    key = pattern.kind === 'entity' ? `@${pattern.entity}` : pattern.steps.map(stepKey).join(' ');
    keys.set(pattern, key);
  }
  return key;
}

function stepKey(step: Step): string {
  return step.kind === 'gap' ? '...' : step.kind === 'prefix' ? `${step.value}*` : step.acronym ? `^${step.value}` : step.value;
}

function tokenMatches(token: Token | undefined, step: Step): boolean {
  if (!token) return false;
  if (step.kind === 'stem') return token.stem === step.value && (!step.acronym || token.upper);
  return step.kind === 'prefix' ? token.word.startsWith(step.value) : false;
}

/** Returns the end token index of a match of steps[s…] starting at tokens[i], or -1. */
function matchFrom(tokens: Token[], i: number, steps: Step[], s: number): number {
  const step = steps[s];
  if (!step) return i;
  if (step.kind === 'gap') {
    for (let skip = 0; skip <= step.max; skip++) {
      const end = matchFrom(tokens, i + skip, steps, s + 1);
      if (end >= 0) return end;
    }
    return -1;
  }
  return tokenMatches(tokens[i], step) ? matchFrom(tokens, i + 1, steps, s + 1) : -1;
}
