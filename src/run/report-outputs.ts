import { checkReportTarget, openReportFile, stdoutWriter, writeThenClose, type Protected, type ReportWriter } from './output.js';
import { renderReportFile, type RenderOptions, type ReportFormat } from '../report/index.js';
import { renderQuietText } from '../report/quiet.js';
import { jsonLine } from '../report/jsonl.js';
import { DocumentSpool } from '../report/spool.js';
import { FactsCollector, type ReportHeader, type StreamedFormat, type StreamFacts } from '../report/stream.js';
import { streamedFormat } from '../report/streamed.js';
import type { AuditReport, DocumentReport } from '../types.js';

/** One report the run writes: to a file, or to standard output when path is undefined. */
export interface ReportTarget {
  format: ReportFormat;
  path?: string;
  options?: RenderOptions;
}

/**
 * Writes a run's reports as its documents arrive. JSON, JSON Lines, CSV and the CSV matrix are
 * written a document at a time from a spool on disk, in input order, so memory stays flat
 * however many documents there are; JSON Lines on standard output goes out as each document
 * finishes. Other formats need the whole report, so the run keeps its documents for them.
 */
export class ReportOutputs {
  /** The run must keep every document in memory (a format that is rendered whole). */
  readonly keepDocuments: boolean;
  private readonly live: boolean;
  private readonly spool: DocumentSpool | undefined;
  private readonly facts = new FactsCollector();
  private readonly stdout: ReportWriter;

  constructor(
    private readonly targets: ReportTarget[],
    private readonly header: ReportHeader,
    count: number,
    private readonly protect: Protected,
    /** Told of each report file once it is written whole. */
    private readonly onWritten: (target: ReportTarget) => void = () => {},
    stdout: Parameters<typeof stdoutWriter>[0] = process.stdout,
  ) {
    this.stdout = stdoutWriter(stdout);
    // Refused paths are found now, not after hours of auditing.
    for (const t of targets) if (t.path !== undefined) checkReportTarget(t.path, protect);
    this.live = targets.some(isLive);
    this.keepDocuments = targets.some((t) => !streamedFormat(t.format));
    const spooled = targets.some((t) => streamedFormat(t.format) && !isLive(t));
    this.spool = spooled && !this.keepDocuments ? new DocumentSpool(count) : undefined;
  }

  /** A finished document (any order; position is its place in the report). */
  async add(doc: DocumentReport, position: number): Promise<void> {
    this.facts.add(doc, position);
    this.spool?.add(doc, position);
    if (this.live) await this.stdout.write(jsonLine(this.header, doc));
  }

  /** Writes every report: files first, then standard output. `report` holds the documents if they were kept. */
  async finish(report: AuditReport): Promise<void> {
    const ordered = [...this.targets.filter((t) => t.path !== undefined), ...this.targets.filter((t) => t.path === undefined)];
    for (const target of ordered) {
      if (isLive(target)) continue; // already written
      const writer = target.path === undefined ? this.stdout : await openReportFile(target.path, this.protect);
      await writeThenClose(writer, async (w) => {
        const streamed = streamedFormat(target.format);
        if (streamed) await writeStreamed(w, streamed, this.streamFacts(report), this.spool ? this.spool.inOrder() : report.documents);
        else await w.write(await render(target, report));
      });
      if (target.path !== undefined) this.onWritten(target);
    }
    if (this.live) await this.stdout.close();
  }

  dispose(): void {
    this.spool?.dispose();
  }

  private streamFacts(report: AuditReport): StreamFacts {
    const facts = this.facts.facts(this.header);
    if (this.keepDocuments && report.summary) facts.summary = report.summary;
    return facts;
  }
}

/** JSON Lines on standard output: written as each document finishes, not at the end. */
function isLive(target: ReportTarget): boolean {
  return target.format === 'jsonl' && target.path === undefined;
}

/** A streamed report, a document at a time: the head, each document in report order, then the tail. */
export async function writeStreamed(writer: ReportWriter, format: StreamedFormat, facts: StreamFacts, documents: Iterable<DocumentReport> | AsyncIterable<DocumentReport>): Promise<void> {
  await writer.write(format.head(facts));
  let position = 0;
  for await (const doc of documents) await writer.write(format.document(doc, position++, facts));
  await writer.write(format.tail(facts));
}

/** A format rendered from the whole report: quiet text shows only what fails the gate; DOCX is bytes. */
async function render(target: ReportTarget, report: AuditReport): Promise<string | Uint8Array> {
  const options = target.options ?? {};
  if (target.format === 'text' && options.quiet) return renderQuietText(report, options);
  return renderReportFile(target.format, report, options);
}
