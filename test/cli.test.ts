import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawPolicy, makePdf } from './fixtures/hostile.js';
import { tempDir } from './fixtures/temp-dir.js';
import { runInProcess } from './fixtures/in-process.js';
import { parseReport } from './fixtures/report-schema.js';

// Runs the built CLI (npm test builds first), as a user would.
const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
const dir = tempDir('sg-audit-cli-');

function run(args: string[], input?: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    ...(input === undefined ? {} : { input }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Most tests run in-process through main(argv, io); the bin entry, pipes, the environment commander
// reads and file names on a real stderr are tested by spawning it.
function inProcess(args: string[]) {
  return runInProcess(args, process.cwd(), { NO_COLOR: '1' });
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// Long enough not to be a stub (which is not assessable, exit 2), yet weak on almost every requirement.
const weak = file(
  'weak.md',
  `# Club policy\n\nWe love football and keep children safe from abuse. Children are our priority.\n\n${'Our club meets every Saturday morning at the park, and parents are welcome to stay and watch the children play. '.repeat(8)}\n`,
);

describe('sg-audit CLI', () => {
  it('prints help with examples and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:/);
    expect(r.stdout).toMatch(/--fail-on/);
  });

  it('keeps the error line one plain line when a file name holds a newline or an escape', () => {
    const bad = file('bad\nname\u001b[31m.md', 'x');
    const r = run([bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`sg-audit: ${join(dir, 'bad?name?[31m.md')}: only 1 word of text: nothing to audit\n`);
  });

  it('stops quietly when the reader of its output closes early', () => {
    const samples = join(import.meta.dirname, '..', 'samples');
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" --format jsonl --fail-on none "${samples}" | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.stderr).toMatch(/status [02]\n/);
  });

  it('prints its version', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    const [tool, catalogue] = r.stdout.trim().split('\n');
    expect(tool).toBe(`sg-audit ${JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version}`);
    // The catalogue's version and the day its sources were last checked.
    expect(catalogue).toMatch(/^sg-audit default catalogue \d{4}\.\d+\.\d+, sources last checked \d{4}-\d{2}-\d{2}$/);
  });

  it('exits 1 when a must or should gap is found, 0 with --fail-on none', async () => {
    expect((await inProcess([weak, '--fail-on', 'should'])).code).toBe(1);
    expect((await inProcess([weak, '--fail-on', 'none'])).code).toBe(0);
  });

  it('writes the JSON contract', async () => {
    const r = await inProcess(['--format', 'json', '--profile', 'sport', '--as-of', '2026-01-01', weak]);
    const report = parseReport(r.stdout);
    expect(report.tool.name).toBe('sg-audit');
    expect(report.catalogue).toEqual({ name: expect.any(String), version: expect.any(String), sourcesChecked: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const doc = report.documents[0];
    expect(doc).toMatchObject({ path: weak, format: 'markdown', status: 'audited', profile: 'sport' });
    expect(Object.keys(doc.summary).sort()).toEqual(['met', 'missing', 'notApplicable', 'partial']);
    for (const req of doc.requirements) {
      expect(req).toMatchObject({ id: expect.any(String), title: expect.any(String), source: expect.any(String), advice: expect.any(String) });
      expect(['must', 'should', 'advisory']).toContain(req.level);
      expect(['met', 'partial', 'missing', 'not-applicable']).toContain(req.status);
      expect(req.confidence).toBeGreaterThanOrEqual(0);
      expect(req.confidence).toBeLessThanOrEqual(1);
      expect(Array.isArray(req.evidence)).toBe(true);
    }
    expect(Array.isArray(doc.findings)).toBe(true);
  });

  it('names a missing, an empty and an unsupported file on one line each, exit 2, and still audits the rest', async () => {
    const empty = file('empty.md', '');
    const binary = file('image.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
    const r = await inProcess(['--format', 'json', join(dir, 'nope.md'), empty, binary, weak]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/nope\.md: file not found$/);
    expect(lines[1]).toMatch(/empty\.md: the file is empty$/);
    expect(lines[2]).toMatch(/image\.md: unsupported file type/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const report = parseReport(r.stdout);
    expect(report.documents.map((d: { status: string }) => d.status)).toEqual(['error', 'error', 'error', 'audited']);
  });

  it('takes the PDF password from SG_AUDIT_PDF_PASSWORD, off the command line', async () => {
    const locked = file('locked.pdf', await makePdf(drawPolicy, { userPassword: 's3cret', ownerPassword: 'owner', pdfVersion: '1.7' }));
    const without = run(['--format', 'json', '--fail-on', 'none', locked]);
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/a password is needed/);
    const r = run(['--format', 'json', '--fail-on', 'none', locked], undefined, { SG_AUDIT_PDF_PASSWORD: 's3cret' });
    expect(r.code, r.stderr).toBe(0);
    expect(parseReport(r.stdout).documents[0].status).toBe('audited');
  });

  it('treats a usage error as exit 2', async () => {
    expect((await inProcess(['--format', 'yaml', weak])).code).toBe(2);
    expect((await inProcess([])).code).toBe(2);
    expect((await inProcess(['--profile', 'spaceship', weak])).stderr).toMatch(/unknown profile "spaceship"/);
  });

  it('writes --output atomically and refuses to overwrite an input', async () => {
    const out = join(dir, 'report.json');
    expect((await inProcess(['--format', 'json', '-o', out, '--fail-on', 'none', weak])).code).toBe(0);
    expect(parseReport(readFileSync(out, 'utf8')).documents).toHaveLength(1);
    const before = readFileSync(weak, 'utf8');
    const r = await inProcess(['--format', 'json', '-o', weak, weak]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to write a report over an input file/);
    expect(readFileSync(weak, 'utf8')).toBe(before);
  });

  it('reports a document with no text as unreadable, not as all missing', async () => {
    const blank = file('blank.md', '\n\n   \n# \n');
    const r = await inProcess(['--format', 'json', blank]);
    expect(r.code).toBe(2);
    const doc = parseReport(r.stdout).documents[0];
    expect(doc.status).toBe('unreadable');
    expect(doc.requirements).toEqual([]);
  });

  it('--debug is an option of the run, not an environment variable left behind', async () => {
    const r = await inProcess(['--debug', '--no-config', '--fail-on', 'none', weak]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no configuration file in use/);
    expect(process.env.SG_AUDIT_DEBUG).toBeUndefined();
  });

  it('lists the catalogue as JSON with levels and sources', async () => {
    const r = await inProcess(['catalogue', 'list', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.find((x: { id: string }) => x.id === 'whistleblowing')).toMatchObject({ level: 'should', source: expect.any(String) });
  });
});
