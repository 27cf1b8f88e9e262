import type { AuditReport, Level } from './types.js';

export type FailOn = Level | 'none';
const RANK: Record<Level, number> = { must: 0, should: 1, advisory: 2 };

export const EXIT = { ok: 0, gaps: 1, unusable: 2 } as const;

export interface GateOptions {
  failOn: FailOn;
  /** Requirement ids whose gaps fail the run whatever their level. */
  failOnIds?: string[];
  /** Gaps never fail the run; only unusable input does. */
  softFail?: boolean;
}

/** The exit status for a finished run: 2 if any input could not be audited, 1 for gaps, else 0. */
export function exitStatus(report: AuditReport, options: GateOptions): number {
  if (report.documents.some((d) => d.status !== 'audited')) return EXIT.unusable;
  if (options.softFail) return EXIT.ok;
  const failing = report.documents.some((d) =>
    d.requirements.some(
      (r) =>
        (r.status === 'partial' || r.status === 'missing') &&
        !r.waived &&
        ((options.failOn !== 'none' && RANK[r.level] <= RANK[options.failOn]) || options.failOnIds?.includes(r.id)),
    ),
  );
  return failing ? EXIT.gaps : EXIT.ok;
}
