import { describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { readMarkdown } from '../src/ingest/markdown.js';
import type { Finding } from '../src/types.js';

// A policy written in 2019 style, as many still are.
const POLICY_2019 = `# Child Protection Policy

## Our framework

This policy follows Working Together to Safeguard Children 2018 and the procedures of the Local Safeguarding Children Board.

All volunteers have an enhanced CRB check before they start.

Health colleagues from the CCG attend our training. We follow Keeping Children Safe in Education (September 2024), having first written this policy under KCSIE 2019.

Staff are trained to recognise peer on peer abuse and sexting.
`;

const prepared = prepareCatalogue(loadCatalogue());

function findings(markdown: string, asOf: string): Finding[] {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return auditDocument(readMarkdown(markdown, 'policy.md'), prepared, { profile: 'general', asOf: new Date(Date.UTC(y, m - 1, d)) }).findings;
}

const outdated = (list: Finding[]) => list.filter((f) => f.id === 'outdated-term');

describe('outdated terms', () => {
  const list = outdated(findings(POLICY_2019, '2026-12-01'));
  const about = (term: string) => list.find((f) => f.message.includes(term));

  it('names each replaced term with what replaced it, since when, and the line it stands on', () => {
    expect(about('Working Together to Safeguard Children 2018')?.location.line).toBe(5);
    expect(about('Local Safeguarding Children Board')?.message).toMatch(/safeguarding partners.*since 2019/);
    expect(about('CRB')?.message).toMatch(/Disclosure and Barring Service.*since 1 Dec 2012/);
    expect(about('CRB')?.location.line).toBe(7);
    expect(about('CCG')?.message).toMatch(/integrated care board.*since 1 Jul 2022/);
    expect(list.find((f) => /peer.on.peer/.test(f.message))?.location.line).toBe(11);
    expect(about('sexting')?.message).toMatch(/sharing nudes/);
  });

  it('judges annual KCSIE editions against the audit date, allowing the previous edition', () => {
    expect(about('KCSIE 2019')?.message).toMatch(/edition in force on 2026-12-01 is KCSIE 2026/);
    // On 1 December 2026 the 2026 edition is in force: 2024 is two editions old.
    expect(about('September 2024')?.location.line).toBe(9);
    // In August 2025 the 2024 edition was still in force.
    const before = outdated(findings(POLICY_2019, '2025-08-31'));
    expect(before.some((f) => f.message.includes('(September 2024)'))).toBe(false);
    expect(before.some((f) => f.message.includes('KCSIE 2019'))).toBe(true);
  });

  it('lets a policy name an old body to say what replaced it', () => {
    const text = '# Policy\n\nThe safeguarding partnership replaced the Local Safeguarding Children Board (LSCB) in 2019. We protect every child from abuse.\n';
    expect(outdated(findings(text, '2026-12-01'))).toEqual([]);
  });

  it('raises nothing for a current policy', () => {
    const current = '# Policy\n\nWe follow Working Together to Safeguard Children 2026 and KCSIE 2025, and our local safeguarding partners.\n';
    expect(outdated(findings(current, '2026-12-01'))).toEqual([]);
  });
});

describe('superseded editions, after a grace period', () => {
  const wt2023 = '# Policy\n\nWe follow Working Together to Safeguard Children 2023 and protect every child from abuse.\n';
  const at = (text: string, asOf: string, graceMonths?: number) => {
    const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
    const doc = auditDocument(readMarkdown(text, 'policy.md'), prepared, { profile: 'general', asOf: new Date(Date.UTC(y, m - 1, d)), ...(graceMonths !== undefined ? { graceMonths } : {}) });
    return outdated(doc.findings);
  };

  it('flags Working Together 2023 once the 2026 edition has applied for six months, naming the 2026 edition', () => {
    const [finding, ...rest] = at(wt2023, '2026-12-04');
    expect(rest).toEqual([]);
    expect(finding?.message).toMatch(/^"Working Together to Safeguard Children 2023" is out of date: now Working Together to Safeguard Children 2026 \(since Mar 2026/);
    expect(finding?.location.line).toBe(3);
  });

  it('does not flag it within the grace period', () => {
    expect(at(wt2023, '2026-06-01')).toEqual([]);
  });

  it('takes the grace period from the caller (--grace-months)', () => {
    expect(at(wt2023, '2026-12-04', 12)).toEqual([]);
    expect(at(wt2023, '2026-06-01', 0)).toHaveLength(1);
  });

  it('names the edition that applies on the audit date for older editions too, and EYFS editions', () => {
    expect(at('# Policy\n\nSee Working Together (2018) for details.\n', '2026-06-01')[0]?.message).toMatch(/now Working Together to Safeguard Children 2026/);
    expect(at('# Policy\n\nWe follow the EYFS 2024 and protect every child from abuse.\n', '2026-12-04')[0]?.message).toMatch(/now .*2025 \(since 1 Sep 2025/);
    expect(at('# Policy\n\nWe follow the EYFS 2024 and protect every child from abuse.\n', '2025-12-04')).toEqual([]);
  });

  it('reads a month before the year in every spelling the review dates accept ("Sep", "Sept", "September")', () => {
    for (const month of ['Sep', 'Sept', 'September'])
      expect(at(`# Policy\n\nSee Working Together ${month} 2018 for details.\n`, '2026-06-01')[0]?.message).toMatch(/now Working Together to Safeguard Children 2026/);
  });
});

describe('review dates', () => {
  const overdue = (text: string, asOf: string) => findings(`# Policy\n\n${text}\n\nWe protect every child from abuse and neglect.\n`, asOf).filter((f) => f.id === 'review-overdue');

  it.each([
    ['Next review date 01/09/2025', '2025-09-02', true],
    ['Next review date 01/09/2025', '2025-09-01', false],
    // A season runs to the end of its last month: autumn to 30 November.
    ['Date of next review: Autumn 2025', '2025-12-01', true],
    ['Date of next review: Autumn 2025', '2025-11-30', false],
    ['Reviewed: Sept 2024', '2025-10-15', true],
    ['Reviewed: Sept 2024', '2025-06-01', false],
    ['To be reviewed by 2026-03-31', '2026-04-01', true],
  ])('"%s" as of %s: overdue %s', (text, asOf, expected) => {
    const found = overdue(text, asOf);
    expect(found.length > 0).toBe(expected);
    if (expected) expect(found[0]!.location.line).toBe(3);
  });

  it('lets a stated next review decide over an old approval date', () => {
    expect(overdue('Approved March 2024. Next review: March 2027.', '2026-12-01')).toEqual([]);
  });
});

describe('template placeholders', () => {
  it('finds unfilled blanks with their line', () => {
    const list = findings('# Policy\n\nOur lead is [insert name] on XXXX.\n\nSigned ..........\n\nWe protect every child from abuse and neglect.\n', '2026-12-01').filter(
      (f) => f.id === 'template-placeholder',
    );
    expect(list.map((f) => f.location.line)).toEqual([3, 5]);
  });

  it('finds "to be confirmed" blanks', () => {
    const text = '# Policy\n\nDesignated Safeguarding Lead: TBC\n\nOur contacts are [TO BE UPDATED].\n\nWe protect every child from abuse and neglect.\n';
    const list = findings(text, '2026-12-01').filter((f) => f.id === 'template-placeholder');
    expect(list.map((f) => f.location.line)).toEqual([3, 5]);
  });
});
