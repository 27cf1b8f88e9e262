import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { testLanguageExamples } from '../src/audit/language-examples.js';
import { Matcher } from '../src/audit/matcher.js';
import { indexDocument } from '../src/audit/text-index.js';
import { readMarkdown } from '../src/ingest/markdown.js';
import { compileLanguage, language, readLanguage, type LanguageSpec } from '../src/nlp/language.js';

const FILE = join(import.meta.dirname, '..', 'requirements', 'language.yml');
const matcherFor = (text: string) => new Matcher(indexDocument(readMarkdown(text, 'example.md')));
const spec = () => parse(readFileSync(FILE, 'utf8')) as LanguageSpec;

describe('requirements/language.yml', () => {
  it('passes the schema and all its own examples', () => {
    readLanguage(FILE);
    const { checked, failures } = testLanguageExamples(matcherFor);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('compiles lists into the single patterns the audit used when they were code', () => {
    const lang = language();
    expect(lang.hedged.source).toBe(
      String.raw`\b(?:it is (?:of )?(?:a |of )?(?:great |real )?(?:benefit|advantage|helpful|advisable|desirable) (?:if|to|for|that)|it is recommended that|(?:should|could|may|might) (?:also )?consider|may wish to|might wish to|(?:could|may|might) lead to)\b`,
    );
    expect(lang.conditionalBefore.source).toBe(String.raw`\b(?:if|when|whenever|where|unless|in case|in the event that|should)\b[^,;:.]*$`);
    expect(lang.exampleDomain.source).toBe(String.raw`@(?:[\w-]+\.)*(?:example|test|invalid)(?:\.[\w-]+)*$`);
    expect(lang.nationalDomain.test('help@nspcc.org.uk')).toBe(true);
    expect(lang.nationalDomain.test('help@nspccxorg.uk')).toBe(false);
  });

  it('an edited list changes what is caught, and a wrong example is reported', () => {
    const edited = spec();
    edited.hedging.cues.push('(?:are|is) encouraged to');
    edited.hedging.examples = { caught: ['Staff are encouraged to attend training.'], passed: [] };
    const lang = compileLanguage(edited);
    expect(lang.hedged.test('Staff are encouraged to attend training.')).toBe(true);
    const broken = spec();
    broken.hedging.examples = { caught: ['Staff attend training every year.'], passed: [] };
    const { failures } = testLanguageExamples(matcherFor, compileLanguage(broken));
    expect(failures).toEqual([{ id: 'language hedging', expected: 'caught', actual: 'passed', passage: 'Staff attend training every year.' }]);
  });

  it('rejects a file that breaks the schema or holds a bad pattern, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-lang-'));
    const bad = join(dir, 'language.yml');
    const data = spec() as unknown as Record<string, unknown>;
    delete data.confidence;
    writeFileSync(bad, JSON.stringify(data));
    expect(() => readLanguage(bad)).toThrow(/language\.yml: .*confidence/);
    const badPattern = spec();
    badPattern.placeholders.patterns.push('[unclosed');
    expect(() => compileLanguage(badPattern, bad)).toThrow(/language\.yml: placeholders\.patterns\[7\]: not a valid pattern/);
  });

  it('catalogue test counts the language examples in its summary', () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
    const all = execFileSync('node', [bin, 'catalogue', 'test'], { encoding: 'utf8' });
    const only = spawnSync('node', [bin, 'catalogue', 'test', '--id', 'nonexistent-id'], { encoding: 'utf8' });
    const total = Number(/(\d+) passed, 0 failed/.exec(all)?.[1]);
    const { checked } = testLanguageExamples(matcherFor);
    expect(total).toBeGreaterThan(checked);
    expect(only.stdout).toMatch(/^0 passed, 0 failed/m);
  });
});
