import { existsSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvType } from 'ajv';
import { ConfigError } from '../util/errors.js';
import { anyGlob } from '../util/glob.js';
import { packagePath } from '../util/package-path.js';
import { isInside } from '../util/paths.js';
import { parseJson, parseYaml, readRegularFile } from '../catalogue/yaml-file.js';
import type { FailOn } from './gate.js';

export interface Waiver {
  id: string;
  path?: string;
  reason: string;
  expires?: string;
}

export interface Config {
  profile?: string;
  catalogue?: string;
  format?: string;
  failOn?: FailOn;
  failOnIds?: string[];
  softFail?: boolean;
  asOf?: string;
  /** The nation or country policies are written for (default: detected from each policy). */
  jurisdiction?: string;
  /** Months after a new edition of guidance starts before citing the old one is reported (default 6). */
  graceMonths?: number;
  /** Read PDF pages with no text layer by OCR (--ocr). */
  ocr?: boolean;
  reports?: Record<string, string>;
  /** Globs of the files a folder scan audits (default: DEFAULT_INCLUDE). */
  include?: string[];
  /** Globs of files never audited, even when named (added to DEFAULT_EXCLUDE). */
  exclude?: string[];
  waivers?: Waiver[];
  /** The file it came from (paths inside are relative to its folder). */
  file?: string;
}

const CONFIG_FILES = ['.sg-audit.yml', '.sg-audit.yaml', '.sg-audit.json', 'package.json'];
/** A configuration is a few lines; package.json can be longer, but not this long. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Finds the configuration from a folder upwards (like ESLint and markdownlint-cli2), or reads one
 * file. The search stops at the repository root (the folder holding .git) or the home folder, and
 * skips, with a line on stderr, a file another user owns or others can write: a config planted in a
 * shared parent such as /tmp must not switch the gate off. A file named with --config is trusted.
 */
export async function loadConfig(from: string, explicit?: string, warn: (message: string) => void = defaultWarn): Promise<Config> {
  if (explicit) {
    const file = resolve(explicit);
    const data = readConfigData(file);
    if (data === undefined) throw new ConfigError(`${explicit}: has no "sg-audit" key`);
    return checkConfig(data, file);
  }
  for (const dir of searchFolders(resolve(from))) {
    for (const name of CONFIG_FILES) {
      const file = join(dir, name);
      const info = statSync(file, { throwIfNoEntry: false });
      if (!info) continue;
      // Checked before reading: an untrusted file is never parsed, so it cannot even break the run.
      const why = distrust(info);
      if (why) {
        // Most package.json files say nothing to sg-audit: only a config file of its own is worth a line.
        if (name !== 'package.json') warn(`sg-audit: ${file}: configuration ignored: ${why}`);
        continue;
      }
      const data = readConfigData(file);
      if (data === undefined) continue; // a package.json without an "sg-audit" key
      return checkConfig(data, file);
    }
  }
  return {};
}

