import type { Matcher } from './matcher.js';
import type { PreparedCatalogue } from './prepared.js';

export const DEFAULT_PROFILE = 'general';
/** Sentences with a profile's cues needed before it is chosen over the general profile. */
const MIN_CUE_SENTENCES = 3;

export interface ProfileChoice {
  profile: string;
  reason: string;
}

/** Infers the kind of organisation from the policy's own words. */
export function detectProfile(matcher: Matcher, prepared: PreparedCatalogue): ProfileChoice {
  let best: { profile: string; sentences: number; score: number; cues: string[] } | undefined;
  for (const [profile, { patterns, weight }] of prepared.profileCues) {
    const sentences = new Set<number>();
    const cues: string[] = [];
    for (const pattern of patterns) {
      const found = matcher.find(pattern).filter((o) => !o.negated);
      if (found.length) cues.push(pattern.source);
      for (const o of found) sentences.add(o.sentence);
    }
    const score = sentences.size * weight;
    if (!best || score > best.score) best = { profile, sentences: sentences.size, score, cues };
  }
  if (!best || best.sentences < MIN_CUE_SENTENCES) {
    return { profile: DEFAULT_PROFILE, reason: 'no organisation type stood out in the text, so the general profile was used' };
  }
  return {
    profile: best.profile,
    reason: `detected from ${best.sentences} passages mentioning ${best.cues
      .slice(0, 4)
      .map((c) => `"${c}"`)
      .join(', ')} (override with --profile)`,
  };
}
