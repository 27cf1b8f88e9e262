// Issue 16: OCR leaves no page image and no tesseract behind, even when its worker is stopped mid-task.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures/temp-dir.js';

const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
const dir = tempDir('sg-robust-ocr-');

function blankPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.rect(100, 100, 200, 100).fill('#333');
  doc.end();
  return done;
}

/** Processes whose command line holds `marker`. */
function running(marker: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('OCR stopped by --timeout in the middle of a page', () => {
  it.skipIf(process.platform !== 'linux')('stops the tesseract it started and removes its files', async () => {
    const blank = join(dir, 'blank.pdf');
    writeFileSync(blank, await blankPdf());
    const tools = join(dir, 'tools');
    mkdirSync(tools);
    const marker = `${process.pid}.4242`; // sleep's unusual argument names this test's child
    writeFileSync(join(tools, 'tesseract'), `#!/bin/sh\nexec sleep ${marker}\n`, { mode: 0o755 });
    const childTmp = join(dir, 'tmp');
    mkdirSync(childTmp);
    const started = Date.now();
    // The worker spins once tesseract has started (as a long render would): only stopping it ends the task.
    const r = spawnSync(process.execPath, [bin, '--ocr', '--timeout', '2', blank], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', TMPDIR: childTmp, PATH: `${tools}${delimiter}${process.env.PATH ?? ''}`, SG_AUDIT_TEST_STALL_OCR: '1' },
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/blank\.pdf: took longer than 2 s to audit/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(running(marker)).toEqual([]);
    expect(readdirSync(childTmp)).toEqual([]);
  });
});
