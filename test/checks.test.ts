import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { CHECKS } from '../src/audit/checks/index.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { DocumentBuilder } from '../src/ingest/builder.js';
import { FINDING_META, NOTE_META } from '../src/messages.js';
import { renderSarif } from '../src/report/sarif.js';
import type { AuditReport, DocumentReport } from '../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'sg-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const prepared = prepareCatalogue(loadCatalogue());
const SEVERITIES = ['error', 'warning', 'info'];

function run(...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, ['bin/sg-audit.js', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

describe('check modules', () => {
  it('each exports well-formed meta, with a unique id, listed in the registry under its own file name', () => {
    const ids = CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { meta, check } of CHECKS) {
      expect(meta.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(meta.description.length, meta.id).toBeGreaterThan(10);
      expect(SEVERITIES).toContain(meta.severity);
      expect(typeof check).toBe('function');
      expect(FINDING_META[meta.id]).toBe(meta);
      expect(existsSync(join('src/audit/checks', `${meta.id}.ts`)), meta.id).toBe(true);
    }
    // No finding id in the registry without a check that produces it.
    expect(Object.keys(FINDING_META).sort()).toEqual([...ids].sort());
  });

  it('gives every note id a reader uses a meta entry, and note ids are unique and well-formed', () => {
    for (const meta of Object.values(NOTE_META)) {
      expect(meta.id).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
      expect(SEVERITIES).toContain(meta.severity);
    }
    const used = readdirSync('src/ingest')
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join('src/ingest', f), 'utf8').matchAll(/(?:note|addNote)\([^)]*?\{ id: '([a-z-]+)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(5);
    for (const id of used) expect(NOTE_META[id], id).toBeDefined();
  });
});

describe('the unreadable reason', () => {
  function fewWords(note?: { id: string; message: string }) {
    const builder = new DocumentBuilder('scan.pdf', 'pdf');
    builder.block('paragraph', 'Page 1', { page: 1 });
    if (note) builder.note(note);
    return auditDocument(builder.document, prepared, { asOf: new Date('2026-01-01') });
  }

  it('comes from a note whose id explains missing text, whatever its wording', () => {
    const report = fewWords({ id: 'no-text-layer', message: 'every page is a scanned picture' });
    expect(report.status).toBe('unreadable');
    expect(report.error).toBe('every page is a scanned picture: nothing to audit (to read it by OCR, try --ocr)');
    expect(report.findings).toEqual([{ id: 'no-text', severity: 'error', message: 'every page is a scanned picture', location: {} }]);
    expect(report.noteIds).toEqual(['no-text-layer']);
  });

  it('ignores a note that merely mentions text when its id does not explain missing text', () => {
    const report = fewWords({ id: 'text-turned', message: 'page 1 had text set sideways: read turned to run left to right' });
    expect(report.error).toBe('only 2 words of text: nothing to audit (to read it by OCR, try --ocr)');
    expect(fewWords({ id: 'reader-note', message: 'no text layer anywhere' }).findings[0]?.message).toBe('only 2 words of text');
  });
});

describe('SARIF rules for findings', () => {
  it('take their descriptions and default level from the checks meta', () => {
    const doc: DocumentReport = {
      path: 'p.md',
      format: 'markdown',
      status: 'audited',
      summary: { met: 0, partial: 0, missing: 0, notApplicable: 0 },
      requirements: [],
      // A short statement's stub finding is a warning; the stub rule's default is its meta's error.
      findings: [
        { id: 'stub', severity: 'warning', message: 'the document is very short (120 words)', location: {} },
        { id: 'review-overdue', severity: 'warning', message: 'review was due', location: { line: 3 } },
      ],
    };
    const report = { tool: { name: 'sg-audit', version: '0.0.0' }, documents: [doc] } as unknown as AuditReport;
    const sarif = JSON.parse(renderSarif(report, {} as never));
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: string } }>;
    for (const id of ['stub', 'review-overdue']) {
      const rule = rules.find((r) => r.id === id)!;
      expect(rule.shortDescription.text).toBe(FINDING_META[id]!.description);
      expect(rule.fullDescription.text).toBe(FINDING_META[id]!.description);
    }
    expect(rules.find((r) => r.id === 'stub')!.defaultConfiguration.level).toBe('error');
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ['stub', 'warning'],
      ['review-overdue', 'warning'],
    ]);
  });

  it('through the CLI: a short statement gets the stub rule from meta, and requirements keep their ids', () => {
    const file = join(dir, 'statement.md');
    writeFileSync(
      file,
      `# Keeping children safe\n\n${'We protect every child and young person from abuse and harm in all our clubs. '.repeat(6)}\n\nOur safeguarding lead reports any concern about a child to children's social care the same day.\n`,
    );
    const { stdout } = run('--format', 'sarif', file);
    const sarif = JSON.parse(stdout);
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; shortDescription: { text: string }; properties: { kind: string } }>;
    const stub = rules.find((r) => r.id === 'stub');
    expect(stub?.shortDescription.text).toBe(FINDING_META.stub!.description);
    expect(stub?.properties.kind).toBe('finding');
    const requirementIds = rules.filter((r) => r.properties.kind === 'requirement').map((r) => r.id);
    expect(requirementIds).toEqual(prepared.requirements.map((r) => r.spec.id));
  });
});

describe('note ids in the JSON report', () => {
  it('lists an id for each note, in the same order, beside the unchanged notes', () => {
    const file = join(dir, 'legacy.pdf');
    // Markdown in windows-1252 with a .pdf name: two notes, the extension one first.
    writeFileSync(
      file,
      Buffer.from(`# Safeguarding policy\n\nWe protect every child from abuse and harm \u2013 caf\u00e9 staff too. ${'Every child matters to us and we report concerns. '.repeat(4)}\n`, 'latin1'),
    );
    const json = JSON.parse(run('--format', 'json', file).stdout);
    const doc = json.documents[0];
    expect(doc.notes).toEqual(['the extension says pdf but the content is markdown: read as markdown', 'read as windows-1252 text']);
    expect(doc.noteIds).toEqual(['extension-mismatch', 'read-as-encoding']);
  });
});

describe('README', () => {
  it('lists every check and note id', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('**Checks.**'), readme.indexOf('**Scans and outlined text**'));
    for (const id of [...Object.keys(FINDING_META), ...Object.keys(NOTE_META)]) expect(section, id).toContain(`\`${id}\``);
  });
});
