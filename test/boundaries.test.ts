import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The project's own lint config, run over a synthetic tree in a temp folder: the real src is never touched.
const root = resolve(import.meta.dirname, '..');
const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
const config = join(root, 'eslint.config.js');
const dirs: string[] = [];

function lintTree(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sg-boundaries-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = spawnSync(process.execPath, [eslint, '--config', config, '--rule', '{"@typescript-eslint/no-unused-vars":"off"}', 'src'], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('import boundaries', () => {
  it('fails on a backwards import (the catalogue importing the audit stage)', () => {
    const r = lintTree({
      'src/audit/prepared.ts': 'export const prepared = 1;\n',
      'src/catalogue/load.ts': "import { prepared } from '../audit/prepared.js';\nexport const x = prepared;\n",
    });
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/src\/catalogue\/load\.ts[\s\S]*no-restricted-imports/);
    expect(r.output).toContain('src/catalogue may import only');
  });

  it('fails on any import of the CLI, and on the Markdown reader from the catalogue stage', () => {
    const r = lintTree({
      'src/cli/main.ts': 'export const main = 1;\n',
      'src/run/run.ts': "import { main } from '../cli/main.js';\nexport const x = main;\n",
      'src/ingest/markdown.ts': 'export const read = 1;\n',
      'src/catalogue/examples.ts': "import { read } from '../ingest/markdown.js';\nexport const y = read;\n",
    });
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/src\/run\/run\.ts[\s\S]*no-restricted-imports/);
    expect(r.output).toMatch(/src\/catalogue\/examples\.ts[\s\S]*no-restricted-imports/);
  });

  it("holds a sub-folder to its folder's rule (src/audit/checks reaching up into src/report)", () => {
    const r = lintTree({
      'src/report/text.ts': 'export const text = 1;\n',
      'src/audit/checks/stub.ts': "import { text } from '../../report/text.js';\nexport const y = text;\n",
    });
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/src\/audit\/checks\/stub\.ts[\s\S]*src\/audit may import only/);
  });

  it('keeps reports from reaching back into the audit or the batch (they read results only)', () => {
    const r = lintTree({
      'src/audit/jurisdiction.ts': 'export const title = 1;\n',
      'src/run/summary.ts': 'export const summary = 1;\n',
      'src/report/text.ts': "import { title } from '../audit/jurisdiction.js';\nimport { summary } from '../run/summary.js';\nexport const y = title + summary;\n",
    });
    expect(r.status).toBe(1);
    expect(r.output.match(/no-restricted-imports/g)).toHaveLength(2);
  });

  it('passes imports that run forwards', () => {
    const r = lintTree({
      'src/types.ts': 'export type Id = string;\n',
      'src/catalogue/model.ts': "import type { Id } from '../types.js';\nexport const model: Id = 'a';\n",
      'src/audit/audit.ts': "import { model } from '../catalogue/model.js';\nexport const x = model;\n",
      'src/run/run.ts': "import { x } from '../audit/audit.js';\nexport const y = x;\n",
      'src/gate/gate.ts': 'export const fails = 1;\n',
      'src/report/junit.ts': "import { fails } from '../gate/gate.js';\nexport const z = fails;\n",
    });
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });
});
