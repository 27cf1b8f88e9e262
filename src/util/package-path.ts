import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root: the nearest folder above this module holding requirements/
 * and package.json. Found by walking up, because this code runs from src/ (tests), dist/
 * (the library) and dist/bundle/ (the CLI).
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'requirements'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('sg-audit: cannot find its own package folder (requirements/ is missing)');
}

const root = findRoot();

/** A path inside the installed package (requirements/, schema/, package.json). */
export function packagePath(...parts: string[]): string {
  return join(root, ...parts);
}
