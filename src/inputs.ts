import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { SUPPORTED_EXTENSIONS } from './ingest/formats.js';

export interface ExpandedInputs {
  /** Files to audit, in a stable order: as given, folders and globs sorted. */
  files: string[];
  /** Files inside folders or globs that are not policies sg-audit reads. */
  skipped: string[];
  /** Folders that could not be read, with the reason: the rest of the batch still goes on. */
  unreadable: { folder: string; reason: string }[];
}

type ReadFolder = (dir: string) => Promise<Dirent[]>;
const readFolder: ReadFolder = (dir) => readdir(dir, { withFileTypes: true });

/**
 * Turns the command line's inputs into files: plain files as given (even unsupported ones, so
 * they get a clear error), folders walked recursively, quoted globs expanded, "-" read as a
 * list of paths on standard input.
 */
export async function expandInputs(inputs: string[], readStdin: () => Promise<string> = stdinText, read: ReadFolder = readFolder): Promise<ExpandedInputs> {
  const files: string[] = [];
  const skipped: string[] = [];
  const unreadable: ExpandedInputs['unreadable'] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  const pick = (candidates: string[]) => {
    for (const file of candidates.sort()) {
      if (SUPPORTED_EXTENSIONS.includes(extname(file).toLowerCase())) add(file);
      else skipped.push(file);
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      for (const line of (await readStdin()).split(/\r?\n/)) if (line.trim()) add(line.trim());
      continue;
    }
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory()) pick(await walk(input, read, unreadable));
    else if (!info && isDynamicPattern(input)) pick(await glob(input, { onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(input) }));
    else add(input);
  }
  return { files, skipped, unreadable };
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
