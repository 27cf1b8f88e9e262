import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from './errors.js';
import { loadCatalogue } from './catalogue/load.js';
import { parseIsoDate } from './audit/dates.js';
import { prepareCatalogue } from './audit/prepared.js';
import { EXIT, exitStatus, type FailOn } from './gate.js';
import { DEFAULT_MAX_BYTES } from './ingest/formats.js';
import { ReportOutputs } from './report-outputs.js';
import type { DocumentReport } from './types.js';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from './report/index.js';
import { auditFiles, DEFAULT_TIMEOUT_MS, MAX_JOBS_PER_CORE, maxJobs, releaseWorkers, warmUpWorkers } from './run.js';
import { loadConfig, STARTER_CONFIG, type Config } from './config.js';
import { writeFile } from 'node:fs/promises';
import { applyWaivers, type ExpiredWaiver } from './waivers.js';
import { Progress } from './progress.js';
import { expandInputs } from './inputs.js';
import { toolVersion } from './version.js';
import { addCatalogueCommands } from './cli-catalogue.js';
import { addReportCommand } from './cli-report.js';

interface AuditFlags {
  format?: string;
  output?: string;
  report: string[];
  profile?: string;
  catalogue?: string;
  config?: string | false;
  failOn?: FailOn;
  failOnId?: string;
  softFail?: boolean;
  asOf?: string;
  quiet?: boolean;
  debug?: boolean;
  progress?: boolean;
  jobs?: string;
  timeout: string;
  maxBytes: string;
  password?: string;
  ocr?: boolean;
}

const EXAMPLES = `
Examples:
  $ sg-audit policy.docx                          friendly report in the terminal
  $ sg-audit --profile school policy.pdf          judge against the schools profile (KCSIE)
  $ sg-audit --format json -o report.json *.md    machine-readable report to a file
  $ sg-audit --fail-on should policy.md           exit 1 on any must or should gap
  $ sg-audit catalogue list --profile early-years the requirements a profile checks

Exit status: 0 no gap at or above --fail-on, 1 gaps found, 2 usage error or a file could not be audited.`;

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let exitCode: number = EXIT.ok;
  program
    .name('sg-audit')
    .description('Audit a child safeguarding policy (Markdown, DOCX or PDF) against statutory and good-practice requirements.')
    .version(toolVersion(), '-V, --version')
    .argument('[files...]', 'policy files, folders (searched recursively), quoted globs, or - for a list of paths on stdin')
    .addOption(new Option('-f, --format <format>', 'report format on stdout (default: text)').choices([...REPORT_FORMATS]))
    .option('-o, --output <file>', 'write the --format report to a file instead (written whole or not at all)')
    .option('-r, --report <format=path>', 'also write a report file, e.g. sarif=out.sarif (repeatable)', collect, [])
    .option('-p, --profile <name>', 'organisation profile (default: detected from the text, else general)')
    .option('-c, --catalogue <file>', 'custom catalogue YAML (may say "extends: default")')
    .option('--config <file>', 'configuration file (default: .sg-audit.yml found from here upwards)')
    .option('--no-config', 'ignore configuration files')
    .addOption(new Option('--fail-on <level>', 'lowest gap level that makes the exit status 1 (default: must)').choices(['must', 'should', 'advisory', 'none']))
    .option('--fail-on-id <ids>', 'comma-separated requirement ids whose gaps fail the run whatever their level')
    .option('--soft-fail', 'exit 0 whatever the gaps (2 still means input could not be audited)')
    .option('--as-of <date>', 'judge review dates as of this day (YYYY-MM-DD), for reproducible runs')
    .option('-j, --jobs <n>', 'files audited in parallel (default: the number of cores)')
    .option('--timeout <seconds>', 'time budget per document', String(DEFAULT_TIMEOUT_MS / 1000))
    .option('--no-progress', 'no progress bar on stderr')
    .option('--max-bytes <n>', 'refuse input files larger than this', String(DEFAULT_MAX_BYTES))
    // From the environment too, so CI can pass a secret without it showing on the command line.
    .addOption(new Option('--password <password>', 'password for an encrypted PDF').env('SG_AUDIT_PDF_PASSWORD'))
    .option('--ocr', 'read PDF pages with no text layer (scans, outlined text) by OCR: needs tesseract')
    .option('--no-ocr', 'do not OCR, whatever the configuration says')
    .option('-q, --quiet', 'text report: only the summary and the gaps')
    .option('--debug', 'show stack traces for internal errors')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run sg-audit --help for usage)')
    .enablePositionalOptions()
    .exitOverride()
    .action(async (files: string[], flags: AuditFlags) => {
      try {
        exitCode = await runAudit(files, flags);
      } finally {
        await releaseWorkers();
      }
    });
  program
    .command('init')
    .description('write a commented starter .sg-audit.yml in this folder')
    .action(async () => {
      try {
        await writeFile('.sg-audit.yml', STARTER_CONFIG, { flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ConfigError('.sg-audit.yml already exists: not overwritten');
        throw err;
      }
      process.stdout.write('wrote .sg-audit.yml\n');
    });
  addCatalogueCommands(program, (code) => {
    exitCode = code;
  });
  addReportCommand(program, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT.ok : EXIT.unusable;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`sg-audit: ${err.message}\n`);
      return EXIT.unusable;
    }
    process.stderr.write(`sg-audit: ${(err as Error).message}\n`);
    if (process.env.SG_AUDIT_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return EXIT.unusable;
  }
  return exitCode;
}

