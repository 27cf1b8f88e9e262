import { atOrAboveGate, type GateOptions } from '../gate/gate.js';
import { SCHEMA_VERSION, type AuditReport, type DocumentReport, type Evidence, type Finding, type Level, type RequirementResult, type Status } from '../types.js';

/**
 * lost: met before, a gap now. gained: a gap before, met now. worse / better: missing ↔ partial.
 * evidence-changed: the same status on different passages. changed: in or out of the profile.
 */
export type ChangeKind = 'lost' | 'gained' | 'worse' | 'better' | 'evidence-changed' | 'changed';

export interface DiffSide {
  status: Status;
  evidence: Evidence[];
  reason: string;
}

export interface RequirementChange {
  id: string;
  title: string;
  level: Level;
  change: ChangeKind;
  /** A loss at or above the gate (--fail-on, --fail-on-id): it makes `sg-audit diff` exit 1. */
  failsGate: boolean;
  old: DiffSide;
  new: DiffSide;
}

export interface PolicyDiff {
  schemaVersion: string;
  kind: 'sg-audit-diff';
  tool: AuditReport['tool'];
  catalogue: AuditReport['catalogue'];
  asOf?: string;
  config?: string;
  old: { path: string; status: string; profile?: string };
  new: { path: string; status: string; profile?: string };
  /** Requirements whose judgement or evidence changed, losses first. */
  changes: RequirementChange[];
  findings: { new: Finding[]; resolved: Finding[] };
  summary: { lost: number; gained: number; worse: number; better: number; evidenceChanged: number; unchanged: number };
}

const RANK: Partial<Record<Status, number>> = { missing: 0, partial: 1, met: 2 };
const ORDER: Record<ChangeKind, number> = { lost: 0, worse: 1, changed: 2, gained: 3, better: 4, 'evidence-changed': 5 };

/** What a revision of a policy gained, lost or changed, requirement by requirement. */
export function diffDocuments(header: Pick<AuditReport, 'tool' | 'catalogue' | 'asOf' | 'config'>, before: DocumentReport, after: DocumentReport, gate: GateOptions): PolicyDiff {
  const oldById = new Map(before.requirements.map((r) => [r.id, r]));
  const changes: RequirementChange[] = [];
  let unchanged = 0;
  for (const now of after.requirements) {
    const was = oldById.get(now.id);
    const change = was ? classify(was, now) : undefined;
    if (!was || !change) {
      unchanged++;
      continue;
    }
    changes.push({
      id: now.id,
      title: now.title,
      level: now.level,
      change,
      failsGate: change === 'lost' && atOrAboveGate(now, gate),
      old: side(was),
      new: side(now),
    });
  }
  changes.sort((a, b) => ORDER[a.change] - ORDER[b.change]);
  const count = (kind: ChangeKind) => changes.filter((c) => c.change === kind).length;
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'sg-audit-diff',
    tool: header.tool,
    catalogue: header.catalogue,
    ...(header.asOf ? { asOf: header.asOf } : {}),
    ...(header.config ? { config: header.config } : {}),
    old: describe(before),
    new: describe(after),
    changes,
    findings: { new: findingsOnlyIn(after, before), resolved: findingsOnlyIn(before, after) },
    summary: {
      lost: count('lost'),
      gained: count('gained'),
      worse: count('worse'),
      better: count('better'),
      evidenceChanged: count('evidence-changed'),
      unchanged,
    },
  };
}

function classify(was: RequirementResult, now: RequirementResult): ChangeKind | undefined {
  if (was.status === now.status) {
    return evidenceKey(was) === evidenceKey(now) ? undefined : 'evidence-changed';
  }
  const a = RANK[was.status];
  const b = RANK[now.status];
  if (a === undefined || b === undefined) return 'changed';
  if (a === 2) return 'lost';
  if (b === 2) return 'gained';
  return b < a ? 'worse' : 'better';
}

/** The quoted text decides, not where it stands: an edit above a passage moves it without changing it. */
function evidenceKey(r: RequirementResult): string {
  return r.evidence.map((e) => e.text).join('\u0000');
}

function side(r: RequirementResult): DiffSide {
  const evidence = r.evidence.length ? r.evidence : r.nearest ? [r.nearest] : [];
  return { status: r.status, evidence, reason: r.reason };
}

function describe(doc: DocumentReport): PolicyDiff['old'] {
  return { path: doc.path, status: doc.status, ...(doc.profile ? { profile: doc.profile } : {}) };
}

/** Findings of `a` that `b` does not have, compared by id and message (lines move between revisions). */
function findingsOnlyIn(a: DocumentReport, b: DocumentReport): Finding[] {
  const keys = new Set(b.findings.map((f) => `${f.id}\u0000${f.message}`));
  return a.findings.filter((f) => !keys.has(`${f.id}\u0000${f.message}`));
}

/** Exit 1 when a requirement at or above the gate went from met to a gap. */
export function diffFailsGate(diff: PolicyDiff): boolean {
  return diff.changes.some((c) => c.failsGate);
}
