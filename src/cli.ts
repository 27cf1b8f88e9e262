import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from './errors.js';
import { loadCatalogue } from './catalogue/load.js';
import { parseIsoDate } from './audit/dates.js';
import { prepareCatalogue } from './audit/prepared.js';
import { EXIT, exitStatus, type FailOn } from './gate.js';
import { DEFAULT_MAX_BYTES } from './ingest/index.js';
import { writeReportFile } from './output.js';
import { isReportFormat, renderReport, REPORT_FORMATS, type ReportFormat } from './report/index.js';
import { auditFiles } from './run.js';
import { expandInputs } from './inputs.js';
import { toolVersion } from './version.js';
import { addCatalogueCommands } from './cli-catalogue.js';

interface AuditFlags {
  format: string;
  output?: string;
  profile?: string;
  catalogue?: string;
  failOn: FailOn;
  asOf?: string;
  quiet?: boolean;
  debug?: boolean;
  maxBytes: string;
  password?: string;
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
    .addOption(new Option('-f, --format <format>', 'report format').choices([...REPORT_FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file (written whole or not at all)')
    .option('-p, --profile <name>', 'organisation profile (default: detected from the text, else general)')
    .option('-c, --catalogue <file>', 'custom catalogue YAML (may say "extends: default")')
    .addOption(new Option('--fail-on <level>', 'lowest gap level that makes the exit status 1').choices(['must', 'should', 'advisory', 'none']).default('must'))
    .option('--as-of <date>', 'judge review dates as of this day (YYYY-MM-DD), for reproducible runs')
    .option('--max-bytes <n>', 'refuse input files larger than this', String(DEFAULT_MAX_BYTES))
    .option('--password <password>', 'password for an encrypted PDF')
    .option('-q, --quiet', 'text report: only the summary and the gaps')
    .option('--debug', 'show stack traces for internal errors')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run sg-audit --help for usage)')
    .enablePositionalOptions()
    .exitOverride()
    .action(async (files: string[], flags: AuditFlags) => {
      exitCode = await runAudit(files, flags);
    });
  addCatalogueCommands(program, (code) => {
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

async function runAudit(files: string[], flags: AuditFlags): Promise<number> {
  if (flags.debug) process.env.SG_AUDIT_DEBUG = '1';
  if (!files.length) {
    process.stderr.write('sg-audit: no files given (run sg-audit --help for usage)\n');
    return EXIT.unusable;
  }
  const asOf = flags.asOf ? parseIsoDate(flags.asOf) : todayUtc();
  if (!asOf) throw new ConfigError(`--as-of: "${flags.asOf}" is not a date (YYYY-MM-DD)`);
  const maxBytes = Number(flags.maxBytes);
  if (!Number.isFinite(maxBytes) || maxBytes <= 0) throw new ConfigError(`--max-bytes: "${flags.maxBytes}" is not a positive number`);
  const format: ReportFormat = isReportFormat(flags.format) ? flags.format : 'text';

  const prepared = prepareCatalogue(loadCatalogue(flags.catalogue));
  const profiles = new Set(prepared.catalogue.profiles.map((p) => p.id));
  if (flags.profile && !profiles.has(flags.profile)) {
    throw new ConfigError(`--profile: unknown profile "${flags.profile}" (known: ${[...profiles].join(', ')})`);
  }

  const { files: paths, skipped } = await expandInputs(files);
  if (skipped.length && !flags.quiet) process.stderr.write(`sg-audit: skipped ${skipped.length} file(s) that are not .md, .docx or .pdf: ${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', …' : ''}\n`);
  if (!paths.length) {
    process.stderr.write('sg-audit: no policy files found in the inputs given\n');
    return EXIT.unusable;
  }
  const report = await auditFiles(paths, prepared, {
    asOf,
    ...(flags.profile ? { profile: flags.profile } : {}),
    ingest: { maxBytes, ...(flags.password ? { password: flags.password } : {}) },
  });

  const color = format === 'text' && !flags.output && wantsColour(process.stdout.isTTY === true);
  const text = renderReport(format, report, { color, quiet: flags.quiet === true });
  if (flags.output) await writeReportFile(flags.output, text, paths);
  else process.stdout.write(text);

  // Errors last, after every other input has been reported: one line each, naming the file.
  for (const doc of report.documents) {
    if (doc.status !== 'audited') process.stderr.write(`sg-audit: ${doc.path}: ${doc.error ?? doc.status}\n`);
    if (flags.debug && doc.notes?.length && doc.status === 'error') process.stderr.write(`${doc.notes.join('\n')}\n`);
  }
  return exitStatus(report, { failOn: flags.failOn });
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
