import { describe, expect, it } from 'vitest';
import { compileGlob } from '../src/util/glob.js';
import { checkRequirementIds, closestId, editDistance } from '../src/util/ids.js';

describe('globs for waivers, include and exclude', () => {
  it('matches like picomatch, one segment at a time', () => {
    const m = compileGlob('policies/**/*.md', 't');
    expect(m('policies/a.md')).toBe(true);
    expect(m('policies/x/y/a.md')).toBe(true);
    expect(m('other/a.md')).toBe(false);
    expect(m('policies/a.docx')).toBe(false);
    expect(compileGlob('**', 't')('a/b/.hidden.md')).toBe(true);
    expect(compileGlob('*.md', 't')('sub/a.md')).toBe(false);
    expect(compileGlob('*.md', 't', { matchBase: true })('sub/a.md')).toBe(true);
    expect(compileGlob('README*', 't', { matchBase: true, nocase: true })('docs/readme.md')).toBe(true);
    expect(compileGlob('drafts/', 't')('drafts/a/b.md')).toBe(true);
    expect(compileGlob('./policies/*.{md,pdf}', 't')('policies/a.pdf')).toBe(true);
    expect(compileGlob('**/x.md', 't')('../x.md')).toBe(false);
  });

  it('refuses what it cannot match in bounded time, naming where the glob came from', () => {
    expect(() => compileGlob('a'.repeat(300), 'exclude[0]')).toThrow(/^exclude\[0\]: glob "a+…" is longer than 256 characters$/);
    expect(() => compileGlob('{a/b,c}', 'w')).toThrow(/"\/" inside braces/);
    expect(() => compileGlob('!drafts/**', 'w')).toThrow(/starts with "!"/);
    expect(() => compileGlob('{a,b}{c,d}{e,f}', 'w')).toThrow(/more than 2 brace groups/);
    expect(() => compileGlob('', 'w')).toThrow(/is empty/);
  });

  it('stays fast on the patterns that hang a single regular expression', () => {
    const long = Array.from({ length: 16 }, () => 'a'.repeat(200)).join('/');
    const started = performance.now();
    for (const p of ['**/*a*a*/**/*a*a*/**/*a*a*b', '**/**/**/**/**/**/**/**/*a*a*b', '+(a|aa)+(a|aa)+(a|aa)b', '*(*(*(a)))b']) {
      expect(compileGlob(p, 't')(long)).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('requirement ids', () => {
  it('suggests the id a typo meant, and nothing for an unrelated word', () => {
    const known = new Set(['whistleblowing', 'allegations-lado', 'online-safety', 'dsl-named']);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closestId('whistleblowin', known)).toBe('whistleblowing');
    expect(closestId('Online-Safety', known)).toBe('online-safety');
    expect(closestId('banana', known)).toBeUndefined();
    expect(() => checkRequirementIds(['dsl-named', 'dsl-nmaed'], known, '--fail-on-id')).toThrow(/^--fail-on-id: unknown requirement id "dsl-nmaed" \(did you mean "dsl-named"\?\)/);
    expect(() => checkRequirementIds(['banana\u001b[2J'], known, 'x')).toThrow(/unknown requirement id "banana\?\[2J"; sg-audit catalogue list/);
  });
});
