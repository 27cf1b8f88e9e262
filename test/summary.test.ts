import type { Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/report/index.js';
import { summariseAcross } from '../src/report/summary.js';
import type { AuditReport, DocumentReport, RequirementResult, Status } from '../src/types.js';
import { makeReport, withMarkupEverywhere } from './fixtures/report-fixture.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

/** The fixture's audited document with its statuses replaced, under another path. */
function variant(report: AuditReport, path: string, statuses: Record<string, Status>): DocumentReport {
  const base = structuredClone(report.documents[0]!);
  const requirements: RequirementResult[] = base.requirements.map((r) => ({ ...r, status: statuses[r.id] ?? r.status }));
  return { ...base, path, profile: 'general', requirements };
}

/**
 * Six documents: the fixture's policy (score 50, amber: LADO partial), the unreadable PDF, a weak
 * policy with both must requirements missing and a path full of markup (score 0, red), one that
 * errored, a strong one (score 100, green) and one judged not assessable (adults only), which
 * still carries its requirements but is never ranked or counted.
 */
function makeBatch(): AuditReport {
  const report = makeReport();
  report.documents.push(
    variant(report, 'policies/<script>alert(1)</script> & "weak".md', { 'DSL-NAMED': 'missing', 'LADO-REFERRAL': 'missing' }),
    {
      path: 'policies/broken.docx',
      format: 'docx',
      status: 'error',
      error: 'internal error: boom',
      summary: { met: 0, partial: 0, missing: 0, notApplicable: 0 },
      requirements: [],
      findings: [],
    },
    variant(report, 'policies/strong.md', { 'LADO-REFERRAL': 'met', WHISTLEBLOWING: 'met' }),
    {
      ...variant(report, 'policies/adults.md', { 'DSL-NAMED': 'missing' }),
      status: 'not-assessable',
      notAssessable: { kind: 'adults-only', reason: 'the policy covers adults at risk only' },
    },
  );
  report.documents[0]!.organisation = 'Little <b>Oaks</b> School';
  report.summary = summariseAcross(report.documents);
  return report;
}

describe('summariseAcross', () => {
  it('counts documents by status and requirements by outcome over audited documents only', () => {
    const s = makeBatch().summary!;
    expect(s).toMatchObject({ documents: 6, audited: 3, notAssessable: 1, unreadable: 1, errors: 1 });
    expect(Object.keys(s.requirements)).toEqual(['DSL-NAMED', 'LADO-REFERRAL', 'WHISTLEBLOWING', 'ONLINE-FILTERING', 'EYFS-RATIOS']);
    expect(s.requirements['DSL-NAMED']).toEqual({ title: 'A named Designated Safeguarding Lead', level: 'must', met: 2, partial: 0, missing: 1, notApplicable: 0 });
    expect(s.requirements['LADO-REFERRAL']).toMatchObject({ level: 'must', met: 1, partial: 1, missing: 1 });
    expect(s.requirements['WHISTLEBLOWING']).toMatchObject({ met: 1, missing: 2 });
    expect(s.requirements['EYFS-RATIOS']).toMatchObject({ met: 0, partial: 0, missing: 0, notApplicable: 3 });
  });

  it('keeps odd ids such as __proto__ as ordinary keys', () => {
    const report = makeReport();
    report.documents[0]!.requirements[0]!.id = '__proto__';
    const s = summariseAcross(report.documents);
    expect(Object.keys(s.requirements)).toContain('__proto__');
    expect(Object.getPrototypeOf(s.requirements)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(s)).requirements.__proto__.met).toBe(1);
  });

  it('is empty but well formed for no documents', () => {
    expect(summariseAcross([])).toEqual({ documents: 0, audited: 0, notAssessable: 0, unreadable: 0, errors: 0, requirements: {} });
  });
});

