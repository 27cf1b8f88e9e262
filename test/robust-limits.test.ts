// Issue 16: nothing a file, a folder or a catalogue holds can hang sg-audit or exhaust memory.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures/temp-dir.js';

const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
const dir = tempDir('sg-robust-');

function run(args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const policy =
  "# Safeguarding policy\n\nEveryone who works or volunteers with us has a duty to keep children and young people safe from abuse and harm. Our designated safeguarding lead is Sam Jones, who receives every concern about a child and makes referrals to children's social care. Report any concern about a child to the designated safeguarding lead the same day, and call the police on 999 if a child is in immediate danger. All staff and volunteers have an enhanced DBS check before they start, and complete safeguarding training every three years.\n";

describe('every audit can be stopped by --timeout', () => {
  // SG_AUDIT_TEST_STALL makes the worker spin on that file, as a pathological input would.
  const stall = { SG_AUDIT_TEST_STALL: 'stall-here' };

  it('stops a single small Markdown file with --jobs 1 well within bounds', () => {
    const slow = file('stall-here.md', policy);
    const r = run(['--jobs', '1', '--timeout', '2', '--format', 'json', slow], stall);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stall-here\.md: took longer than 2 s to audit \(--timeout\)/);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('reports the file over budget and goes on with the rest of the run', () => {
    const slow = file('stall-here-too.md', policy);
    const fine = file('fine.md', policy);
    const r = run(['--jobs', '1', '--timeout', '2', '--format', 'json', slow, fine], stall);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { documents: { path: string; status: string }[] };
    expect(report.documents.map((d) => d.status)).toEqual(['error', 'audited']);
    expect(r.ms).toBeLessThan(12_000);
  });
});

describe('--jobs', () => {
  it('is a usage error unless a positive whole number', () => {
    const target = file('jobs.md', policy);
    for (const bad of ['1.5', '0', '-2', 'many']) {
      const r = run(['--jobs', bad, target]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/--jobs: .* is not a positive whole number/);
    }
  });

  it('is lowered to a multiple of the cores, saying so', () => {
    const r = run(['--jobs', '500', '--format', 'json', file('many-jobs.md', policy)]);
    expect(r.stderr).toMatch(new RegExp(`--jobs 500 lowered to ${availableParallelism() * 2}`));
    expect(JSON.parse(r.stdout).documents[0].status).toBe('audited');
  });
});

describe('catalogue limits that keep matching linear', () => {
  const requirement = (terms: string[]) => `name: hostile
version: "1"
requirements:
  - id: hostile
    title: Hostile
    level: must
    profiles: [core]
    source: test
    why: test
    advice: test
    match:
      concepts:
        c: ${JSON.stringify(terms)}
      met:
        - all: [c]
`;

  it('refuses a phrase of many "..." gaps quickly, naming the line and the limit', () => {
    const gaps = file('gaps.yml', requirement(['board ' + Array.from({ length: 20 }, () => '... a').join(' ') + ' lead']));
    const r = run(['catalogue', 'validate', gaps]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/gaps\.yml:13: .*has 20 "\.\.\." gaps \(at most 3/);
    expect(r.ms).toBeLessThan(5000);
    // A run with that catalogue is refused the same way, before any document is read.
    const audit = run(['--catalogue', gaps, file('any.md', policy)]);
    expect(audit.code).toBe(2);
    expect(audit.stderr).toMatch(/"\.\.\." gaps/);
  });

  it('refuses gaps in a row, over-long phrases and over-long concepts', () => {
    expect(run(['catalogue', 'validate', file('row.yml', requirement(['board ... ... lead']))]).stderr).toMatch(/two "\.\.\." gaps in a row/);
    const words = Array.from({ length: 21 }, (_, i) => `w${i}`).join(' ');
    expect(run(['catalogue', 'validate', file('long.yml', requirement([words]))]).stderr).toMatch(/has 21 words \(at most 20\)/);
    const many = Array.from({ length: 301 }, (_, i) => `term${i}`);
    expect(run(['catalogue', 'validate', file('many.yml', requirement(many))]).stderr).toMatch(/must NOT have more than 300 items/);
  });

  it('accepts the limits themselves', () => {
    const r = run(['catalogue', 'validate', file('ok.yml', requirement(['board ... trustees ... lead ... named']))]);
    expect(r.stdout).toMatch(/valid \(1 requirements\)/);
    expect(r.code).toBe(0);
  });
});

describe('an absurd PDF password', () => {
  it('is one clear usage error, not a failure of every PDF', () => {
    const r = run([file('pw.md', policy)], { SG_AUDIT_PDF_PASSWORD: 'x'.repeat(64 * 1024) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sg-audit: --password (or SG_AUDIT_PDF_PASSWORD): over 1,024 bytes long; a PDF password is at most 127\n');
  });
});
