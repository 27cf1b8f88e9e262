import { summariseAcross } from './summary.js';
import type { AuditReport, BatchSummary, DocumentReport, Level } from '../types.js';

/** The run's own fields, written before its documents. */
export type ReportHeader = Pick<AuditReport, 'tool' | 'catalogue' | 'asOf' | 'config'>;

/** What a streamed report needs to know about all its documents before or after writing them. */
export interface StreamFacts {
  header: ReportHeader;
  /** How many documents the report holds. */
  count: number;
  /** Requirement ids in first-seen order across the documents, in report order. */
  columns: string[];
  /** Across the documents (only when there are several, as in AuditReport). */
  summary?: BatchSummary;
}

/**
 * A report written one document at a time, so memory stays flat however many documents there
 * are: the head, each document's part in report order, then the tail.
 */
export interface StreamedFormat {
  head(facts: StreamFacts): string;
  document(doc: DocumentReport, position: number, facts: StreamFacts): string;
  tail(facts: StreamFacts): string;
}

/** Renders a whole in-memory report through its streamed form: one code path for both. */
export function renderStreamed(format: StreamedFormat, report: AuditReport): string {
  const facts = factsOf(report);
  return [format.head(facts), ...report.documents.map((doc, i) => format.document(doc, i, facts)), format.tail(facts)].join('');
}

export function factsOf(report: AuditReport): StreamFacts {
  const collector = new FactsCollector();
  report.documents.forEach((doc, i) => collector.add(doc, i));
  const facts = collector.facts({ tool: report.tool, catalogue: report.catalogue, ...(report.asOf ? { asOf: report.asOf } : {}), ...(report.config ? { config: report.config } : {}) });
  if (report.summary) facts.summary = report.summary;
  return facts;
}

/**
 * Gathers the facts as documents arrive in any order: counts are summed, and each requirement
 * id remembers the first document (by report position) and place it was seen at, so the order,
 * and each requirement's title and level (a profile can raise a level), are the same as reading
 * the documents in report order, whichever worker finished first.
 */
export class FactsCollector {
  private readonly firstSeen = new Map<string, [number, number]>();
  private readonly firstText = new Map<string, { position: number; title: string; level: Level }>();
  private summary: BatchSummary | undefined;
  private count = 0;

  add(doc: DocumentReport, position: number): void {
    this.count++;
    doc.requirements.forEach((r, place) => {
      const seen = this.firstSeen.get(r.id);
      if (!seen || position < seen[0]) this.firstSeen.set(r.id, [position, place]);
      // The summary counts audited documents only, so its text comes from the first of those.
      const text = this.firstText.get(r.id);
      if (doc.status === 'audited' && (!text || position < text.position)) this.firstText.set(r.id, { position, title: r.title, level: r.level });
    });
    this.summary = mergeCounts(this.summary, summariseAcross([doc]));
  }

  facts(header: ReportHeader): StreamFacts {
    const columns = [...this.firstSeen].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1]).map(([id]) => id);
    const facts: StreamFacts = { header, count: this.count, columns };
    if (this.summary && this.count > 1) {
      const rank = new Map(columns.map((id, i) => [id, i]));
      const requirements = Object.entries(this.summary.requirements)
        .sort((a, b) => (rank.get(a[0]) ?? 0) - (rank.get(b[0]) ?? 0))
        .map(([id, counts]) => {
          const text = this.firstText.get(id);
          return [id, text ? { ...counts, title: text.title, level: text.level } : counts] as const;
        });
      facts.summary = { ...this.summary, requirements: Object.fromEntries(requirements) };
    }
    return facts;
  }
}

/** Adds two summaries' counts, field by field (whatever fields a summary has); text is kept from the first. */
function mergeCounts<T>(a: T | undefined, b: T): T {
  if (a === undefined) return b;
  if (typeof a === 'number' && typeof b === 'number') return (a + b) as T;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
    const out = new Map(Object.entries(a as Record<string, unknown>));
    for (const [key, value] of Object.entries(b as Record<string, unknown>)) out.set(key, out.has(key) ? mergeCounts(out.get(key), value) : value);
    return Object.fromEntries(out) as T;
  }
  return a;
}
