import { readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { SUPPORTED_EXTENSIONS } from './ingest/formats.js';

export interface ExpandedInputs {
  /** Files to audit, in a stable order: as given, folders and globs sorted. */
  files: string[];
  /** Files inside folders or globs that are not policies sg-audit reads. */
  skipped: string[];
}

/**
 * Turns the command line's inputs into files: plain files as given (even unsupported ones, so
 * they get a clear error), folders walked recursively, quoted globs expanded, "-" read as a
 * list of paths on standard input.
 */
export async function expandInputs(inputs: string[], readStdin: () => Promise<string> = stdinText): Promise<ExpandedInputs> {
  const files: string[] = [];
  const skipped: string[] = [];
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
    if (info?.isDirectory()) pick(await walk(input));
    else if (!info && isDynamicPattern(input)) pick(await glob(input, { onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(input) }));
    else add(input);
  }
  return { files, skipped };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .filter((p) => !p.split(/[\\/]/).some((part) => part === 'node_modules' || (part.startsWith('.') && part.length > 1 && part !== '..')));
}

async function stdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
