// Issue 16: report outputs that never replace what they should not, and stay flat in memory.
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, openSync, closeSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportOutputs } from '../src/run/report-outputs.js';
import type { DocumentReport } from '../src/types.js';
import { tempDir } from './fixtures/temp-dir.js';

const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
const dir = tempDir('sg-robust-out-');

function run(args: string[], stdout: 'pipe' | number = 'pipe') {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', stdout, 'pipe'], timeout: 60_000 });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const policy = file(
  'policy.md',
  "# Safeguarding policy\n\nEveryone who works or volunteers with us has a duty to keep children and young people safe from abuse and harm. Our designated safeguarding lead is Sam Jones, who receives every concern about a child and makes referrals to children's social care. Report any concern about a child to the designated safeguarding lead the same day, and call the police on 999 if a child is in immediate danger. All staff and volunteers have an enhanced DBS check before they start, and complete safeguarding training every three years.\n",
);

describe('report paths', () => {
  it('writes straight to a device and leaves it a device (-o /dev/null)', () => {
    const r = run(['--format', 'json', '-o', '/dev/null', policy]);
    expect(r.code).toBe(1);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('streams into a FIFO the user named', async () => {
    const fifo = join(dir, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let text = '';
    reader.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const closed = new Promise((done) => reader.on('close', done));
    const r = run(['--format', 'json', '-o', fifo, policy]);
    await closed;
    expect(r.code).toBe(1);
    expect(JSON.parse(text).documents[0].path).toBe(policy);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses to replace a symbolic link, a folder, the catalogue or the configuration, before auditing', () => {
    const target = file('target.json', 'keep me');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    let r = run(['--format', 'json', '-o', link, policy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/link\.json: refusing to replace a symbolic link/);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('keep me');

    const folder = join(dir, 'folder');
    mkdirSync(folder);
    r = run(['-o', folder, policy]);
    expect(r.stderr).toMatch(/refusing to write a report over a folder/);

    const catalogue = file('catalogue.yml', 'extends: default\nname: mine\nversion: "1"\n');
    r = run(['--catalogue', catalogue, '--format', 'json', '-o', catalogue, policy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to write a report over the catalogue or configuration/);
    expect(readFileSync(catalogue, 'utf8')).toMatch(/^extends: default/);

    const config = file('.sg-audit.yml', 'failOn: none\n');
    r = run(['--config', config, '--report', `json=${config}`, policy]);
    expect(r.code).toBe(2);
    expect(readFileSync(config, 'utf8')).toBe('failOn: none\n');
  });

  it('exits 2 with one line when standard output cannot be written (a full disk)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = run(['--format', 'json', policy, policy], full);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot write the report to standard output \(ENOSPC\)/);
    } finally {
      closeSync(full);
    }
  });

  it('keeps the audit exit status when the reader of JSON Lines stops early', () => {
    const copies = Array.from({ length: 4 }, (_, i) => file(`copy-${i}.md`, readFileSync(policy, 'utf8')));
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" --format jsonl ${copies.join(' ')} | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/status 1\n/); // gaps, not 0
  });
});

describe('streamed reports', () => {
  const header = { tool: { name: 'sg-audit' as const, version: '0' }, catalogue: { name: 'c', version: '1' }, asOf: '2026-01-01' };
  const doc = (n: number, status: DocumentReport['status'] = 'audited'): DocumentReport => ({
    path: `p${n}.md`,
    status,
    summary: { met: 1, partial: 0, missing: 1, notApplicable: 0 },
    requirements:
      status === 'audited'
        ? [
            { id: 'a', title: 'A', level: 'must', status: 'met', confidence: 1, evidence: [], reason: 'r', source: 's', advice: 'x' },
            { id: 'b', title: 'B', level: 'should', status: 'missing', confidence: 1, evidence: [], reason: 'r', source: 's', advice: 'x' },
          ]
        : [],
    findings: [],
  });

  it('writes documents that arrive in any order in input order, from disk, with the summary last', async () => {
    const target = join(dir, 'out.json');
    const matrix = join(dir, 'out.csv');
    const outputs = new ReportOutputs(
      [
        { format: 'csv-matrix', path: matrix },
        { format: 'json', path: target },
      ],
      header,
      5,
      { inputs: [] },
    );
    expect(outputs.keepDocuments).toBe(false);
    for (const n of [3, 0, 4, 1, 2]) await outputs.add(doc(n, n === 1 ? 'error' : 'audited'), n);
    await outputs.finish({ ...header, documents: [] });
    outputs.dispose();
    const text = readFileSync(target, 'utf8');
    const report = JSON.parse(text);
    expect(report.documents.map((d: DocumentReport) => d.path)).toEqual(['p0.md', 'p1.md', 'p2.md', 'p3.md', 'p4.md']);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'catalogue', 'asOf', 'documents', 'summary']);
    expect(report.summary).toMatchObject({ documents: 5, audited: 4, errors: 1, requirements: { a: { met: 4 }, b: { missing: 4 } } });
    expect(text).toBe(`${JSON.stringify(report, null, 2)}\n`); // the same layout as whole-report JSON
    expect(readFileSync(matrix, 'utf8').split('\r\n')).toEqual([
      'path,profile,status,a,b',
      'p0.md,,audited,met,missing',
      'p1.md,,error,error,error',
      'p2.md,,audited,met,missing',
      'p3.md,,audited,met,missing',
      'p4.md,,audited,met,missing',
      '',
    ]);
  });

  it('keeps the documents in memory only for formats rendered whole', () => {
    expect(new ReportOutputs([{ format: 'html', path: join(dir, 'x.html') }], header, 1, { inputs: [] }).keepDocuments).toBe(true);
    expect(new ReportOutputs([{ format: 'jsonl' }, { format: 'csv', path: join(dir, 'x.csv') }], header, 1, { inputs: [] }).keepDocuments).toBe(false);
  });
});
