import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-path.js';
import type { Catalogue } from '../catalogue/model.js';

let cached: string | undefined;

export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
  return cached;
}

/** What `sg-audit --version` prints: the tool, the catalogue it judges against, and how current its sources are. */
export function versionText(catalogue: Pick<Catalogue, 'name' | 'version' | 'sourcesChecked'>): string {
  const checked = catalogue.sourcesChecked ? `, sources last checked ${catalogue.sourcesChecked}` : '';
  return `sg-audit ${toolVersion()}\n${catalogue.name} ${catalogue.version}${checked}\n`;
}
