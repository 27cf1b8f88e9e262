import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures/temp-dir.js';
import { expandInputs } from '../src/run/inputs.js';
import { largestFirst } from '../src/run/run.js';

describe('expanding inputs', () => {
  const dir = tempDir('sg-audit-inputs-');
  mkdirSync(join(dir, 'b', 'deep'), { recursive: true });
  mkdirSync(join(dir, '.git'));
  for (const f of ['z.md', 'a.pdf', 'b/deep/c.docx', 'b/notes.xlsx', '.git/HEAD.md', '.hidden.md']) writeFileSync(join(dir, f), 'x');

  it('walks folders recursively in a stable order, skipping hidden files and unsupported types', async () => {
    const { files, skipped } = await expandInputs([dir]);
    expect(files).toEqual([join(dir, 'a.pdf'), join(dir, 'b', 'deep', 'c.docx'), join(dir, 'z.md')]);
    expect(skipped).toEqual([join(dir, 'b', 'notes.xlsx')]);
  });

  it('expands quoted globs, keeps plain files as given, and reads "-" from stdin', async () => {
    const { files } = await expandInputs([join(dir, '*.md'), join(dir, 'missing.md'), '-'], async () => `${join(dir, 'a.pdf')}\n\n`);
    expect(files).toEqual([join(dir, 'z.md'), join(dir, 'missing.md'), join(dir, 'a.pdf')]);
  });

  it('lists a file named twice once', async () => {
    const file = join(dir, 'z.md');
    expect((await expandInputs([file, file])).files).toEqual([file]);
  });
});

describe('batch dispatch order', () => {
  it('hands the biggest files out first, ties and unreadable paths in input order', () => {
    const dir = tempDir('sg-order-');
    const sizes = { 'a.md': 10, 'b.pdf': 5000, 'c.md': 10, 'd.docx': 800 };
    for (const [name, size] of Object.entries(sizes)) writeFileSync(join(dir, name), 'x'.repeat(size));
    const paths = ['a.md', 'b.pdf', 'gone.md', 'c.md', 'd.docx'].map((n) => join(dir, n));
    expect(largestFirst(paths)).toEqual([1, 4, 0, 3, 2]);
  });
});

describe('an unreadable sub-folder', () => {
  it('is named and skipped while the rest of the folder is still listed', async () => {
    const dir = tempDir('sg-audit-unreadable-');
    mkdirSync(join(dir, 'locked'));
    mkdirSync(join(dir, 'open'));
    writeFileSync(join(dir, 'open', 'a.md'), 'x');
    writeFileSync(join(dir, 'locked', 'b.md'), 'x');
    // As root nothing is unreadable, so the refusal is the reader's: EACCES on one folder.
    const { readdir } = await import('node:fs/promises');
    const read = async (folder: string) => {
      if (folder.endsWith('locked')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return readdir(folder, { withFileTypes: true });
    };
    const { files, unreadable } = await expandInputs([dir], { readStdin: async () => '', read });
    expect(files).toEqual([join(dir, 'open', 'a.md')]);
    expect(unreadable).toEqual([{ folder: join(dir, 'locked'), reason: 'EACCES' }]);
  });
});
