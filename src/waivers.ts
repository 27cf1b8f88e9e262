import picomatch from 'picomatch';
import type { Waiver } from './config.js';
import type { DocumentReport } from './types.js';

export interface ExpiredWaiver {
  waiver: Waiver;
  path: string;
}

/**
 * Marks gaps covered by a waiver as waived (still shown, never hidden). A waiver past its
 * expiry date waives nothing and is returned, so the run can fail naming it.
 */
export function applyWaivers(documents: readonly DocumentReport[], waivers: Waiver[], asOf: Date): ExpiredWaiver[] {
  const expired: ExpiredWaiver[] = [];
  const today = asOf.toISOString().slice(0, 10);
  const matchers = waivers.map((w) => ({ waiver: w, matches: w.path ? picomatch(w.path, { dot: true }) : () => true }));
  for (const doc of documents) {
    const path = doc.path.replace(/\\/g, '/').replace(/^\.\//, '');
    for (const result of doc.requirements) {
      if (result.status !== 'partial' && result.status !== 'missing') continue;
      for (const { waiver, matches } of matchers) {
        if (waiver.id !== result.id || !matches(path)) continue;
        if (waiver.expires && waiver.expires < today) {
          expired.push({ waiver, path: doc.path });
          continue;
        }
        result.waived = { reason: waiver.reason, ...(waiver.expires ? { expires: waiver.expires } : {}) };
        break;
      }
    }
  }
  return expired;
}
