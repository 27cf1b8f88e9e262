// The jurisdiction ids and their names: plain data the audit, the reports and the CLI all need.
import type { JurisdictionId } from '../types.js';

export const JURISDICTIONS: readonly JurisdictionId[] = ['england', 'wales', 'scotland', 'northern-ireland', 'outside-uk'];

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
