import { Command, CommanderError, Option } from 'commander';
import { ConfigError, printable } from '../util/errors.js';
import { loadCatalogue } from '../catalogue/load.js';
import { loadPreparedCatalogue } from '../audit/prepared.js';
import { EXIT, exitStatus, type GateOptions } from '../gate/gate.js';
import { DEFAULT_MAX_BYTES } from '../ingest/formats.js';
import { ReportOutputs } from '../run/report-outputs.js';
import { writeReportFile } from '../run/output.js';
import type { DocumentReport } from '../types.js';
import { BINARY_FORMATS, REPORT_FORMATS } from '../report/index.js';
import { auditFiles, DEFAULT_TIMEOUT_MS, MAX_JOBS_PER_CORE, maxJobs, releaseWorkers, reportHeader, warmUpWorkers } from '../run/run.js';
import { DEFAULT_GRACE_MONTHS } from '../audit/currency.js';
import { JURISDICTIONS } from '../util/jurisdictions.js';
import { loadConfig, STARTER_CONFIG, type Config } from '../gate/config.js';
import { writeFile } from 'node:fs/promises';
import { checkWaiverIds, prepareWaivers } from '../gate/waivers.js';
import { dirname, join } from 'node:path';
import { displayPath, printConfig } from './options.js';
import { readBaseline, renderBaseline } from '../gate/baseline.js';
import { checkRequirementIds } from '../util/ids.js';
import { Progress } from './progress.js';
import { expandInputs } from '../run/inputs.js';
import { versionText } from '../run/version.js';
import { addCatalogueCommands } from './catalogue-command.js';
import { addDiffCommand } from './diff-command.js';
import { addReportCommand } from './report-command.js';
import { processIo, type CliIo } from './io.js';
import { resolveOptions, todayUtc, type AuditFlags } from './resolve.js';

export type { CliIo } from './io.js';

const EXAMPLES = `
Examples:
  $ sg-audit policy.docx                          friendly report in the terminal
  $ sg-audit --profile school policy.pdf          judge against the schools profile (KCSIE)
  $ sg-audit --format json -o report.json *.md    machine-readable report to a file
  $ sg-audit --fail-on should policy.md           exit 1 on any must or should gap
  $ sg-audit catalogue list --profile early-years the requirements a profile checks

Exit status: 0 no gap at or above --fail-on, 1 gaps found, 2 usage error or a file could not be audited.`;

