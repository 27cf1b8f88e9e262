// The matcher's language (requirements/language.yml): the words and phrases that decide whether a
// sentence is evidence, read and checked against schema/language.schema.json once per process,
// then compiled into the sets and single alternation patterns the audit uses on every sentence.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv as AjvType } from 'ajv';
import { parse } from 'yaml';
import { ConfigError } from '../util/errors.js';
import { packagePath } from '../util/package-path.js';
import { escapeRegExp } from '../util/regexp.js';
import { cacheIsCurrent, writeCache } from '../util/stamp.js';

interface Examples {
  caught?: string[];
  passed?: string[];
}

/** The file as written (plain data). */
export interface LanguageSpec {
  negation: {
    window: number;
    negators: string[];
    scope_breakers: string[];
    prohibiting_modals: string[];
    imperative_openers: string[];
    comparatives: string[];
    quantifiers: string[];
    examples?: Examples;
  };
  conditionals: string[];
  unwritten: { patterns: string[]; examples?: Examples };
  hedging: { cues: string[]; examples?: Examples };
  titles: { patterns: string[]; examples?: Examples };
  review_due: { cues: string[]; examples?: Examples };
  review_approved: { cues: string[]; examples?: Examples };
  historical: { cues: string[]; examples?: Examples };
  placeholders: { patterns: string[]; examples?: Examples };
  contacts: { reserved_numbers: string[]; example_domains: string[]; national_domains: string[]; universal_numbers: string[]; examples?: Examples };
  scope: { child_terms: string[]; harm_terms: string[]; adult_terms: string[]; examples?: Partial<Record<'child' | 'harm' | 'adult', Examples>> };
  english: { english_words: string[]; other_words: string[]; examples?: Examples };
  spellings: { words: Record<string, string>; examples?: [string, string][] };
  abbreviations: { words: string[]; examples?: Examples };
  confidence: Record<'met_in_sentence' | 'met_in_section' | 'met_with_blank' | 'hedged' | 'partial' | 'heading_only' | 'missing_with_nearest' | 'missing', number>;
}

export interface Language {
  spec: LanguageSpec;
  negation: { window: number; negators: Set<string>; scopeBreakers: Set<string>; prohibitingModals: Set<string>; imperativeOpeners: Set<string>; comparatives: Set<string>; quantifiers: Set<string> };
  conditionalBefore: RegExp;
  unwritten: RegExp[];
  hedged: RegExp;
  titles: RegExp[];
  reviewDue: RegExp;
  reviewApproved: RegExp;
  historical: RegExp;
  placeholders: RegExp[];
  reservedNumbers: RegExp[];
  exampleDomain: RegExp;
  nationalDomain: RegExp;
  universalNumbers: Set<string>;
  englishWords: Set<string>;
  otherWords: Set<string>;
  spellings: Map<string, string>;
  abbreviationEnd: RegExp;
  confidence: LanguageSpec['confidence'];
}

export const LANGUAGE_FILE = 'language.yml';

/** One alternation for a list: linear in the sentence, not one pass per cue. */
const anyOf = (alternatives: string[], end = '') => new RegExp(`\\b(?:${alternatives.join('|')})${end}`, 'i');

/** Compiles checked language data; a bad pattern is a ConfigError naming the file and entry. */
export function compileLanguage(spec: LanguageSpec, file = LANGUAGE_FILE): Language {
  const regex = (source: string, where: string, flags = 'i') => {
    try {
      return new RegExp(source, flags);
    } catch (err) {
      throw new ConfigError(`${file}: ${where}: not a valid pattern (${(err as Error).message})`);
    }
  };
  const checked = (section: string, alternatives: string[]) => {
    alternatives.forEach((a, i) => regex(a, `${section}[${i}]`));
    return alternatives;
  };
  const n = spec.negation;
  return {
    spec,
    negation: {
      window: n.window,
      negators: new Set(n.negators),
      scopeBreakers: new Set(n.scope_breakers),
      prohibitingModals: new Set(n.prohibiting_modals),
      imperativeOpeners: new Set(n.imperative_openers),
      comparatives: new Set(n.comparatives),
      quantifiers: new Set(n.quantifiers),
    },
    conditionalBefore: new RegExp(`\\b(?:${spec.conditionals.map(escapeRegExp).join('|')})\\b[^,;:.]*$`, 'i'),
    unwritten: spec.unwritten.patterns.map((p, i) => regex(p, `unwritten.patterns[${i}]`)),
    hedged: anyOf(checked('hedging.cues', spec.hedging.cues), '\\b'),
    titles: spec.titles.patterns.map((p, i) => regex(p, `titles.patterns[${i}]`)),
    reviewDue: anyOf(checked('review_due.cues', spec.review_due.cues)),
    reviewApproved: anyOf(checked('review_approved.cues', spec.review_approved.cues), '\\b'),
    historical: anyOf(checked('historical.cues', spec.historical.cues), '\\b'),
    placeholders: spec.placeholders.patterns.map((p, i) => regex(p, `placeholders.patterns[${i}]`)),
    reservedNumbers: spec.contacts.reserved_numbers.map((p, i) => regex(p, `contacts.reserved_numbers[${i}]`, '')),
    exampleDomain: new RegExp(`@(?:[\\w-]+\\.)*(?:${spec.contacts.example_domains.map(escapeRegExp).join('|')})(?:\\.[\\w-]+)*$`, 'i'),
    nationalDomain: new RegExp(`@(?:${spec.contacts.national_domains.map(escapeRegExp).join('|')})$`, 'i'),
    universalNumbers: new Set(spec.contacts.universal_numbers),
    englishWords: new Set(spec.english.english_words),
    otherWords: new Set(spec.english.other_words),
    spellings: new Map(Object.entries(spec.spellings.words)),
    abbreviationEnd: new RegExp(`\\b(?:${spec.abbreviations.words.map(escapeRegExp).join('|')})\\.$`, 'i'),
    confidence: spec.confidence,
  };
}

/** Reads and checks a language file; errors as one line naming the file and the reason. */
export function readLanguage(file: string): LanguageSpec {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read the language file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  // Loaded on first use, like the catalogue's validator.
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvType };
  const schema = JSON.parse(readFileSync(packagePath('schema', 'language.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new ConfigError(`${file}: ${e?.instancePath.slice(1).replace(/\//g, '.') || '(top level)'} ${e?.message ?? 'is invalid'}`);
  }
  return data as LanguageSpec;
}

const BUNDLED_FILE = packagePath('requirements', LANGUAGE_FILE);
/** Build-time cache: the checked file as JSON, so start-up (main thread and each worker) skips the validator. */
const CACHE = packagePath('dist', 'language.json');

function loadBundled(): LanguageSpec {
  // An edit to the bundled file after the build invalidates the cache.
  if (cacheIsCurrent(CACHE, [BUNDLED_FILE])) {
    try {
      return JSON.parse(readFileSync(CACHE, 'utf8')) as LanguageSpec;
    } catch {
      // an unreadable cache: read and check the YAML itself
    }
  }
  return readLanguage(BUNDLED_FILE);
}

/** Writes the build-time cache of the bundled language (run by the build, after checking it). */
export function writeLanguageCache(): void {
  const spec = readLanguage(BUNDLED_FILE);
  compileLanguage(spec, BUNDLED_FILE);
  writeCache(CACHE, spec, [BUNDLED_FILE]);
}

let bundled: Language | undefined;

/** The bundled language, compiled once per process (each worker thread reads it once). */
export function language(): Language {
  return (bundled ??= compileLanguage(loadBundled(), BUNDLED_FILE));
}
