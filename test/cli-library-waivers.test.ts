import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditFiles, loadCatalogue, loadConfig, prepareCatalogue, prepareWaivers } from '../src/index.js';
import { tempDir } from './fixtures/temp-dir.js';
import { runInProcess } from './fixtures/in-process.js';

const samples = join(import.meta.dirname, '..', 'samples');
const asOf = new Date(Date.UTC(2026, 11, 1));

function project(): string {
  const dir = tempDir('sg-audit-libwaive-');
  const text = readFileSync(join(samples, 'harbour-juniors-fc.md'), 'utf8');
  writeFileSync(join(dir, 'club.md'), `${text}\n<!-- sg-audit-disable position-of-trust: covered by the county FA procedure -->\n`);
  writeFileSync(join(dir, 'other.md'), text);
  writeFileSync(
    join(dir, '.sg-audit.yml'),
    'profile: sport\nfailOn: none\nwaivers:\n  - id: allegations-lado\n    path: "club.md"\n    reason: Covered by the county FA procedure\n  - id: allegations-lado\n    path: "nowhere/*.md"\n    reason: stale\n',
  );
  return dir;
}

// Waivers live in the library: a caller of auditFiles given a configuration gets what the CLI gets.
describe('waivers in the library', () => {
  it('auditFiles given a config waives as the CLI does (config waivers and inline directives)', async () => {
    const dir = project();
    const files = [join(dir, 'club.md'), join(dir, 'other.md')];
    const config = await loadConfig(dir);
    const prepared = prepareCatalogue(loadCatalogue());
    const lib = await auditFiles(files, prepared, { asOf, profile: 'sport', jobs: 1, config });
    const [club, other] = lib.documents;
    const waived = (doc: typeof club) => Object.fromEntries(doc!.requirements.filter((r) => r.waived).map((r) => [r.id, r.waived!.by]));
    expect(waived(club)).toEqual({ 'allegations-lado': join(dir, '.sg-audit.yml'), 'position-of-trust': `${files[0]}:${readFileSync(files[0]!, 'utf8').split('\n').length - 1}` });
    expect(waived(other)).toEqual({});

    const cli = await runInProcess(['--as-of', '2026-12-01', '--format', 'json', '--jobs', '1', ...files], dir);
    expect(cli.code).toBe(0);
    const cliDocs = JSON.parse(cli.stdout).documents as typeof lib.documents;
    // The same gaps waived, with the same reasons; the CLI names its config relative to the working folder.
    for (const [i, doc] of cliDocs.entries()) {
      expect(doc.requirements.map((r) => [r.id, r.status, r.waived?.reason])).toEqual(lib.documents[i]!.requirements.map((r) => [r.id, r.status, r.waived?.reason]));
    }
    expect(cli.stderr).toMatch(/\.sg-audit\.yml: warning: the waiver for allegations-lado \(path "nowhere\/\*\.md"/);
  });

  it('without a config, auditFiles waives nothing; prepareWaivers reports the unused ones', async () => {
    const dir = project();
    const files = [join(dir, 'club.md')];
    const prepared = prepareCatalogue(loadCatalogue());
    const bare = await auditFiles(files, prepared, { asOf, profile: 'sport', jobs: 1 });
    expect(bare.documents[0]!.requirements.some((r) => r.waived)).toBe(false);
    const config = await loadConfig(dir);
    const waivers = await prepareWaivers(files, new Set(prepared.catalogue.requirements.map((r) => r.id)), asOf, { config, cwd: dir });
    await auditFiles(files, prepared, { asOf, profile: 'sport', jobs: 1, waivers });
    expect(waivers.unused().map((w) => w.path)).toEqual(['nowhere/*.md']);
    expect(waivers.expired).toEqual([]);
  });

  it('a misspelt id in an inline directive stops the library run before any audit', async () => {
    const dir = tempDir('sg-audit-libwaive-');
    writeFileSync(join(dir, 'p.md'), '# Policy\n<!-- sg-audit-disable whistleblowin: elsewhere -->\n');
    const prepared = prepareCatalogue(loadCatalogue());
    await expect(auditFiles([join(dir, 'p.md')], prepared, { asOf, jobs: 1, config: {} })).rejects.toThrow(/whistleblowin/);
  });
});
