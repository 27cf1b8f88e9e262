import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../util/errors.js';
import { loadCatalogue } from '../catalogue/load.js';
import { parseIsoDate } from '../nlp/dates.js';
import { prepareCatalogue } from '../audit/prepared.js';
import { EXIT, exitStatus, type FailOn, type GateOptions } from '../gate/gate.js';
import { DEFAULT_MAX_BYTES } from '../ingest/formats.js';
import { ReportOutputs } from '../run/report-outputs.js';
import { writeReportFile } from '../run/output.js';
import type { DocumentReport } from '../types.js';
import { BINARY_FORMATS, isReportFormat, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { auditFiles, catalogueHeader, DEFAULT_TIMEOUT_MS, MAX_JOBS_PER_CORE, maxJobs, releaseWorkers, warmUpWorkers } from '../run/run.js';
import { DEFAULT_GRACE_MONTHS } from '../audit/currency.js';
import { isJurisdiction, JURISDICTIONS } from '../audit/jurisdiction.js';
import { loadConfig, STARTER_CONFIG, type Config } from '../gate/config.js';
import { writeFile } from 'node:fs/promises';
import { Waivers, type ExpiredWaiver } from '../gate/waivers.js';
import { dirname } from 'node:path';
import { displayPath, idList, printConfig } from './options.js';
import { readBaseline, renderBaseline } from '../gate/baseline.js';
import { mayHoldDirectives, readDirectives, type InlineDirective } from '../gate/directives.js';
import { checkRequirementIds } from '../util/ids.js';
import { Progress } from './progress.js';
import { expandInputs } from '../run/inputs.js';
import { toolVersion, versionText } from '../run/version.js';
import { addCatalogueCommands } from './catalogue-command.js';
import { addDiffCommand } from './diff-command.js';
import { addReportCommand } from './report-command.js';

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
  jurisdiction?: string;
  graceMonths?: string;
  quiet?: boolean;
  debug?: boolean;
  progress?: boolean;
  jobs?: string;
  timeout: string;
  maxBytes: string;
  password?: string;
  ocr?: boolean;
  // Gate and configuration (issue 15)
  strict?: boolean;
  ignore?: boolean;
  baseline?: string;
  writeBaseline?: string;
  color?: boolean;
  printConfig?: boolean;
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
    // Not commander's .version(): the catalogue is read only when the version is asked for.
    .addOption(new Option('-V, --version', 'print the tool and catalogue versions and when the sources were last checked'))
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
    .addOption(new Option('--jurisdiction <nation>', 'the nation or country the policies are written for (default: detected from what each cites)').choices([...JURISDICTIONS]))
    .option('--grace-months <n>', `months after a new edition of guidance starts before citing the old one is reported (default ${DEFAULT_GRACE_MONTHS})`)
    .option('-j, --jobs <n>', 'files audited in parallel (default: the number of cores)')
    .option('--timeout <seconds>', 'time budget per document', String(DEFAULT_TIMEOUT_MS / 1000))
    .option('--no-progress', 'no progress bar on stderr')
    .option('--max-bytes <n>', 'refuse input files larger than this', String(DEFAULT_MAX_BYTES))
    // From the environment too, so CI can pass a secret without it showing on the command line.
    .addOption(new Option('--password <password>', 'password for an encrypted PDF').env('SG_AUDIT_PDF_PASSWORD'))
    .option('--ocr', 'read PDF pages with no text layer (scans, outlined text) by OCR: needs tesseract')
    .option('--no-ocr', 'do not OCR, whatever the configuration says')
    .option('-q, --quiet', 'only what fails the gate (text and compact reports), and no notes on stderr')
    .option('--debug', 'show stack traces for internal errors, and which configuration file is used')
    // Gate and configuration
    .option('--strict', 'a waiver that matches nothing in the run fails it (exit 1), instead of a warning')
    .option('--no-ignore', 'audit every file found or named: no exclude list, no .gitignore, no report detection')
    .option('--baseline <file>', 'fail only on gaps not in this baseline (--write-baseline) or earlier JSON report')
    .option('--write-baseline <file>', "write this run's gaps as a baseline file")
    .option('--color', 'colour the text report, even when not on a terminal')
    .option('--no-color', 'no colour (as does NO_COLOR)')
    .option('--print-config', 'print the configuration in force (merged with the flags) and the file it came from, then exit')
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
  program.on('option:version', () => {
    process.stdout.write(versionText(loadCatalogue()));
    throw new CommanderError(0, 'commander.version', '');
  });
  addCatalogueCommands(program, (code) => {
    exitCode = code;
  });
  addDiffCommand(program, (code) => {
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
  if (!inputs.length && !flags.printConfig) {
    process.stderr.write('sg-audit: no files given (run sg-audit --help for usage)\n');
    return EXIT.unusable;
  }
  const jobs = flags.jobs === undefined ? undefined : jobCount(flags.jobs);
  warmUpWorkers(jobs); // their start-up overlaps the loading below
  const config: Config = flags.config === false ? {} : await loadConfig(process.cwd(), flags.config);
  if (flags.debug || flags.printConfig) {
    process.stderr.write(`sg-audit: ${config.file ? `configuration: ${displayPath(config.file)}` : 'no configuration file in use'}\n`);
  }
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
  const jurisdiction = flags.jurisdiction ?? config.jurisdiction;
  if (jurisdiction !== undefined && !isJurisdiction(jurisdiction)) {
    throw new ConfigError(`jurisdiction: unknown "${jurisdiction}" (known: ${JURISDICTIONS.join(', ')})`);
  }
  const graceMonths = flags.graceMonths !== undefined ? nonNegative(flags.graceMonths, '--grace-months') : config.graceMonths;
  const catalogueFile = flags.catalogue ?? config.catalogue;
  const profile = flags.profile ?? config.profile;

  const prepared = prepareCatalogue(loadCatalogue(catalogueFile));
  const profiles = new Set(prepared.catalogue.profiles.map((p) => p.id));
  if (profile && !profiles.has(profile)) {
    throw new ConfigError(`--profile: unknown profile "${profile}" (known: ${[...profiles].join(', ')})`);
  }

  // Gate and configuration: every id must exist, waivers are relative to the config's folder.
  const knownIds = new Set(prepared.catalogue.requirements.map((r) => r.id));
  const configName = config.file ? displayPath(config.file) : 'configuration';
  const failOnIds = idList(flags.failOnId) ?? config.failOnIds ?? [];
  checkRequirementIds(failOnIds, knownIds, flags.failOnId !== undefined ? '--fail-on-id' : `${configName}: failOnIds`);
  checkRequirementIds(config.failOnIds ?? [], knownIds, `${configName}: failOnIds`);
  (config.waivers ?? []).forEach((w, i) => checkRequirementIds([w.id], knownIds, `${configName}: waivers[${i}].id`));
  const configBase = config.file ? dirname(config.file) : process.cwd();
  const waivers = new Waivers(config.waivers ?? [], configBase, asOf, configName);
  const known = flags.baseline ? readBaseline(flags.baseline) : undefined;
  const gate: GateOptions = { failOn: flags.failOn ?? config.failOn ?? 'must', failOnIds, softFail: flags.softFail ?? config.softFail ?? false, ...(known ? { known } : {}) };
  if (flags.printConfig) {
    process.stdout.write(printConfig(config, { profile, catalogue: catalogueFile, format, failOn: gate.failOn, failOnIds, softFail: gate.softFail ?? false, asOf: asOf.toISOString().slice(0, 10), ocr: flags.ocr ?? config.ocr ?? false, reports: Object.fromEntries(reports) }));
    return EXIT.ok;
  }

  const { files, skipped, excluded, unreadable } = await expandInputs(inputs, {
    base: configBase,
    ...(config.include ? { include: config.include } : {}),
    ...(config.exclude ? { exclude: config.exclude } : {}),
    noIgnore: flags.ignore === false,
    reportFiles: [...reports.map(([, path]) => path), ...(flags.output ? [flags.output] : []), ...(flags.writeBaseline ? [flags.writeBaseline] : [])],
  });
  for (const { folder, reason } of unreadable) process.stderr.write(`sg-audit: ${printable(folder)}: cannot read this folder (${reason}): its files were not audited\n`);
  if (skipped.length && !flags.quiet) {
    process.stderr.write(`sg-audit: skipped ${skipped.length} file(s) not taken by include (.md, .docx, .pdf; name a .txt file to audit it): ${skipped.slice(0, 5).map(printable).join(', ')}${skipped.length > 5 ? ', …' : ''}\n`);
  }
  if (excluded.length && !flags.quiet) {
    process.stderr.write(`sg-audit: left out ${excluded.length} file(s) by exclude, .gitignore or as sg-audit reports (--no-ignore to audit them): ${excluded.slice(0, 5).map(printable).join(', ')}${excluded.length > 5 ? ', …' : ''}\n`);
  }
  // Inline directives are read before the audit, so a misspelt id stops the run at once.
  const directives = new Map<string, InlineDirective[]>();
  for (const file of files.filter(mayHoldDirectives)) {
    const found = await readDirectives(file);
    for (const d of found) checkRequirementIds(d.ids, knownIds, `${file}:${d.line}: sg-audit-disable`);
    if (found.length) directives.set(file, found);
  }
  if (!files.length) {
    // Every file given was left out on purpose (a pre-commit run over a README): nothing to fail.
    if (excluded.length) return EXIT.ok;
    process.stderr.write('sg-audit: no policy files found in the inputs given\n');
    return EXIT.unusable;
  }

  // A Word document is bytes: to a file with -o, or through a pipe, never onto a terminal.
  if (BINARY_FORMATS.has(format) && !flags.output && process.stdout.isTTY === true) {
    throw new ConfigError(`--format ${format}: the report is a binary file; write it with -o FILE (e.g. -o report.${format})`);
  }
  const machineOnStdout = !flags.output && format !== 'text';
  const progress = flags.progress !== false && !flags.quiet && !machineOnStdout && process.stderr.isTTY === true && files.length > 1
    ? new Progress(files.length)
    : undefined;
  const expired: ExpiredWaiver[] = [];
  const configShown = config.file ? displayPath(config.file) : undefined;
  const header = { tool: { name: 'sg-audit' as const, version: toolVersion() }, catalogue: catalogueHeader(prepared.catalogue), asOf: asOf.toISOString().slice(0, 10), ...(configShown ? { config: configShown } : {}) };
  const color = format === 'text' && !flags.output && wantsColour(process.stdout.isTTY === true, flags.color);
  // Report files first: a report that cannot be written is a usage error, reported before exiting.
  const outputs = new ReportOutputs(
    [...reports.map(([f, path]) => ({ format: f, path, options: { gate } })), { format, ...(flags.output ? { path: flags.output } : {}), options: { color, quiet: flags.quiet === true, gate } }],
    header,
    files.length,
    { inputs: files, others: [catalogueFile, config.file, flags.baseline] },
    (target) => process.stderr.write(`sg-audit: wrote the ${target.format} report to ${printable(target.path ?? '')}\n`),
  );
  // Kept per document, so a batch of any size needs no document in memory once written out.
  let status: number = EXIT.ok;
  const failed: [number, DocumentReport][] = [];
  try {
    const report = await auditFiles(files, prepared, {
      asOf,
      timeoutMs,
      ...(jobs ? { jobs } : {}),
      ...(profile ? { profile } : {}),
      ...(jurisdiction ? { jurisdiction } : {}),
      ...(graceMonths !== undefined ? { graceMonths } : {}),
      ingest: { maxBytes, ...(flags.password ? { password: flags.password } : {}), ...((flags.ocr ?? config.ocr) ? { ocr: true } : {}) },
      // A baseline lists every gap of the run, so it needs the documents too.
      keepDocuments: outputs.keepDocuments || flags.writeBaseline !== undefined,
      ...(catalogueFile ? {} : { defaultCatalogue: true }),
      onDocument: async (doc, i) => {
        progress?.tick();
        expired.push(...waivers.apply(doc, directives.get(doc.path)));
        status = Math.max(status, exitStatus({ ...header, documents: [doc] }, gate));
        if (doc.status !== 'audited') failed.push([i, { ...doc, requirements: [], findings: [] }]);
        await outputs.add(doc, i);
      },
    });
    progress?.done();
    if (configShown) report.config = configShown;
    await outputs.finish(report);
    if (flags.writeBaseline) await writeReportFile(flags.writeBaseline, renderBaseline(report, flags.writeBaseline), files);
  } finally {
    outputs.dispose();
  }

  // Errors last, after every other input has been reported: one line each, naming the file.
  for (const [, doc] of failed.sort((a, b) => a[0] - b[0])) {
    // A document that could not be assessed is still reported in full; this line says why it was not audited.
    const why = doc.notAssessable ? `not assessable (${doc.notAssessable.kind}): ${doc.notAssessable.reason}` : (doc.error ?? doc.status);
    process.stderr.write(`sg-audit: ${printable(doc.path)}: ${printable(why)}\n`);
    if (flags.debug && doc.notes?.length && doc.status === 'error') process.stderr.write(`${doc.notes.join('\n')}\n`);
  }
  for (const { waiver, path } of expired) {
    process.stderr.write(`sg-audit: ${printable(path)}: the waiver for ${waiver.id} expired on ${waiver.expires} (${config.file ?? 'config'})\n`);
  }
  const unused = waivers.unused();
  for (const w of unused) {
    const what = `${flags.strict ? 'error' : 'warning'}: the waiver for ${w.id}${w.path ? ` (path "${printable(w.path)}", relative to ${displayPath(configBase) || '.'})` : ''} matched no gap in this run: remove it, or check its path`;
    process.stderr.write(`sg-audit: ${configName}: ${what}\n`);
  }
  if (unreadable.length) return EXIT.unusable; // some input could not be audited
  return status === EXIT.ok && (expired.length || (flags.strict && unused.length)) ? EXIT.gaps : status;
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

function nonNegative(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new ConfigError(`${flag}: "${text}" is not a number of months (0 or more)`);
  return n;
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

/** Colour only on a terminal, unless --color/--no-color, NO_COLOR or FORCE_COLOR says otherwise (no-color.org). */
function wantsColour(isTty: boolean, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
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
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}
