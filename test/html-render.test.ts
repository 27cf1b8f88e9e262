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

// Debian's chromium (installed by .ci/run); the test is skipped where it cannot be installed.
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

describe.skipIf(!chromium)('the HTML report in a browser', () => {
  it('renders a non-blank page with no network access', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-audit-html-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const doc = await readPolicy(join(import.meta.dirname, '..', 'samples', 'little-acorns-nursery.docx'));
    const report = auditDocument(doc, prepareCatalogue(loadCatalogue()), { asOf: new Date(Date.UTC(2026, 0, 15)) });
    const html = renderReport('html', { tool: { name: 'sg-audit', version: 'test' }, catalogue: { name: 'c', version: '1' }, documents: [report] });
    const page = join(dir, 'report.html');
    const shot = join(dir, 'report.png');
    writeFileSync(page, html);
    const result = spawnSync(
      chromium!,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${join(dir, 'profile')}`, '--window-size=1000,1400', `--screenshot=${shot}`, `file://${page}`],
      { encoding: 'utf8', timeout: 45_000 },
    );
    expect(existsSync(shot), result.stderr).toBe(true);
    const png = PNG.sync.read(readFileSync(shot));
    let inked = 0;
    for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 200 || (png.data[i + 1] ?? 255) < 200 || (png.data[i + 2] ?? 255) < 200) inked++;
    // Text, tables and the chart cover a real share of the page; a blank or error page does not.
    expect(inked / (png.width * png.height)).toBeGreaterThan(0.02);
  });
});
