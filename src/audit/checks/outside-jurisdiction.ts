// A policy written for a country outside the UK. `jurisdiction.id` is the detected or the user's
// choice: `--jurisdiction england` audits a policy from elsewhere anyway.
import { FINDING_META } from '../../messages.js';
import type { JurisdictionChoice } from '../jurisdiction.js';
import { finding, type Verdict } from './verdict.js';

export const meta = FINDING_META['outside-jurisdiction']!;

export function check(jurisdiction: JurisdictionChoice): Verdict | undefined {
  if (jurisdiction.id !== 'outside-uk') return undefined;
  const reason = `written for a country outside the UK, so outside the catalogue's jurisdiction (${jurisdiction.reason}); to audit it against English law anyway, use --jurisdiction england`;
  return { kind: 'outside-jurisdiction', reason, finding: finding(meta, reason, jurisdiction.evidence[0]?.location ?? {}) };
}
