import type { CompiledRequirement } from '../catalogue/compile.js';
import { judgedOutsideUk, nationsOf } from '../catalogue/model.js';
import type { JurisdictionId } from '../types.js';
import { jurisdictionTitle } from '../util/jurisdictions.js';
import type { PreparedCatalogue } from './prepared.js';

/** A requirement as it stands for a policy written for one jurisdiction. */
export type NationalRequirement = { applies: false; reason: string } | { applies: true; requirement: CompiledRequirement; title: string; source: string; advice: string; model?: string };

/**
 * Whether the requirement applies where the policy is written for and, if so, with which phrases,
 * title and source: a nation's own route (Disclosure Scotland for the DBS) is judged with its own
 * phrases added. Outside the UK only general good practice is judged, for information.
 */
export function forJurisdiction(compiled: CompiledRequirement, prepared: PreparedCatalogue, place: JurisdictionId): NationalRequirement {
  const spec = compiled.spec;
  const nations = nationsOf(spec);
  if (place === 'outside-uk') {
    if (judgedOutsideUk(spec)) return { applies: true, requirement: compiled, title: spec.title, source: spec.source, advice: spec.advice, ...(spec.model ? { model: spec.model } : {}) };
    return { applies: false, reason: `${appliesIn([...nations.keys()])} (${spec.source}); this policy is written for ${jurisdictionTitle(place)}` };
  }
  const route = nations.get(place);
  if (!route) return { applies: false, reason: `${appliesIn([...nations.keys()])} (${spec.source}); this policy is written for ${jurisdictionTitle(place)}` };
  return {
    applies: true,
    requirement: prepared.nationVariants.get(spec.id)?.get(place) ?? compiled,
    title: route.title ?? spec.title,
    source: route.source ? `${spec.source}; in ${jurisdictionTitle(place)}: ${route.source}` : spec.source,
    advice: route.advice ?? spec.advice,
    ...((route.model ?? spec.model) ? { model: route.model ?? spec.model } : {}),
  };
}

/** "applies in England only", "applies in England and Wales only". */
function appliesIn(places: JurisdictionId[]): string {
  const titles = places.map(jurisdictionTitle);
  const where = titles.length > 1 ? `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}` : titles.join('');
  return `applies in ${where} only`;
}