describe('text overview', () => {
  const out = renderReport('text', makeBatch(), { color: false });
  const overview = out.slice(out.indexOf('Overview:'));
  const tableLines = overview.split('\n').slice(2, 5);

  it('follows the per-document reports and ranks assessed documents by score, lowest first', () => {
    expect(out.indexOf('Overview:')).toBeGreaterThan(out.lastIndexOf('Could not audit'));
    expect(overview.split('\n')[0]).toBe('Overview: 6 documents · 3 assessed · 1 not assessable · 1 unreadable · 1 failed (lowest score first)');
    expect(overview.split('\n')[1]).toMatch(/^ {2}Score {2}RAG +Must gaps {2}Gaps {2}Met {2}Partial {2}Missing {2}Profile +Document$/);
    const column = overview.split('\n')[1]!.indexOf('Document');
    expect(tableLines.map((l) => l.slice(column))).toEqual(['policies/<script>alert(1)</script> & "weak".md', 'Little <b>Oaks</b> School (policies/Child Protection Policy.md)', 'policies/strong.md']);
    // Score: must and should met, partial counting half. The waived ONLINE-FILTERING gap is accepted.
    expect(tableLines[0]).toMatch(/^ +0 {2}red +2 +3 +0 +0 +4 {2}general /);
    expect(tableLines[1]).toMatch(/^ +50 {2}amber +1 +2 +1 +1 +2 {2}school /);
    expect(tableLines[2]).toMatch(/^ +100 {2}green +0 +0 +3 +0 +1 {2}general /);
  });

  it('lists documents that were not assessed apart, with their reason, and states the RAG rules', () => {
    const apart = overview.slice(overview.indexOf('Not assessed (3), not ranked')).split('\n').slice(1, 4);
    expect(apart).toEqual([
      '  unreadable  policies\\scanned.pdf: The PDF has no text layer (scanned image?)',
      '  error  policies/broken.docx: internal error: boom',
      '  not assessable  policies/adults.md: the policy covers adults at risk only',
    ]);
    expect(overview).toContain('red: a must requirement is not covered at all, or the score is under 50');
    expect(overview).toContain('Score: share of applicable must and should requirements met, partial counting half');
    expect(out).toContain('Not assessable: the policy covers adults at risk only');
  });

  it('lists the requirements most often missed: most gaps, then most missing', () => {
    const section = out.slice(out.indexOf('Most often missed (missing or partial, of 3 assessed documents)'));
    const missed = section.trimEnd().split('\n').slice(2);
    // EYFS-RATIOS is not applicable everywhere, so no document falls short of it.
    expect(missed.map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual([
      ['3', '0', 'ONLINE-FILTERING'],
      ['2', '0', 'WHISTLEBLOWING'],
      ['1', '1', 'LADO-REFERRAL'],
      ['1', '0', 'DSL-NAMED'],
    ]);
    expect(missed[0]).toBe('        3        0  ONLINE-FILTERING  Filtering and monitoring [advisory]');
  });

  it('keeps the per-document reports, and quiet shows one line per document plus the overview', () => {
    expect(out).toContain('What to do:');
    const quiet = renderReport('text', makeBatch(), { color: false, quiet: true });
    expect(quiet).not.toContain('What to do:');
    expect(quiet).toContain('\nLittle <b>Oaks</b> School (policies/Child Protection Policy.md) · profile: school · must: 1 met, 1 partial, 0 missing');
    expect(quiet).toContain('\npolicies\\scanned.pdf · Could not audit (unreadable): The PDF has no text layer (scanned image?)');
    expect(quiet).toContain('\npolicies/adults.md · Not assessable: the policy covers adults at risk only');
    expect(quiet).toContain('Overview: 6 documents');
    expect(quiet).not.toMatch(ANSI);
    expect(renderReport('text', makeBatch(), { color: true, quiet: true })).toMatch(ANSI);
  });

  it('is left out without a summary or for a single document', () => {
    expect(renderReport('text', makeReport(), { color: false })).not.toContain('Overview:');
    const one = makeBatch();
    one.documents = one.documents.slice(0, 1);
    expect(renderReport('text', one, { color: false })).not.toContain('Overview:');
  });
});

describe('markdown overview', () => {
  it('ranks assessed documents by score with escaped names, and lists the rest apart', () => {
    const out = renderReport('markdown', makeBatch());
    const overview = out.slice(out.indexOf('## Overview'), out.indexOf('### Most often missed'));
    const rows = overview.split('\n').filter((l) => /^\| \d/.test(l));
    expect(rows).toEqual([
      '| 1 | policies/&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; "weak".md | general | 0 | 🔴 Red | 2 | 0 | 0 | 4 |',
      '| 2 | Little &lt;b&gt;Oaks&lt;/b&gt; School (policies/Child Protection Policy.md) | school | 50 | 🟠 Amber | 1 | 1 | 1 | 2 |',
      '| 3 | policies/strong.md | general | 100 | 🟢 Green | 0 | 3 | 0 | 1 |',
    ]);
    const apart = overview
      .slice(overview.indexOf('### Not assessed (3), not ranked'))
      .split('\n')
      .filter((l) => l.startsWith('| policies'));
    expect(apart).toEqual([
      '| policies\\\\scanned.pdf | ⚠️ unreadable | The PDF has no text layer \\(scanned image?\\) |',
      '| policies/broken.docx | ⚠️ error | internal error: boom |',
      '| policies/adults.md | ⚠️ not assessable | the policy covers adults at risk only |',
    ]);
    expect(out.indexOf('## Overview')).toBeLessThan(out.indexOf('## Little'));
    expect(out).toContain('| Whistleblowing route | WHISTLEBLOWING | should | 2 | 0 |');
  });
});

describe('csv-matrix report', () => {
  const out = renderReport('csv-matrix', makeBatch());
  const lines = out.split('\r\n');

  it('has one column per requirement id and one row per document', () => {
    expect(out.endsWith('\r\n')).toBe(true);
    expect(lines).toHaveLength(6 + 2);
    expect(lines[0]).toBe('path,profile,status,DSL-NAMED,LADO-REFERRAL,WHISTLEBLOWING,ONLINE-FILTERING,EYFS-RATIOS');
  });

  it('holds each status, or the document status when it could not be audited', () => {
    expect(lines[1]).toBe('policies/Child Protection Policy.md,school,audited,met,partial,missing,missing,n/a');
    expect(lines[2]).toBe('policies\\scanned.pdf,,unreadable,unreadable,unreadable,unreadable,unreadable,unreadable');
    expect(lines[3]).toBe('"policies/<script>alert(1)</script> & ""weak"".md",general,audited,missing,missing,missing,missing,n/a');
    expect(lines[4]).toBe('policies/broken.docx,,error,error,error,error,error,error');
    expect(lines[6]).toBe('policies/adults.md,general,not-assessable,not-assessable,not-assessable,not-assessable,not-assessable,not-assessable');
  });

  it('leaves a cell empty when a requirement was not checked, and defuses formulas', () => {
    const report = makeBatch();
    report.documents[4]!.requirements.push({ ...report.documents[4]!.requirements[0]!, id: '=CMD()', status: 'met' });
    const rows = renderReport('csv-matrix', report).split('\r\n');
    expect(rows[0]!.endsWith(",'=CMD()")).toBe(true);
    expect(rows[1]!.endsWith('n/a,')).toBe(true);
    expect(rows[5]!.endsWith('n/a,met')).toBe(true);
  });
});

describe('html overview', () => {
  const report = makeBatch();
  const out = renderReport('html', report);
  const dom = parseDocument(out);
  const heatmap = DomUtils.findOne((e) => e.name === 'table' && e.attribs.class === 'heatmap', dom.children, true) as Element;

  const textOf = (e: Element) => DomUtils.textContent(e);
  const table = (cls: string) => DomUtils.findOne((e) => e.name === 'table' && e.attribs.class === cls, dom.children, true) as Element;

  it('ranks assessed documents lowest score first, each rating with its reason', () => {
    const rows = DomUtils.getElementsByTagName('tr', table('ranked')).slice(1);
    const cells = rows.map((row) => DomUtils.getElementsByTagName('td', row).map(textOf));
    expect(cells.map((c) => [c[0], c[3], c[4]])).toEqual([
      ['1', '0', 'Red 2 must missing'],
      ['2', '50', 'Amber 1 must partial'],
      ['3', '100', 'Green all must met'],
    ]);
    // The organisation's name from the document, with the file's path beside it.
    expect(cells[1]![1]).toBe('Little <b>Oaks</b> Schoolpolicies/Child Protection Policy.md');
  });

  it('lists the documents not assessed apart, with their reason, outside the ranking and the heatmap', () => {
    const rows = DomUtils.getElementsByTagName('tr', table('apart'))
      .slice(1)
      .map((row) => DomUtils.getElementsByTagName('td', row).map(textOf));
    expect(rows).toEqual([
      ['scanned', 'unreadable', 'The PDF has no text layer (scanned image?)'],
      ['broken', 'error', 'internal error: boom'],
      ['adults', 'not assessable', 'the policy covers adults at risk only'],
    ]);
    expect(textOf(heatmap)).not.toContain('adults');
  });

  it('has a heatmap row per assessed document in ranked order, linking to an anchor further down', () => {
    expect(heatmap).toBeTruthy();
    const links = DomUtils.getElementsByTagName('a', heatmap);
    expect(links.map(textOf)).toEqual(['script> & "weak"', 'Little <b>Oaks</b> School', 'strong']);
    for (const a of links) {
      const id = a.attribs.href!.slice(1);
      const section = DomUtils.findOne((e) => e.attribs.id === id, dom.children, true)!;
      expect(section.attribs.class).toBe('document');
      expect(textOf(DomUtils.getElementsByTagName('h2', section)[0]!)).toBe(textOf(a));
      expect(out.indexOf(`id="${id}"`)).toBeGreaterThan(out.indexOf('class="heatmap"'));
    }
  });

  it('colours each cell by status, after the score', () => {
    const rows = DomUtils.getElementsByTagName('tr', heatmap).slice(1);
    const classes = (row: Element) => DomUtils.getElementsByTagName('td', row).map((td) => td.attribs.class);
    expect(classes(rows[1]!)).toEqual(['hm-score', 'hm hm-met', 'hm hm-partial', 'hm hm-missing', 'hm hm-accepted', 'hm hm-na']);
    expect(out).toContain('Requirements across the documents');
    expect(out.indexOf('class="heatmap"')).toBeLessThan(out.indexOf('class="document"'));
  });

  it('collapses each document into a <details> whose summary is a short card, so the printout stays bounded', () => {
    const details = DomUtils.getElementsByTagName('details', dom);
    expect(details).toHaveLength(6);
    for (const d of details) expect(d.attribs.open).toBeUndefined();
    const card = textOf(DomUtils.getElementsByTagName('summary', details[0]!)[0]!);
    expect(card).toContain('Amber Score 50 · 1 covered · 1 partly · 2 not covered · school');
    expect(textOf(DomUtils.getElementsByTagName('summary', details[5]!)[0]!)).toContain('not assessable: the policy covers adults at risk only');
  });

  it('prints the heatmap on a landscape page of its own and never breaks words in table cells', () => {
    expect(out).toMatch(/@page landscape \{ size: A4 landscape;/);
    expect(out).toMatch(/\.heatmap-page \{ page: landscape; break-before: page; break-after: page; \}/);
    const css = out.slice(out.indexOf('<style>'), out.indexOf('</style>'));
    // Only file paths may break anywhere; words wrap whole.
    expect(css.match(/overflow-wrap: anywhere/g)).toHaveLength(1);
    expect(css).toMatch(/\.path \{[^}]*overflow-wrap: anywhere/);
    expect(css).not.toMatch(/word-break: break-all/);
  });

  it('escapes paths and every other piece of text in the overview', () => {
    expect(out).not.toMatch(/<script/i);
    expect(out).toContain('policies/&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;weak&quot;.md');
    const tainted = renderReport('html', withMarkupEverywhere(makeBatch()));
    expect(DomUtils.getElementsByTagName('i', parseDocument(tainted))).toHaveLength(0);
    expect(tainted).toContain('title="Whistleblowing route&lt;i&gt;x&lt;/i&gt; (should)"');
  });

  it('keeps the plain overview without a summary', () => {
    const plain = renderReport('html', makeReport());
    expect(plain).toContain('Documents at a glance');
    expect(plain).not.toContain('class="heatmap"');
  });
});

describe('jsonl report', () => {
  it('writes one parseable line per document with tool, catalogue and as-of date', () => {
    const report = makeBatch();
    report.documents[0]!.path = 'line\nbreak\u2028.md';
    const out = renderReport('jsonl', report);
    expect(out.endsWith('\n')).toBe(true);
    const lines = out.slice(0, -1).split('\n');
    expect(lines).toHaveLength(report.documents.length);
    const records = lines.map((l) => JSON.parse(l));
    expect(records.map((r) => r.document.path)).toEqual(report.documents.map((d) => d.path));
    for (const r of records) {
      expect(Object.keys(r)).toEqual(['schemaVersion', 'tool', 'catalogue', 'asOf', 'document']);
      expect(r.tool).toEqual({ name: 'sg-audit', version: '0.1.0' });
      expect(r.catalogue).toEqual({ name: 'England schools', version: '2024.1' });
      expect(r.asOf).toBe('2025-03-01');
    }
    expect(records[1].document.status).toBe('unreadable');
  });
});

describe('the streamed summary (FactsCollector)', () => {
  it('takes each requirement title and level from the first audited document in report order, whichever finished first', async () => {
    const { FactsCollector } = await import('../src/report/stream.js');
    const report = makeReport();
    const first = report.documents[0]!;
    const raised = structuredClone(first);
    raised.path = 'policies/nursery.md';
    raised.requirements = raised.requirements.map((r) => ({ ...r, level: 'must', title: `${r.title} (raised)` }));
    const collector = new FactsCollector();
    // The later document (position 1) arrives before the first (position 0), as a fast worker's would.
    collector.add(raised, 1);
    collector.add(first, 0);
    const streamed = collector.facts({ tool: report.tool, catalogue: report.catalogue }).summary!;
    const inOrder = summariseAcross([first, raised]);
    expect(streamed.requirements).toEqual(inOrder.requirements);
    const id = first.requirements[0]!.id;
    expect(streamed.requirements[id]).toMatchObject({ title: first.requirements[0]!.title, level: first.requirements[0]!.level });
  });
});
