import { closeSync, openSync, readSync, type Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';
import { anyGlob, type GlobMatcher } from '../util/glob.js';
import { isInside } from '../util/paths.js';

export interface ExpandedInputs {
  /** Files to audit, in a stable order: as given, folders and globs sorted. */
  files: string[];
  /** Files inside folders or globs that `include` does not take (other types). */
  skipped: string[];
  /** Files left out by `exclude`, .gitignore, or because sg-audit wrote them (its own reports). */
  excluded: string[];
  /** Folders that could not be read, with the reason: the rest of the batch still goes on. */
  unreadable: { folder: string; reason: string }[];
}

type ReadFolder = (dir: string) => Promise<Dirent[]>;
const readFolder: ReadFolder = (dir) => readdir(dir, { withFileTypes: true });

/** What a folder scan audits: policies in the formats sg-audit reads. Text files only when named. */
export const DEFAULT_INCLUDE = ['**/*.{md,markdown,docx,pdf}'];
/**
 * Never audited unless --no-ignore: a project's own documents (a plain README fails every check)
 * and sg-audit's own report files by name. Reports are also recognised by their first lines.
 */
export const DEFAULT_EXCLUDE = [
  // Any file starting with these names (README-first.md, LICENSE-MIT, CODE_OF_CONDUCT.md).
  ...['README', 'CHANGELOG', 'LICENSE', 'LICENCE', 'CONTRIBUTING', 'CODE_OF_CONDUCT', 'CODE-OF-CONDUCT', 'PULL_REQUEST_TEMPLATE', 'ISSUE_TEMPLATE'].map((n) => `${n}*`),
  // Only the file itself: "Security and safeguarding policy.md" is a policy, SECURITY.md is not.
  ...['CHANGES', 'HISTORY', 'COPYING', 'NOTICE', 'AUTHORS', 'SECURITY', 'SUPPORT'].flatMap((n) => [n, `${n}.*`]),
  'sg-audit*.*',
  '*.sg-audit.*',
];

export interface ExpandOptions {
  /** Globs (relative to `base`) a folder or glob scan takes; default DEFAULT_INCLUDE. */
  include?: readonly string[];
  /** Extra globs never audited, on top of DEFAULT_EXCLUDE. */
  exclude?: readonly string[];
  /** The folder globs are relative to: the configuration file's, else the working folder. */
  base?: string;
  /** Audit everything named or found: no exclude list, no .gitignore, no report detection. */
  noIgnore?: boolean;
  /** This run's own report files: never audited. */
  reportFiles?: readonly string[];
  readStdin?: () => Promise<string>;
  /** Reads one folder (tests inject a failure: as root, nothing is unreadable). */
  read?: ReadFolder;
}

/**
 * Turns the command line's inputs into files: plain files as given (even unsupported ones, so
 * they get a clear error), folders walked recursively, quoted globs expanded, "-" read as a
 * list of paths on standard input. Folder and glob scans take `include` and respect .gitignore;
 * `exclude` and sg-audit's own reports are left out wherever they come from.
 */
export async function expandInputs(inputs: string[], options: ExpandOptions | (() => Promise<string>) = {}): Promise<ExpandedInputs> {
  const opts: ExpandOptions = typeof options === 'function' ? { readStdin: options } : options;
  const base = resolve(opts.base ?? process.cwd());
  const include = anyGlob(opts.include?.length ? opts.include : DEFAULT_INCLUDE, 'include', { matchBase: true, nocase: true });
  const byDefault = anyGlob(DEFAULT_EXCLUDE, 'exclude', { matchBase: true, nocase: true });
  const byConfig = anyGlob(opts.exclude ?? [], 'exclude', { matchBase: true });
  // The defaults name files; the configuration's globs may name folders too ("drafts" or "drafts/"),
  // below the base only: folders above it are not the project's to name.
  const exclude = (file: string) => byDefault(key(file)) || byConfig(key(file)) || (isInside(base, file) && folderExcluded(byConfig, key(file)));
  const reports = new Set((opts.reportFiles ?? []).map((p) => resolve(p)));
  const key = (file: string) => globKey(file, base);
  const files: string[] = [];
  const skipped: string[] = [];
  const excluded: string[] = [];
  const unreadable: ExpandedInputs['unreadable'] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!opts.noIgnore && (exclude(file) || isOwnReport(file))) excluded.push(file);
    else files.push(file);
  };
  const pick = (candidates: string[], ignored: (file: string) => boolean) => {
    for (const file of candidates.sort()) {
      if (!include(key(file))) skipped.push(file);
      // This run's own report files, found by a scan; named ones are refused when writing the report.
      else if (reports.has(resolve(file)) || (!opts.noIgnore && ignored(file))) excluded.push(file);
      else add(file);
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      for (const line of (await (opts.readStdin ?? stdinText)()).split(/\r?\n/)) if (line.trim()) add(line.trim());
      continue;
    }
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory()) {
      const found = await walk(input, opts.read ?? readFolder, unreadable);
      pick(found, opts.noIgnore ? () => false : await gitignored(input, found));
    } else if (!info && isDynamicPattern(input)) {
      const found = await glob(input, { onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(input) });
      pick(found, opts.noIgnore ? () => false : await gitignored(process.cwd(), found));
    } else add(input);
  }
  return { files, skipped, excluded, unreadable };
}

