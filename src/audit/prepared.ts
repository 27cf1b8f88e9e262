import { compileRequirement, type CompiledRequirement } from '../catalogue/compile.js';
import type { AnnualEditionSpec, Catalogue } from '../catalogue/model.js';
import { compilePattern, type CompiledPattern } from '../nlp/patterns.js';

/** A catalogue with every phrase compiled once, shared by all the documents of a run. */
export interface PreparedCatalogue {
  catalogue: Catalogue;
  requirements: CompiledRequirement[];
  profileCues: Map<string, { patterns: CompiledPattern[]; weight: number }>;
  outdated: { patterns: CompiledPattern[]; current: string; since: string; source: string }[];
  /** Each annual guidance title followed by a year ("KCSIE 2024", "Keeping Children Safe in Education (2023)"). */
  editions: { pattern: RegExp; shortName: string; month: number; day: number; source: string }[];
}

export function prepareCatalogue(catalogue: Catalogue): PreparedCatalogue {
  return {
    catalogue,
    requirements: catalogue.requirements.map((r) => compileRequirement(r, catalogue.concepts)),
    profileCues: new Map(catalogue.profiles.map((p) => [p.id, { patterns: (p.detect ?? []).map(compilePattern), weight: p.weight ?? 1 }])),
    outdated: catalogue.outdatedTerms.map((t) => ({ ...t, patterns: t.terms.map(compilePattern) })),
    editions: catalogue.annualEditions.map(compileEdition),
  };
}

function compileEdition(edition: AnnualEditionSpec): PreparedCatalogue['editions'][number] {
  // Names are escaped: a catalogue cannot smuggle a pattern in, and the alternation stays linear.
  const names = edition.names.map((n) => n.trim().split(/\s+/).map(escapeRegExp).join('\\s+'));
  const [month, day] = edition.inForceFrom.split('-').map(Number) as [number, number];
  const shortName = edition.names.reduce((a, b) => (b.length < a.length ? b : a));
  return { pattern: new RegExp(`\\b(?:${names.join('|')})\\s*[,(\\[]?\\s*(?:sept(?:ember)?\\.?\\s+)?((?:19|20)\\d{2})\\b`, 'gi'), shortName, month, day, source: edition.source };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
