import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { readMarkdown } from '../src/ingest/markdown.js';
import { runInProcess } from './fixtures/in-process.js';
import { tempDir } from './fixtures/temp-dir.js';

const dir = tempDir('sg-audit-parts-');

/** A two-part duty: trips are risk assessed (one sentence), and the assessment is reviewed (its own sentence). */
const catalogue = (rules: string) => `name: parts
version: "1"
requirements:
  - id: trip-risk
    title: Trips are risk assessed and the assessment reviewed
    level: should
    profiles: [core]
    source: test
    why: w
    advice: a
    match:
      concepts:
        trip: { label: trips, terms: [trip*, outing*] }
        assessed: { label: a risk assessment, terms: [risk assess*] }
        reviewed: { label: the assessment reviewed, terms: [review*] }
        assessment: { label: the assessment, terms: [assessment*] }
      met:
${rules}
`;

function judgeText(rules: string, text: string) {
  const path = join(dir, `c${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(path, catalogue(rules));
  const prepared = prepareCatalogue(loadCatalogue(path));
  return auditDocument(readMarkdown(text, 'policy.md'), prepared, { profile: 'general', asOf: new Date('2026-01-01') }).requirements[0]!;
}

const withAlso = `        - all: [trip, assessed]
          within: sentence
          also:
            - all: [assessment, reviewed]
              within: sentence`;

describe('a rule with further parts (also:)', () => {
  it('is met when each part holds in its own unit', () => {
    const result = judgeText(withAlso, 'Every trip is risk assessed by the leader.\n\nThe assessment is reviewed by the committee each term.');
    expect(result.status).toBe('met');
    expect(result.evidence.map((e) => e.text)).toEqual(['Every trip is risk assessed by the leader.', 'The assessment is reviewed by the committee each term.']);
  });

  it('is partial, naming the part that does not hold, when one part is only said of something else', () => {
    const result = judgeText(withAlso, 'Every trip is risk assessed by the leader.\n\nThe rota is reviewed each term. New members have an assessment at their first session.');
    expect(result.status).toBe('partial');
    expect(result.missing).toBe('the assessment and the assessment reviewed said together, in one sentence');
    expect(result.reason).toBe('The policy mentions trips, but not the assessment and the assessment reviewed said together, in one sentence.');
  });

  it('is partial when a part is nowhere', () => {
    const result = judgeText(withAlso, 'Every trip is risk assessed by the leader.');
    expect(result.status).toBe('partial');
    expect(result.missing).toBe('the assessment; the assessment reviewed');
  });

  it('refuses an unknown concept in a part, and a part with parts of its own', () => {
    expect(() => judgeText(withAlso.replace('[assessment, reviewed]', '[assessment, nope]'), 'x')).toThrow(/rule names unknown concept "nope"/);
    const nested = `${withAlso}\n              also:\n                - all: [trip]`;
    expect(() => judgeText(nested, 'x')).toThrow(/also/);
  });
});

describe('catalogue show', () => {
  it('describes every part of a rule, and what closes it', async () => {
    const path = join(dir, 'show.yml');
    writeFileSync(path, catalogue(`${withAlso}\n          unless: [trip]`));
    const { code, stdout } = await runInProcess(['catalogue', 'show', 'trip-risk', '--catalogue', path], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('met when: all of [trip, assessed] within one sentence unless [trip] stands there; and also all of [assessment, reviewed] within one sentence');
  });
});
