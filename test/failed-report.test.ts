import { describe, expect, it } from 'vitest';
import { failedReport } from '../src/run/failed-report.js';

describe('failedReport', () => {
  it('names an input cause that no reader named as the file reason', () => {
    const err = Object.assign(new Error("EACCES: permission denied, open 'p.pdf'"), { code: 'EACCES' });
    expect(failedReport('p.pdf', err)).toMatchObject({ status: 'error', error: 'permission denied' });
  });

  it('with --debug keeps the stack of an internal error as a note with its own id', () => {
    const report = failedReport('p.md', new TypeError('boom'), true);
    expect(report.status).toBe('error');
    expect(report.error).toBe('internal error: boom');
    expect(report.notes).toHaveLength(1);
    expect(report.notes![0]).toMatch(/^TypeError: boom\n\s+at /);
    expect(report.noteIds).toEqual(['debug-stack']);
    expect(failedReport('p.md', new TypeError('boom')).notes).toBeUndefined();
  });
});
