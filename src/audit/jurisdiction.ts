import type { Evidence, JurisdictionId } from '../types.js';
import { jurisdictionTitle } from '../util/jurisdictions.js';
import type { Matcher, Occurrence } from './matcher.js';
import type { PreparedCatalogue } from './prepared.js';
import type { TextIndex } from './text-index.js';

export interface JurisdictionChoice {
  id: JurisdictionId;
  reason: string;
  evidence: Evidence[];
}

/** The catalogue is written for England: a policy that cites no nation's law is judged as English. */
export const HOME_JURISDICTION: JurisdictionId = 'england';
const EVIDENCE_LIMIT = 3;
/**
 * Citations (different passages, or different bodies or laws in one passage) another jurisdiction
 * needs before it is chosen over England: a UK-wide policy names another nation's route once in
 * passing ("DBS checks, or the PVG scheme in Scotland").
 */
const MIN_CITATIONS = 2;

/**
 * The nation or country a policy is written for, from the bodies, laws and guidance it cites: the
 * jurisdiction cited in the most passages wins; a tie goes to the catalogue's order (England first),
 * so one passing mention of another nation does not outweigh a policy's own.
 */
export function detectJurisdiction(matcher: Matcher, prepared: PreparedCatalogue): JurisdictionChoice {
  let best: { id: JurisdictionId; sentences: number[]; cues: string[] } | undefined;
  let passing: { id: JurisdictionId; cues: string[] } | undefined;
  for (const { id, patterns } of prepared.jurisdictionCues) {
    const found: Occurrence[] = [];
    const cues: string[] = [];
    for (const pattern of patterns) {
      const hits = matcher.find(pattern).filter((o) => !o.negated);
      if (hits.length) cues.push(pattern.source);
      found.push(...hits);
    }
    if (!found.length) continue;
    if (id !== HOME_JURISDICTION && citations(found) < MIN_CITATIONS) {
      passing ??= { id, cues };
      continue;
    }
    const sentences = [...new Set(found.map((o) => o.sentence))].sort((a, b) => a - b);
    if (sentences.length > (best?.sentences.length ?? 0)) best = { id, sentences, cues };
  }
  if (!best) {
    const aside = passing ? `one passing mention of ${jurisdictionTitle(passing.id)} (${passing.cues.map((c) => `"${c}"`).join(', ')}) is not enough, and no other` : 'no';
    return { id: HOME_JURISDICTION, reason: `${aside} nation's law or bodies are cited, so ${jurisdictionTitle(HOME_JURISDICTION)} (the catalogue's home) is assumed`, evidence: [] };
  }
  const n = best.sentences.length;
  return {
    id: best.id,
    reason: `${n} passage${n > 1 ? 's' : ''} cite${n > 1 ? '' : 's'} ${best.cues
      .slice(0, 4)
      .map((c) => `"${c}"`)
      .join(', ')}`,
    evidence: best.sentences.slice(0, EVIDENCE_LIMIT).map((id) => sentenceEvidence(matcher.index, id)),
  };
}

/** Distinct citations: phrases in different passages, or not overlapping in one ("PVG" inside "PVG scheme" is one). */
function citations(found: Occurrence[]): number {
  const bySentence = new Map<number, Occurrence[]>();
  for (const o of found) bySentence.set(o.sentence, [...(bySentence.get(o.sentence) ?? []), o]);
  let count = 0;
  for (const list of bySentence.values()) {
    let end = -1;
    for (const o of list.sort((a, b) => a.start - b.start)) {
      if (o.start >= end) count++;
      end = Math.max(end, o.end);
    }
  }
  return count;
}

function sentenceEvidence(index: TextIndex, id: number): Evidence {
  const sentence = index.sentences[id]!;
  const block = sentence.block >= 0 ? index.doc.blocks[sentence.block] : undefined;
  return { text: sentence.text, location: block ? { ...block.location } : { ...(index.doc.sections[sentence.section]?.location ?? {}) } };
}
