import { rag, triage, type Rag, type Triage } from './shared.js';
import type { BatchSummary, DocumentReport, Summary } from '../types.js';
import { countStatus, tally } from '../util/tally.js';

/**
 * Counts across the documents of a run, for an inspector checking many policies at once:
 * how many could be assessed, and per requirement how many assessed documents met, partly met,
 * missed it or found it not applicable. Requirements appear in first-seen order.
 */
export function summariseAcross(documents: readonly DocumentReport[]): BatchSummary {
  const summary: BatchSummary = { documents: documents.length, audited: 0, notAssessable: 0, unreadable: 0, errors: 0, requirements: {} };
  // A Map, then Object.fromEntries: an id such as "__proto__" stays an ordinary key.
  const counts = new Map<string, BatchSummary['requirements'][string]>();
  for (const doc of documents) {
    if (doc.status === 'unreadable') summary.unreadable++;
    else if (doc.status === 'error') summary.errors++;
    else if (doc.status === 'not-assessable') summary.notAssessable++;
    else summary.audited++;
    if (doc.status !== 'audited') continue;
    for (const r of doc.requirements) {
      let c = counts.get(r.id);
      if (!c) counts.set(r.id, (c = { title: r.title, level: r.level, met: 0, partial: 0, missing: 0, notApplicable: 0 }));
      countStatus(c, r.status);
    }
  }
  summary.requirements = Object.fromEntries(counts);
  return summary;
}

/** One document's line in a batch overview. */
export interface OverviewRow extends Triage, Summary {
  /** Position in report.documents (renderers link to the document's own section with it). */
  index: number;
  doc: DocumentReport;
  rag: Rag;
}

export interface Triaged {
  /** Assessed documents, lowest score first. */
  ranked: OverviewRow[];
  /** Documents that could not be assessed (not assessable, unreadable, error), in input order: never ranked. */
  apart: OverviewRow[];
}

/**
 * The overview's order: assessed documents by score, lowest first (the share of must and should
 * requirements covered, so profiles with more must requirements compare fairly), then more must
 * gaps, then more gaps; input order otherwise. Documents that could not be assessed are listed
 * apart, since they carry no score to rank.
 */
export function triageOrder(documents: readonly DocumentReport[]): Triaged {
  const rows = documents.map((doc, index): OverviewRow => {
    return { index, doc, rag: rag(doc.requirements), ...tally(doc.requirements), ...triage(doc.requirements) };
  });
  // A policy with nothing that applies has no score: it sorts after every scored one.
  const score = (row: OverviewRow) => row.score ?? Infinity;
  const ranked = rows.filter((row) => row.doc.status === 'audited').sort((a, b) => score(a) - score(b) || b.mustGaps - a.mustGaps || b.gaps - a.gaps || a.index - b.index);
  return { ranked, apart: rows.filter((row) => row.doc.status !== 'audited') };
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
