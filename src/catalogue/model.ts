import type { JurisdictionId, Level } from '../types.js';

export type Scope = 'sentence' | 'paragraph' | 'section' | 'document';

/** Concepts that must all (or any one of) appear together within a scope. */
export interface MatchRule {
  all?: string[];
  any?: string[];
  within?: Scope;
  /** Concepts that, in the same unit, stop the rule: "the person responsible for the trip" narrows "staff are DBS checked". */
  unless?: string[];
  /**
   * Further parts that must each hold somewhere too, in their own unit and scope: "refreshed" said of the
   * training in one sentence, "appropriate to role" in another. Each part keeps its own topic.
   */
  also?: MatchRule[];
}

export interface ConceptSpec {
  /** What the concept stands for, in words a reader understands ("a route outside the organisation"). */
  label?: string;
  terms: string[];
}

export interface MatchSpec {
  /** Heading cues: a section under such a heading is about this requirement. Usable as concept "heading". */
  headings?: string[];
  concepts: Record<string, ConceptSpec | string[]>;
  /** Any one rule satisfied → met. */
  met: MatchRule[];
  /** Any one rule satisfied (and no met rule) → partial. Default: any concept of the first met rule. */
  partial?: MatchRule[];
}

export interface RequirementSpec {
  id: string;
  title: string;
  area: string;
  level: Level;
  /** Per-profile raises of the level, e.g. { early-years: must }. */
  levels?: Record<string, Level>;
  /** "core" (every profile) or profile names. */
  profiles: string[];
  source: string;
  why: string;
  advice: string;
  model?: string;
  match: MatchSpec;
  examples?: Examples;
  /**
   * The UK nations the requirement applies to (default: all four). A list, or a map whose values
   * say how that nation's own route meets it: extra phrases for named concepts, its source, and examples.
   */
  nations?: UkNation[] | Partial<Record<UkNation | 'outside-uk', NationRoute>>;
}

export type UkNation = Exclude<JurisdictionId, 'outside-uk'>;
export const UK_NATIONS: readonly UkNation[] = ['england', 'wales', 'scotland', 'northern-ireland'];

export interface Examples {
  met?: string[];
  partial?: string[];
  missing?: string[];
}

/** How a nation's own law or guidance meets a requirement written for England (e.g. Disclosure Scotland for the DBS). */
export interface NationRoute {
  /** The requirement's title as it reads in this nation ("Duty to refer to Disclosure Scotland …"). */
  title?: string;
  /** Concept labels as they read in this nation, shown when the concept is missing. */
  labels?: Record<string, string>;
  /** What to add, and a model sentence, in this nation's terms. */
  advice?: string;
  model?: string;
  /** Extra phrases added to the named concepts for policies written for this nation. */
  terms?: Record<string, string[]>;
  /** The nation's own source for the duty, shown with the requirement's. */
  source?: string;
  examples?: Examples;
}

/** A nation or country the catalogue can tell a policy is written for, and the phrases that show it. */
export interface JurisdictionSpec {
  id: JurisdictionId;
  title: string;
  /** Names of bodies, laws and guidance that only a policy written for this jurisdiction would cite. */
  cues: string[];
  source?: string;
  /** Passages that must be detected as this jurisdiction (`catalogue test`). */
  examples?: string[];
}

/**
 * Guidance replaced by a new edition now and then (Working Together, EYFS): a cited edition is out
 * of date once a later edition has applied for longer than the grace period.
 */
export interface GuidanceEditionsSpec {
  names: string[];
  /** Newest first or in any order: each edition's year and the day (YYYY-MM-DD, or YYYY-MM) it applied from. */
  editions: { year: number; from: string; source: string }[];
}

export interface ProfileSpec {
  id: string;
  title: string;
  /** Phrases whose presence suggests this kind of organisation, for auto-detection. */
  detect?: string[];
  /** Multiplies the detection score, for profiles whose cues are rare but decisive. */
  weight?: number;
}

export interface OutdatedTermSpec {
  terms: string[];
  current: string;
  since: string;
  source: string;
}

/**
 * Guidance re-issued every year under one name ("KCSIE 2024"): which editions are out of date
 * depends on the audit date, so it cannot be a fixed list of terms.
 */
export interface AnnualEditionSpec {
  names: string[];
  /** Month and day (MM-DD) each year's edition comes into force. */
  inForceFrom: string;
  source: string;
}

export interface Catalogue {
  name: string;
  version: string;
  requirements: RequirementSpec[];
  profiles: ProfileSpec[];
  outdatedTerms: OutdatedTermSpec[];
  annualEditions: AnnualEditionSpec[];
  /** Guidance with occasional new editions (Working Together, EYFS). */
  guidanceEditions: GuidanceEditionsSpec[];
  /** Nations and countries a policy may be written for, and the cues that detect them. */
  jurisdictions: JurisdictionSpec[];
  /** The day (YYYY-MM-DD) the catalogue's sources were last checked against the published guidance. */
  sourcesChecked?: string;
  /** Shared concepts that requirement concepts splice in as "$name". */
  concepts: Record<string, string[]>;
}

export const CORE = 'core';

export function appliesTo(requirement: RequirementSpec, profile: string): boolean {
  return requirement.profiles.includes(CORE) || requirement.profiles.includes(profile);
}

export function levelFor(requirement: RequirementSpec, profile: string): Level {
  return requirement.levels?.[profile] ?? requirement.level;
}

/**
 * Whether a policy written outside the UK is judged against the requirement (for information: such a
 * policy is not assessable): yes for good practice with no `nations`, or with `outside-uk` among them.
 */
export function judgedOutsideUk(requirement: RequirementSpec): boolean {
  const spec = requirement.nations;
  return !spec || (!Array.isArray(spec) && spec['outside-uk'] !== undefined);
}

/** The nations a requirement applies to, and each one's own route where it has one. */
export function nationsOf(requirement: RequirementSpec): Map<UkNation, NationRoute> {
  const spec = requirement.nations;
  if (!spec) return new Map(UK_NATIONS.map((n) => [n, {}]));
  if (Array.isArray(spec)) return new Map(spec.map((n) => [n, {}]));
  return new Map(UK_NATIONS.filter((n) => spec[n] !== undefined).map((n) => [n, spec[n] ?? {}]));
}
