import { describe, expect, it } from 'vitest';
import { compileRequirement } from '../src/catalogue/compile.js';
import type { RequirementSpec } from '../src/catalogue/model.js';
import { judge } from '../src/audit/judge.js';
import { Matcher } from '../src/audit/matcher.js';
import { indexDocument } from '../src/audit/text-index.js';
import { readMarkdown } from '../src/ingest/markdown.js';
import { compilePattern } from '../src/nlp/patterns.js';

const requirement: RequirementSpec = {
  id: 'whistleblowing',
  title: 'Whistleblowing',
  area: 'test',
  level: 'should',
  profiles: ['core'],
  source: 'test',
  why: 'test',
  advice: 'test',
  match: {
    headings: ['whistleblowing'],
    concepts: {
      topic: ['whistleblow*', 'whistle blowing'],
      route: { label: 'an outside route', terms: ['NSPCC', 'LADO', '@phone'] },
    },
    met: [
      { all: ['topic', 'route'], within: 'paragraph' },
      { all: ['heading', 'route'], within: 'section' },
    ],
    partial: [{ any: ['topic'], within: 'sentence' }],
  },
};
const compiled = compileRequirement(requirement, {});
const status = (markdown: string) => judge(compiled, new Matcher(indexDocument(readMarkdown(markdown, 't.md'))));

