// Issue 16: readers whose memory stays bounded whatever the file holds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/util/errors.js';
import { readDocx } from '../src/ingest/docx.js';
import { fromLatin1, latin1, unzip, zip } from './fixtures/hostile.js';

const samples = join(import.meta.dirname, '..', 'samples');

function docxWithBody(extra: string): Uint8Array {
  const entries = unzip(new Uint8Array(readFileSync(join(samples, 'little-acorns-nursery.docx'))));
  const document = entries.find((e) => e.name === 'word/document.xml')!;
  const xml = latin1(document.data);
  const body = xml.indexOf('<w:body>') + '<w:body>'.length;
  document.data = fromLatin1(`${xml.slice(0, body)}${extra}${xml.slice(body)}`);
  return zip(entries);
}

describe('DOCX XML caps', () => {
  it('refuses a small DOCX that inflates to millions of elements, before mammoth holds them', async () => {
    // Random element names keep it under the archive's compression-ratio check (as a crafted file would).
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let seed = 7;
    const letter = () => letters[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 26];
    const bomb = docxWithBody(Array.from({ length: 800_000 }, () => `<${letter()}${letter()}/>`).join(''));
    expect(bomb.length).toBeLessThan(2_000_000);
    const started = performance.now();
    const error = await readDocx(bomb, 'many.docx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/too large to read safely: its XML has over 750,000 elements/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('still reads a document with many ordinary paragraphs', async () => {
    const doc = await readDocx(docxWithBody('<w:p><w:r><w:t>Keep children safe.</w:t></w:r></w:p>'.repeat(5_000)), 'long.docx');
    expect(doc.blocks.filter((b) => b.text === 'Keep children safe.').length).toBe(5_000);
  });
});

describe('big Markdown', () => {
  it('refuses text over 8 MiB before indexing it (a 49 MB policy peaked at 1.1 GB)', async () => {
    const { readPolicyData } = await import('../src/ingest/index.js');
    const text = new TextEncoder().encode('Keep children safe and report concerns.\n\n'.repeat(220_000)); // 8.6 MiB
    const started = performance.now();
    const error = await readPolicyData(text, 'huge.md').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/the text is 8\.6 MiB, over the 8 MiB a Markdown or text policy may be/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('PDF line joining', () => {
  // The joining as it was (re-reading the whole text so far at each line), as the reference.
  const PREFIXES = new Set('child on self non co well low long short up follow one two three multi cross pre post anti re e peer so ex part full high under over third'.split(' '));
  const SUFFIXES = new Set('making based related led wide specific term being aware informed focused centred centered level party free friendly'.split(' '));
  function joinPair(a: string, b: string): string {
    const m = /(\S*?)(\p{L}+)-$/u.exec(a.slice(a.lastIndexOf(' ') + 1));
    if (!m) return `${a} ${b}`;
    const next = /^\S+/.exec(b)?.[0] ?? '';
    const nextWord = next.toLowerCase().replace(/[^\p{L}-]/gu, '');
    const address = /[@/]|\.\w/.test(m[1]! + next);
    const broken = !address && /\p{Ll}$/u.test(m[2]!) && /^\p{Ll}/u.test(b) && !PREFIXES.has(m[2]!.toLowerCase()) && !SUFFIXES.has(nextWord) && !nextWord.includes('-');
    return broken ? a.slice(0, -1) + b : a + b;
  }

  it('joins as before, hyphenation included', async () => {
    const { joinLines } = await import('../src/ingest/pdf-layout.js');
    const words = ['safe-', 'guarding', 'child-', 'on-child', 'Covid-', '19', 'well-', 'being', 'www.ex-', 'ample.org', 'staff', 're-', 'port', 'x-', 'y-', 'z', 'decision-', 'making', 'A'];
    let seed = 3;
    const pick = () => words[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % words.length]!;
    for (let trial = 0; trial < 500; trial++) {
      const lines = Array.from({ length: 1 + (trial % 7) }, () => Array.from({ length: 1 + (seed % 3) }, pick).join(' '));
      expect(joinLines(lines), JSON.stringify(lines)).toBe(lines.reduce(joinPair));
    }
  });

  it('joins a 500-page flowing paragraph in linear time', async () => {
    const { joinLines } = await import('../src/ingest/pdf-layout.js');
    const lines = Array.from({ length: 25_000 }, (_, i) => (i % 2 ? 'guarding of children is everyone’s responsibility and every safe-' : 'staff must report any concern the same day to the safe-'));
    const started = performance.now();
    const text = joinLines(lines);
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
