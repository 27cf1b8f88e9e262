import { dirname, resolve } from 'node:path';
import { parseJson, readRegularFile } from '../catalogue/yaml-file.js';
import { ConfigError } from '../util/errors.js';
import { isGap } from './gate.js';
import { SCHEMA_VERSION, type AuditReport, type DocumentReport, type RequirementResult } from '../types.js';
import { pathFromBase } from './waivers.js';

/** A saved report can be large; a baseline is read whole, so not without limit. */
const MAX_BASELINE_BYTES = 200 * 1024 * 1024;

export interface BaselineFile {
  schemaVersion: string;
  kind: 'sg-audit-baseline';
  /** Gaps accepted when the baseline was written; paths relative to the baseline file's folder. */
  gaps: Array<{ path: string; id: string; level: string; status: string }>;
}

/**
 * The gaps a baseline accepts, as a test for the gate (Checkov's --baseline): a gap already
 * there does not fail the run; a new one does. The baseline is either a file from
 * --write-baseline (paths relative to its folder) or a JSON report from an earlier run (paths as
 * that run was given them, relative to the working folder).
 */
export function readBaseline(file: string): (doc: DocumentReport, r: RequirementResult) => boolean {
  const text = readRegularFile(file, MAX_BASELINE_BYTES, 'baseline');
  const data = parseJson(text, file);
  const known = new Set<string>();
  const keyOf = (path: string, id: string) => `${path}\u0000${id}`;
  if (isBaselineFile(data)) {
    const base = dirname(resolve(file));
    for (const gap of data.gaps) known.add(keyOf(resolve(base, gap.path), gap.id));
  } else if (isReport(data)) {
    for (const doc of data.documents) for (const r of doc.requirements ?? []) if (r && isGap(r)) known.add(keyOf(resolve(doc.path), r.id));
  } else {
    throw new ConfigError(`${file}: neither a baseline (--write-baseline) nor a JSON report (--format json)`);
  }
  return (doc, r) => known.has(keyOf(resolve(doc.path), r.id));
}

/** Every gap of this run, waived or not, for --write-baseline. */
export function renderBaseline(report: AuditReport, file: string): string {
  const base = dirname(resolve(file));
  const gaps = report.documents.flatMap((doc) => doc.requirements.filter(isGap).map((r) => ({ path: pathFromBase(doc.path, base), id: r.id, level: r.level, status: r.status })));
  const baseline: BaselineFile = { schemaVersion: SCHEMA_VERSION, kind: 'sg-audit-baseline', gaps };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

function isBaselineFile(data: unknown): data is BaselineFile {
  const d = data as BaselineFile;
  return !!d && d.kind === 'sg-audit-baseline' && Array.isArray(d.gaps) && d.gaps.every((g) => typeof g?.path === 'string' && typeof g?.id === 'string');
}

function isReport(data: unknown): data is AuditReport {
  const d = data as AuditReport;
  return !!d && Array.isArray(d.documents) && d.documents.every((doc) => typeof doc?.path === 'string' && (doc.requirements === undefined || Array.isArray(doc.requirements)));
}
