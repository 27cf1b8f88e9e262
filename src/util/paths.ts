import { isAbsolute, relative, sep } from 'node:path';

/**
 * Whether `target` lies below the folder `base`, by the paths alone (the folder itself is not
 * inside it; symbolic links are not followed). Relative paths are taken from the working folder.
 */
export function isInside(base: string, target: string): boolean {
  const rel = relative(base, target);
  // "..notes.md" is a file inside; only ".." itself or "../…" climbs out.
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
