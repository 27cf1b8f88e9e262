import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { readPolicy } from '../src/ingest/index.js';

// A regression guard on the matcher: the samples' hand judgements (samples/expected.json).
const samples = join(import.meta.dirname, '..', 'samples');
const expected = JSON.parse(readFileSync(join(samples, 'expected.json'), 'utf8')) as Record<string, { profile: string; requirements: Record<string, 'met' | 'partial' | 'missing'> }>;
const prepared = prepareCatalogue(loadCatalogue());
const asOf = new Date(Date.UTC(2026, 0, 15));

describe.each(Object.entries(expected))('sample %s', (file, truth) => {
  const audit = async () => auditDocument(await readPolicy(join(samples, file)), prepared, { profile: truth.profile, asOf });

  it('never calls met what the hand judgement calls a gap', async () => {
    const report = await audit();
    const falseAssurances = report.requirements
      .filter((r) => r.status === 'met' && truth.requirements[r.id] && truth.requirements[r.id] !== 'met')
      .map((r) => `${r.id} (expected ${truth.requirements[r.id]})`);
    expect(falseAssurances).toEqual([]);
  });

  it('agrees with the hand judgement on most requirements', async () => {
    const report = await audit();
    const judged = report.requirements.filter((r) => truth.requirements[r.id]);
    expect(judged.length).toBe(Object.keys(truth.requirements).length);
    const agreed = judged.filter((r) => r.status === truth.requirements[r.id]).length;
    expect(agreed / judged.length).toBeGreaterThanOrEqual(0.7);
  });

  it('quotes evidence with the location its format has', async () => {
    const report = await audit();
    const key = file.endsWith('.pdf') ? 'page' : file.endsWith('.docx') ? 'paragraph' : 'line';
    const evidence = report.requirements.flatMap((r) => r.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      expect(e.location[key]).toBeGreaterThan(0);
      expect(e.text.length).toBeGreaterThan(0);
    }
  });
});

describe('the sample detections', () => {
  it('detects each sample organisation type when no profile is given', async () => {
    for (const [file, truth] of Object.entries(expected)) {
      const report = auditDocument(await readPolicy(join(samples, file)), prepared, { asOf });
      expect(report.profile, file).toBe(truth.profile);
    }
  });

  it('finds the weak sample out of date and unfinished', async () => {
    const report = auditDocument(await readPolicy(join(samples, 'harbour-juniors-fc.md')), prepared, { asOf });
    const ids = report.findings.map((f) => f.id);
    expect(ids).toContain('outdated-term');
    expect(ids).toContain('template-placeholder');
    expect(ids).toContain('review-overdue');
  });
});
