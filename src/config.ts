import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvType } from 'ajv';
import { lilconfig, type LilconfigResult } from 'lilconfig';
import { ConfigError } from './errors.js';
import { packagePath } from './package-path.js';
import { parseYaml } from './catalogue/yaml-file.js';
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
  waivers?: Waiver[];
  /** The file it came from (paths inside are relative to its folder). */
  file?: string;
}

const CONFIG_FILES = ['.sg-audit.yml', '.sg-audit.yaml', '.sg-audit.json', 'package.json'];

function loadYaml(file: string, content: string): unknown {
  return parseYaml(content, file).data;
}

/** Finds the configuration from a folder upwards (like ESLint and markdownlint-cli2), or reads one file. */
export async function loadConfig(from: string, explicit?: string): Promise<Config> {
  const explorer = lilconfig('sg-audit', {
    searchPlaces: CONFIG_FILES,
    loaders: { '.yml': loadYaml, '.yaml': loadYaml, noExt: loadYaml },
  });
  let found: LilconfigResult;
  try {
    found = explicit ? await explorer.load(resolve(explicit)) : await explorer.search(from);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${explicit ?? 'configuration'}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!found || found.isEmpty) return {};
  return checkConfig(found.config, found.filepath);
}

let validator: ReturnType<AjvType['compile']> | undefined;

function checkConfig(data: unknown, file: string): Config {
  // Loaded only when a configuration file is found.
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvType };
  validator ??= new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(packagePath('schema', 'config.schema.json'), 'utf8')) as object);
  if (!validator(data)) {
    const error = validator.errors?.[0];
    const where = error?.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
    const detail = error?.keyword === 'additionalProperties' ? `has an unknown key "${String((error.params as { additionalProperty: string }).additionalProperty)}"` : (error?.message ?? 'is not valid');
    throw new ConfigError(`${file}: ${where} ${detail}`);
  }
  const config = { ...(data as Config), file };
  const base = dirname(file);
  if (config.catalogue) config.catalogue = resolve(base, config.catalogue);
  if (config.reports) config.reports = Object.fromEntries(Object.entries(config.reports).map(([f, p]) => [f, resolve(base, p)]));
  return config;
}

export const STARTER_CONFIG = `# sg-audit configuration: found from the working folder upwards. Command-line flags win.
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

# Accepted gaps: shown as waived, not hidden. An expired waiver fails the run.
# waivers:
#   - id: online-safety
#     path: "policies/*.md"
#     reason: Covered by the separate online safety policy, approved by the board in March.
#     expires: 2027-03-31
`;
