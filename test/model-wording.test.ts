// The catalogue's own model wording, pasted into a policy as it stands, must not pass: its
// placeholders say where the organisation's own names, numbers and dates belong.
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { appliesTo } from '../src/catalogue/model.js';
import { readMarkdown } from '../src/ingest/markdown.js';

const catalogue = loadCatalogue();
const prepared = prepareCatalogue(catalogue);
const PROFILE = 'voluntary';
const NEEDS_REAL_VALUES = ['designated-lead', 'senior-lead', 'contact-details', 'policy-review', 'allegations-lado'];

function modelPolicy(fill: (text: string) => string): string {
  const parts = catalogue.requirements.filter((r) => r.model && appliesTo(r, PROFILE)).map((r) => `## ${r.title}\n\n${fill(r.model!)}\n`);
  return `# Riverside Youth Choir safeguarding policy\n\n${parts.join('\n')}`;
}

const audit = (markdown: string) => auditDocument(readMarkdown(markdown, 'model.md'), prepared, { profile: PROFILE, asOf: new Date('2026-12-05') });

const REAL_VALUES: Record<string, string> = {
  name: 'Grace Mensah',
  'name of lead': 'Grace Mensah',
  'name of lead trustee': 'Tom Whitfield',
  'phone number': '0161 234 5678',
  'email address': 'safeguarding@riversideyouthchoir.org.uk',
  'LADO phone number': '0161 219 2895',
  'LADO email address': 'lado@manchester.gov.uk',
  'date approved': '4 September 2026',
  'date of next review': 'September 2027',
};

describe('the catalogue model wording, pasted as it stands', () => {
  it('holds placeholders, never a made-up name, number or date', () => {
    const models = catalogue.requirements.map((r) => r.model ?? '').join('\n');
    expect(models).not.toMatch(/01632|07700 900|example\.(?:org|com|gov)|Sam Patel/);
    expect(models).toMatch(/\[name of lead trustee\]/);
  });

  it('gets template-placeholder findings and no met where a real name, number or date belongs', () => {
    const report = audit(modelPolicy((text) => text));
    expect(report.findings.filter((f) => f.id === 'template-placeholder').length).toBeGreaterThanOrEqual(3);
    for (const id of NEEDS_REAL_VALUES) {
      const result = report.requirements.find((r) => r.id === id);
      expect(result?.status, `${id}: ${result?.reason}`).not.toBe('met');
    }
  });

  it('passes once the placeholders are filled with real values', () => {
    const filled = modelPolicy((text) => text.replace(/\[([^\]]+)\]/g, (whole, key: string) => REAL_VALUES[key] ?? whole));
    expect(filled).not.toMatch(/\[(?:name|phone|email|date|LADO)/);
    const report = audit(filled);
    expect(report.findings.filter((f) => f.id === 'template-placeholder')).toEqual([]);
    for (const id of NEEDS_REAL_VALUES) {
      const result = report.requirements.find((r) => r.id === id);
      expect(result?.status, `${id}: ${result?.reason}`).toBe('met');
    }
  });
});
