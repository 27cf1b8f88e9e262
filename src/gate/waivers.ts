import { dirname, relative, resolve, sep } from 'node:path';
import type { Config, Waiver } from './config.js';
import { mayHoldDirectives, readDirectives, type InlineDirective } from './directives.js';
import { checkRequirementIds } from '../util/ids.js';
import { compileGlob, type GlobMatcher } from '../util/glob.js';
import type { DocumentReport } from '../types.js';

export interface ExpiredWaiver {
  waiver: Waiver;
  path: string;
}

/**
 * A document's path as waiver globs see it: relative to the configuration file's folder, with
 * forward slashes, however it was typed (relative, absolute, "./", from a sub-folder).
 */
export function pathFromBase(path: string, base: string, cwd = process.cwd()): string {
  return relative(base, resolve(cwd, path)).split(sep).join('/');
}

/**
 * Marks gaps covered by a waiver as waived (still shown, never hidden), remembering which waivers
 * were used, so the run can warn about any that matched nothing. A waiver past its expiry date
 * waives nothing and is returned, so the run can fail naming it.
 */
export class Waivers {
  private readonly entries: Array<{ waiver: Waiver; matches: GlobMatcher; used: boolean }>;

  constructor(
    waivers: readonly Waiver[],
    /** The configuration file's folder: waiver paths are relative to it. */
    private readonly base: string,
    private readonly asOf: Date,
    private readonly file = 'configuration',
    private readonly cwd = process.cwd(),
  ) {
    this.entries = waivers.map((waiver, i) => ({
      waiver,
      matches: waiver.path ? compileGlob(waiver.path, `${file}: waivers[${i}].path`) : () => true,
      used: false,
    }));
  }

  apply(doc: DocumentReport, inline: readonly InlineDirective[] = []): ExpiredWaiver[] {
    const expired: ExpiredWaiver[] = [];
    const today = this.asOf.toISOString().slice(0, 10);
    const path = pathFromBase(doc.path, this.base, this.cwd);
    const applicable = this.entries.filter((e) => e.matches(path));
    for (const result of doc.requirements) {
      if (result.status !== 'partial' && result.status !== 'missing') continue;
      // The policy's own directive first: it is the more specific, and says where it stands.
      const directive = inline.find((d) => d.ids.includes(result.id));
      if (directive) {
        result.waived = { reason: directive.reason, by: `${doc.path}:${directive.line}` };
        continue;
      }
      for (const entry of applicable) {
        const { waiver } = entry;
        if (waiver.id !== result.id) continue;
        entry.used = true;
        if (waiver.expires && waiver.expires < today) {
          expired.push({ waiver, path: doc.path });
          continue;
        }
        result.waived = { reason: waiver.reason, ...(waiver.expires ? { expires: waiver.expires } : {}), by: this.file };
        break;
      }
    }
    return expired;
  }

  /** Waivers that covered no gap in any document of the run: stale, or a path that never matches. */
  unused(): Waiver[] {
    return this.entries.filter((e) => !e.used).map((e) => e.waiver);
  }
}

/** Marks waived gaps in finished documents (library use; the CLI applies them as documents finish). */
export function applyWaivers(documents: readonly DocumentReport[], waivers: Waiver[], asOf: Date, base = process.cwd()): ExpiredWaiver[] {
  const set = new Waivers(waivers, base, asOf);
  return documents.flatMap((doc) => set.apply(doc));
}

/**
 * A run's waivers: the configuration's and each Markdown policy's own `sg-audit-disable`
 * directives, applied to each document as it finishes. Expired waivers are gathered for the caller.
 */
export class RunWaivers {
  readonly expired: ExpiredWaiver[] = [];

  constructor(
    private readonly waivers: Waivers,
    private readonly directives: ReadonlyMap<string, readonly InlineDirective[]>,
  ) {}

  apply(doc: DocumentReport): void {
    this.expired.push(...this.waivers.apply(doc, this.directives.get(doc.path)));
  }

  unused(): Waiver[] {
    return this.waivers.unused();
  }
}

/** A name for the configuration in messages: its path as given, else "configuration". */
export interface WaiverSource {
  config: Config;
  /** How messages name the configuration file (default: its path). */
  name?: string;
  cwd?: string;
}

/** Every waiver of the configuration names a requirement the catalogue has (ConfigError if not). */
export function checkWaiverIds(config: Config, knownIds: ReadonlySet<string>, name = config.file ?? 'configuration'): void {
  (config.waivers ?? []).forEach((w, i) => {
    checkRequirementIds([w.id], knownIds, `${name}: waivers[${i}].id`);
    if (w.path) compileGlob(w.path, `${name}: waivers[${i}].path`); // a bad pattern stops even --print-config
  });
}

/**
 * Reads the directives of the files to be audited and compiles the configuration's waivers, before
 * any audit: a misspelt id stops the run at once. Waiver paths are relative to the config's folder.
 */
export async function prepareWaivers(files: readonly string[], knownIds: ReadonlySet<string>, asOf: Date, source: WaiverSource): Promise<RunWaivers> {
  const { config } = source;
  const cwd = source.cwd ?? process.cwd();
  const name = source.name ?? config.file ?? 'configuration';
  checkWaiverIds(config, knownIds, name);
  const directives = new Map<string, InlineDirective[]>();
  for (const file of files.filter(mayHoldDirectives)) {
    const found = await readDirectives(file);
    for (const d of found) checkRequirementIds(d.ids, knownIds, `${file}:${d.line}: sg-audit-disable`);
    if (found.length) directives.set(file, found);
  }
  const base = config.file ? dirname(config.file) : cwd;
  return new RunWaivers(new Waivers(config.waivers ?? [], base, asOf, name, cwd), directives);
}
