// Requirements counted by status: the report's own summary, a batch's counts per requirement, and
// every renderer's figures, so they always agree.
import type { RequirementResult, Status, Summary } from '../types.js';

/** Adds one status to the counts. */
export function countStatus(counts: Summary, status: Status): void {
  if (status === 'not-applicable') counts.notApplicable++;
  else counts[status]++;
}

export function tally(requirements: readonly Pick<RequirementResult, 'status'>[]): Summary {
  const counts: Summary = { met: 0, partial: 0, missing: 0, notApplicable: 0 };
  for (const r of requirements) countStatus(counts, r.status);
  return counts;
}
