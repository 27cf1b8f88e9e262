import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures/temp-dir.js';
import { runInProcess } from './fixtures/in-process.js';
import { parseReport, parseJsonl } from './fixtures/report-schema.js';

const samples = join(import.meta.dirname, '..', 'samples');

// In-process through main(argv, io): the bin entry, pipes and signals are tested by spawning in cli.test.ts.
function run(args: string[], cwd: string) {
  return runInProcess(args, cwd, { NO_COLOR: '1' });
}

function project(config?: string): string {
  const dir = tempDir('sg-audit-gate-');
  writeFileSync(join(dir, 'policy.md'), readFileSync(join(samples, 'harbour-juniors-fc.md')));
  if (config) writeFileSync(join(dir, '.sg-audit.yml'), config);
  return dir;
}

describe('gating, reports and configuration', () => {
  it('writes every format in one run with --report', async () => {
    const dir = project();
    const formats = ['json', 'markdown', 'html', 'sarif', 'junit', 'csv', 'text'];
    const r = await run(['--fail-on', 'none', '--as-of', '2026-01-15', ...formats.flatMap((f) => ['--report', `${f}=out.${f}`]), 'policy.md'], dir);
    expect(r.code).toBe(0);
    for (const f of formats) expect(existsSync(join(dir, `out.${f}`)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(dir, 'out.junit'), 'utf8')).toMatch(/<testsuites/);
  });

  it('--soft-fail exits 0 despite gaps; --fail-on-id fails on a named requirement', async () => {
    const dir = project();
    expect((await run(['--profile', 'sport', 'policy.md'], dir)).code).toBe(1);
    expect((await run(['--profile', 'sport', '--soft-fail', 'policy.md'], dir)).code).toBe(0);
    expect((await run(['--profile', 'sport', '--fail-on', 'none', 'policy.md'], dir)).code).toBe(0);
    expect((await run(['--profile', 'sport', '--fail-on', 'none', '--fail-on-id', 'allegations-lado', 'policy.md'], dir)).code).toBe(1);
  });

  it('reads .sg-audit.yml and shows waived gaps as waived', async () => {
    const dir = project(`profile: sport\nfailOn: none\nwaivers:\n  - id: allegations-lado\n    path: "*.md"\n    reason: Covered by the county FA procedure\n    expires: 2099-01-01\n`);
    const r = await run(['--format', 'json', 'policy.md'], dir);
    expect(r.code).toBe(0);
    const doc = parseReport(r.stdout).documents[0];
    expect(doc.profile).toBe('sport');
    const lado = doc.requirements.find((x: { id: string }) => x.id === 'allegations-lado');
    expect(lado.status).not.toBe('met');
    expect(lado.waived).toEqual({ reason: 'Covered by the county FA procedure', expires: '2099-01-01', by: '.sg-audit.yml' });
  });

  it('fails the run naming an expired waiver', async () => {
    const dir = project(`failOn: none\nwaivers:\n  - id: allegations-lado\n    reason: old\n    expires: 2020-01-01\n`);
    const r = await run(['policy.md'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/waiver for allegations-lado expired on 2020-01-01/);
  });

  it('reports a bad configuration file as a usage error', async () => {
    const dir = project('failOn: sometimes\n');
    const r = await run(['policy.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.sg-audit\.yml: failOn must be equal to one of the allowed values/);
  });

  it('init writes a starter config once and never overwrites it', async () => {
    const dir = project();
    expect((await run(['init'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, '.sg-audit.yml'), 'utf8')).toMatch(/failOn: must/);
    const again = await run(['init'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('audits several files in parallel, in input order, with a summary across them', async () => {
    const dir = project();
    const r = await run(['--format', 'json', '--jobs', '2', '--fail-on', 'none', join(samples, 'oakfield-academy.pdf'), 'policy.md', join(samples, 'little-acorns-nursery.docx')], dir);
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.documents.map((d: { format: string }) => d.format)).toEqual(['pdf', 'markdown', 'docx']);
    expect(report.summary.documents).toBe(3);
  });

  it('streams JSON Lines, one parseable document per line', async () => {
    const dir = project();
    const r = await run(['--format', 'jsonl', '--fail-on', 'none', 'policy.md', join(samples, 'little-acorns-nursery.docx')], dir);
    expect(r.code).toBe(0);
    const lines = parseJsonl(r.stdout);
    expect(lines.map((l) => l.document.format).sort()).toEqual(['docx', 'markdown']);
    expect(lines[0].tool.name).toBe('sg-audit');
  });
});
