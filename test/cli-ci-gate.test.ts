import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { compileGlob } from '../src/util/glob.js';
import { parseJsonl, parseReport } from './fixtures/report-schema.js';
import { POLICY, REVISION, asDocx } from './fixtures/revision-policy.js';
import { tempDir } from './fixtures/temp-dir.js';
import { runInProcess } from './fixtures/in-process.js';

const samples = join(import.meta.dirname, '..', 'samples');

// In-process through main(argv, io): the bin entry, pipes and signals are tested by spawning in cli.test.ts.
function run(args: string[], cwd: string, env: Record<string, string> = { NO_COLOR: '1' }) {
  return runInProcess(['--as-of', '2026-12-01', ...args], cwd, env);
}

/** A repository (with .git, so config discovery stops here) holding the sample club policy. */
function repo(config?: string): string {
  const dir = tempDir('sg-audit-ci-');
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'policies'));
  copyFileSync(join(samples, 'harbour-juniors-fc.md'), join(dir, 'policies', 'club.md'));
  if (config) writeFileSync(join(dir, '.sg-audit.yml'), config);
  return dir;
}

describe('unknown requirement ids are usage errors', () => {
  it('--fail-on-id, failOnIds, waivers and inline directives all name the id and suggest the right one', async () => {
    const dir = repo();
    let r = await run(['--fail-on-id', 'whistleblowin', 'policies/club.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--fail-on-id: unknown requirement id "whistleblowin" \(did you mean "whistleblowing"\?\)/);

    writeFileSync(join(dir, '.sg-audit.yml'), 'failOnIds: [allegations-lad]\n');
    r = await run(['policies/club.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.sg-audit\.yml: failOnIds: unknown requirement id "allegations-lad" \(did you mean "allegations-lado"\?\)/);

    writeFileSync(join(dir, '.sg-audit.yml'), 'waivers:\n  - id: whistelblowing\n    reason: typo\n');
    r = await run(['policies/club.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/waivers\[0\]\.id: unknown requirement id "whistelblowing" \(did you mean "whistleblowing"\?\)/);

    writeFileSync(join(dir, '.sg-audit.yml'), 'failOn: none\n');
    writeFileSync(join(dir, 'policies', 'club.md'), `${readFileSync(join(samples, 'harbour-juniors-fc.md'), 'utf8')}\n<!-- sg-audit-disable onlin-safety: covered elsewhere -->\n`);
    r = await run(['policies/club.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/club\.md:\d+: sg-audit-disable: unknown requirement id "onlin-safety" \(did you mean "online-safety"\?\)/);
  });

  it('warns about a waiver that matches nothing, and fails with --strict', async () => {
    const dir = repo('failOn: none\nwaivers:\n  - id: allegations-lado\n    path: "elsewhere/*.md"\n    reason: Covered by the county procedure\n');
    const r = await run(['policies/club.md'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: the waiver for allegations-lado \(path "elsewhere\/\*\.md".*\) matched no gap in this run/);
    const strict = await run(['--strict', 'policies/club.md'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/error: the waiver for allegations-lado/);
  });
});

describe('waiver paths are relative to the configuration file', () => {
  const config =
    'profile: sport\nfailOn: should\nfailOnIds: []\nwaivers:\n' +
    [
      'allegations-lado',
      'allegations-distinction',
      'allegations-harm-test',
      'allegations-report-immediately',
      'allegations-process',
      'position-of-trust',
      'responding-to-concerns',
      'dbs-barring-referral',
    ]
      .map((id) => `  - id: ${id}\n    path: "policies/*.md"\n    reason: accepted for the test\n`)
      .join('');

  it('however the path is typed: relative, ./, absolute, or from a sub-folder', async () => {
    const dir = repo(config);
    const ways: Array<[string[], string]> = [
      [['policies/club.md'], dir],
      [['./policies/club.md'], dir],
      [[join(dir, 'policies', 'club.md')], dir],
      [['club.md'], join(dir, 'policies')],
      [['./club.md'], join(dir, 'policies')],
    ];
    for (const [args, cwd] of ways) {
      const r = await run(['--format', 'json', ...args], cwd);
      const lado = parseReport(r.stdout).documents[0].requirements.find((x: { id: string }) => x.id === 'allegations-lado');
      expect(lado.waived, `${args.join(' ')} from ${cwd}`).toMatchObject({ reason: 'accepted for the test', by: '.sg-audit.yml'.length ? expect.stringContaining('.sg-audit.yml') : '' });
    }
  });

  it('refuses a pattern that could make matching slow, quickly and naming it', async () => {
    const hostile = '**/*a*a*/**/*a*a*/**/*a*a*b';
    const started = Date.now();
    const m = compileGlob(hostile, 'test');
    expect(m(`${'a'.repeat(255)}/${'a'.repeat(255)}/${'a'.repeat(255)}/${'a'.repeat(255)}`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(() => compileGlob('*a*a*a*a*a*a*a*a*b', 'waivers[0].path')).toThrow(/waivers\[0\]\.path: glob .* has more than 3 wildcards/);
    // Nested extglob repetitions are plain characters, not a regular expression that backtracks.
    expect(compileGlob('+(+(+(a)))b', 't')('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac')).toBe(false);
    expect(compileGlob('**/*.{md,pdf}', 't')('a/b/c.md')).toBe(true);
    expect(compileGlob('policies/*.md', 't')('policies/sub/c.md')).toBe(false);

    const dir = repo(`waivers:\n  - id: allegations-lado\n    path: "${'*a'.repeat(10)}b"\n    reason: x\n`);
    const t = Date.now();
    const r = await run(['policies/club.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/waivers\[0\]\.path: glob .* has more than 3 wildcards/);
    expect(Date.now() - t).toBeLessThan(20_000);
  });
});

describe('which files a folder scan audits', () => {
  it('takes policies only: no README or CHANGELOG, no .txt unless named, no own reports, nothing .gitignore leaves out', async () => {
    const dir = repo('failOn: none\nexclude: [drafts]\n');
    const club = readFileSync(join(samples, 'harbour-juniors-fc.md'), 'utf8');
    writeFileSync(join(dir, 'README.md'), '# Policies\n\nThis repository holds our policies.\n');
    writeFileSync(join(dir, 'CHANGELOG.md'), '# Changes\n');
    writeFileSync(join(dir, 'policies', 'notes.txt'), club);
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'draft.md'), club);
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build', 'copy.md'), club);
    writeFileSync(join(dir, '.gitignore'), 'build/\n');
    // A Markdown report sg-audit wrote, under a name that does not give it away.
    expect((await run(['--format', 'markdown', '-o', 'audit-output.md', 'policies/club.md'], dir)).code).toBe(0);

    const r = await run(['--format', 'json', '.'], dir);
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).documents.map((d: { path: string }) => d.path)).toEqual([join('policies', 'club.md')]);
    expect(r.stderr).toMatch(/left out 5 file\(s\)/);

    // As pre-commit runs it, with the names of changed files: a README alone is nothing to audit.
    const hook = await run(['README.md', 'CHANGELOG.md'], dir);
    expect(hook.code).toBe(0);
    expect(hook.stderr).toMatch(/left out 2 file\(s\)/);
    const named = await run(['--format', 'json', 'policies/notes.txt'], dir);
    expect(parseReport(named.stdout).documents.map((d: { path: string }) => d.path)).toEqual(['policies/notes.txt']);
    const all = await run(['--format', 'json', '--no-ignore', '.'], dir);
    expect(parseReport(all.stdout).documents.length).toBe(6);
  });

  it('an inline directive waives a gap in that policy, reported like a waiver with where it stands', async () => {
    const dir = repo('failOn: none\n');
    const text = readFileSync(join(samples, 'harbour-juniors-fc.md'), 'utf8');
    writeFileSync(join(dir, 'policies', 'club.md'), `${text}\n<!-- sg-audit-disable allegations-lado, position-of-trust: covered by the county FA procedure -->\n`);
    const line = text.split('\n').length + 1;
    const r = await run(['--format', 'json', '--profile', 'sport', 'policies/club.md'], dir);
    expect(r.code).toBe(0);
    const reqs = parseReport(r.stdout).documents[0].requirements;
    const lado = reqs.find((x: { id: string }) => x.id === 'allegations-lado');
    expect(lado.waived).toEqual({ reason: 'covered by the county FA procedure', by: `policies/club.md:${line}` });
    expect(reqs.find((x: { id: string }) => x.id === 'position-of-trust').waived).toBeDefined();
    writeFileSync(join(dir, 'policies', 'club.md'), `${text}\n<!-- sg-audit-disable allegations-lado -->\n`);
    const bare = await run(['policies/club.md'], dir);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/needs a reason after a colon/);
  });
});

interface JunitCase {
  name: string;
  failure?: { type: string }[];
}

/** The JUnit report's test cases, read by fast-xml-parser. */
function junitCases(xml: string): JunitCase[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name) });
  const suites = (parser.parse(xml) as { testsuites: { testsuite?: { testcase?: JunitCase[] }[] } }).testsuites.testsuite ?? [];
  return suites.flatMap((suite) => suite.testcase ?? []);
}

describe('JUnit, SARIF and compact follow the gate', () => {
  it('only gaps at or above --fail-on fail in JUnit; SARIF levels follow; compact and --quiet agree', async () => {
    const dir = repo();
    const r = await run(['--profile', 'sport', '--fail-on', 'must', '--report', 'junit=out.xml', '--report', 'sarif=out.sarif', '--format', 'compact', 'policies/club.md'], dir);
    expect(r.code).toBe(1);
    const junit = readFileSync(join(dir, 'out.xml'), 'utf8');
    const failures = junitCases(junit)
      .flatMap((c) => c.failure ?? [])
      .map((f) => f.type);
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures)).toEqual(new Set(['must']));
    expect(junit).toMatch(/<system-out>should gap below the gate \(passes\)/);
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    const levels = sarif.runs[0].results.filter((x: { properties: { status?: string } }) => x.properties.status).map((x: { ruleId: string; level: string }) => x.level);
    expect(levels.filter((l: string) => l === 'error')).toHaveLength(failures.length);
    expect(levels).toContain('warning');

    const lines = r.stdout.trim().split('\n');
    for (const l of lines) expect(l).toMatch(/^policies\/club\.md:\d+:1: (error|warning|note) [a-z0-9-]+ /);
    expect(lines.filter((l) => / error /.test(l))).toHaveLength(failures.length);
    const quiet = await run(['--profile', 'sport', '--format', 'compact', '--quiet', 'policies/club.md'], dir);
    expect(quiet.stdout.trim().split('\n')).toEqual(lines.filter((l) => / error /.test(l)));
    await run(['--profile', 'sport', '--fail-on', 'should', '--report', 'junit=should.xml', 'policies/club.md'], dir);
    expect(junitCases(readFileSync(join(dir, 'should.xml'), 'utf8')).flatMap((c) => c.failure ?? []).length).toBeGreaterThan(failures.length);
  });

  it('SARIF for a PDF gives a startLine from the extracted text and the page in region.properties', async () => {
    const dir = repo();
    const r = await run(['--format', 'sarif', '--fail-on', 'none', join(samples, 'oakfield-academy.pdf')], dir);
    const json = await run(['--format', 'json', '--fail-on', 'none', join(samples, 'oakfield-academy.pdf')], dir);
    const doc = parseReport(json.stdout).documents[0];
    const results = JSON.parse(r.stdout).runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number; properties?: Record<string, unknown> } } }> }>;
    const located = results.filter((x) => x.locations[0]!.physicalLocation.region.properties?.page !== undefined);
    expect(located.length).toBeGreaterThan(0);
    for (const x of located) {
      const region = x.locations[0]!.physicalLocation.region;
      expect(region.properties?.lineKind).toBe('extracted-text-line');
      const req = doc.requirements.find((q: { id: string }) => q.id === x.ruleId);
      if (!req) continue;
      const anchor = req.evidence[0] ?? req.nearest;
      expect(region.startLine).toBe(anchor.location.textLine);
      expect(region.properties?.page).toBe(anchor.location.page);
    }
    expect(located.every((x) => x.locations[0]!.physicalLocation.region.startLine > 1)).toBe(true);
  });

  it('SARIF for a DOCX gives the paragraph as startLine', async () => {
    const dir = repo();
    const docx = join(samples, 'little-acorns-nursery.docx');
    const sarif = JSON.parse((await run(['--format', 'sarif', '--fail-on', 'none', docx], dir)).stdout);
    const doc = parseReport((await run(['--format', 'json', '--fail-on', 'none', docx], dir)).stdout).documents[0];
    const results = sarif.runs[0].results.filter((x: { properties: { status?: string } }) => x.properties.status);
    expect(results.length).toBeGreaterThan(3);
    for (const x of results) {
      const req = doc.requirements.find((q: { id: string }) => q.id === x.ruleId);
      const anchor = req.evidence[0] ?? req.nearest;
      const region = x.locations[0].physicalLocation.region;
      expect(region.startLine).toBe(anchor?.location.paragraph ?? 1);
      if (anchor) expect(region.properties).toMatchObject({ paragraph: anchor.location.paragraph, lineKind: 'paragraph' });
    }
    expect(new Set(results.map((x: { locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) => x.locations[0]!.physicalLocation.region.startLine)).size).toBeGreaterThan(3);
  });
});

describe('output options', () => {
  it('--color and --no-color win over NO_COLOR and FORCE_COLOR', async () => {
    const dir = repo();
    expect((await run(['--color', '--fail-on', 'none', 'policies/club.md'], dir, { NO_COLOR: '1' })).stdout).toMatch(/\u001b\[/);
    expect((await run(['--no-color', '--fail-on', 'none', 'policies/club.md'], dir, { FORCE_COLOR: '1' })).stdout).not.toMatch(/\u001b\[/);
    expect((await run(['--fail-on', 'none', 'policies/club.md'], dir, { NO_COLOR: '1' })).stdout).not.toMatch(/\u001b\[/);
  });

  it('--quiet prints only what fails the gate', async () => {
    const dir = repo();
    const full = await run(['--profile', 'sport', 'policies/club.md'], dir);
    const quiet = await run(['--profile', 'sport', '--quiet', 'policies/club.md'], dir);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout.split('\n').length).toBeLessThan(full.stdout.split('\n').length / 2);
    expect(quiet.stdout).toMatch(/dbs-barring-referral|DBS/);
    expect(quiet.stdout).not.toMatch(/position of trust/i);
  });

  it('--print-config shows the merged configuration and the file it came from', async () => {
    const dir = repo('failOn: should\nprofile: sport\n');
    const r = await run(['--print-config', '--fail-on', 'advisory'], join(dir, 'policies'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`# from ${join(dir, '.sg-audit.yml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect(r.stdout).toMatch(/^failOn: advisory$/m);
    expect(r.stdout).toMatch(/^profile: sport$/m);
    expect(r.stdout).toMatch(/README\*/);
    expect(r.stderr).toContain(`configuration: ${join(dir, '.sg-audit.yml')}`);
  });

  it('every JSON and JSONL report carries schemaVersion and the configuration used, and validates', async () => {
    const dir = repo('failOn: none\n');
    const json = parseReport((await run(['--format', 'json', 'policies/club.md', join(samples, 'little-acorns-nursery.docx')], dir)).stdout);
    expect(json.schemaVersion).toMatch(/^1\.\d+\.\d+$/);
    expect(json.config).toBe('.sg-audit.yml');
    const lines = parseJsonl((await run(['--format', 'jsonl', 'policies/club.md', join(samples, 'oakfield-academy.pdf')], dir)).stdout);
    expect(lines.every((l) => l.schemaVersion === json.schemaVersion && l.config === '.sg-audit.yml')).toBe(true);
  });
});

describe('--baseline', () => {
  it('fails only on gaps the baseline does not hold', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'policies', 'club.md'), POLICY);
    const first = await run(['--fail-on', 'should', '--write-baseline', 'baseline.json', 'policies/club.md'], dir);
    expect(first.code).toBe(1);
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
    expect(baseline.kind).toBe('sg-audit-baseline');
    expect(baseline.gaps[0].path).toBe('policies/club.md');
    expect((await run(['--fail-on', 'should', '--baseline', 'baseline.json', 'policies/club.md'], dir)).code).toBe(0);
    // From a sub-folder the same baseline still applies.
    expect((await run(['--fail-on', 'should', '--baseline', '../baseline.json', 'club.md'], join(dir, 'policies'))).code).toBe(0);
    // A JSON report from an earlier run works as a baseline too.
    await run(['--fail-on', 'should', '--format', 'json', '-o', 'earlier.json', 'policies/club.md'], dir);
    expect((await run(['--fail-on', 'should', '--baseline', 'earlier.json', 'policies/club.md'], dir)).code).toBe(0);
    // The revision loses two requirements: new gaps, so the run fails again, naming them in JUnit.
    writeFileSync(join(dir, 'policies', 'club.md'), REVISION);
    const after = await run(['--fail-on', 'should', '--baseline', 'baseline.json', '--report', 'junit=j.xml', 'policies/club.md'], dir);
    expect(after.code).toBe(1);
    const failed = junitCases(readFileSync(join(dir, 'j.xml'), 'utf8'))
      .filter((c) => c.failure)
      .map((c) => c.name.split(':')[0])
      .sort();
    expect(failed).toEqual(['allegations-lado', 'whistleblowing']);
  });
});

describe('sg-audit diff', () => {
  it('reports exactly the losses of a revision, with evidence, and exits 1', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'old.md'), POLICY);
    writeFileSync(join(dir, 'new.md'), REVISION);
    const r = await run(['diff', '--fail-on', 'should', '--format', 'json', 'old.md', 'new.md'], dir);
    expect(r.code).toBe(1);
    const diff = parseReport(r.stdout);
    const lost = diff.changes.filter((c: { change: string }) => c.change === 'lost');
    expect(lost.map((c: { id: string }) => c.id).sort()).toEqual(['allegations-lado', 'whistleblowing']);
    const lado = lost.find((c: { id: string }) => c.id === 'allegations-lado');
    expect(lado.old.status).toBe('met');
    expect(lado.old.evidence.map((e: { text: string }) => e.text).join(' ')).toMatch(/within one working day/);
    expect(lado.new.evidence.map((e: { text: string }) => e.text).join(' ')).not.toMatch(/working day/);
    expect(lost.every((c: { failsGate: boolean }) => c.failsGate)).toBe(true);
    expect(diff.summary.gained).toBe(0);

    for (const format of ['text', 'markdown', 'html']) {
      const out = await run(['diff', '--fail-on', 'should', '--format', format, 'old.md', 'new.md'], dir);
      expect(out.code).toBe(1);
      expect(out.stdout).toMatch(/allegations-lado/);
      expect(out.stdout).toMatch(/within one working day of the allegation/);
      expect(out.stdout).toMatch(/raise concerns with the chair of trustees/);
    }
    // At the default gate (must) the losses are reported but do not fail.
    expect((await run(['diff', 'old.md', 'new.md'], dir)).code).toBe(0);
    expect((await run(['diff', '--fail-on', 'should', '--fail-on-id', 'whistleblowin', 'old.md', 'new.md'], dir)).code).toBe(2);
  });

  it('compares across formats: a DOCX and its Markdown revision', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'old.docx'), await asDocx(POLICY));
    writeFileSync(join(dir, 'new.md'), REVISION);
    const r = await run(['diff', '--fail-on', 'should', '--format', 'json', 'old.docx', 'new.md'], dir);
    expect(r.code).toBe(1);
    const diff = parseReport(r.stdout);
    expect(
      diff.changes
        .filter((c: { change: string }) => c.change === 'lost')
        .map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual(['allegations-lado', 'whistleblowing']);
    const lado = diff.changes.find((c: { id: string }) => c.id === 'allegations-lado');
    expect(lado.old.evidence.some((e: { location: { paragraph?: number } }) => e.location.paragraph !== undefined)).toBe(true);
    expect(lado.new.evidence.some((e: { location: { line?: number } }) => e.location.line !== undefined)).toBe(true);
  });

  it('identical files: no change, exit 0', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'old.md'), POLICY);
    writeFileSync(join(dir, 'same.md'), POLICY);
    const r = await run(['diff', '--fail-on', 'advisory', 'old.md', 'same.md'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No change/);
    const json = parseReport((await run(['diff', '--format', 'json', 'old.md', 'same.md'], dir)).stdout);
    expect(json.changes).toEqual([]);
    expect(json.findings).toEqual({ new: [], resolved: [] });
    const missing = await run(['diff', 'old.md', 'gone.md'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^sg-audit: gone\.md: /)]);
  });
});

describe('configuration is trusted only from the project', () => {
  it('stops at the repository root, and never above a folder with neither .git nor home', async () => {
    const outer = tempDir('sg-audit-shared-');
    writeFileSync(join(outer, '.sg-audit.yml'), 'softFail: true\n');
    const project = join(outer, 'project');
    mkdirSync(project);
    copyFileSync(join(samples, 'harbour-juniors-fc.md'), join(project, 'club.md'));
    const r = await run(['--debug', '--profile', 'sport', 'club.md'], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no configuration file in use/);
    mkdirSync(join(project, '.git'));
    mkdirSync(join(project, 'sub'));
    expect((await run(['--profile', 'sport', '../club.md'], join(project, 'sub'))).code).toBe(1);
  });

  it('skips a configuration others can write, saying why, without even parsing it', async () => {
    // Malformed too: were it parsed, the run would stop with exit 2 instead of auditing.
    const dir = repo('softFail: true\nfailOn: [\n');
    chmodSync(join(dir, '.sg-audit.yml'), 0o666);
    const r = await run(['--profile', 'sport', 'policies/club.md'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\.sg-audit\.yml: configuration ignored: other users can change it/);
  });

  it('keeps report paths from a configuration inside its folder', async () => {
    const dir = repo('failOn: none\nreports:\n  html: ../outside.html\n');
    const r = await run(['policies/club.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/reports\.html: "\.\.\/outside\.html" is outside the configuration file's folder/);
    expect(existsSync(join(dir, '..', 'outside.html'))).toBe(false);
    // Given on the command line, the same path is the user's choice.
    writeFileSync(join(dir, '.sg-audit.yml'), 'failOn: none\n');
    const out = join(tempDir('sg-audit-out-'), 'report.html');
    expect((await run(['--report', `html=${out}`, 'policies/club.md'], dir)).code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('refuses FIFOs, devices and folders as configuration or catalogue, in one line', async () => {
    const dir = repo();
    const fifo = join(dir, 'pipe.yml');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const r = await run(['--config', fifo, 'policies/club.md'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`sg-audit: ${fifo}: the configuration is a FIFO (named pipe), not a regular file`);
      const c = await run(['--catalogue', fifo, 'policies/club.md'], dir);
      expect(c.code).toBe(2);
      expect(c.stderr).toMatch(/the catalogue is a FIFO/);
    }
    const zero = await run(['--config', '/dev/zero', 'policies/club.md'], dir);
    expect(zero.code).toBe(2);
    expect(zero.stderr.trim()).toBe('sg-audit: /dev/zero: the configuration is a device, not a regular file');
    expect((await run(['--catalogue', '/dev/zero', 'policies/club.md'], dir)).stderr).toMatch(/\/dev\/zero: the catalogue is a device/);
    const folder = await run(['--config', 'policies', 'policies/club.md'], dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr.trim()).toBe(`sg-audit: ${join(dir, 'policies')}: the configuration is a folder, not a regular file`);
    writeFileSync(join(dir, 'big.yml'), `# ${'x'.repeat(1024 * 1024 + 10)}\n`);
    expect((await run(['--config', 'big.yml', 'policies/club.md'], dir)).stderr).toMatch(/big\.yml:1: file is larger than 1 MiB/);
  });
});

describe('pre-commit hook and GitHub Action', () => {
  it('use the same include/exclude defaults as a folder scan', async () => {
    const { parse } = await import('yaml');
    const { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } = await import('../src/run/inputs.js');
    const { anyGlob } = await import('../src/util/glob.js');
    const root = join(import.meta.dirname, '..');
    const [hook] = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ files: string; exclude: string }>;
    // pre-commit's regexes are Python's: "(?i)" is the case-insensitive flag.
    const files = new RegExp(hook!.files.replace('(?i)', ''), 'i');
    const exclude = new RegExp(hook!.exclude.replace('(?i)', ''), 'i');
    const include = anyGlob(DEFAULT_INCLUDE, 'include', { matchBase: true, nocase: true });
    const excluded = anyGlob(DEFAULT_EXCLUDE, 'exclude', { matchBase: true, nocase: true });
    const names = [
      'policies/child-protection.md',
      'Safeguarding Policy.DOCX',
      'a/b/policy.pdf',
      'README.md',
      'docs/readme.markdown',
      'CHANGELOG.md',
      'LICENSE.md',
      'CODE_OF_CONDUCT.md',
      'contributing.md',
      'sg-audit-report.md',
      'reports/weekly.sg-audit.md',
      'notes.txt',
      'policy.html',
      'Readme-policy.md',
      'SECURITY.md',
      'docs/Support.md',
      'Security and safeguarding policy.md',
      'history-of-the-club.pdf',
      'AUTHORS',
    ];
    for (const name of names) {
      expect(files.test(name) && !exclude.test(name), name).toBe(include(name) && !excluded(name));
    }
    const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: { files: { default: string } } };
    expect(action.inputs.files.default).toBe('.');
  });
});
