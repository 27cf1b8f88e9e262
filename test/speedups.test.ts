// The speed-ups must not change what is found: each shortcut is checked against the long way.
import { describe, expect, it } from 'vitest';
import { Matcher } from '../src/audit/matcher.js';
import { indexDocument } from '../src/audit/text-index.js';
import { readMarkdown } from '../src/ingest/markdown.js';
import { normaliseWord } from '../src/nlp/normalise.js';
import { compilePattern } from '../src/nlp/patterns.js';

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