/**
 * The whole CLI as a function: arguments in, exit status out. Everything it takes from its process
 * (streams, environment, working folder) is injected, so tests can run it in-process.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = new Command();
  let exitCode: number = EXIT.ok;
  let debug = false;
  // Before any subcommand is added: they copy the output settings of their parent.
  program.configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
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
      debug = flags.debug === true;
      try {
        exitCode = await runAudit(files, flags, io);
      } finally {
        await releaseWorkers();
      }
    });
  program
    .command('init')
    .description('write a commented starter .sg-audit.yml in this folder')
    .action(async () => {
      try {
        await writeFile(join(io.cwd, '.sg-audit.yml'), STARTER_CONFIG, { flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ConfigError('.sg-audit.yml already exists: not overwritten');
        throw err;
      }
      io.stdout.write('wrote .sg-audit.yml\n');
    });
  program.on('option:version', () => {
    io.stdout.write(versionText(loadCatalogue()));
    throw new CommanderError(0, 'commander.version', '');
  });
  addCatalogueCommands(program, io, (code) => {
    exitCode = code;
  });
  addDiffCommand(program, io, (code) => {
    exitCode = code;
  });
  addReportCommand(program, io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT.ok : EXIT.unusable;
    }
    if (err instanceof ConfigError) {
      io.stderr.write(`sg-audit: ${err.message}\n`);
      return EXIT.unusable;
    }
    io.stderr.write(`sg-audit: ${(err as Error).message}\n`);
    if (debug) io.stderr.write(`${(err as Error).stack}\n`);
    return EXIT.unusable;
  }
  return exitCode;
}

async function runAudit(inputs: string[], flags: AuditFlags, io: CliIo): Promise<number> {
  const say = (line: string) => io.stderr.write(`sg-audit: ${line}\n`);
  if (!inputs.length && !flags.printConfig) {
    say('no files given (run sg-audit --help for usage)');
    return EXIT.unusable;
  }
  const jobs = flags.jobs === undefined ? undefined : jobCount(flags.jobs, say);
  void warmUpWorkers(jobs); // their start-up overlaps the loading below
  const config: Config = flags.config === false ? {} : await loadConfig(io.cwd, flags.config, (line) => io.stderr.write(`${line}\n`));
  const shown = (path: string) => displayPath(path, io.cwd);
  if (flags.debug || flags.printConfig) say(config.file ? `configuration: ${shown(config.file)}` : 'no configuration file in use');
  const options = resolveOptions({ ...flags, password: flags.password ?? io.env.SG_AUDIT_PDF_PASSWORD }, config, io.env, todayUtc());
  const { asOf, format, reports, profile } = options;

  const prepared = loadPreparedCatalogue(options.catalogue);
  const profiles = new Set(prepared.catalogue.profiles.map((p) => p.id));
  if (profile && !profiles.has(profile)) {
    throw new ConfigError(`--profile: unknown profile "${profile}" (known: ${[...profiles].join(', ')})`);
  }

  // Gate and configuration: every id must exist, waivers are relative to the config's folder.
  const knownIds = new Set(prepared.catalogue.requirements.map((r) => r.id));
  const configName = config.file ? shown(config.file) : 'configuration';
  checkRequirementIds(options.failOnIds, knownIds, options.failOnIdsFrom === 'flag' ? '--fail-on-id' : `${configName}: failOnIds`);
  checkRequirementIds(config.failOnIds ?? [], knownIds, `${configName}: failOnIds`);
  checkWaiverIds(config, knownIds, configName);
  const configBase = config.file ? dirname(config.file) : io.cwd;
  const known = flags.baseline ? readBaseline(flags.baseline) : undefined;
  const gate: GateOptions = { failOn: options.failOn, failOnIds: options.failOnIds, softFail: options.softFail, ...(known ? { known } : {}) };
  if (flags.printConfig) {
    io.stdout.write(
      printConfig(config, {
        profile,
        catalogue: options.catalogue,
        format,
        failOn: gate.failOn,
        failOnIds: options.failOnIds,
        softFail: options.softFail,
        asOf: asOf.toISOString().slice(0, 10),
        ocr: options.ocr,
        reports: Object.fromEntries(reports),
      }),
    );
    return EXIT.ok;
  }

  const { files, skipped, excluded, unreadable } = await expandInputs(inputs, {
    base: configBase,
    ...(config.include ? { include: config.include } : {}),
    ...(config.exclude ? { exclude: config.exclude } : {}),
    noIgnore: flags.ignore === false,
    reportFiles: [...reports.map(([, path]) => path), ...(flags.output ? [flags.output] : []), ...(flags.writeBaseline ? [flags.writeBaseline] : [])],
  });
  for (const { folder, reason } of unreadable) say(`${printable(folder)}: cannot read this folder (${reason}): its files were not audited`);
  if (skipped.length && !flags.quiet) {
    say(`skipped ${skipped.length} file(s) not taken by include (.md, .docx, .pdf; name a .txt file to audit it): ${skipped.slice(0, 5).map(printable).join(', ')}${skipped.length > 5 ? ', …' : ''}`);
  }
  if (excluded.length && !flags.quiet) {
    say(
      `left out ${excluded.length} file(s) by exclude, .gitignore or as sg-audit reports (--no-ignore to audit them): ${excluded.slice(0, 5).map(printable).join(', ')}${excluded.length > 5 ? ', …' : ''}`,
    );
  }
  // The library applies waivers; prepared here so a misspelt directive id stops the run at once,
  // and so the expired and unused ones can be reported after the run.
  const waivers = await prepareWaivers(files, knownIds, asOf, { config, name: configName, cwd: io.cwd });
  if (!files.length) {
    // Every file given was left out on purpose (a pre-commit run over a README): nothing to fail.
    if (excluded.length) return EXIT.ok;
    say('no policy files found in the inputs given');
    return EXIT.unusable;
  }

  // A Word document is bytes: to a file with -o, or through a pipe, never onto a terminal.
  if (BINARY_FORMATS.has(format) && !flags.output && io.stdout.isTTY === true) {
    throw new ConfigError(`--format ${format}: the report is a binary file; write it with -o FILE (e.g. -o report.${format})`);
  }
  const machineOnStdout = !flags.output && format !== 'text';
  const progress = flags.progress !== false && !flags.quiet && !machineOnStdout && io.stderr.isTTY === true && files.length > 1 ? new Progress(files.length, io.stderr) : undefined;
  const configShown = config.file ? shown(config.file) : undefined;
  const header = reportHeader(prepared.catalogue, asOf, configShown);
  const color = options.colour(io.stdout.isTTY === true);
  // Report files first: a report that cannot be written is a usage error, reported before exiting.
  const outputs = new ReportOutputs(
    [...reports.map(([f, path]) => ({ format: f, path, options: { gate } })), { format, ...(flags.output ? { path: flags.output } : {}), options: { color, quiet: flags.quiet === true, gate } }],
    header,
    files.length,
    { inputs: files, others: [options.catalogue, config.file, flags.baseline] },
    (target) => say(`wrote the ${target.format} report to ${printable(target.path ?? '')}`),
    io.stdout,
  );
  // Kept per document, so a batch of any size needs no document in memory once written out.
  let status: number = EXIT.ok;
  const failed: [number, DocumentReport][] = [];
  try {
    const report = await auditFiles(files, prepared, {
      asOf,
      timeoutMs: options.timeoutMs,
      ...(jobs ? { jobs } : {}),
      ...(profile ? { profile } : {}),
      ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
      ...(options.graceMonths !== undefined ? { graceMonths: options.graceMonths } : {}),
      ingest: { maxBytes: options.maxBytes, ...(options.password ? { password: options.password } : {}), ...(options.ocr ? { ocr: true } : {}) },
      // A baseline lists every gap of the run, so it needs the documents too.
      keepDocuments: outputs.keepDocuments || flags.writeBaseline !== undefined,
      waivers,
      ...(configShown ? { configName: configShown } : {}),
      ...(flags.debug ? { debug: true } : {}),
      onDocument: async (doc, i) => {
        progress?.tick();
        status = Math.max(status, exitStatus({ ...header, documents: [doc] }, gate));
        if (doc.status !== 'audited') failed.push([i, { ...doc, requirements: [], findings: [] }]);
        await outputs.add(doc, i);
      },
    });
    progress?.done();
    await outputs.finish(report);
    if (flags.writeBaseline) await writeReportFile(flags.writeBaseline, renderBaseline(report, flags.writeBaseline), files);
  } finally {
    outputs.dispose();
  }

  // Errors last, after every other input has been reported: one line each, naming the file.
  for (const [, doc] of failed.sort((a, b) => a[0] - b[0])) {
    // A document that could not be assessed is still reported in full; this line says why it was not audited.
    const why = doc.notAssessable ? `not assessable (${doc.notAssessable.kind}): ${doc.notAssessable.reason}` : (doc.error ?? doc.status);
    say(`${printable(doc.path)}: ${printable(why)}`);
    if (flags.debug && doc.notes?.length && doc.status === 'error') io.stderr.write(`${doc.notes.join('\n')}\n`);
  }
  const { expired } = waivers;
  for (const { waiver, path } of expired) {
    say(`${printable(path)}: the waiver for ${waiver.id} expired on ${waiver.expires} (${config.file ?? 'config'})`);
  }
  const unused = waivers.unused();
  for (const w of unused) {
    const what = `${flags.strict ? 'error' : 'warning'}: the waiver for ${w.id}${w.path ? ` (path "${printable(w.path)}", relative to ${shown(configBase) || '.'})` : ''} matched no gap in this run: remove it, or check its path`;
    say(`${configName}: ${what}`);
  }
  if (unreadable.length) return EXIT.unusable; // some input could not be audited
  return status === EXIT.ok && (expired.length || (flags.strict && unused.length)) ? EXIT.gaps : status;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** --jobs: a whole number of workers, at most MAX_JOBS_PER_CORE per core (each may use a GB). */
function jobCount(text: string, say: (line: string) => void): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < 1) throw new ConfigError(`--jobs: "${text}" is not a positive whole number`);
  if (n > maxJobs()) say(`--jobs ${n} lowered to ${maxJobs()} (${MAX_JOBS_PER_CORE} per core)`);
  return Math.min(n, maxJobs());
}
