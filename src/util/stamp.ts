import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * The names and contents of the files a build-time cache was made from: the cache records this and
 * is used only while it is unchanged. Contents, not modification times, which an installed package
 * does not keep (npm gives every file of its tarballs one fixed date); the text itself rather than a
 * hash of it, because comparing strings needs no crypto module (10 ms to load in each worker).
 */
export function filesStamp(files: string[]): string {
  return files.map((file) => `${basename(file)}\0${readFileSync(file, 'utf8')}`).join('\0');
}
