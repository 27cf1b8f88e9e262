// The library's batch runner: workers audit with the caller's own catalogue, whatever its source.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { auditFiles } from '../src/run/run.js';
import { tempDir } from './fixtures/temp-dir.js';

const samples = join(import.meta.dirname, '..', 'samples');
const asOf = new Date('2026-01-15');

describe('auditFiles', () => {
  // A catalogue that exists only in memory: workers cannot load it from a file of their own.
  const full = loadCatalogue();
  const kept = full.requirements.slice(0, 3);
  const narrowed = prepareCatalogue({ ...full, requirements: kept });
  const ids = kept.map((r) => r.id).sort();

  it('audits PDF and DOCX in workers against the catalogue it was given, not the default', async () => {
    const files = ['oakfield-academy.pdf', 'little-acorns-nursery.docx', 'harbour-juniors-fc.md'].map((f) => join(samples, f));
    const report = await auditFiles(files, narrowed, { asOf, jobs: 2 });
    expect(report.documents.map((d) => d.format)).toEqual(['pdf', 'docx', 'markdown']);
    for (const doc of report.documents) expect(doc.requirements.map((r) => r.id).sort()).toEqual(ids);
  });

  it('reads a single PDF in a worker with the same catalogue, and reports one over budget as such', async () => {
    const pdf = join(samples, 'oakfield-academy.pdf');
    const [doc] = (await auditFiles([pdf], narrowed, { asOf, jobs: 1 })).documents;
    expect(doc?.requirements.map((r) => r.id).sort()).toEqual(ids);
    const [late] = (await auditFiles([pdf], narrowed, { asOf, jobs: 1, timeoutMs: 5 })).documents;
    expect(late?.status).toBe('error');
    expect(late?.error).toMatch(/took longer than/);
  });
});

describe('auditFiles on very large plain text', () => {
  it('stops a Markdown file too big to read in time, instead of blocking past its budget', async () => {
    const dir = tempDir('sg-run-');
    const big = join(dir, 'huge-policy.md');
    const policy = readFileSync(join(samples, 'harbour-juniors-fc.md'), 'utf8');
    writeFileSync(big, Array.from({ length: Math.ceil((3 * 1024 * 1024) / policy.length) }, () => policy).join('\n\n'));
    const started = Date.now();
    const [doc] = (await auditFiles([big], prepareCatalogue(loadCatalogue()), { asOf, jobs: 1, timeoutMs: 300 })).documents;
    expect(doc?.error).toMatch(/took longer than/);
    expect(Date.now() - started).toBeLessThan(3000); // reading it whole takes several seconds
  });
});
