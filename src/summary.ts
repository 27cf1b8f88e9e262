import type { BatchSummary, DocumentReport } from './types.js';

/**
 * Counts across the documents of a run, for an inspector checking many policies at once:
 * how many could be audited, and per requirement how many audited documents met, partly met,
 * missed it or found it not applicable. Requirements appear in first-seen order.
 */
export function summariseAcross(documents: readonly DocumentReport[]): BatchSummary {
  const summary: BatchSummary = { documents: documents.length, audited: 0, unreadable: 0, errors: 0, requirements: {} };
  // A Map, then Object.fromEntries: an id such as "__proto__" stays an ordinary key.
  const counts = new Map<string, BatchSummary['requirements'][string]>();
  for (const doc of documents) {
    if (doc.status === 'unreadable') summary.unreadable++;
    else if (doc.status === 'error') summary.errors++;
    // Judged for information only: not counted with the audited documents' gaps.
    else if (doc.status === 'not-assessable') summary.notAssessable = (summary.notAssessable ?? 0) + 1;
    else summary.audited++;
    if (doc.status !== 'audited') continue;
    for (const r of doc.requirements) {
      let c = counts.get(r.id);
      if (!c) counts.set(r.id, (c = { title: r.title, level: r.level, met: 0, partial: 0, missing: 0, notApplicable: 0 }));
      if (r.status === 'not-applicable') c.notApplicable++;
      else c[r.status]++;
    }
  }
  summary.requirements = Object.fromEntries(counts);
  return summary;
}

/** One document's line in a batch overview. */
export interface OverviewRow {
  /** Position in report.documents (renderers link to the document's own section with it). */
  index: number;
  doc: DocumentReport;
  met: number;
  partial: number;
  missing: number;
  notApplicable: number;
  /** Open (unwaived) gaps at must level, and at every level. */
  mustGaps: number;
  gaps: number;
}

/**
 * The documents weakest first: those that could not be audited (no assurance at all), then most
 * open must gaps, then most open gaps; input order otherwise. Waived gaps are accepted, so they
 * do not count towards weakness, as in the RAG.
 */
export function weakestFirst(documents: readonly DocumentReport[]): OverviewRow[] {
  const rows = documents.map((doc, index): OverviewRow => {
    const row: OverviewRow = { index, doc, met: 0, partial: 0, missing: 0, notApplicable: 0, mustGaps: 0, gaps: 0 };
    for (const r of doc.requirements) {
      if (r.status === 'not-applicable') row.notApplicable++;
      else row[r.status]++;
      if ((r.status === 'partial' || r.status === 'missing') && !r.waived) {
        row.gaps++;
        if (r.level === 'must') row.mustGaps++;
      }
    }
    return row;
  });
  const audited = (row: OverviewRow) => (row.doc.status === 'audited' ? 1 : 0);
  return rows.sort((a, b) => audited(a) - audited(b) || b.mustGaps - a.mustGaps || b.gaps - a.gaps || a.index - b.index);
}

export type RequirementCounts = BatchSummary['requirements'][string] & { id: string };

const LEVEL_RANK = { must: 0, should: 1, advisory: 2 } as const;

/**
 * Requirements by how many audited documents fall short of them (missing or partial), then by
 * how many miss them outright, then must first; catalogue order otherwise. `onlyGaps` leaves
 * out those every document meets.
 */
export function mostMissed(summary: BatchSummary, limit = Infinity, onlyGaps = true): RequirementCounts[] {
  return Object.entries(summary.requirements)
    .map(([id, counts]) => ({ id, ...counts }))
    .filter((r) => !onlyGaps || r.missing + r.partial > 0)
    .sort((a, b) => b.missing + b.partial - (a.missing + a.partial) || b.missing - a.missing || LEVEL_RANK[a.level] - LEVEL_RANK[b.level])
    .slice(0, limit);
}
