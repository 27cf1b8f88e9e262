import { failsGate, isGap, type GateOptions } from '../gate/gate.js';
import type { AuditReport, DocumentReport, Finding, RequirementResult } from '../types.js';
import type { RenderOptions } from './index.js';
import { lineNumberOf } from './lines.js';
import { formatLocation } from './location.js';
import { oneLine } from './shared.js';

export type CompactLevel = 'error' | 'warning' | 'note';

export const DEFAULT_GATE: GateOptions = { failOn: 'must' };

/**
 * One line per problem, `path:line:col: level id message`, like ESLint's unix formatter, for
 * editors' problem matchers and grep. `error` fails the gate; other gaps are warnings (notes when
 * waived); findings keep their own severity. With quiet, only what fails the gate.
 */
export function renderCompact(report: AuditReport, options: RenderOptions): string {
  const gate = options.gate ?? DEFAULT_GATE;
  const lines: string[] = [];
  for (const doc of report.documents) {
    const path = oneLine(doc.path);
    if (doc.status !== 'audited') {
      lines.push(`${path}:1:1: error ${doc.status} ${oneLine(doc.error ?? 'could not be audited')}`);
      continue;
    }
    for (const r of doc.requirements) {
      if (!isGap(r)) continue;
      const level = gapLevel(doc, r, gate);
      if (options.quiet && level !== 'error') continue;
      // A gap with no evidence points at its closest passage, and says so.
      const anchor = r.evidence[0] ?? r.nearest;
      const place = formatLocation(anchor?.location ?? {});
      const where = place && !r.evidence[0] ? `closest passage: ${place}` : place;
      const waived = r.waived ? ` (waived: ${oneLine(r.waived.reason)})` : '';
      lines.push(`${path}:${lineNumberOf(doc, anchor?.location ?? {})}:1: ${level} ${r.id} ${r.status} (${r.level}): ${oneLine(r.title)}. ${oneLine(r.reason)}${where ? ` [${where}]` : ''}${waived}`);
    }
    if (options.quiet) continue;
    for (const f of doc.findings) lines.push(`${path}:${lineNumberOf(doc, f.location)}:1: ${findingLevel(f)} ${f.id} ${oneLine(f.message)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** error when the gap fails the gate; warning for other open gaps; note once waived or for advisory gaps below the gate. */
export function gapLevel(doc: DocumentReport, r: RequirementResult, gate: GateOptions): CompactLevel {
  if (failsGate(doc, r, { ...gate, softFail: false })) return 'error';
  if (r.waived || r.level === 'advisory') return 'note';
  return 'warning';
}

function findingLevel(f: Finding): CompactLevel {
  return f.severity === 'error' ? 'error' : f.severity === 'info' ? 'note' : 'warning';
}
