// The speed-ups must not change what is found: each shortcut is checked against the long way.
import { describe, expect, it, vi } from 'vitest';
import { Matcher } from '../src/audit/matcher.js';
import { indexDocument } from '../src/audit/text-index.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { readMarkdown } from '../src/ingest/markdown.js';
import { normaliseWord } from '../src/nlp/normalise.js';
import { compiledPatterns, compilePattern } from '../src/nlp/patterns.js';

describe('compiled phrases carried by the catalogue cache', () => {
  it('carry every phrase of the default catalogue (only a phrase that unpacks exactly is carried)', () => {
    const catalogue = loadCatalogue();
    const phrases = new Set<string>();
    for (const r of catalogue.requirements) {
      for (const def of Object.values(r.match.concepts)) for (const t of Array.isArray(def) ? def : def.terms) phrases.add(t);
      for (const t of r.match.headings ?? []) phrases.add(t);
    }
    for (const list of Object.values(catalogue.concepts)) for (const t of list) phrases.add(t);
    for (const p of catalogue.profiles) for (const t of p.detect ?? []) phrases.add(t);
    for (const o of catalogue.outdatedTerms) for (const t of o.terms) phrases.add(t);
    const wanted = [...phrases].filter((t) => !t.startsWith('$'));
    for (const t of wanted) compilePattern(t);
    const packed = new Set(compiledPatterns().map(([source]) => source));
    expect(wanted.filter((t) => !packed.has(t))).toEqual([]);
  });

  it('a phrase seeded from the cache compiles to what compiling it afresh gives', async () => {
    // Round trip through the cache's packed form, whatever that form is: compile in one module
    // instance, seed a fresh instance with the packed list, and compare the compiled phrases.
    const sources = ['allegation ... LADO', 'whistleblow*', '@phone', 'child-on-child abuse', "children's services"];
    const compiled = sources.map((s) => compilePattern(s));
    const packed = compiledPatterns().filter(([source]) => sources.includes(source));
    expect(packed.map(([source]) => source).sort()).toEqual([...sources].sort());
    vi.resetModules();
    const fresh = await import('../src/nlp/patterns.js');
    fresh.seedCompiledPatterns(packed);
    expect(sources.map((s) => fresh.compilePattern(s))).toEqual(compiled);
  });
});

describe('matcher shortcuts', () => {
  it('finds prefix phrases in the same sentences as a scan of every word would', () => {
    const doc = readMarkdown(
      ['# Policy', '', 'Whistleblowing is welcome.', '', 'A whistle-blower is protected. Whistleblowers too.', '', 'We blow whistles at matches.', '', 'Safeguarding and safe recruitment.'].join('\n'),
      't.md',
    );
    const index = indexDocument(doc);
    const matcher = new Matcher(index);
    for (const prefix of ['whistleblow', 'whistle', 'safe', 'a', 'zzz', '']) {
      const expected = index.sentences.filter((s) => s.tokens.some((t) => t.word.startsWith(prefix))).map((s) => s.id);
      const found = matcher.find({ kind: 'phrase', source: `${prefix}*`, steps: [{ kind: 'prefix', value: prefix }] }).map((o) => o.sentence);
      expect(found).toEqual(expected);
    }
  });

  it('still reads a sentence about something not yet done as hollow', () => {
    const matcher = new Matcher(indexDocument(readMarkdown('A whistleblowing procedure is to be developed.\n\nWe have a whistleblowing procedure.', 't.md')));
    expect(matcher.find(compilePattern('whistleblowing procedure')).map((o) => o.negated)).toEqual([true, false]);
  });

  it('normalises spellings, accents and case, whichever form the memo saw first', () => {
    const words = ['Organizations', 'organisations', 'Café', 'cafe', 'LADO', 'lado'];
    const expected = ['organisations', 'organisations', 'cafe', 'cafe', 'lado', 'lado'];
    expect(words.map(normaliseWord)).toEqual(expected);
    expect([...words].reverse().map(normaliseWord)).toEqual([...expected].reverse());
  });
});
