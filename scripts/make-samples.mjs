// Regenerates the fictional sample policies in samples/ from samples/src/*.md.
// Run with `npm run samples`. Output is deterministic: same sources, same bytes.
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docxBytes, parseMarkdown, pdfBytes } from './sample-writers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'samples', 'src');
const OUT = join(ROOT, 'samples');

// ---------- main
const read = (f) => parseMarkdown(readFileSync(join(SRC, f), 'utf8'));
copyFileSync(join(SRC, 'harbour-juniors-fc.md'), join(OUT, 'harbour-juniors-fc.md'));
writeFileSync(join(OUT, 'little-acorns-nursery.docx'), await docxBytes(read('little-acorns-nursery.md')));
writeFileSync(join(OUT, 'oakfield-academy.pdf'), await pdfBytes(read('oakfield-academy.md')));
console.log('samples written: harbour-juniors-fc.md, little-acorns-nursery.docx, oakfield-academy.pdf');
