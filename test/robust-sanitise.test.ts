// Issue 16: one sanitiser for every report: no control or bidirectional character reaches one raw.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { renderReport, renderReportFile, REPORT_FORMATS } from '../src/report/index.js';
import type { AuditReport } from '../src/types.js';
import { tempDir } from './fixtures/temp-dir.js';

const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const rlo = 'word/\u202eLMX.exe\u001b[2J.xml';

const report: AuditReport = {
  tool: { name: 'sg-audit', version: '0' },
  catalogue: { name: 'c\u202e', version: '1' },
  asOf: '2026-01-01',
  documents: [
    {
      path: `bad\u001b]0;owned\u0007\u202e.docx`,
      status: 'error',
      error: `cannot read the Word document: "${rlo}" is corrupt`,
      summary: { met: 0, partial: 0, missing: 0, notApplicable: 0 },
      requirements: [],
      findings: [],
    },
    {
      path: 'ok.md',
      status: 'audited',
      summary: { met: 0, partial: 0, missing: 1, notApplicable: 0 },
      requirements: [{ id: 'a', title: 'A\u2066', level: 'must', status: 'missing', confidence: 1, evidence: [], reason: 'no \u009b31m mention', source: 's', advice: 'x' }],
      findings: [{ id: 'stub', message: 'short\u202d text', location: {} }],
    },
  ],
};

describe('the shared report sanitiser', () => {
  it.each([...REPORT_FORMATS])('keeps control and bidi characters out of the %s report', async (format) => {
    const rendered = await renderReportFile(format, report, {});
    // A Word report is read back as its text.
    const text = typeof rendered === 'string' ? rendered : (await mammoth.extractRawText({ buffer: Buffer.from(rendered) })).value;
    expect(text).not.toMatch(RAW);
  });

  it('keeps JSON exact: the escapes give the original strings back', () => {
    for (const format of ['json', 'jsonl'] as const) {
      const text = renderReport(format, report, {});
      const parsed = format === 'json' ? JSON.parse(text) : JSON.parse(text.split('\n')[0]!);
      const docs = format === 'json' ? parsed.documents : [parsed.document];
      expect(docs[0].error).toBe(report.documents[0]!.error);
      expect(docs[0].path).toBe(report.documents[0]!.path);
    }
  });

  it('keeps a file name with terminal escapes out of stderr and the CSV report', () => {
    const dir = tempDir('sg-robust-names-');
    const name = join(dir, 'evil\u001b[31m\u202egpj.md');
    writeFileSync(name, '# Policy\n\nWe keep children safe.\n');
    const csv = join(dir, 'out.csv');
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'sg-audit.js'), '--format', 'csv', '-o', csv, name, join(dir, 'missing\u001b[2J.md')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing\?\[2J\.md: file not found/);
    expect(r.stderr).not.toMatch(RAW);
    const text = readFileSync(csv, 'utf8');
    expect(text).toMatch(/evil \[31m gpj\.md/);
    expect(text).not.toMatch(RAW);
  });
});
