import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file compiles to dist/package-path.js (and runs from src/ under vitest): one level up is the package.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A path inside the installed package (requirements/, schema/, package.json). */
export function packagePath(...parts: string[]): string {
  return join(root, ...parts);
}
