import { compileRequirement, type CompiledRequirement } from '../catalogue/compile.js';
import type { Catalogue } from '../catalogue/model.js';
import { compilePattern, type CompiledPattern } from '../nlp/patterns.js';

/** A catalogue with every phrase compiled once, shared by all the documents of a run. */
export interface PreparedCatalogue {
  catalogue: Catalogue;
  requirements: CompiledRequirement[];
  profileCues: Map<string, { patterns: CompiledPattern[]; weight: number }>;
  outdated: { patterns: CompiledPattern[]; current: string; since: string; source: string }[];
}

export function prepareCatalogue(catalogue: Catalogue): PreparedCatalogue {
  return {
    catalogue,
    requirements: catalogue.requirements.map((r) => compileRequirement(r, catalogue.concepts)),
    profileCues: new Map(catalogue.profiles.map((p) => [p.id, { patterns: (p.detect ?? []).map(compilePattern), weight: p.weight ?? 1 }])),
    outdated: catalogue.outdatedTerms.map((t) => ({ ...t, patterns: t.terms.map(compilePattern) })),
  };
}
