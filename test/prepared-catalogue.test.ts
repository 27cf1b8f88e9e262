// The prepared catalogue is the one compiled artefact: built by the audit stage, cached by the build
// as plain data, loaded from it by the main thread and every worker, and thrown away when a bundled
// YAML file changes.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromPlain, loadPreparedCatalogue, prepareCatalogue, toPlain } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { tempDir } from './fixtures/temp-dir.js';

const ROOT = join(import.meta.dirname, '..');

describe('the prepared catalogue as plain data', () => {
  it('comes back from JSON as it was prepared: every phrase, nation variant, cue and edition', () => {
    const prepared = prepareCatalogue(loadCatalogue());
    expect(prepared.nationVariants.size).toBeGreaterThan(0);
    const plain = JSON.parse(JSON.stringify(toPlain(prepared))) as ReturnType<typeof toPlain>;
    expect(fromPlain(plain)).toEqual(prepared);
    // A phrase shared by many requirements is held once.
    expect(new Set(plain.patterns.map((p) => p.source)).size).toBe(plain.patterns.length);
  });

  it("the build's cache is the bundled catalogue prepared now", () => {
    const cached = loadPreparedCatalogue();
    expect(cached.bundled).toBe(true);
    expect({ ...cached, bundled: undefined }).toEqual({ ...prepareCatalogue(loadCatalogue()), bundled: undefined });
  });
});

describe("the build's cache of the bundled catalogue", () => {
  /** The built package, copied with its own requirements/ (node_modules linked). */
  function copyPackage(): string {
    const dir = tempDir('sg-prepared-');
    for (const part of ['package.json', 'bin', 'dist', 'requirements', 'schema']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
  }
  const sample = join(ROOT, 'samples', 'harbour-juniors-fc.md');
  const titleOf = (dir: string, id: string): string | undefined => {
    const run = spawnSync(process.execPath, [join(dir, 'bin', 'sg-audit.js'), '--format', 'json', '--fail-on', 'none', '--no-config', sample], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { documents: { requirements: { id: string; title: string }[] }[] };
    return report.documents[0]!.requirements.find((r) => r.id === id)?.title;
  };

  it('is what the main thread and the worker use, until a bundled YAML file is edited', () => {
    const dir = copyPackage();
    const cacheFile = join(dir, 'dist', 'default-catalogue.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { catalogue: { requirements: { id: string; title: string }[] } };
    const first = cache.catalogue.requirements[0]!;
    // Marked in the cache only: the report (built by the worker) shows the mark, so the cache was used.
    first.title = 'From the cache';
    writeFileSync(cacheFile, JSON.stringify(cache));
    // As npm installs a package: every file dated 1985. Only contents count.
    const npmDate = new Date('1985-10-26T08:15:00Z');
    for (const file of readdirSync(join(dir, 'requirements'))) utimesSync(join(dir, 'requirements', file), npmDate, npmDate);
    expect(titleOf(dir, first.id)).toBe('From the cache');
    // Any edit to a bundled file, even one that changes no requirement, and the YAML is read instead.
    appendFileSync(join(dir, 'requirements', 'statutory.yml'), '\n# edited\n');
    expect(titleOf(dir, first.id)).not.toBe('From the cache');
  });
});
