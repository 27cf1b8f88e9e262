import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/report/index.js';
import { SUMMARY_CSV_HEADER, summaryCsvHeaderLine, summaryCsvRow } from '../src/report/summary-csv.js';
import { makeReport } from './fixtures/report-fixture.js';

/** The cells of one CSV record, by csv-parse. */
function cells(line: string): string[] {
  const records = parse(line) as string[][];
  expect(records).toHaveLength(1);
  return records[0]!;
}

describe('summary-csv report', () => {
  const report = makeReport();
  report.documents[0]!.organisation = 'Little Oaks School';
  report.documents[0]!.jurisdiction = { id: 'england', reason: 'cites KCSIE', evidence: [] };
  report.documents[0]!.findings.push(
    { id: 'review-overdue', message: 'review was due by 2024-09-01 ("September 2024"), before the audit date 2025-03-01', location: {}, data: { due: '2024-09-01' } },
    { id: 'template-placeholder', message: 'unfilled template blank "[name]"', location: {} },
    { id: 'template-placeholder', message: 'unfilled template blank "XXXX"', location: {} },
  );
  report.documents.push({ ...structuredClone(report.documents[0]!), path: 'adults.md', status: 'not-assessable', notAssessable: { kind: 'adults-only', reason: 'covers adults at risk only' } });
  const out = renderReport('summary-csv', report);
  const lines = out.split('\r\n');

  it('has one row per document with status, reason, counts by level, must gaps, review due and findings', () => {
    expect(out.endsWith('\r\n')).toBe(true);
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(cells(lines[0]!)).toEqual([...SUMMARY_CSV_HEADER]);
    expect(lines[0]).toBe(
      'path,organisation,status,reason,profile,jurisdiction,score,rag,must_met,must_partial,must_missing,should_met,should_partial,should_missing,advisory_met,advisory_partial,advisory_missing,not_applicable,must_gaps,review_due,findings',
    );
    expect(cells(lines[1]!)).toEqual([
      'policies/Child Protection Policy.md',
      'Little Oaks School',
      'audited',
      '',
      'school',
      'england',
      '50',
      'amber',
      '1',
      '1',
      '0',
      '0',
      '0',
      '1',
      '0',
      '0',
      '1',
      '1',
      '1',
      'overdue: due 2024-09-01',
      'STALE-KCSIE; review-overdue; template-placeholder ×2',
    ]);
    const unreadable = cells(lines[2]!);
    expect(unreadable.slice(0, 4)).toEqual(['policies\\scanned.pdf', '', 'unreadable', 'The PDF has no text layer (scanned image?)']);
    expect(unreadable.slice(6, 19).every((c) => c === '')).toBe(true);
    expect(cells(lines[3]!).slice(0, 4)).toEqual(['adults.md', 'Little Oaks School', 'not-assessable', 'covers adults at risk only']);
  });

  it('is built from a per-document row function a streaming writer can call', () => {
    expect(summaryCsvHeaderLine() + report.documents.map(summaryCsvRow).join('')).toBe(out);
  });

  it('defuses formulas and keeps each record on one line', () => {
    const hostile = makeReport();
    hostile.documents[0]!.organisation = '=HYPERLINK("http://x")';
    hostile.documents[1]!.error = 'line one\nline two, with "quotes"';
    const rows = renderReport('summary-csv', hostile).split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(cells(rows[2]!)[3]).toBe('line one line two, with "quotes"');
  });
});

describe('summary-csv through the CLI', () => {
  it('gives one row per sample with the organisation named by the document', () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
    const r = spawnSync(
      process.execPath,
      [
        bin,
        '--format',
        'summary-csv',
        '--as-of',
        '2026-01-15',
        '--soft-fail',
        ...['harbour-juniors-fc.md', 'little-acorns-nursery.docx', 'oakfield-academy.pdf'].map((f) => join(import.meta.dirname, '..', 'samples', f)),
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.trimEnd().split('\r\n').map(cells);
    expect(rows).toHaveLength(4);
    expect(
      rows
        .slice(1)
        .map((row) => [row[1], row[2]])
        .sort(),
    ).toEqual([
      ['Harbour Juniors FC', 'audited'],
      ['Little Acorns Day Nursery', 'audited'],
      ['Oakfield Academy', 'audited'],
    ]);
    for (const row of rows.slice(1)) expect(Number(row[6])).toBeGreaterThanOrEqual(0);
  });
});
