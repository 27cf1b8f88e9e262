import type { Level } from '../types.js';

export type Scope = 'sentence' | 'paragraph' | 'section' | 'document';

/** Concepts that must all (or any one of) appear together within a scope. */
export interface MatchRule {
  all?: string[];
  any?: string[];
  within?: Scope;
  /** Concepts that, in the same unit, stop the rule: "the person responsible for the trip" narrows "staff are DBS checked". */
  unless?: string[];
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
  examples?: { met?: string[]; partial?: string[]; missing?: string[] };
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
