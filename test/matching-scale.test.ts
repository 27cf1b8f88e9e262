// Matching must stay linear in the document for any wording: a crafted policy that repeats one
// requirement's vocabulary line after line (issue 16) once took 2 s at 500 lines and 120 s at 2,500.
// The check is a ratio of this process's CPU times (test files run in processes of their own), so a
// slow machine, or other test files running beside this one, do not fail it.
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { readMarkdown } from '../src/ingest/markdown.js';

const prepared = prepareCatalogue(loadCatalogue());
const WORDS = [
  'trustee',
  'board',
  'responsibility',
  'safeguarding',
  'accountable',
  'oversight',
  'governors',
  'directors',
  'lead',
  'concern',
  'report',
  'staff',
  'volunteers',
  'children',
  'policy',
  'allegation',
  'manager',
  'immediately',
];

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
  // The fastest of several runs: garbage collection and compilation only ever add time.
  for (let run = 0; run < 5; run++) {
    const start = process.cpuUsage();
    auditDocument(doc, prepared, { profile: 'voluntary', asOf: new Date('2026-12-05') });
    const used = process.cpuUsage(start);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

describe('matching time grows linearly with the document', () => {
  it.each<Shape>(['list', 'paragraphs', 'one paragraph'])(
    '%s: four times the lines take well under the sixteen times a quadratic would',
    (shape) => {
      fastest(crafted(200, shape)); // warm the compiler first, so neither size pays for it
      const small = fastest(crafted(1500, shape));
      const large = fastest(crafted(6000, shape));
      // 8 is the geometric middle of linear (4) and quadratic (16): collector threads count in the
      // process's CPU time and have pushed a linear run just past 5.
      expect(large / small).toBeLessThanOrEqual(8);
    },
    120_000,
  );
});
