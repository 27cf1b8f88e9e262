import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import mammoth from 'mammoth';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readPolicy } from '../src/ingest/index.js';
import { renderReportFile } from '../src/report/index.js';
import { actionPlan } from '../src/report/shared.js';
import type { AuditReport } from '../src/types.js';
import { HOSTILE, makeReport, withMarkupEverywhere } from './fixtures/report-fixture.js';
import { tempDir } from './fixtures/temp-dir.js';

// The built CLI (npm test builds first), as a user would run it.
const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
const sample = join(import.meta.dirname, '..', 'samples', 'harbour-juniors-fc.md');
const dir = tempDir('sg-audit-docx-');
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

function run(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '1' } });
}

/** The Word document as mammoth reads it: its HTML tree and plain text. */
async function readBack(data: Uint8Array) {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(data) });
  const dom = parseDocument(value);
  return { dom, text: DomUtils.textContent(dom), html: value };
}

function tables(dom: ReturnType<typeof parseDocument>): string[][][] {
  return DomUtils.getElementsByTagName('table', dom).map((table) =>
    DomUtils.getElementsByTagName('tr', table).map((tr) =>
      (tr.children.filter((c) => (c as Element).name === 'td' || (c as Element).name === 'th') as Element[]).map((td) => DomUtils.textContent(td).trim()),
    ),
  );
}

const PLAN_HEADER = ['Requirement', 'What to add', 'Level', 'Owner', 'Due date', 'Status'];

describe('docx report', () => {
  it('is a Word document from the CLI with a summary, an action plan row per gap with blanks to fill in, then the detail', async () => {
    const out = join(dir, 'report.docx');
    const json = join(dir, 'report.json');
    const r = run(['--format', 'docx', '-o', out, '--report', `json=${json}`, '--as-of', '2026-01-15', sample]);
    expect(r.status, r.stderr.toString()).toBe(1);
    expect(r.stderr.toString()).toContain(`sg-audit: wrote the docx report to ${out}\n`);
    expect(r.stderr.toString()).toContain(`sg-audit: wrote the json report to ${json}\n`);
    const data = readFileSync(out);
    expect(data.subarray(0, 2).toString()).toBe('PK');

    const gaps = actionPlan((JSON.parse(readFileSync(json, 'utf8')) as AuditReport).documents[0]!.requirements);
    expect(gaps.length).toBeGreaterThan(5);
    const { dom, text } = await readBack(data);
    const plan = tables(dom).find((t) => t[0]!.join('|') === PLAN_HEADER.join('|'));
    expect(plan, 'action plan table').toBeDefined();
    expect(plan!.slice(1).map((row) => row[0])).toEqual(gaps.map((g) => g.title));
    for (const row of plan!.slice(1)) expect(row.slice(3)).toEqual(['', '', '']);
    expect(plan![1]![2]).toMatch(/^Must/);

    // Summary first, then the plan, then the detail, the key and the glossary.
    const order = ['Harbour Juniors FC', 'Summary', 'Overall:', 'Action plan', 'Detail', 'Why it matters:', 'How to read this report', 'Glossary'].map((s) => text.indexOf(s));
    expect(
      order.every((i) => i >= 0),
      JSON.stringify(order),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/LADO: Local Authority Designated Officer/);
  });

  it('goes to stdout through a pipe', () => {
    const r = run(['--format', 'docx', '--soft-fail', sample]);
    expect(r.status).toBe(0);
    expect(r.stdout.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps hostile text as text, and lists several documents ranked with those not assessed apart', async () => {
    const report = withMarkupEverywhere(makeReport());
    report.documents[0]!.requirements[0]!.evidence[0]!.text = `${HOSTILE.script} ${HOSTILE.illegal}`;
    report.documents.push({ ...structuredClone(report.documents[0]!), path: 'adults.md', status: 'not-assessable', notAssessable: { kind: 'adults-only', reason: 'adults at risk only' } });
    const data = await renderReportFile('docx', report);
    expect(data).toBeInstanceOf(Uint8Array);
    const { dom, text, html } = await readBack(data as Uint8Array);
    expect(html).not.toContain('<i>x</i>');
    expect(text).toContain('<i>x</i>');
    expect(text).toContain('Documents at a glance');
    const apart = tables(dom).find((t) => t[0]!.join('|') === 'Document|Status|Why');
    expect(apart?.slice(1).map((row) => row.slice(1))).toEqual([
      ['unreadable', 'The PDF has no text layer (scanned image?)<i>x</i>'],
      ['not assessable', 'adults at risk only'],
    ]);
    const plans = tables(dom).filter((t) => t[0]!.join('|') === PLAN_HEADER.join('|'));
    // One plan for the assessed policy only (the unreadable and the not-assessable have none), one row per gap.
    expect(plans).toHaveLength(1);
    expect(plans[0]!.length - 1).toBe(actionPlan(makeReport().documents[0]!.requirements).length);
  });

  it.skipIf(!soffice)(
    'opens in LibreOffice, which renders it to PDF pages',
    async () => {
      const out = join(dir, 'lo.docx');
      writeFileSync(out, (await renderReportFile('docx', makeReport())) as Uint8Array);
      const r = spawnSync(soffice!, ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, out], { encoding: 'utf8', timeout: 120_000 });
      const pdf = join(dir, 'lo.pdf');
      expect(existsSync(pdf), r.stderr).toBe(true);
      const printed = await readPolicy(pdf);
      expect(printed.pageCount).toBeGreaterThanOrEqual(3);
      const text = [...printed.sections.map((s) => s.heading), ...printed.blocks.map((b) => b.text)].join('\n');
      for (const words of ['Action plan', 'Owner', 'Status', 'What to add', 'Glossary']) expect(text).toContain(words);
      // And as a page image, where poppler's pdftoppm is installed: the summary page carries ink.
      if (existsSync('/usr/bin/pdftoppm')) {
        spawnSync('/usr/bin/pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-png', '-singlefile', pdf, join(dir, 'lo-page')], { timeout: 60_000 });
        const png = PNG.sync.read(readFileSync(join(dir, 'lo-page.png')));
        let inked = 0;
        for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 160) inked++;
        expect(inked / (png.width * png.height)).toBeGreaterThan(0.01);
      }
    },
    150_000,
  );
});