function defaultWarn(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The folders searched: from here up to the repository root or the home folder, else only here. */
export function searchFolders(from: string): string[] {
  const home = homedir();
  const folders: string[] = [];
  for (let dir = from; ; dir = dirname(dir)) {
    folders.push(dir);
    if (dir === home || existsSync(join(dir, '.git'))) return folders;
    if (dirname(dir) === dir) break;
  }
  // Neither a repository nor the home folder above: a parent is anyone's, so only this folder counts.
  return [from];
}

/** Why a discovered configuration file must not be trusted, or undefined when it can be. */
function distrust(info: Stats): string | undefined {
  if (typeof process.getuid !== 'function') return undefined; // Windows: no owners or modes to check
  if (info.uid !== process.getuid() && info.uid !== 0) return `it belongs to another user (uid ${info.uid}); name it with --config to use it`;
  if (info.mode & 0o022) return 'other users can change it (run chmod go-w on it to use it)';
  return undefined;
}

/** The file's settings, or undefined for a package.json without an "sg-audit" key. */
function readConfigData(file: string): unknown {
  const text = readRegularFile(file, MAX_CONFIG_BYTES, 'configuration');
  if (basename(file) === 'package.json' || extname(file) === '.json') {
    const data = parseJson(text, file);
    if (basename(file) !== 'package.json') return data;
    return data && typeof data === 'object' ? (data as Record<string, unknown>)['sg-audit'] : undefined;
  }
  return parseYaml(text, file).data ?? {};
}

let validator: ReturnType<AjvType['compile']> | undefined;

function checkConfig(data: unknown, file: string): Config {
  // Loaded only when a configuration file is found.
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvType };
  validator ??= new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(packagePath('schema', 'config.schema.json'), 'utf8')) as object);
  if (!validator(data)) {
    const error = validator.errors?.[0];
    const where = error?.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
    const detail =
      error?.keyword === 'additionalProperties' ? `has an unknown key "${String((error.params as { additionalProperty: string }).additionalProperty)}"` : (error?.message ?? 'is not valid');
    throw new ConfigError(`${file}: ${where} ${detail}`);
  }
  const config = { ...(data as Config), file };
  const base = dirname(file);
  if (config.catalogue) config.catalogue = resolve(base, config.catalogue);
  if (config.reports) {
    config.reports = Object.fromEntries(
      Object.entries(config.reports).map(([format, path]) => {
        const target = resolve(base, path);
        // A committed config must not write outside its own project (a shared parent, ~/.bashrc).
        if (!writesInside(base, target)) {
          throw new ConfigError(`${file}: reports.${format}: "${path}" is outside the configuration file's folder (give it with --report to write there)`);
        }
        return [format, target];
      }),
    );
  }
  // Refused now, with the file named, rather than when the first document is matched.
  anyGlob(config.include ?? [], `${file}: include`, { matchBase: true });
  anyGlob(config.exclude ?? [], `${file}: exclude`, { matchBase: true });
  return config;
}

/** Inside the configuration's folder, by its path and after following symbolic links. */
function writesInside(base: string, target: string): boolean {
  if (!isInside(base, target)) return false;
  // A symbolic link to a folder outside counts as outside.
  try {
    return !relative(realpathSync(base), realpathSync(dirname(target))).startsWith('..');
  } catch {
    return true; // the folder does not exist yet: writing the report will say so
  }
}

export const STARTER_CONFIG = `# sg-audit configuration: found from the working folder upwards to the repository root.
# Command-line flags win; sg-audit --print-config shows the result.
# yaml-language-server: $schema=./node_modules/sg-audit/schema/config.schema.json

# The kind of organisation (general, voluntary, faith, sport, school, early-years, childminder,
# health, childrens-home, secure-estate, youth-justice, statutory-agency). Leave out to detect it.
# profile: school

# Lowest gap level that fails the run (exit 1): must, should, advisory or none.
failOn: must

# Gaps in these requirements fail the run whatever their level.
# failOnIds: [whistleblowing, allegations-lado]

# The nation policies are written for: england, wales, scotland, northern-ireland or outside-uk.
# Leave out to detect it from what each policy cites.
# jurisdiction: england

# Months after a new edition of guidance (Working Together, EYFS) starts before citing the old one
# is reported as out of date.
# graceMonths: 6

# Report only: never exit 1 for gaps (unreadable input still exits 2).
# softFail: false

# Read PDF pages with no text layer (scans, outlined text) by OCR: needs tesseract.
# Reports then say the text came from OCR, so quotes can be checked against the original.
# ocr: false

# A custom catalogue (may say "extends: default").
# catalogue: ./safeguarding-catalogue.yml

# Reports written on every run, format: path.
# reports:
#   sarif: sg-audit.sarif
#   html: sg-audit.html

# Which files a folder scan audits, as globs relative to this file. By default: Markdown, DOCX and
# PDF files, not README, CHANGELOG, LICENSE, CONTRIBUTING or CODE_OF_CONDUCT files, not sg-audit's
# own reports, and nothing .gitignore leaves out. A .txt file is audited only when named.
# include: ["policies/**/*.{md,docx,pdf}"]
# exclude: ["drafts/**", "archive/**"]

# Accepted gaps: shown as waived, not hidden. An expired waiver fails the run. Paths are relative
# to this file's folder. A waiver that matches no gap is a warning (an error with --strict).
# In a Markdown policy, <!-- sg-audit-disable online-safety: covered by our online safety policy -->
# waives a gap in that policy alone, and is reported the same way.
# waivers:
#   - id: online-safety
#     path: "policies/*.md"
#     reason: Covered by the separate online safety policy, approved by the board in March.
#     expires: 2027-03-31
`;
