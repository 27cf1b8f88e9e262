import { compileRequirement, withNationTerms, type CompiledRequirement } from '../catalogue/compile.js';
import { nationsOf, type AnnualEditionSpec, type Catalogue, type GuidanceEditionsSpec, type UkNation } from '../catalogue/model.js';
import { dayLabel, MONTH, monthPattern } from '../nlp/dates.js';
import { compilePattern, type CompiledPattern } from '../nlp/patterns.js';
import type { JurisdictionId } from '../types.js';
import { escapeRegExp } from '../util/regexp.js';

/** A catalogue with every phrase compiled once, shared by all the documents of a run. */
export interface PreparedCatalogue {
  catalogue: Catalogue;
  requirements: CompiledRequirement[];
  /** Per requirement id: the requirement with a nation's own phrases added, for nations that have them. */
  nationVariants: Map<string, Map<UkNation, CompiledRequirement>>;
  profileCues: Map<string, { patterns: CompiledPattern[]; weight: number }>;
  jurisdictionCues: { id: JurisdictionId; title: string; patterns: CompiledPattern[] }[];
  outdated: { patterns: CompiledPattern[]; current: string; since: string; source: string }[];
  /** Each annual guidance title followed by a year ("KCSIE 2024", "Keeping Children Safe in Education (2023)"). */
  editions: { pattern: RegExp; shortName: string; month: number; day: number; source: string }[];
  /** Guidance with occasional editions: the title followed by a year, and each edition's start. */
  guidance: { pattern: RegExp; name: string; editions: { year: number; from: Date; since: string; source: string }[] }[];
}

export function prepareCatalogue(catalogue: Catalogue): PreparedCatalogue {
  const nationVariants = new Map<string, Map<UkNation, CompiledRequirement>>();
  for (const spec of catalogue.requirements) {
    for (const [nation, route] of nationsOf(spec)) {
      if (!route.terms && !route.labels) continue;
      const variants = nationVariants.get(spec.id) ?? new Map<UkNation, CompiledRequirement>();
      variants.set(nation, compileRequirement(withNationTerms(spec, route), catalogue.concepts));
      nationVariants.set(spec.id, variants);
    }
  }
  return {
    catalogue,
    requirements: catalogue.requirements.map((r) => compileRequirement(r, catalogue.concepts)),
    nationVariants,
    profileCues: new Map(catalogue.profiles.map((p) => [p.id, { patterns: (p.detect ?? []).map(compilePattern), weight: p.weight ?? 1 }])),
    // Older cached catalogues have no jurisdictions: detection then always falls back to England.
    jurisdictionCues: (catalogue.jurisdictions ?? []).map((j) => ({ id: j.id, title: j.title, patterns: j.cues.map(compilePattern) })),
    outdated: catalogue.outdatedTerms.map((t) => ({ ...t, patterns: t.terms.map(compilePattern) })),
    editions: catalogue.annualEditions.map(compileEdition),
    guidance: (catalogue.guidanceEditions ?? []).map(compileGuidance),
  };
}

const SEPTEMBER = monthPattern(9);

/** "Working Together to Safeguard Children", "Working Together (2023)", "Working Together, 2018". */
function titleThenYear(names: string[], months: string): string {
  // Names are escaped: a catalogue cannot smuggle a pattern in, and the alternation stays linear.
  const escaped = names.map((n) => n.trim().split(/\s+/).map(escapeRegExp).join('\\s+'));
  return `\\b(?:${escaped.join('|')})\\s*[,(\\[]?\\s*(?:(?:${months})\\.?\\s+)?((?:19|20)\\d{2})\\b`;
}

function compileEdition(edition: AnnualEditionSpec): PreparedCatalogue['editions'][number] {
  const [month, day] = edition.inForceFrom.split('-').map(Number) as [number, number];
  const shortName = edition.names.reduce((a, b) => (b.length < a.length ? b : a));
  return { pattern: new RegExp(titleThenYear(edition.names, SEPTEMBER), 'gi'), shortName, month, day, source: edition.source };
}

function compileGuidance(spec: GuidanceEditionsSpec): PreparedCatalogue['guidance'][number] {
  const name = spec.names.reduce((a, b) => (b.length > a.length ? b : a));
  const editions = spec.editions.map((e) => ({ year: e.year, from: startOf(e.from), since: dateLabel(e.from), source: e.source })).sort((a, b) => a.year - b.year);
  return { pattern: new RegExp(titleThenYear(spec.names, MONTH), 'gi'), name, editions };
}

/** YYYY-MM-DD, or YYYY-MM taken as the month's last day: a month-only date never flags anyone early. */
function startOf(text: string): Date {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number | undefined];
  return d ? new Date(Date.UTC(y, m - 1, d)) : new Date(Date.UTC(y, m, 0));
}

/** "15 Dec 2023", or "Mar 2026" when only the month is known. */
function dateLabel(text: string): string {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number | undefined];
  return dayLabel(y, m, d);
}
