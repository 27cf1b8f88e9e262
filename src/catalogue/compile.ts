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

/** Turns a requirement's phrases into compiled patterns once, for every document to reuse. */
export function compileRequirement(spec: RequirementSpec, shared: Catalogue['concepts']): CompiledRequirement {
  const concepts = new Map<string, CompiledConcept>();
  for (const [name, def] of Object.entries(spec.match.concepts)) {
    const terms = Array.isArray(def) ? def : def.terms;
    const label = (Array.isArray(def) ? undefined : def.label) ?? name.replace(/[-_]/g, ' ');
    concepts.set(name, { name, label, patterns: expand(terms, shared, spec.id).map(compileOrExplain(spec.id)), headingsOnly: false });
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

/** Splices shared concepts ("$dsl") into a term list. */
function expand(terms: string[], shared: Catalogue['concepts'], id: string): string[] {
  return terms.flatMap((term) => {
    if (!term.startsWith('$')) return [term];
    const list = shared[term.slice(1)];
    if (!list) throw new Error(`${id}: unknown shared concept "${term}"`);
    return list;
  });
}

function compileOrExplain(id: string) {
  return (term: string): CompiledPattern => {
    try {
      return compilePattern(term);
    } catch (err) {
      throw new Error(`${id}: ${(err as Error).message}`);
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
