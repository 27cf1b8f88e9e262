import type { AuditReport, DocumentReport, Level, RequirementResult } from '../types.js';

export type FailOn = Level | 'none';
const RANK: Record<Level, number> = { must: 0, should: 1, advisory: 2 };

export const EXIT = { ok: 0, gaps: 1, unusable: 2 } as const;

export interface GateOptions {
  failOn: FailOn;
  /** Requirement ids whose gaps fail the run whatever their level. */
  failOnIds?: readonly string[];
  /** Gaps never fail the run; only unusable input does. */
  softFail?: boolean;
  /** Gaps already accepted in a baseline (--baseline): shown, but they do not fail the run. */
  known?: (doc: DocumentReport, result: RequirementResult) => boolean;
}

/** A requirement the policy does not fully meet (waived or not): what the gate, baselines and reports count. */
export function isGap(r: RequirementResult): boolean {
  return r.status === 'partial' || r.status === 'missing';
}

/** The level and ids the gate is set to fail on, before waivers, baselines and --soft-fail. */
export function atOrAboveGate(r: RequirementResult, options: GateOptions): boolean {
  return (options.failOn !== 'none' && RANK[r.level] <= RANK[options.failOn]) || (options.failOnIds?.includes(r.id) ?? false);
}

/** Whether this result makes the run fail: a gap at or above the gate, not waived, not in the baseline. */
export function failsGate(doc: DocumentReport, r: RequirementResult, options: GateOptions): boolean {
  return !options.softFail && isGap(r) && !r.waived && atOrAboveGate(r, options) && !(options.known?.(doc, r) ?? false);
}

/** The exit status for a finished run: 2 if any input could not be audited, 1 for gaps, else 0. */
export function exitStatus(report: AuditReport, options: GateOptions): number {
  if (report.documents.some((d) => d.status !== 'audited')) return EXIT.unusable;
  if (options.softFail) return EXIT.ok;
  const failing = report.documents.some((d) => d.requirements.some((r) => failsGate(d, r, options)));
  return failing ? EXIT.gaps : EXIT.ok;
}
