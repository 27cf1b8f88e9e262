import { Chalk } from 'chalk';
import { failsGate } from '../gate/gate.js';
import type { AuditReport } from '../types.js';
import { DEFAULT_GATE } from './compact.js';
import type { RenderOptions } from './index.js';
import { formatLocation } from './location.js';
import { oneLine } from './shared.js';

/**
 * The text report under --quiet: only what fails the gate, so a CI log shows the problems and
 * nothing else. No counts, which would mislead once everything else is left out.
 */
export function renderQuietText(report: AuditReport, options: RenderOptions): string {
  const gate = options.gate ?? DEFAULT_GATE;
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  let failing = 0;
  for (const doc of report.documents) {
    if (doc.status !== 'audited') {
      lines.push(`${c.bold(oneLine(doc.path))}: ${c.red(`could not audit (${doc.status}): ${oneLine(doc.error ?? 'no reason given')}`)}`);
      continue;
    }
    const gaps = doc.requirements.filter((r) => failsGate(doc, r, { ...gate, softFail: false }));
    if (!gaps.length) continue;
    failing += gaps.length;
    lines.push(c.bold(oneLine(doc.path)));
    for (const r of gaps) {
      // Only a passage that counts as evidence: a missing requirement's nearest text is not where it stands.
      const anchor = r.evidence[0];
      const where = anchor ? formatLocation(anchor.location) : '';
      lines.push(`  ${c.red(`✗ ${r.status.toUpperCase()}`)}  ${r.id}  ${oneLine(r.title)} [${r.level}]${where ? ` (${where})` : ''}`);
      lines.push(`    ${oneLine(r.reason)}. ${c.dim(oneLine(r.advice))}`);
    }
  }
  if (failing) lines.push('', `${failing} gap(s) fail the gate`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
