import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { Option } from 'commander';
import { ConfigError } from '../util/errors.js';
import { EXIT, exitStatus, type FailOn } from '../gate/gate.js';
import { openReportFile, stdoutWriter, writeThenClose } from '../run/output.js';
import { writeStreamed } from '../run/report-outputs.js';
import { isReportFormat, renderReport, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { FactsCollector, type ReportHeader } from '../report/stream.js';
import { streamedFormat } from '../report/streamed.js';
import { summariseAcross } from '../report/summary.js';
import type { AuditReport, DocumentReport } from '../types.js';
import type { CliIo } from './io.js';

interface ReportFlags {
  from: string[];
  format: string;
  output?: string;
  failOn: FailOn;
  quiet?: boolean;
}

/**
 * `sg-audit report --from shards/*.jsonl`: rebuilds any report from saved JSON Lines, so a
 * national sweep can be split across machines and merged without auditing anything again.
 */
export function addReportCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('report')
    .description('rebuild a report (e.g. the HTML overview) from saved --format jsonl output, without auditing again')
    .requiredOption('--from <files...>', 'JSON Lines files written by sg-audit --format jsonl (shards of one run, in order)')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...REPORT_FORMATS]).default('html'))
    .option('-o, --output <file>', 'write the report to a file (written whole or not at all)')
    .addOption(new Option('--fail-on <level>', 'lowest gap level that makes the exit status 1').choices(['must', 'should', 'advisory', 'none']).default('must'))
    .option('-q, --quiet', 'text report: only the summary and the gaps')
    .action(async (flags: ReportFlags) => {
      setExit(await rebuild(flags, io));
    });
}

async function rebuild(flags: ReportFlags, io: CliIo): Promise<number> {
  if (!isReportFormat(flags.format)) throw new ConfigError(`--format: unknown format "${flags.format}"`);
  const format: ReportFormat = flags.format;
  // First pass: the run's header, the facts a streamed report needs first, and the exit status.
  const facts = new FactsCollector();
  let header: ReportHeader | undefined;
  let count = 0;
  let status: number = EXIT.ok;
  const streamed = streamedFormat(format);
  const kept: DocumentReport[] = [];
  for await (const { doc, header: own, where } of savedDocuments(flags.from)) {
    header ??= own;
    if (own.catalogue.name !== header.catalogue.name || own.catalogue.version !== header.catalogue.version) {
      throw new ConfigError(
        `${where}: audited with catalogue ${own.catalogue.name} ${own.catalogue.version}, not ${header.catalogue.name} ${header.catalogue.version} like the first shard: rebuild from one catalogue's shards`,
      );
    }
    facts.add(doc, count++);
    status = Math.max(status, exitStatus({ ...own, documents: [doc] }, { failOn: flags.failOn }));
    if (!streamed) kept.push(doc);
  }
  if (!header) throw new ConfigError(`--from: no documents in ${flags.from.join(', ')}`);
  const writer = flags.output ? await openReportFile(flags.output, { inputs: flags.from }) : stdoutWriter(io.stdout);
  await writeThenClose(writer, async (w) => {
    // Second pass, a document at a time: memory stays flat however many were saved.
    if (streamed) await writeStreamed(w, streamed, facts.facts(header), documentsOf(flags.from));
    else {
      const report: AuditReport = { ...header, ...(kept.length > 1 ? { summary: summariseAcross(kept) } : {}), documents: kept };
      await w.write(renderReport(format, report, { quiet: flags.quiet === true }));
    }
  });
  return status;
}

interface Saved {
  doc: DocumentReport;
  header: ReportHeader;
  where: string;
}

async function* documentsOf(files: string[]): AsyncGenerator<DocumentReport> {
  for await (const { doc } of savedDocuments(files)) yield doc;
}

/** Each saved line's document, file by file and line by line; a line that is not one is an error naming it. */
async function* savedDocuments(files: string[]): AsyncGenerator<Saved> {
  for (const file of files) {
    const input = createReadStream(file);
    const opened = new Promise<void>((resolve, reject) => input.once('open', () => resolve()).once('error', reject));
    await opened.catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError(`${file}: cannot read the saved report (${err.code ?? err.message})`);
    });
    let line = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (!text.trim()) continue;
      const where = `${file}:${line}`;
      let record: { tool?: unknown; catalogue?: { name: string; version: string }; asOf?: string; document?: DocumentReport };
      try {
        record = JSON.parse(text) as typeof record;
      } catch {
        throw new ConfigError(`${where}: not a JSON line (expected sg-audit --format jsonl output)`);
      }
      if (!record?.document || typeof record.document.path !== 'string' || !Array.isArray(record.document.requirements) || !record.catalogue) {
        throw new ConfigError(`${where}: not an sg-audit document line (expected sg-audit --format jsonl output)`);
      }
      const header = { tool: record.tool as ReportHeader['tool'], catalogue: record.catalogue, ...(record.asOf ? { asOf: record.asOf } : {}) };
      yield { doc: record.document, header, where };
    }
  }
}
