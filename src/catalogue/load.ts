import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError } from '../util/errors.js';
import { packagePath } from '../util/package-path.js';
import { cacheIsCurrent, writeCache } from '../util/stamp.js';
import { compileRequirement, withNationTerms } from './compile.js';
import { CORE, nationsOf, type AnnualEditionSpec, type Catalogue, type GuidanceEditionsSpec, type JurisdictionSpec, type OutdatedTermSpec, type ProfileSpec, type RequirementSpec } from './model.js';
import { validateCatalogueFile } from './validate.js';
import { MAX_YAML_BYTES, parseYaml, readRegularFile, type ParsedYaml } from './yaml-file.js';

interface CatalogueFile {
  name?: string;
  version?: string;
  extends?: 'default';
  area?: string;
  remove?: string[];
  levels?: Record<string, RequirementSpec['level']>;
  profiles?: ProfileSpec[];
  concepts?: Record<string, string[]>;
  outdatedTerms?: OutdatedTermSpec[];
  annualEditions?: AnnualEditionSpec[];
  guidanceEditions?: GuidanceEditionsSpec[];
  jurisdictions?: JurisdictionSpec[];
  sourcesChecked?: string;
  requirements?: (Omit<RequirementSpec, 'area'> & { area?: string })[];
}

export const DEFAULT_CATALOGUE_DIR = packagePath('requirements');
/** The default catalogue, validated, merged and prepared at build time: parsing, checking and compiling it costs far more than reading JSON. */
const DEFAULT_CACHE = packagePath('dist', 'default-catalogue.json');

/** Loads the bundled catalogue, or a custom one (a file, possibly `extends: default`, or a folder). */
export function loadCatalogue(path?: string): Catalogue {
  if (!path) return loadDefault();
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new ConfigError(`${path}: catalogue not found`);
  }
  return isFolder ? loadFolder(path) : loadFiles([readCatalogueFile(path)]);
}

function loadFolder(dir: string): Catalogue {
  const files = yamlFiles(dir).map(readCatalogueFile);
  if (!files.length) throw new ConfigError(`${dir}: no catalogue files (*.yml) in this folder`);
  return loadFiles(files);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'language.yml')
    .sort()
    .map((f) => join(dir, f));
}

/**
 * What the catalogue stage knows of its build-time cache: the prepared catalogue (the audit stage's
 * compiled form, as plain data) holds the validated, merged catalogue it was prepared from.
 */
export interface CachedCatalogue {
  catalogue: Catalogue;
}

/**
 * The build's cache of the bundled catalogue, prepared: undefined when there is none or a bundled
 * YAML file has been edited, added or removed since the build. The one place the cache is checked.
 */
export function cachedDefaultCatalogue(): CachedCatalogue | undefined {
  return cacheIsCurrent(DEFAULT_CACHE, yamlFiles(DEFAULT_CATALOGUE_DIR)) ? uncheckedDefaultCatalogue() : undefined;
}

/**
 * The build's cache as written, not checked against the YAML: for a batch's worker, whose main
 * thread has checked it (cachedDefaultCatalogue) and says so with each task.
 */
export function uncheckedDefaultCatalogue(): CachedCatalogue | undefined {
  try {
    return JSON.parse(readFileSync(DEFAULT_CACHE, 'utf8')) as CachedCatalogue;
  } catch {
    return undefined; // no cache, or an unreadable one: the YAML itself is read
  }
}

function loadDefault(): Catalogue {
  return cachedDefaultCatalogue()?.catalogue ?? loadFolder(DEFAULT_CATALOGUE_DIR);
}

/**
 * Writes the build-time cache of the default catalogue (run by the build). `prepare` is the audit
 * stage's, passed in so that the catalogue never imports the stage after it: the cache holds the
 * catalogue prepared, as plain data, so no run compiles its phrases again.
 */
export function writeDefaultCatalogueCache(prepare: (catalogue: Catalogue) => CachedCatalogue): string {
  const files = yamlFiles(DEFAULT_CATALOGUE_DIR);
  writeCache(DEFAULT_CACHE, prepare(loadFolder(DEFAULT_CATALOGUE_DIR)), files);
  return DEFAULT_CACHE;
}

export function readCatalogueFile(file: string): ParsedYaml {
  const text = readRegularFile(file, MAX_YAML_BYTES, 'catalogue');
  const parsed = parseYaml(text, file);
  validateCatalogueFile(parsed);
  return parsed;
}

