import { relative } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import type { Config } from '../gate/config.js';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../run/inputs.js';
import { isInside } from '../util/paths.js';

// Small helpers of the CLI's gate and configuration options, kept out of cli.ts.

/** "--fail-on-id a, b" → ["a", "b"]; undefined when the flag is not given. */
export function idList(text: string | undefined): string[] | undefined {
  return text
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}

/** A path as the user would type it from here: relative inside the working folder, else absolute. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return isInside(cwd, path) ? rel : rel === '' ? '.' : path;
}

/** --print-config: the settings in force after merging flags over the file, as YAML. */
export function printConfig(config: Config, effective: Record<string, unknown>): string {
  const merged: Record<string, unknown> = Object.fromEntries(Object.entries(effective).filter(([, v]) => v !== undefined));
  merged.include = config.include ?? DEFAULT_INCLUDE;
  merged.exclude = [...DEFAULT_EXCLUDE, ...(config.exclude ?? [])];
  if (config.waivers?.length) merged.waivers = config.waivers;
  const from = config.file ? `# from ${config.file} (flags win over it)` : '# no configuration file: defaults and flags';
  return `${from}\n${stringifyYaml(merged)}`;
}
