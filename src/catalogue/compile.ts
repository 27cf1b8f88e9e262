import { compilePattern, type CompiledPattern } from '../nlp/patterns.js';
import type { Catalogue, MatchRule, NationRoute, RequirementSpec } from './model.js';

export interface CompiledConcept {
  name: string;
  label: string;
  patterns: CompiledPattern[];
  /** Only headings count (the built-in "heading" concept). */
  headingsOnly: boolean;
}

export interface CompiledRequirement {
  spec: RequirementSpec;
  concepts: Map<string, CompiledConcept>;
  met: MatchRule[];
  partial: MatchRule[];
}

export const HEADING_CONCEPT = 'heading';

/**
 * Limits that keep matching linear in the document for any catalogue: each `...` gap multiplies
 * the positions a phrase is tried at (up to six each), and every term is one more pass over its
 * candidates. The bundled catalogue stays well inside them (at most 3 gaps, 13 words, 58 terms).
 */
export const PHRASE_LIMITS = { gaps: 3, words: 20, chars: 200, termsPerConcept: 300 } as const;

/** Why a catalogue phrase cannot be matched in linear time, or undefined when it can. */
export function phraseProblem(term: string): string | undefined {
  if (term.trim().startsWith('@') || term.startsWith('$')) return undefined;
  if (term.length > PHRASE_LIMITS.chars) return `phrase is ${term.length} characters long (at most ${PHRASE_LIMITS.chars})`;
  const parts = term.trim().split(/\s+/);
  const gaps = parts.filter((p) => p === '...').length;
  if (gaps > PHRASE_LIMITS.gaps) return `phrase "${clip(term)}" has ${gaps} "..." gaps (at most ${PHRASE_LIMITS.gaps}, so it can be matched in linear time)`;
  if (parts.some((p, i) => p === '...' && parts[i + 1] === '...')) return `phrase "${clip(term)}" has two "..." gaps in a row (write one)`;
  if (parts.length - gaps > PHRASE_LIMITS.words) return `phrase "${clip(term)}" has ${parts.length - gaps} words (at most ${PHRASE_LIMITS.words})`;
  return undefined;
}

function clip(term: string): string {
  return term.length > 60 ? `${term.slice(0, 57)}…` : term;
}

/** Turns a requirement's phrases into compiled patterns once, for every document to reuse. */
export function compileRequirement(spec: RequirementSpec, shared: Catalogue['concepts']): CompiledRequirement {
  const concepts = new Map<string, CompiledConcept>();
  for (const [name, def] of Object.entries(spec.match.concepts)) {
    const terms = Array.isArray(def) ? def : def.terms;
    const expanded = expand(terms, shared, spec.id);
    if (expanded.length > PHRASE_LIMITS.termsPerConcept) {
      throw new Error(`${spec.id}: concept "${name}" has ${expanded.length} terms with its shared concepts (at most ${PHRASE_LIMITS.termsPerConcept})`);
    }
    const label = (Array.isArray(def) ? undefined : def.label) ?? name.replace(/[-_]/g, ' ');
    concepts.set(name, { name, label, patterns: expanded.map(compileOrExplain(spec.id)), headingsOnly: false });
  }
  if (spec.match.headings?.length) {
    concepts.set(HEADING_CONCEPT, {
      name: HEADING_CONCEPT,
      label: 'a section on this topic',
      patterns: expand(spec.match.headings, shared, spec.id).map(compileOrExplain(spec.id)),
      headingsOnly: true,
    });
  }
  const firstConcept = spec.match.met[0]?.all?.[0] ?? spec.match.met[0]?.any?.[0];
  const partial = spec.match.partial ?? (firstConcept ? [{ any: [firstConcept], within: 'sentence' as const }] : []);
  return { spec, concepts, met: spec.match.met, partial };
}

const SPLICE = /\$([a-z_]+)/g;

/**
 * Splices shared concepts into a term list: "$dsl" stands for each of its terms, and inside a
 * phrase ("responsib* ... $governing_body") makes one phrase per term. One splice a phrase, so a
 * phrase never multiplies into more than one shared list.
 */
function expand(terms: string[], shared: Catalogue['concepts'], id: string): string[] {
  return terms.flatMap((term) => {
    const splices = [...term.matchAll(SPLICE)];
    if (!splices.length) return [term];
    if (splices.length > 1) throw new Error(`${id}: "${term}" splices more than one shared concept`);
    const [marker, name] = splices[0]!;
    const list = shared[name!];
    if (!list) throw new Error(`${id}: unknown shared concept "${marker}"`);
    return list.map((t) => term.replace(marker, t));
  });
}

function compileOrExplain(id: string) {
  return (term: string): CompiledPattern => {
    const problem = phraseProblem(term);
    if (problem) throw new Error(`${id}: ${problem}`);
    try {
      return compilePattern(term);
    } catch (err) {
      throw new Error(`${id}: ${(err as Error).message}`, { cause: err });
    }
  };
}

/** The requirement as a nation's policy is judged: the nation's own phrases added to the named concepts. */
export function withNationTerms(spec: RequirementSpec, route: NationRoute): RequirementSpec {
  if (!route.terms && !route.labels) return spec;
  const concepts: RequirementSpec['match']['concepts'] = {};
  for (const [name, def] of Object.entries(spec.match.concepts)) {
    const terms = [...(Array.isArray(def) ? def : def.terms), ...(route.terms?.[name] ?? [])];
    const label = route.labels?.[name] ?? (Array.isArray(def) ? undefined : def.label);
    concepts[name] = label ? { label, terms } : terms;
  }
  return { ...spec, match: { ...spec.match, concepts } };
}
