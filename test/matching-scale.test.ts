// Matching must stay linear in the document for any wording: a crafted policy that repeats one
// requirement's vocabulary line after line (issue 16) once took 2 s at 500 lines and 120 s at 2,500.
// The check is a ratio of times on one machine, so a slow or busy machine does not fail it.
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { readMarkdown } from '../src/ingest/markdown.js';

const prepared = prepareCatalogue(loadCatalogue());
const WORDS = ['trustee', 'board', 'responsibility', 'safeguarding', 'accountable', 'oversight', 'governors', 'directors', 'lead', 'concern', 'report', 'staff', 'volunteers', 'children', 'policy', 'allegation', 'manager', 'immediately'];

type Shape = 'list' | 'paragraphs' | 'one paragraph';

function crafted(lines: number, shape: Shape): string {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const out = ['# Safeguarding policy', ''];
  for (let i = 0; i < lines; i++) {
    const words = Array.from({ length: 8 }, () => WORDS[next() % WORDS.length]);
    // Short lines with no full stops run together into one paragraph, as a soft-wrapped text does.
    out.push(shape === 'list' ? `- ${words.join(' ')}` : shape === 'paragraphs' ? `${words.join(' ')}.\n` : words.join(' '));
  }
  return out.join('\n');
}

function fastest(markdown: string): number {
  const doc = readMarkdown(markdown, 'crafted.md');
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    auditDocument(doc, prepared, { profile: 'voluntary', asOf: new Date('2026-12-05') });
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('matching time grows linearly with the document', () => {
  it.each<Shape>(['list', 'paragraphs', 'one paragraph'])('%s: four times the lines take at most five times as long', (shape) => {
    const small = fastest(crafted(600, shape));
    const large = fastest(crafted(2400, shape));
    expect(large / small).toBeLessThanOrEqual(5);
  }, 120_000);
});
