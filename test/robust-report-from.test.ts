// Issue 16: a national sweep split across machines, merged by `sg-audit report --from`.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures/temp-dir.js';

const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
const dir = tempDir('sg-robust-from-');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, '--as-of', '2026-01-01', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function fromShards(args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'report', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Generated policies, each with a different mix of sections, and one that is not readable.
const sections = [
  '## Designated safeguarding lead\n\nOur designated safeguarding lead is Sam Jones, who can be reached on 01632 960000.\n',
  '## Allegations against staff\n\nAllegations against staff are referred to the LADO within one working day.\n',
  '## Whistleblowing\n\nStaff can raise concerns about poor practice through our whistleblowing procedure.\n',
  '## Training\n\nAll staff complete safeguarding training every year.\n',
  '## Safer recruitment\n\nEnhanced DBS checks are carried out for every role working with children.\n',
];
const policies = Array.from({ length: 6 }, (_, i) => {
  const path = join(dir, `policy-${i}.md`);
  writeFileSync(path, `# Club ${i} safeguarding policy\n\n${sections.filter((_, k) => (i + k) % 3 !== 0).join('\n')}`);
  return path;
});
const empty = join(dir, 'empty.md');
writeFileSync(empty, '');
const all = [...policies.slice(0, 3), empty, ...policies.slice(3)];

describe('sg-audit report --from', () => {
  const a = join(dir, 'a.jsonl');
  const b = join(dir, 'b.jsonl');
  // Each machine audits its share; the run that failed on the empty file still saved its line.
  run(['--format', 'jsonl', '-o', a, ...all.slice(0, 4)]);
  run(['--format', 'jsonl', '-o', b, ...all.slice(4)]);

  it.each(['json', 'html', 'csv-matrix', 'csv'])('rebuilds the same %s overview from two shards as one run over all the files', (format) => {
    const one = run(['--format', format, ...all]);
    const merged = fromShards(['--from', a, b, '--format', format]);
    expect(merged.stderr).toBe('');
    expect(merged.stdout).toBe(one.stdout);
    expect(merged.code).toBe(one.code); // 2, as the run said: one file could not be audited
  });

  it('writes to a file atomically and refuses to write over a shard', () => {
    const out = join(dir, 'overview.html');
    expect(fromShards(['--from', a, b, '-o', out]).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    const r = fromShards(['--from', a, b, '--format', 'jsonl', '-o', a]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to write a report over an input file/);
  });

  it('names a line that is not sg-audit JSON Lines', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${readFileSync(a, 'utf8')}{"oops": true}\n`);
    const r = fromShards(['--from', bad, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:5: not an sg-audit document line/);
  });
});
