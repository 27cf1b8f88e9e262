import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

// A build-time cache is used only while the files it was made from hold the text they held then.
// Their text, not modification times, which an installed package does not keep (npm gives every file
// of its tarballs one fixed date), and not a hash, whose crypto module takes 10 ms to load in each
// worker. The text is kept beside the cache (<cache>.source), not in it, so that a reader with no
// need to check (a worker, whose main thread has) does not parse it.

function sourcesOf(files: string[]): string {
  return files.map((file) => `${basename(file)}\0${readFileSync(file, 'utf8')}`).join('\0');
}

/** Writes a build-time cache, and beside it the text of the files it was made from. */
export function writeCache(cache: string, data: unknown, files: string[]): void {
  writeFileSync(`${cache}.source`, sourcesOf(files));
  writeFileSync(cache, JSON.stringify(data));
}

/** Whether a cache was made from these files as they are now (false when it or its record is missing). */
export function cacheIsCurrent(cache: string, files: string[]): boolean {
  try {
    return readFileSync(`${cache}.source`, 'utf8') === sourcesOf(files);
  } catch {
    return false;
  }
}