describe('judging a requirement', () => {
  it('meets it when both concepts share a paragraph, quoting the evidence with its line', () => {
    const j = status('# Policy\n\nStaff may whistle-blow to the NSPCC helpline.');
    expect(j.status).toBe('met');
    expect(j.evidence[0]).toEqual({ text: 'Staff may whistle-blow to the NSPCC helpline.', location: { line: 3, section: 'Policy' } });
  });

  it('folds case, hyphens, plurals and spelling', () => {
    expect(status('Whistle-blowing concerns go to the LADO.').status).toBe('met');
    expect(status('WHISTLEBLOWERS may call 0800 028 0285.').status).toBe('met');
  });

  it('is only partial when half of the duty is there, and says what is lacking', () => {
    const j = status('We have a whistleblowing policy.\n\nThe NSPCC is a charity.');
    expect(j.status).toBe('partial');
    expect(j.reason).toMatch(/an outside route/);
  });

  it('lets a heading stand for the text under it', () => {
    expect(status('## Whistleblowing\n\nCall the NSPCC if your manager ignores you.').status).toBe('met');
  });

  it('lets a heading stand for its subsections, but not for its sibling sections', () => {
    const staff = (a: string, b: string) => `# Policy\n\n${'Para.\n\n'.repeat(8)}## Staff\n\n### ${a}\n\nRead the policy.\n\n### ${b}\n\nCall the NSPCC on 0808 800 5000.\n`;
    expect(status(staff('Whistleblowing', 'Contacts')).status).toBe('partial');
    expect(status(staff('Training', 'Contacts')).status).toBe('missing');
    expect(status(`# Policy\n\n${'Para.\n\n'.repeat(8)}## Whistleblowing\n\n### Outside help\n\nCall the NSPCC on 0808 800 5000.\n`).status).toBe('met');
  });

  it('reads a list item with the line that introduces it, but not with its sibling items', () => {
    expect(status('If you are worried about a colleague, whistleblowing routes include:\n\n- the NSPCC\n- the LADO\n').status).toBe('met');
    expect(status('Our policies:\n\n- whistleblowing\n- the NSPCC partnership\n').status).toBe('partial');
    expect(status('We have a whistleblowing policy.\n\n- the NSPCC\n').status).toBe('partial');
  });

  it('counts a heading with nothing under it as partial, never met', () => {
    expect(status('## Whistleblowing\n\n## Next section\n\nCall the NSPCC.').status).toBe('partial');
  });

  it('does not take a denial or an intention as evidence', () => {
    const denied = status('We do not have a whistleblowing procedure; the NSPCC may help.');
    expect(denied.status).toBe('missing');
    expect(denied.nearest?.text).toMatch(/do not have/);
    expect(status('No whistleblowing route to the NSPCC exists.').status).toBe('missing');
    expect(status('This section will be completed: whistleblowing to the LADO.').status).toBe('missing');
  });

  it('reads a prohibition as a rule, not a denial', () => {
    const index = indexDocument(readMarkdown('Staff must not use personal mobile phones in the rooms.', 't.md'));
    const [hit] = new Matcher(index).find(compilePattern('mobile phones'));
    expect(hit?.negated).toBe(false);
    const denied = indexDocument(readMarkdown('We do not have rules on mobile phones.', 't.md'));
    expect(new Matcher(denied).find(compilePattern('mobile phones'))[0]?.negated).toBe(true);
  });

  it('reads a condition as a plan, not a denial', () => {
    const find = (text: string, phrase: string) => new Matcher(indexDocument(readMarkdown(text, 't.md'))).find(compilePattern(phrase))[0]?.negated;
    expect(find('Tell the deputy if the lead is not available.', 'deputy')).toBe(false);
    expect(find('When a DBS check is not available, the volunteer is supervised.', 'DBS check')).toBe(false);
    expect(find('A deputy is not available.', 'deputy')).toBe(true);
  });

  it('reads a limit and a listed prohibition as rules', () => {
    const find = (text: string, phrase: string) => new Matcher(indexDocument(readMarkdown(text, 't.md'))).find(compilePattern(phrase))[0]?.negated;
    expect(find('The policy is reviewed no less than once a year.', 'reviewed')).toBe(false);
    expect(find('Staff must:\n\n- Not take photographs of children without consent.', 'photographs')).toBe(false);
    expect(find('Not all volunteers are checked.', 'checked')).toBe(true);
    expect(find('We no longer run a whistleblowing line.', 'whistleblowing')).toBe(true);
  });

  it('ends a negation at a relative clause or a double negative', () => {
    const find = (text: string, phrase: string) => new Matcher(indexDocument(readMarkdown(text, 't.md'))).find(compilePattern(phrase))[0]?.negated;
    expect(find('We ensure that no individual who is unsuitable to work with children is appointed.', 'unsuitable to work')).toBe(false);
    expect(find('Data protection law does not prevent the sharing of information.', 'sharing of information')).toBe(false);
    expect(find('There is no sharing of information with parents.', 'sharing of information')).toBe(true);
  });

  it('keeps a commitment about future updates as evidence', () => {
    expect(status('Our whistleblowing procedure will be updated every year; staff may call the NSPCC.').status).toBe('met');
  });

  it('takes a recommendation or a possible consequence as partial, not met', () => {
    const j = status('It is a great benefit if staff whistleblow to the NSPCC.');
    expect(j.status).toBe('partial');
    expect(j.reason).toMatch(/recommendation or a possibility/);
    expect(status('Misconduct could lead to a whistleblowing report to the LADO.').status).toBe('partial');
    expect(status('Staff may whistleblow to the NSPCC.').status).toBe('met');
  });

  it('reports nothing found when the topic is absent', () => {
    const j = status('We love football.');
    expect(j.status).toBe('missing');
    expect(j.nearest).toBeUndefined();
  });
});

describe('phrase patterns', () => {
  it('rejects unknown detectors and empty patterns', () => {
    expect(() => compilePattern('@fax')).toThrow(/unknown detector/);
    expect(() => compilePattern('...')).toThrow(/no words/);
  });

  it('matches a gap of up to five words', () => {
    const index = indexDocument(readMarkdown('Any allegation about a member of staff goes to the LADO.', 't.md'));
    const m = new Matcher(index);
    expect(m.find(compilePattern('allegation ... staff'))).toHaveLength(1);
    expect(m.find(compilePattern('allegation ... LADO'))).toHaveLength(0);
  });
});
