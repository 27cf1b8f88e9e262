import { describe, expect, it } from 'vitest';
import { resolveOptions, todayUtc, type AuditFlags } from '../src/cli/resolve.js';
import type { Config } from '../src/gate/config.js';

// Option resolution is a pure function: flags over configuration over defaults, tested without I/O.
const today = new Date(Date.UTC(2026, 11, 5));
const flags = (more: Partial<AuditFlags> = {}): AuditFlags => ({ report: [], timeout: '60', maxBytes: '1000', ...more });

describe('resolveOptions', () => {
  it('defaults when neither flags nor configuration say anything', () => {
    const r = resolveOptions(flags(), {}, {}, today);
    expect(r).toMatchObject({ asOf: today, format: 'text', failOn: 'must', failOnIds: [], softFail: false, ocr: false, timeoutMs: 60_000, maxBytes: 1000, reports: [] });
    expect(r.profile).toBeUndefined();
    expect(r.jurisdiction).toBeUndefined();
  });

  it('flags win over the configuration, which wins over the defaults', () => {
    const config: Config = { profile: 'school', format: 'json', failOn: 'should', failOnIds: ['whistleblowing'], softFail: true, asOf: '2026-01-02', graceMonths: 3, ocr: true, jurisdiction: 'wales' };
    const fromConfig = resolveOptions(flags(), config, {}, today);
    expect(fromConfig).toMatchObject({
      profile: 'school',
      format: 'json',
      failOn: 'should',
      failOnIds: ['whistleblowing'],
      failOnIdsFrom: 'config',
      softFail: true,
      graceMonths: 3,
      ocr: true,
      jurisdiction: 'wales',
    });
    expect(fromConfig.asOf.toISOString().slice(0, 10)).toBe('2026-01-02');
    const fromFlags = resolveOptions(
      flags({ profile: 'sport', format: 'sarif', failOn: 'none', failOnId: 'a, b', softFail: false, asOf: '2025-05-06', graceMonths: '0', ocr: false, jurisdiction: 'scotland' }),
      config,
      {},
      today,
    );
    expect(fromFlags).toMatchObject({
      profile: 'sport',
      format: 'sarif',
      failOn: 'none',
      failOnIds: ['a', 'b'],
      failOnIdsFrom: 'flag',
      softFail: false,
      graceMonths: 0,
      ocr: false,
      jurisdiction: 'scotland',
    });
    expect(fromFlags.asOf.toISOString().slice(0, 10)).toBe('2025-05-06');
  });

  it("adds --report files to the configuration's reports", () => {
    const r = resolveOptions(flags({ report: ['html=b.html'] }), { reports: { sarif: '/p/a.sarif' } }, {}, today);
    expect(r.reports).toEqual([
      ['sarif', '/p/a.sarif'],
      ['html', 'b.html'],
    ]);
  });

  it('refuses bad values naming the flag', () => {
    expect(() => resolveOptions(flags({ asOf: '2026-13-45' }), {}, {}, today)).toThrow(/--as-of: "2026-13-45" is not a date/);
    expect(() => resolveOptions(flags({ format: 'pdf' }), {}, {}, today)).toThrow(/--format: unknown format "pdf"/);
    expect(() => resolveOptions(flags({ report: ['sarif'] }), {}, {}, today)).toThrow(/--report: "sarif" should be FORMAT=PATH/);
    expect(() => resolveOptions(flags({ timeout: '0' }), {}, {}, today)).toThrow(/--timeout: "0" is not a positive number/);
    expect(() => resolveOptions(flags({ graceMonths: '-1' }), {}, {}, today)).toThrow(/--grace-months/);
    expect(() => resolveOptions(flags(), { jurisdiction: 'mars' }, {}, today)).toThrow(/jurisdiction: unknown "mars"/);
    expect(() => resolveOptions(flags({ password: 'x'.repeat(1025) }), {}, {}, today)).toThrow(/over 1,024 bytes/);
  });

  it('colours the text report from the flag, then FORCE_COLOR and NO_COLOR, then the terminal', () => {
    expect(resolveOptions(flags(), {}, {}, today).colour(true)).toBe(true);
    expect(resolveOptions(flags(), {}, {}, today).colour(false)).toBe(false);
    expect(resolveOptions(flags(), {}, { NO_COLOR: '1' }, today).colour(true)).toBe(false);
    expect(resolveOptions(flags(), {}, { FORCE_COLOR: '1' }, today).colour(false)).toBe(true);
    expect(resolveOptions(flags(), {}, { FORCE_COLOR: '0' }, today).colour(true)).toBe(false);
    expect(resolveOptions(flags({ color: true }), {}, { NO_COLOR: '1' }, today).colour(false)).toBe(true);
    expect(resolveOptions(flags({ color: false }), {}, { FORCE_COLOR: '1' }, today).colour(true)).toBe(false);
    // Never in a machine format or a file.
    expect(resolveOptions(flags({ format: 'json', color: true }), {}, {}, today).colour(true)).toBe(false);
    expect(resolveOptions(flags({ output: 'r.txt', color: true }), {}, {}, today).colour(true)).toBe(false);
  });

  it('todayUtc is midnight UTC of the day given', () => {
    expect(todayUtc(new Date('2026-12-05T23:59:00Z')).toISOString()).toBe('2026-12-05T00:00:00.000Z');
  });
});
