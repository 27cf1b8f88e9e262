import { Option, type Command } from 'commander';
import { loadPreparedCatalogue } from '../audit/prepared.js';
import { loadConfig, type Config } from '../gate/config.js';
import { diffDocuments, diffFailsGate } from '../diff/diff.js';
import { DIFF_FORMATS, renderDiff, type DiffFormat } from '../diff/render.js';
import { ConfigError } from '../util/errors.js';
import { EXIT, type FailOn } from '../gate/gate.js';
import { displayPath, idList } from './options.js';
import type { CliIo } from './io.js';
import { positive, resolveAsOf, todayUtc } from './resolve.js';
import { checkRequirementIds } from '../util/ids.js';
import { writeReportFile } from '../run/output.js';
import { auditFiles, DEFAULT_TIMEOUT_MS } from '../run/run.js';
import { toolVersion } from '../run/version.js';

interface DiffFlags {
  format: DiffFormat;
  output?: string;
  profile?: string;
  catalogue?: string;
  config?: string | false;
  failOn?: FailOn;
  failOnId?: string;
  asOf?: string;
  timeout: string;
  password?: string;
}

/** `sg-audit diff old new`: what a revision of a policy gained, lost or changed. The logic is src/diff. */
export function addDiffCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('diff <old> <new>')
    .description('compare two versions of a policy (any formats): what the revision gained, lost or changed; exit 1 when a requirement at or above --fail-on went from met to a gap')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...DIFF_FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the comparison to a file (written whole or not at all)')
    .option('-p, --profile <name>', 'organisation profile for both (default: detected from the new version)')
    .option('-c, --catalogue <file>', 'custom catalogue YAML')
    .option('--config <file>', 'configuration file (default: .sg-audit.yml found from here upwards)')
    .option('--no-config', 'ignore configuration files')
    .addOption(new Option('--fail-on <level>', 'lowest level whose loss makes the exit status 1 (default: must)').choices(['must', 'should', 'advisory', 'none']))
    .option('--fail-on-id <ids>', 'comma-separated requirement ids whose loss fails whatever their level')
    .option('--as-of <date>', 'judge review dates as of this day (YYYY-MM-DD)')
    .option('--timeout <seconds>', 'time budget per document', String(DEFAULT_TIMEOUT_MS / 1000))
    .addOption(new Option('--password <password>', 'password for an encrypted PDF').env('SG_AUDIT_PDF_PASSWORD'))
    .action(async (oldPath: string, newPath: string, flags: DiffFlags) => {
      setExit(await runDiff(oldPath, newPath, flags, io));
    });
}

async function runDiff(oldPath: string, newPath: string, flags: DiffFlags, io: CliIo): Promise<number> {
  const config: Config = flags.config === false ? {} : await loadConfig(io.cwd, flags.config, (line) => io.stderr.write(`${line}\n`));
  const asOf = resolveAsOf(flags.asOf ?? config.asOf, todayUtc());
  const timeout = positive(flags.timeout, '--timeout');
  const prepared = loadPreparedCatalogue(flags.catalogue ?? config.catalogue);
  const failOnIds = idList(flags.failOnId) ?? config.failOnIds ?? [];
  const configName = config.file ? displayPath(config.file, io.cwd) : undefined;
  checkRequirementIds(failOnIds, new Set(prepared.catalogue.requirements.map((r) => r.id)), flags.failOnId !== undefined ? '--fail-on-id' : `${configName}: failOnIds`);
  const profile = flags.profile ?? config.profile;
  if (profile && !prepared.catalogue.profiles.some((p) => p.id === profile)) throw new ConfigError(`--profile: unknown profile "${profile}"`);

  const options = { asOf, timeoutMs: timeout * 1000, jobs: 2, ...(flags.password ? { ingest: { password: flags.password } } : {}) };
  let [before, after] = (await auditFiles([oldPath, newPath], prepared, { ...options, ...(profile ? { profile } : {}) })).documents;
  for (const doc of [before, after]) {
    if (doc && doc.status !== 'audited') {
      io.stderr.write(`sg-audit: ${doc.path}: ${doc.error ?? doc.status}\n`);
      return EXIT.unusable;
    }
  }
  // Both judged against one profile, the new version's, or requirements would come and go with the detection.
  if (!profile && before && after?.profile && before.profile !== after.profile) {
    [before] = (await auditFiles([oldPath], prepared, { ...options, profile: after.profile })).documents;
  }
  const header = {
    tool: { name: 'sg-audit' as const, version: toolVersion() },
    catalogue: { name: prepared.catalogue.name, version: prepared.catalogue.version },
    asOf: asOf.toISOString().slice(0, 10),
    ...(configName ? { config: configName } : {}),
  };
  const diff = diffDocuments(header, before!, after!, { failOn: flags.failOn ?? config.failOn ?? 'must', failOnIds });
  const text = renderDiff(diff, flags.format);
  if (flags.output) await writeReportFile(flags.output, text, [oldPath, newPath]);
  else io.stdout.write(text);
  return diffFailsGate(diff) ? EXIT.gaps : EXIT.ok;
}
