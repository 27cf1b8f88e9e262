// Matching must stay linear in the document for any wording: a crafted policy that repeats one
// requirement's vocabulary line after line (issue 16) once took 2 s at 500 lines and 120 s at 2,500.
// The check is a ratio of this process's CPU times (test files run in processes of their own), so a
// slow machine, or other test files running beside this one, do not fail it.
//
// Each timed run starts from a collected heap, the two sizes taking turns: otherwise the larger
// document's index outgrows V8's young generation, the collector copies it before promoting it,
// and that (not the matcher) added 0.5 to 1.3 to the ratio (4.5 to 5.3 at these sizes; 3.3 to 4.4
// from 6,000 to 24,000 lines). Measured this way, 2.6 to 3.4; a quadratic matcher would give 16.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { readMarkdown } from '../src/ingest/markdown.js';

const prepared = prepareCatalogue(loadCatalogue());
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
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

/** CPU time of one audit, from a collected heap. */
function timed(doc: ReturnType<typeof readMarkdown>): number {
  collectGarbage();
  const start = process.cpuUsage();
  auditDocument(doc, prepared, { profile: 'voluntary', asOf: new Date('2026-12-05') });
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

describe('matching time grows linearly with the document', () => {
  it.each<Shape>(['list', 'paragraphs', 'one paragraph'])(
    '%s: four times the lines take at most five times as long',
    (shape) => {
      const warm = readMarkdown(crafted(200, shape), 'warm.md');
      timed(warm); // the compiler first, so neither size pays for it
      timed(warm);
      const small = readMarkdown(crafted(1500, shape), 'small.md');
      const large = readMarkdown(crafted(6000, shape), 'large.md');
      let bestSmall = Infinity;
      let bestLarge = Infinity;
      // The fastest of several turns: other work on the machine only ever adds time.
      for (let turn = 0; turn < 5; turn++) {
        bestSmall = Math.min(bestSmall, timed(small));
        bestLarge = Math.min(bestLarge, timed(large));
      }
      expect(bestLarge / bestSmall).toBeLessThanOrEqual(5);
    },
    120_000,
  );
});