/** A folder above the file matches ("drafts" or "drafts/" leaves out drafts/a.md), as in .gitignore. */
function folderExcluded(exclude: GlobMatcher, path: string): boolean {
  const parts = path.split('/');
  for (let n = parts.length - 1; n >= 1; n--) if (exclude(parts.slice(0, n).join('/'))) return true;
  return false;
}

/** The path include/exclude globs see: relative to the base, or the whole path for files outside it. */
function globKey(file: string, base: string): string {
  const path = isInside(base, file)
    ? relative(base, resolve(file))
    : resolve(file)
        .replace(/^[A-Za-z]:/, '')
        .replace(/^[\\/]+/, '');
  return path.split(sep).join('/');
}

const REPORT_HEAD = /^(?:# Safeguarding policy (?:audit|revision)\b[^]{0,400}sg-audit \d|sg-audit \d+\.\d+\S* · )/;

/** A Markdown or text report sg-audit wrote (its first line says so): auditing it would score itself. */
export function isOwnReport(file: string): boolean {
  if (!/\.(?:md|markdown|mdown|txt|text)$/i.test(file)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, head.length, 0);
    return REPORT_HEAD.test(
      head
        .subarray(0, n)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch {
    return false; // missing or unreadable: the audit reports why
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A test for files .gitignore leaves out: the .gitignore files from the scanned folder up to the
 * repository root, and those inside it, each applying to paths relative to its own folder.
 */
async function gitignored(root: string, files: readonly string[]): Promise<(file: string) => boolean> {
  const folders = new Set<string>();
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    folders.add(dir);
    if ((await stat(join(dir, '.git')).catch(() => undefined)) || dirname(dir) === dir) break;
  }
  for (const file of files) {
    for (let dir = dirname(resolve(file)); dir.startsWith(resolve(root)) && !folders.has(dir); dir = dirname(dir)) folders.add(dir);
  }
  const rules: Array<{ dir: string; ig: Ignore }> = [];
  for (const dir of folders) {
    const text = await readFile(join(dir, '.gitignore'), 'utf8').catch(() => undefined);
    if (text !== undefined && text.length < 1024 * 1024) rules.push({ dir, ig: ignore().add(text) });
  }
  if (!rules.length) return () => false;
  return (file) => {
    const abs = resolve(file);
    return rules.some(({ dir, ig }) => isInside(dir, abs) && ig.ignores(relative(dir, abs).split(sep).join('/')));
  };
}

/**
 * Every file under a folder, hidden files and folders and node_modules left out, symbolic links
 * not followed. A sub-folder that cannot be read is noted and skipped, not the end of the batch.
 */
async function walk(root: string, read: ReadFolder, unreadable: ExpandedInputs['unreadable']): Promise<string[]> {
  const found: string[] = [];
  const pending = [root];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    let entries: Dirent[];
    try {
      entries = await read(dir);
    } catch (err) {
      unreadable.push({ folder: dir, reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      if (e.isDirectory()) pending.push(join(dir, e.name));
      else if (e.isFile()) found.push(join(dir, e.name));
    }
  }
  return found;
}

async function stdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
