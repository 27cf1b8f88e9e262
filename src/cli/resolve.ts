import { ConfigError } from '../util/errors.js';
import { parseIsoDate } from '../nlp/dates.js';
import type { FailOn } from '../gate/gate.js';
import type { Config } from '../gate/config.js';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { isJurisdiction, JURISDICTIONS } from '../util/jurisdictions.js';
import type { JurisdictionId } from '../types.js';
import { idList } from './options.js';

/** The audit command's flags as commander gives them. */
export interface AuditFlags {
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
  strict?: boolean;
  ignore?: boolean;
  baseline?: string;
  writeBaseline?: string;
  color?: boolean;
  printConfig?: boolean;
}

/** What a run does, once flags, the configuration file and the environment are merged (flags win). */
export interface ResolvedOptions {
  asOf: Date;
  maxBytes: number;
  timeoutMs: number;
  format: ReportFormat;
  reports: Array<readonly [ReportFormat, string]>;
  jurisdiction?: JurisdictionId;
  graceMonths?: number;
  catalogue?: string;
  profile?: string;
  failOn: FailOn;
  failOnIds: string[];
  /** Where failOnIds came from, for a message naming a misspelt id. */
  failOnIdsFrom: 'flag' | 'config';
  softFail: boolean;
  ocr: boolean;
  password?: string;
  /** Colour the text report on stdout, given whether stdout is a terminal. */
  colour: (stdoutIsTty: boolean) => boolean;
}

/**
 * Merges flags over the configuration file over the defaults. Pure: no files, no streams, no clock
 * (`today` is given), so every rule of precedence can be tested directly. Throws ConfigError.
 */
export function resolveOptions(flags: AuditFlags, config: Config, env: Readonly<Record<string, string | undefined>>, today: Date): ResolvedOptions {
  const asOf = resolveAsOf(flags.asOf ?? config.asOf, today);
  const maxBytes = positive(flags.maxBytes, '--max-bytes');
  // PDF passwords are at most 127 bytes; a longer one can only fail every PDF, so it is said once.
  if (flags.password && Buffer.byteLength(flags.password) > 1024) throw new ConfigError('--password (or SG_AUDIT_PDF_PASSWORD): over 1,024 bytes long; a PDF password is at most 127');
  const timeoutMs = positive(flags.timeout, '--timeout') * 1000;
  const format = reportFormat(flags.format ?? config.format ?? 'text', '--format');
  const reports = [...Object.entries(config.reports ?? {}), ...flags.report.map(splitReportFlag)].map(([f, path]) => [reportFormat(f, '--report'), path] as const);
  const jurisdiction = flags.jurisdiction ?? config.jurisdiction;
  if (jurisdiction !== undefined && !isJurisdiction(jurisdiction)) {
    throw new ConfigError(`jurisdiction: unknown "${jurisdiction}" (known: ${JURISDICTIONS.join(', ')})`);
  }
  const graceMonths = flags.graceMonths !== undefined ? nonNegative(flags.graceMonths, '--grace-months') : config.graceMonths;
  const flagIds = idList(flags.failOnId);
  return {
    asOf,
    maxBytes,
    timeoutMs,
    format,
    reports,
    ...(jurisdiction !== undefined ? { jurisdiction } : {}),
    ...(graceMonths !== undefined ? { graceMonths } : {}),
    ...((flags.catalogue ?? config.catalogue) !== undefined ? { catalogue: flags.catalogue ?? config.catalogue } : {}),
    ...((flags.profile ?? config.profile) !== undefined ? { profile: flags.profile ?? config.profile } : {}),
    failOn: flags.failOn ?? config.failOn ?? 'must',
    failOnIds: flagIds ?? config.failOnIds ?? [],
    failOnIdsFrom: flagIds !== undefined ? 'flag' : 'config',
    softFail: flags.softFail ?? config.softFail ?? false,
    ocr: flags.ocr ?? config.ocr ?? false,
    ...(flags.password ? { password: flags.password } : {}),
    colour: (isTty) => format === 'text' && !flags.output && wantsColour(isTty, flags.color, env),
  };
}

/** "sarif=out.sarif" → ["sarif", "out.sarif"]. */
function splitReportFlag(value: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new ConfigError(`--report: "${value}" should be FORMAT=PATH, e.g. sarif=sg-audit.sarif`);
  return [value.slice(0, at), value.slice(at + 1)];
}

/** Colour only on a terminal, unless --color/--no-color, NO_COLOR or FORCE_COLOR says otherwise (no-color.org). */
function wantsColour(isTty: boolean, flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  if (flag !== undefined) return flag;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  if (env.NO_COLOR) return false;
  return isTty;
}

/** Today at midnight UTC: the default --as-of. */
/** --as-of (or the configuration's asOf) as a date; today when neither gives one. */
export function resolveAsOf(text: string | undefined, today: Date): Date {
  const asOf = text ? parseIsoDate(text) : today;
  if (!asOf) throw new ConfigError(`--as-of: "${text}" is not a date (YYYY-MM-DD)`);
  return asOf;
}

export function todayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
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

/** A flag's positive number (--timeout, --max-bytes); anything else is a ConfigError naming the flag. */
export function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${flag}: "${text}" is not a positive number`);
  return n;
}
