// Issue 16: readers whose memory stays bounded whatever the file holds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
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
    expect((error as Error).message).toMatch(/the text is 8\.6 MiB, over the 8\.0 MiB a Markdown or text policy may be/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