async function runAudit(inputs: string[], flags: AuditFlags): Promise<number> {
  if (flags.debug) process.env.SG_AUDIT_DEBUG = '1';
  if (!inputs.length) {
    process.stderr.write('sg-audit: no files given (run sg-audit --help for usage)\n');
    return EXIT.unusable;
  }
  const jobs = flags.jobs === undefined ? undefined : jobCount(flags.jobs);
  warmUpWorkers(jobs); // their start-up overlaps the loading below
  const config: Config = flags.config === false ? {} : await loadConfig(process.cwd(), flags.config);
  const asOfText = flags.asOf ?? config.asOf;
  const asOf = asOfText ? parseIsoDate(asOfText) : todayUtc();
  if (!asOf) throw new ConfigError(`--as-of: "${asOfText}" is not a date (YYYY-MM-DD)`);
  const maxBytes = positive(flags.maxBytes, '--max-bytes');
  // PDF passwords are at most 127 bytes; a longer one can only fail every PDF, so it is said once.
  if (flags.password && Buffer.byteLength(flags.password) > 1024) throw new ConfigError('--password (or SG_AUDIT_PDF_PASSWORD): over 1,024 bytes long; a PDF password is at most 127');
  const timeoutMs = positive(flags.timeout, '--timeout') * 1000;
  const format = reportFormat(flags.format ?? config.format ?? 'text', '--format');
  const reports = [...Object.entries(config.reports ?? {}), ...flags.report.map(splitReportFlag)].map(
    ([f, path]) => [reportFormat(f, '--report'), path] as const,
  );
  const catalogueFile = flags.catalogue ?? config.catalogue;
  const profile = flags.profile ?? config.profile;

  const prepared = prepareCatalogue(loadCatalogue(catalogueFile));
  const profiles = new Set(prepared.catalogue.profiles.map((p) => p.id));
  if (profile && !profiles.has(profile)) {
    throw new ConfigError(`--profile: unknown profile "${profile}" (known: ${[...profiles].join(', ')})`);
  }

  const { files, skipped, unreadable } = await expandInputs(inputs);
  for (const { folder, reason } of unreadable) process.stderr.write(`sg-audit: ${printable(folder)}: cannot read this folder (${reason}): its files were not audited\n`);
  if (skipped.length && !flags.quiet) {
    process.stderr.write(`sg-audit: skipped ${skipped.length} file(s) that are not .md, .docx or .pdf: ${skipped.slice(0, 5).map(printable).join(', ')}${skipped.length > 5 ? ', …' : ''}\n`);
  }
  if (!files.length) {
    process.stderr.write('sg-audit: no policy files found in the inputs given\n');
    return EXIT.unusable;
  }

  const machineOnStdout = !flags.output && format !== 'text';
  const progress = flags.progress !== false && !flags.quiet && !machineOnStdout && process.stderr.isTTY === true && files.length > 1
    ? new Progress(files.length)
    : undefined;
  const expired: ExpiredWaiver[] = [];
  const header = { tool: { name: 'sg-audit' as const, version: toolVersion() }, catalogue: { name: prepared.catalogue.name, version: prepared.catalogue.version }, asOf: asOf.toISOString().slice(0, 10) };
  const color = format === 'text' && !flags.output && wantsColour(process.stdout.isTTY === true);
  // Report files first: a report that cannot be written is a usage error, reported before exiting.
  const outputs = new ReportOutputs(
    [...reports.map(([f, path]) => ({ format: f, path })), { format, ...(flags.output ? { path: flags.output } : {}), options: { color, quiet: flags.quiet === true } }],
    header,
    files.length,
    { inputs: files, others: [catalogueFile, config.file] },
  );
  const failOnIds = (flags.failOnId?.split(',') ?? config.failOnIds ?? []).map((id) => id.trim()).filter(Boolean);
  const gate = { failOn: flags.failOn ?? config.failOn ?? 'must', failOnIds, softFail: flags.softFail ?? config.softFail ?? false };
  // Kept per document, so a batch of any size needs no document in memory once written out.
  let status: number = EXIT.ok;
  const failed: [number, DocumentReport][] = [];
  try {
    const report = await auditFiles(files, prepared, {
      asOf,
      timeoutMs,
      ...(jobs ? { jobs } : {}),
      ...(profile ? { profile } : {}),
      ingest: { maxBytes, ...(flags.password ? { password: flags.password } : {}), ...((flags.ocr ?? config.ocr) ? { ocr: true } : {}) },
      keepDocuments: outputs.keepDocuments,
      ...(catalogueFile ? {} : { defaultCatalogue: true }),
      onDocument: async (doc, i) => {
        progress?.tick();
        expired.push(...applyWaivers([doc], config.waivers ?? [], asOf));
        status = Math.max(status, exitStatus({ ...header, documents: [doc] }, gate));
        if (doc.status !== 'audited') failed.push([i, { ...doc, requirements: [], findings: [] }]);
        await outputs.add(doc, i);
      },
    });
    progress?.done();
    await outputs.finish(report);
  } finally {
    outputs.dispose();
  }

  // Errors last, after every other input has been reported: one line each, naming the file.
  for (const [, doc] of failed.sort((a, b) => a[0] - b[0])) {
    process.stderr.write(`sg-audit: ${printable(doc.path)}: ${printable(doc.error ?? doc.status)}\n`);
    if (flags.debug && doc.notes?.length && doc.status === 'error') process.stderr.write(`${doc.notes.join('\n')}\n`);
  }
  for (const { waiver, path } of expired) {
    process.stderr.write(`sg-audit: ${path}: the waiver for ${waiver.id} expired on ${waiver.expires} (${config.file ?? 'config'})\n`);
  }
  if (unreadable.length) return EXIT.unusable; // some input could not be audited
  return status === EXIT.ok && expired.length ? EXIT.gaps : status;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function splitReportFlag(value: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new ConfigError(`--report: "${value}" should be FORMAT=PATH, e.g. sarif=sg-audit.sarif`);
  return [value.slice(0, at), value.slice(at + 1)];
}

function reportFormat(name: string, flag: string): ReportFormat {
  if (!isReportFormat(name)) throw new ConfigError(`${flag}: unknown format "${name}" (known: ${REPORT_FORMATS.join(', ')})`);
  return name;
}

/** --jobs: a whole number of workers, at most MAX_JOBS_PER_CORE per core (each may use a GB). */
function jobCount(text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < 1) throw new ConfigError(`--jobs: "${text}" is not a positive whole number`);
  if (n > maxJobs()) process.stderr.write(`sg-audit: --jobs ${n} lowered to ${maxJobs()} (${MAX_JOBS_PER_CORE} per core)\n`);
  return Math.min(n, maxJobs());
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${flag}: "${text}" is not a positive number`);
  return n;
}

/** Colour only on a terminal, unless NO_COLOR or FORCE_COLOR says otherwise (no-color.org). */
function wantsColour(isTty: boolean): boolean {
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '') return process.env.FORCE_COLOR !== '0';
  if (process.env.NO_COLOR) return false;
  return isTty;
}

function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** A file name may hold newlines or terminal escapes: the error stays one plain line. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}
