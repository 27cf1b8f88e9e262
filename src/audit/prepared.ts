import { compileRequirement, withNationTerms, type CompiledConcept, type CompiledRequirement } from '../catalogue/compile.js';
import { cachedDefaultCatalogue, loadCatalogue, uncheckedDefaultCatalogue } from '../catalogue/load.js';
import { nationsOf, type AnnualEditionSpec, type Catalogue, type GuidanceEditionsSpec, type MatchRule, type RequirementSpec, type UkNation } from '../catalogue/model.js';
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
  /**
   * Set by loadPreparedCatalogue: this is the bundled catalogue from the build's cache, so a batch's
   * workers load that same file themselves as they start instead of being sent a copy.
   */
  bundled?: true;
}

/**
 * The bundled catalogue from the build's cache (nothing compiled at run time) unless one of its
 * YAML files changed since the build, or a custom catalogue (a file or folder) prepared now.
 */
export function loadPreparedCatalogue(path?: string): PreparedCatalogue {
  const cached = path ? undefined : cachedDefaultCatalogue();
  if (cached) return { ...fromPlain(cached as PlainPreparedCatalogue), bundled: true };
  return prepareCatalogue(loadCatalogue(path));
}

/**
 * The bundled catalogue as the build prepared it, without reading the YAML to check it: for a
 * worker, told by its main thread (loadPreparedCatalogue's `bundled`) that the cache is current.
 */
export function loadBundledCatalogueUnchecked(): PreparedCatalogue | undefined {
  const cached = uncheckedDefaultCatalogue();
  return cached && { ...fromPlain(cached as PlainPreparedCatalogue), bundled: true };
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

/**
 * A prepared catalogue as plain data, for JSON and for structured clone: the build caches the
 * bundled one in this form and a batch sends a custom one to its workers in it. Each compiled
 * phrase is held once (shared concepts repeat across requirements) and named by its position.
 */
export interface PlainPreparedCatalogue {
  catalogue: Catalogue;
  patterns: CompiledPattern[];
  /** In the order of catalogue.requirements, each one's spec. */
  requirements: PlainRequirement[];
  nationVariants: (PlainRequirement & { nation: UkNation; spec: RequirementSpec })[];
  profileCues: { id: string; patterns: number[]; weight: number }[];
  jurisdictionCues: { id: JurisdictionId; title: string; patterns: number[] }[];
  outdated: (Omit<PreparedCatalogue['outdated'][number], 'patterns'> & { patterns: number[] })[];
  editions: (Omit<PreparedCatalogue['editions'][number], 'pattern'> & { pattern: PlainRegExp })[];
  guidance: { pattern: PlainRegExp; name: string; editions: { year: number; from: number; since: string; source: string }[] }[];
}

interface PlainRequirement {
  concepts: (Omit<CompiledConcept, 'patterns'> & { patterns: number[] })[];
  partial: MatchRule[];
}

type PlainRegExp = { source: string; flags: string };

export function toPlain(prepared: PreparedCatalogue): PlainPreparedCatalogue {
  const patterns: CompiledPattern[] = [];
  const positions = new Map<CompiledPattern, number>();
  const refs = (list: CompiledPattern[]): number[] =>
    list.map((pattern) => {
      let at = positions.get(pattern);
      if (at === undefined) {
        at = patterns.push(pattern) - 1;
        positions.set(pattern, at);
      }
      return at;
    });
  const requirement = (r: CompiledRequirement): PlainRequirement => ({ concepts: [...r.concepts.values()].map((c) => ({ ...c, patterns: refs(c.patterns) })), partial: r.partial });
  const regExp = (pattern: RegExp): PlainRegExp => ({ source: pattern.source, flags: pattern.flags });
  return {
    catalogue: prepared.catalogue,
    patterns,
    requirements: prepared.requirements.map(requirement),
    nationVariants: [...prepared.nationVariants.values()].flatMap((variants) => [...variants].map(([nation, r]) => ({ ...requirement(r), nation, spec: r.spec }))),
    profileCues: [...prepared.profileCues].map(([id, cue]) => ({ id, patterns: refs(cue.patterns), weight: cue.weight })),
    jurisdictionCues: prepared.jurisdictionCues.map((j) => ({ ...j, patterns: refs(j.patterns) })),
    outdated: prepared.outdated.map((o) => ({ ...o, patterns: refs(o.patterns) })),
    editions: prepared.editions.map((e) => ({ ...e, pattern: regExp(e.pattern) })),
    guidance: prepared.guidance.map((g) => ({ ...g, pattern: regExp(g.pattern), editions: g.editions.map((e) => ({ ...e, from: e.from.getTime() })) })),
  };
}

/** The prepared catalogue back from plain data: maps, regular expressions and dates, nothing compiled. */
export function fromPlain(plain: PlainPreparedCatalogue): PreparedCatalogue {
  const { catalogue, patterns } = plain;
  const deref = (list: number[]): CompiledPattern[] => list.map((at) => patterns[at]!);
  const requirement = (r: PlainRequirement, spec: RequirementSpec): CompiledRequirement => ({
    spec,
    concepts: new Map(r.concepts.map((c) => [c.name, { ...c, patterns: deref(c.patterns) }])),
    met: spec.match.met,
    partial: r.partial,
  });
  const nationVariants = new Map<string, Map<UkNation, CompiledRequirement>>();
  for (const { nation, spec, ...r } of plain.nationVariants) {
    const variants = nationVariants.get(spec.id) ?? new Map<UkNation, CompiledRequirement>();
    variants.set(nation, requirement(r, spec));
    nationVariants.set(spec.id, variants);
  }
  return {
    catalogue,
    requirements: plain.requirements.map((r, i) => requirement(r, catalogue.requirements[i]!)),
    nationVariants,
    profileCues: new Map(plain.profileCues.map(({ id, patterns, weight }) => [id, { patterns: deref(patterns), weight }])),
    jurisdictionCues: plain.jurisdictionCues.map((j) => ({ ...j, patterns: deref(j.patterns) })),
    outdated: plain.outdated.map((o) => ({ ...o, patterns: deref(o.patterns) })),
    editions: plain.editions.map((e) => ({ ...e, pattern: new RegExp(e.pattern.source, e.pattern.flags) })),
    guidance: plain.guidance.map((g) => ({ ...g, pattern: new RegExp(g.pattern.source, g.pattern.flags), editions: g.editions.map((e) => ({ ...e, from: new Date(e.from) })) })),
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