/** Merges catalogue files in order: later files add requirements, override levels, remove ids. */
export function loadFiles(files: ParsedYaml[]): Catalogue {
  let catalogue: Catalogue = { name: 'custom', version: '0', requirements: [], profiles: [], outdatedTerms: [], annualEditions: [], guidanceEditions: [], jurisdictions: [], concepts: {} };
  const origin = new Map<string, { parsed: ParsedYaml; path: (string | number)[] }>();
  for (const parsed of files) {
    const data = parsed.data as CatalogueFile;
    if (data.extends === 'default') catalogue = structuredClone(loadDefault());
    if (data.name) catalogue.name = data.name;
    if (data.version) catalogue.version = data.version;
    if (data.sourcesChecked) catalogue.sourcesChecked = data.sourcesChecked;
    for (const jurisdiction of data.jurisdictions ?? []) {
      catalogue.jurisdictions = catalogue.jurisdictions.filter((j) => j.id !== jurisdiction.id).concat(jurisdiction);
    }
    catalogue.guidanceEditions.push(...(data.guidanceEditions ?? []));
    for (const profile of data.profiles ?? []) {
      catalogue.profiles = catalogue.profiles.filter((p) => p.id !== profile.id).concat(profile);
    }
    Object.assign(catalogue.concepts, data.concepts ?? {});
    catalogue.outdatedTerms.push(...(data.outdatedTerms ?? []));
    catalogue.annualEditions.push(...(data.annualEditions ?? []));
    for (const id of data.remove ?? []) catalogue.requirements = catalogue.requirements.filter((r) => r.id !== id);
    (data.requirements ?? []).forEach((requirement, i) => {
      const at = catalogue.requirements.findIndex((r) => r.id === requirement.id);
      if (origin.has(requirement.id) && origin.get(requirement.id)?.parsed === parsed) {
        throw new ConfigError(`${parsed.file}:${parsed.lineOf(['requirements', i, 'id'])}: requirement "${requirement.id}" is defined twice`);
      }
      const full: RequirementSpec = { ...requirement, area: requirement.area ?? data.area ?? basename(parsed.file).replace(/\.ya?ml$/, '') };
      if (at >= 0) catalogue.requirements[at] = full;
      else catalogue.requirements.push(full);
      origin.set(requirement.id, { parsed, path: ['requirements', i] });
    });
    for (const [id, level] of Object.entries(data.levels ?? {})) {
      const requirement = catalogue.requirements.find((r) => r.id === id);
      if (!requirement) throw new ConfigError(`${parsed.file}:${parsed.lineOf(['levels', id])}: levels: no requirement "${id}"`);
      requirement.level = level;
    }
  }
  checkReferences(catalogue, origin);
  return catalogue;
}

/** Checks what a schema cannot: rule concepts exist, profiles are known, phrases compile. */
function checkReferences(catalogue: Catalogue, origin: Map<string, { parsed: ParsedYaml; path: (string | number)[] }>): void {
  const profiles = new Set([CORE, ...catalogue.profiles.map((p) => p.id)]);
  for (const requirement of catalogue.requirements) {
    const from = origin.get(requirement.id);
    const fail = (sub: (string | number)[], message: string): never => {
      if (!from) throw new ConfigError(`${requirement.id}: ${message}`);
      throw new ConfigError(`${from.parsed.file}:${from.parsed.lineOf([...from.path, ...sub])}: ${requirement.id}: ${message}`);
    };
    requirement.profiles.forEach((p, i) => {
      if (!profiles.has(p)) fail(['profiles', i], `unknown profile "${p}"`);
    });
    for (const p of Object.keys(requirement.levels ?? {})) if (!profiles.has(p)) fail(['levels', p], `unknown profile "${p}"`);
    const known = new Set([...Object.keys(requirement.match.concepts), ...(requirement.match.headings ? ['heading'] : [])]);
    for (const kind of ['met', 'partial'] as const) {
      (requirement.match[kind] ?? []).forEach((rule, i) => {
        for (const name of [rule, ...(rule.also ?? [])].flatMap((r) => [...(r.all ?? []), ...(r.any ?? []), ...(r.unless ?? [])])) {
          if (!known.has(name)) fail(['match', kind, i], `rule names unknown concept "${name}"`);
        }
      });
    }
    try {
      compileRequirement(requirement, catalogue.concepts);
    } catch (err) {
      fail(['match'], (err as Error).message.replace(`${requirement.id}: `, ''));
    }
    // A nation's own route may only add phrases to concepts the requirement has.
    for (const [nation, route] of nationsOf(requirement)) {
      for (const name of [...Object.keys(route.terms ?? {}), ...Object.keys(route.labels ?? {})]) {
        if (!known.has(name) || name === 'heading') fail(['nations', nation, 'terms', name], `nations: ${nation}: no concept "${name}" to add phrases to`);
      }
      try {
        compileRequirement(withNationTerms(requirement, route), catalogue.concepts);
      } catch (err) {
        fail(['nations', nation], (err as Error).message.replace(`${requirement.id}: `, ''));
      }
    }
  }
}
