import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { readPolicy } from '../src/ingest/index.js';
import { renderReport } from '../src/report/index.js';
import { summariseAcross } from '../src/report/summary.js';
import type { AuditReport, DocumentReport, Status } from '../src/types.js';

// Debian's chromium (installed by .ci/run); the test is skipped where it cannot be installed.
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const SAMPLES = join(import.meta.dirname, '..', 'samples');
const asOf = new Date(Date.UTC(2026, 0, 15));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sg-audit-html-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs headless Chromium with no network and its profile in `dir`; returns its stderr for messages. */
function runChromium(dir: string, args: string[]): string {
  const result = spawnSync(
    chromium!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${join(dir, 'profile')}`,
      ...args,
    ],
    { encoding: 'utf8', timeout: 90_000 },
  );
  return result.stderr;
}

function report(documents: DocumentReport[]): AuditReport {
  return { tool: { name: 'sg-audit', version: 'test' }, catalogue: { name: 'c', version: '1' }, documents, ...(documents.length > 1 ? { summary: summariseAcross(documents) } : {}) };
}

/** 40 documents like an inspector's batch: the three samples audited, varied, plus some that cannot be assessed. */
async function corpusLikeBatch(): Promise<DocumentReport[]> {
  const prepared = prepareCatalogue(loadCatalogue());
  const audited = await Promise.all(
    ['harbour-juniors-fc.md', 'little-acorns-nursery.docx', 'oakfield-academy.pdf'].map(async (f) => auditDocument(await readPolicy(join(SAMPLES, f)), prepared, { asOf })),
  );
  const flips: Status[] = ['missing', 'partial', 'met'];
  const docs: DocumentReport[] = [];
  for (let i = 0; i < 36; i++) {
    const doc = structuredClone(audited[i % 3]!);
    doc.path = `submissions/region-${i % 5}/organisation-number-${i + 1}-safeguarding-and-child-protection-policy.${doc.format === 'markdown' ? 'md' : doc.format}`;
    doc.organisation = `${doc.organisation ?? 'Organisation'} ${i + 1}`;
    // Vary the statuses so the ranking and the heatmap are not three repeated rows.
    doc.requirements.forEach((r, j) => {
      if (r.status !== 'not-applicable' && (i + j) % 4 === 0) r.status = flips[(i + j) % 3]!;
    });
    docs.push(doc);
  }
  docs.push(
    { ...structuredClone(audited[0]!), path: 'submissions/adults.md', status: 'not-assessable', notAssessable: { kind: 'adults-only', reason: 'covers adults at risk only' } },
    { ...structuredClone(audited[1]!), path: 'submissions/scotland.docx', status: 'not-assessable', notAssessable: { kind: 'outside-jurisdiction', reason: 'written for Scotland' } },
    { path: 'submissions/scan.pdf', format: 'pdf', status: 'unreadable', error: 'no text layer', summary: { met: 0, partial: 0, missing: 0, notApplicable: 0 }, requirements: [], findings: [] },
    { path: 'submissions/broken.docx', format: 'docx', status: 'error', error: 'internal error', summary: { met: 0, partial: 0, missing: 0, notApplicable: 0 }, requirements: [], findings: [] },
  );
  return docs;
}

describe.skipIf(!chromium)('the HTML report in a browser', () => {
  it('renders a non-blank page with no network access, with the key at the top', async () => {
    const dir = tempDir();
    const doc = await readPolicy(join(SAMPLES, 'little-acorns-nursery.docx'));
    const html = renderReport('html', report([auditDocument(doc, prepareCatalogue(loadCatalogue()), { asOf })]));
    const page = join(dir, 'report.html');
    const shot = join(dir, 'report.png');
    writeFileSync(page, html);
    const stderr = runChromium(dir, ['--window-size=1000,1400', `--screenshot=${shot}`, `file://${page}`]);
    expect(existsSync(shot), stderr).toBe(true);
    const png = PNG.sync.read(readFileSync(shot));
    let inked = 0;
    for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 200 || (png.data[i + 1] ?? 255) < 200 || (png.data[i + 2] ?? 255) < 200) inked++;
    // Text, tables and the chart cover a real share of the page; a blank or error page does not.
    expect(inked / (png.width * png.height)).toBeGreaterThan(0.02);
    // The key's Red, Amber and Green badges are drawn in the top part of the first screen.
    const colours = { red: [0xb4, 0x23, 0x18], amber: [0xb5, 0x47, 0x08], green: [0x06, 0x76, 0x47] };
    const top = Math.floor(png.height * 0.45);
    for (const [name, [r, g, b]] of Object.entries(colours)) {
      let found = 0;
      for (let y = 0; y < top; y++) {
        for (let x = 0; x < png.width; x++) {
          const i = (y * png.width + x) * 4;
          if (Math.abs(png.data[i]! - r!) < 6 && Math.abs(png.data[i + 1]! - g!) < 6 && Math.abs(png.data[i + 2]! - b!) < 6) found++;
        }
      }
      expect(found, `${name} key badge`).toBeGreaterThan(100);
    }
  });

  it('prints a 40-document overview on under 40 A4 pages, the heatmap alone on a landscape page, words whole', async () => {
    const dir = tempDir();
    const page = join(dir, 'overview.html');
    const pdf = join(dir, 'overview.pdf');
    writeFileSync(page, renderReport('html', report(await corpusLikeBatch())));
    const stderr = runChromium(dir, ['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${page}`]);
    expect(existsSync(pdf), stderr).toBe(true);
    // Chromium writes each page's size as a plain /MediaBox: A4 is 595 × 842 points.
    const boxes = [...readFileSync(pdf, 'latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    const printed = await readPolicy(pdf);
    expect(printed.pageCount).toBe(boxes.length);
    expect(boxes.length).toBeGreaterThan(3);
    expect(boxes.length).toBeLessThan(40);
    expect(boxes.filter(([w, h]) => w > h)).toHaveLength(1);
    for (const [w, h] of boxes) expect([Math.round(Math.min(w, h)), Math.round(Math.max(w, h))]).toEqual([595, 842]);
    // The heatmap's page holds nothing of the overview before it or the table after it.
    const lines = [...printed.sections.map((s) => ({ text: s.heading, page: s.location.page })), ...printed.blocks.map((b) => ({ text: b.text, page: b.location.page }))];
    const pageOf = (text: string) => lines.filter((l) => l.text.includes(text)).map((l) => l.page);
    const heatmapPage = pageOf('Requirement by requirement')[0];
    expect(heatmapPage).toBeDefined();
    expect(pageOf('Documents at a glance')).not.toContain(heatmapPage);
    expect(pageOf('Requirements across the documents')).not.toContain(heatmapPage);
    // Table headings print whole, never split inside a word ("Partl y cove red").
    const text = lines.map((l) => l.text).join('\n');
    expect(text).toContain('Partly covered');
    expect(text).not.toMatch(/\bPartl\b|\bcove red\b|\bcov ered\b/);
  }, 120_000);
});
