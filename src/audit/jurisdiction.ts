import type { Evidence, JurisdictionId } from '../types.js';
import type { Matcher } from './matcher.js';
import type { PreparedCatalogue } from './prepared.js';
import type { TextIndex } from './text-index.js';

export interface JurisdictionChoice {
  id: JurisdictionId;
  reason: string;
  evidence: Evidence[];
}

export const JURISDICTIONS: readonly JurisdictionId[] = ['england', 'wales', 'scotland', 'northern-ireland', 'outside-uk'];
/** The catalogue is written for England: a policy that cites no nation's law is judged as English. */
export const HOME_JURISDICTION: JurisdictionId = 'england';
const EVIDENCE_LIMIT = 3;

const TITLES: Record<JurisdictionId, string> = {
  england: 'England',
  wales: 'Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
  'outside-uk': 'outside the UK',
};

export function jurisdictionTitle(id: JurisdictionId): string {
  return TITLES[id];
}

export function isJurisdiction(text: string): text is JurisdictionId {
  return (JURISDICTIONS as readonly string[]).includes(text);
}

/**
 * The nation or country a policy is written for, from the bodies, laws and guidance it cites: the
 * jurisdiction cited in the most passages wins; a tie goes to the catalogue's order (England first),
 * so one passing mention of another nation does not outweigh a policy's own.
 */
export function detectJurisdiction(matcher: Matcher, prepared: PreparedCatalogue): JurisdictionChoice {
  let best: { id: JurisdictionId; sentences: number[]; cues: string[] } | undefined;
  for (const { id, patterns } of prepared.jurisdictionCues) {
    const sentences = new Set<number>();
    const cues: string[] = [];
    for (const pattern of patterns) {
      const found = matcher.find(pattern).filter((o) => !o.negated);
      if (found.length) cues.push(pattern.source);
      for (const o of found) sentences.add(o.sentence);
    }
    if (sentences.size > (best?.sentences.length ?? 0)) best = { id, sentences: [...sentences].sort((a, b) => a - b), cues };
  }
  if (!best) {
    return { id: HOME_JURISDICTION, reason: `no nation's law or bodies are cited, so ${TITLES[HOME_JURISDICTION]} (the catalogue's home) is assumed (override with --jurisdiction)`, evidence: [] };
  }
  const n = best.sentences.length;
  return {
    id: best.id,
    reason: `${n} passage${n > 1 ? 's' : ''} cite${n > 1 ? '' : 's'} ${best.cues.slice(0, 4).map((c) => `"${c}"`).join(', ')} (override with --jurisdiction)`,
    evidence: best.sentences.slice(0, EVIDENCE_LIMIT).map((id) => sentenceEvidence(matcher.index, id)),
  };
}

function sentenceEvidence(index: TextIndex, id: number): Evidence {
  const sentence = index.sentences[id]!;
  const block = sentence.block >= 0 ? index.doc.blocks[sentence.block] : undefined;
  return { text: sentence.text, location: block ? { ...block.location } : { ...(index.doc.sections[sentence.section]?.location ?? {}) } };
}
