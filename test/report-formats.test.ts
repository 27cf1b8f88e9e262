import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import type { Element } from 'domhandler';
import { XMLValidator } from 'fast-xml-parser';
import { DomUtils, parseDocument } from 'htmlparser2';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/report/index.js';
import { formatLocation } from '../src/report/location.js';
import { escapeHtml } from '../src/report/shared.js';
import { HOSTILE, makeReport, withMarkupEverywhere } from './fixtures/report-fixture.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('formatLocation', () => {
  it('prints page, line, paragraph and section the same way everywhere', () => {
    expect(formatLocation({ page: 3, section: '5 Whistleblowing' })).toBe('p. 3, §5 Whistleblowing');
    expect(formatLocation({ line: 42 })).toBe('line 42');
    expect(formatLocation({ paragraph: 17 })).toBe('para 17');
    expect(formatLocation({})).toBe('');
  });
});

describe('text report', () => {
  it('shows summary counts by level and evidence locations', () => {
    const out = renderReport('text', makeReport(), { color: false });
    expect(out).toContain('must: 1 met, 1 partial, 0 missing · should: 0 met, 0 partial, 1 missing, 1 n/a');
    expect(out).toContain('(line 42, §2 Roles > 2.1 The DSL)');
    expect(out).toContain('Closest passage: "=HYPERLINK("x") Speak to a manager if worried." (line 120)');
    expect(out).toContain('Model wording: "We refer any allegation');
    expect(out).toContain('(waived: Covered by the separate online safety policy, until 2026-01-31)');
    expect(out).toContain('profile: school (detected: mentions pupils and governors) · format: markdown');
    // The rating with its reason and the score, and the key that explains them.
    expect(out).toContain('  Overall: amber (1 must requirement partly covered) · score 50 of 100');
    expect(out).toContain('\nKey\n  Score: share of applicable must and should requirements met, partial counting half (0–100).\n  red: a must requirement is not covered at all');
  });

  it('lists open gaps missing-first then by level, waived gaps after them, then met requirements', () => {
    const out = renderReport('text', makeReport(), { color: false });
    const order = ['WHISTLEBLOWING', 'LADO-REFERRAL', 'ONLINE-FILTERING', 'DSL-NAMED'].map((id) => out.indexOf(`  ${id}  `));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('gives an unreadable document one line with the reason', () => {
    const out = renderReport('text', makeReport(), { color: false });
    const pdf = out.slice(out.indexOf('policies\\scanned.pdf'), out.indexOf('\nKey\n'));
    expect(pdf.trim().split('\n')).toEqual(['policies\\scanned.pdf · format: pdf', '  Could not audit (unreadable): The PDF has no text layer (scanned image?)']);
  });

  it('uses ANSI colour only when asked, and never lets document text carry control characters', () => {
    const plain = renderReport('text', makeReport(), { color: false });
    expect(plain).not.toMatch(ANSI);
    // eslint-disable-next-line no-control-regex
    expect(plain).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
    expect(renderReport('text', makeReport(), { color: true })).toMatch(ANSI);
  });

  it('quiet mode keeps the summary and gaps but drops met requirements, findings and notes', () => {
    const out = renderReport('text', makeReport(), { color: false, quiet: true });
    expect(out).toContain('LADO-REFERRAL');
    expect(out).toContain('must: 1 met');
    expect(out).not.toContain('DSL-NAMED');
    expect(out).not.toContain('STALE-KCSIE');
    const full = renderReport('text', makeReport(), { color: false });
    expect(full).toContain('STALE-KCSIE: Cites KCSIE 2019, which has been superseded. (line 7)');
    expect(full).toContain('- Front matter had no review date.');
  });

  it('trims long evidence to about 200 characters with an ellipsis', () => {
    const report = makeReport();
    const first = report.documents[0]!.requirements[0]!;
    first.evidence[0]!.text = 'word '.repeat(100);
    const line = renderReport('text', report, { color: false })
      .split('\n')
      .find((l) => l.includes('DSL-NAMED'));
    expect(line).toBeDefined();
    const gap = renderReport('text', { ...report, documents: [{ ...report.documents[0]!, requirements: [{ ...first, status: 'partial' }] }] }, {});
    const found = gap.split('\n').find((l) => l.includes('Found:'))!;
    expect(found).toMatch(/word…"/);
    expect(found.length).toBeLessThan(260);
  });
});

describe('shared escaping', () => {
  it('escapeHtml escapes all five HTML-special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('markdown report', () => {
  const out = renderReport('markdown', makeReport());
  const rowOf = (text: string, id: string) => text.split('\n').find((l) => l.startsWith('|') && l.includes(`| ${id} |`));
  /** Cells of a GFM table row: split on pipes not escaped with a backslash. */
  const cells = (row: string) => row.slice(1, -1).split(/(?<!\\)\|/);

  it('keeps every table row at its column count despite | in document text', () => {
    const row = rowOf(out, 'DSL-NAMED');
    expect(row).toBeDefined();
    expect(row).toContain('Staff \\| volunteers');
    expect(cells(row!)).toHaveLength(5);
    const areaRow = out.split('\n').find((l) => l.startsWith('| Allegations |'));
    // Red with its reason in view: less than half of what applies in the area is covered.
    expect(areaRow).toBe('| Allegations | 🔴 Red | score 25 \\(under 50\\) | 0 | 1 | 1 |');
  });

  it('keeps a line break in a cell from ending the row', () => {
    const report = makeReport();
    report.documents[0]!.requirements[0]!.title = 'Two\nlines | here';
    const row = rowOf(renderReport('markdown', report), 'DSL-NAMED');
    expect(row).toContain('Two lines \\| here');
    expect(cells(row!)).toHaveLength(5);
  });

  it('neutralises HTML and Markdown syntax in quoted document text', () => {
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    expect(out).toContain('=HYPERLINK\\("x"\\)');
    const report = makeReport();
    report.documents[0]!.requirements[0]!.evidence[0]!.text = '*bold* _it_ [link](javascript:alert(1)) `code` ~~gone~~';
    const tree = unified().use(remarkParse).parse(renderReport('markdown', report));
    const types = new Set<string>();
    const walk = (node: { type: string; children?: unknown[] }) => {
      types.add(node.type);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(tree as never);
    for (const type of ['link', 'inlineCode', 'html', 'delete']) expect(types, type).not.toContain(type);
  });

  it('escapes every piece of report text, not only evidence', () => {
    const tainted = renderReport('markdown', withMarkupEverywhere(makeReport()));
    expect(tainted).not.toContain('<i>');
    expect(tainted.match(/&lt;i&gt;x&lt;\/i&gt;/g)?.length).toBeGreaterThan(20);
  });

  it('orders the action plan must first and includes model wording and currency findings', () => {
    const plan = out.slice(out.indexOf('### Action plan'));
    expect(plan.indexOf('LADO-REFERRAL')).toBeLessThan(plan.indexOf('WHISTLEBLOWING'));
    expect(plan.indexOf('WHISTLEBLOWING')).toBeLessThan(plan.indexOf('ONLINE-FILTERING'));
    expect(plan).toContain('**Model wording:** “We refer any allegation');
    expect(out).toContain('### Currency findings');
    expect(out).toContain('- **STALE-KCSIE** (line 7): Cites KCSIE 2019');
    expect(out).toContain('**Could not audit (unreadable):**');
  });

  it('has a plain-English key, a glossary and why each gap matters', () => {
    expect(out.indexOf('## How to read this report')).toBeLessThan(out.indexOf('## Child Protection Policy'));
    expect(out).toContain('- **Partial \\(partly covered\\)**: the policy touches on it');
    expect(out).toContain('- 🔴 Red: a must requirement is not covered at all, or the score is under 50');
    expect(out).toContain('- **Overall:** 🟠 Amber (1 must requirement partly covered) · score 50 of 100');
    expect(out).toContain('   - **Why it matters:** The LADO must be told about allegations');
    const glossary = out.slice(out.indexOf('## Glossary'));
    for (const term of ['LADO', 'DBS', 'Section 11', 'Prevent', 'EYFS', 'KCSIE', 'DSL', 'Channel', 'MASH']) expect(glossary).toContain(`- **${term}**: `);
  });

  it('names the organisation from the document, with the file beside it, and puts a not-assessable reason first', () => {
    const report = makeReport();
    report.documents[0]!.organisation = 'Little Oaks School';
    Object.assign(report.documents[0]!, { status: 'not-assessable', notAssessable: { kind: 'outside-jurisdiction', reason: 'written for Scotland' } });
    const text = renderReport('markdown', report);
    const section = text.slice(text.indexOf('## Little Oaks School')).split('\n');
    expect(section.slice(0, 4)).toEqual(['## Little Oaks School', '', '- **Not assessable:** written for Scotland', '- **File:** policies/Child Protection Policy.md']);
    expect(text).not.toContain('### Action plan');
  });
});

describe('html report', () => {
  const out = renderReport('html', makeReport());
  const dom = parseDocument(out);
  const elements = DomUtils.getElements({ tag_type: 'tag' }, dom.children, true) as Element[];

  it('escapes document text instead of emitting it as markup', () => {
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const names = new Set(elements.map((e) => e.name));
    for (const tag of ['script', 'img', 'iframe', 'object', 'embed', 'link']) expect(names, tag).not.toContain(tag);
    // Escaped, the text still reads back exactly as the policy wrote it.
    const quotes = DomUtils.getElementsByTagName('blockquote', dom).map((q) => DomUtils.textContent(q));
    expect(quotes.some((q) => q.includes('<script>alert(1)</script> "Contact" Staff | volunteers'))).toBe(true);
  });

  it('escapes every piece of report text, not only evidence', () => {
    const tainted = renderReport('html', withMarkupEverywhere(makeReport()));
    expect(tainted).not.toContain('<i>');
    expect(DomUtils.getElementsByTagName('i', parseDocument(tainted))).toHaveLength(0);
    // Paths, areas, sections, messages and notes all reached the page, escaped.
    for (const text of ['policies/Child Protection Policy.md', 'Allegations', '5 Allegations', 'Cites KCSIE 2019, which has been superseded.', 'Front matter had no review date.']) {
      expect(tainted).toContain(`${escapeHtml(text)}&lt;i&gt;x&lt;/i&gt;`);
    }
  });

  it('loads nothing from the network and runs no script', () => {
    expect(out).not.toMatch(/@import|url\(/i);
    expect(out).not.toMatch(/(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    const ids = new Set(elements.map((e) => e.attribs.id).filter(Boolean));
    for (const e of elements) {
      expect(e.attribs.src, e.name).toBeUndefined();
      for (const attr of Object.keys(e.attribs)) expect(attr.startsWith('on'), attr).toBe(false);
      if (e.attribs.href !== undefined) {
        expect(e.attribs.href).toMatch(/^#/);
        expect(ids.has(e.attribs.href.slice(1)), e.attribs.href).toBe(true);
      }
    }
  });

  it('shows every requirement, the overview, plain-language sections and print rules', () => {
    for (const id of ['DSL-NAMED', 'LADO-REFERRAL', 'WHISTLEBLOWING', 'ONLINE-FILTERING', 'EYFS-RATIOS']) expect(out).toContain(id);
    expect(out).toContain('<a href="#doc-2">scanned</a>');
    expect(out).toContain('What your policy already covers');
    expect(out).toContain('What to add');
    expect(out).toContain('Found at line 42, §2 Roles &gt; 2.1 The DSL');
    expect(out).toMatch(/@media print/);
    expect(out).toContain('unreadable: The PDF has no text layer');
    // Every report carries the key and the glossary, and gaps say why they matter.
    expect(out).toContain('How to read this report');
    expect(out).toContain('a must requirement is not covered at all, or the score is under 50');
    expect(out).toContain('<dt>LADO</dt>');
    expect(out).toContain('<strong>Why it matters:</strong> The LADO must be told');
  });

  it('leaves out the overview for a single document', () => {
    const report = makeReport();
    report.documents.pop();
    expect(renderReport('html', report)).not.toContain('Documents at a glance');
    expect(out).toContain('Documents at a glance');
  });
});

describe('sarif report', () => {
  const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
  // unicodeRegExp off: the schema's "language" pattern has a stray "]" that the u flag rejects.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  // Ajv ships no format checks; these keep "uri"/"uri-reference" meaningful (a raw space fails).
  const URI_REF = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
  ajv.addFormat('uri-reference', URI_REF);
  ajv.addFormat('uri', (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URI_REF.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addSchema(schema);
  // This copy of the schema keeps the log-file schema under definitions/Root and leaves the
  // top level empty, so validating against the file itself would accept anything.
  const validate = ajv.compile({ $ref: `${schema.$id}#/definitions/Root` });
  const render = (report = makeReport()) => JSON.parse(renderReport('sarif', report));

  it('validates against the SARIF 2.1.0 schema', () => {
    const sarif = render();
    const ok = validate(sarif);
    expect(ajv.errorsText(validate.errors), 'schema errors').toBe('No errors');
    expect(ok).toBe(true);
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    // With the configuration named and the gate set, it still validates, levels following the gate.
    const gated = JSON.parse(renderReport('sarif', { ...makeReport(), config: '.sg-audit.yml' }, { gate: { failOn: 'none' } }));
    expect(validate(gated), ajv.errorsText(validate.errors)).toBe(true);
    expect(gated.runs[0].properties).toEqual({ config: '.sg-audit.yml' });
    expect(gated.runs[0].results.filter((r: { properties: { status?: string } }) => r.properties.status).map((r: { level: string }) => r.level)).not.toContain('error');
  });

  it('has a validator that rejects invalid logs (so the check above means something)', () => {
    expect(validate({ ...render(), version: '2.0.0' })).toBe(false);
    const bad = render();
    bad.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'has space.md';
    expect(validate(bad)).toBe(false);
  });

  it('declares each requirement once as a rule and points results at the right rule', () => {
    const report = makeReport();
    // The same catalogue audited twice must not duplicate rules.
    report.documents.push({ ...structuredClone(report.documents[0]!), path: 'other/policy.md' });
    const run = render(report).runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(['DSL-NAMED', 'LADO-REFERRAL', 'WHISTLEBLOWING', 'ONLINE-FILTERING', 'EYFS-RATIOS', 'STALE-KCSIE']);
    expect(run.tool.driver.rules[1]).toMatchObject({
      name: 'LadoReferral',
      shortDescription: { text: 'Allegations against staff go to the LADO' },
      fullDescription: { text: 'The LADO must be told about allegations that meet the harm threshold.' },
      defaultConfiguration: { level: 'error' },
      properties: { level: 'must', source: 'KCSIE 2024 Part 4' },
    });
    expect(run.tool.driver.rules[1].help.text).toContain('Model wording: "We refer');
    // Three gaps and one finding in each of the two documents.
    expect(run.results).toHaveLength(8);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('reports one result per gap, with waived gaps suppressed', () => {
    const run = render().runs[0];
    const gaps = run.results.filter((r: { ruleId: string }) => r.ruleId !== 'STALE-KCSIE');
    const byRule = Object.fromEntries(gaps.map((r: { ruleId: string }) => [r.ruleId, r]));
    expect(Object.keys(byRule).sort()).toEqual(['LADO-REFERRAL', 'ONLINE-FILTERING', 'WHISTLEBLOWING']);
    expect(byRule['LADO-REFERRAL'].level).toBe('error');
    expect(byRule['WHISTLEBLOWING'].level).toBe('warning');
    expect(byRule['LADO-REFERRAL'].message.text).toMatch(/^Partial: .*LADO is not\..*Say that/);
    expect(byRule['ONLINE-FILTERING'].suppressions).toEqual([{ kind: 'external', justification: 'Covered by the separate online safety policy' }]);
    expect(byRule['LADO-REFERRAL'].suppressions).toBeUndefined();
    const loc = byRule['WHISTLEBLOWING'].locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe('policies/Child%20Protection%20Policy.md');
    expect(loc.region.startLine).toBe(120); // the nearest passage, as there is no evidence
  });

  it('reports currency findings as results at their line, under a rule of their own', () => {
    const run = render().runs[0];
    const finding = run.results.find((r: { ruleId: string }) => r.ruleId === 'STALE-KCSIE');
    expect(finding).toMatchObject({ level: 'warning', message: { text: 'Cites KCSIE 2019, which has been superseded.' } });
    expect(finding.locations[0].physicalLocation.region.startLine).toBe(7);
    expect(run.tool.driver.rules[finding.ruleIndex]).toMatchObject({ id: 'STALE-KCSIE', properties: { kind: 'finding' } });
  });

  it('fingerprints gaps stably, independent of the line', () => {
    const first = render().runs[0].results;
    const again = render().runs[0].results;
    const moved = makeReport();
    moved.documents[0]!.requirements[1]!.evidence[0]!.location.line = 5;
    const shifted = render(moved).runs[0].results;
    expect(shifted[0].locations[0].physicalLocation.region.startLine).toBe(5);
    const fp = (rs: Array<{ partialFingerprints: Record<string, string> }>) => rs.map((r) => r.partialFingerprints['sgAudit/v1']);
    expect(fp(again)).toEqual(fp(first));
    expect(fp(shifted)).toEqual(fp(first));
    for (const f of fp(first)) expect(f).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(fp(first)).size).toBe(first.length);
  });

  it('puts page and section in properties for PDFs and reports unreadable documents', () => {
    const report = makeReport();
    const pdf = report.documents[1]!;
    const sarif = render(report);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    const note = sarif.runs[0].invocations[0].toolExecutionNotifications[0];
    expect(note.message.text).toContain('The PDF has no text layer');
    expect(note.locations[0].physicalLocation.artifactLocation.uri).toBe('policies/scanned.pdf');

    Object.assign(pdf, { status: 'audited', error: undefined });
    pdf.requirements = [{ ...structuredClone(report.documents[0]!.requirements[1]!), evidence: [{ text: 'x', location: { page: 3, section: '5 Whistleblowing' } }] }];
    const audited = render(report);
    expect(validate(audited)).toBe(true);
    expect(audited.runs[0].invocations[0].executionSuccessful).toBe(true);
    const result = audited.runs[0].results.find(
      (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'policies/scanned.pdf',
    );
    expect(result.locations[0].physicalLocation.region.startLine).toBe(1);
    expect(result.properties).toMatchObject({ page: 3, section: '5 Whistleblowing' });
  });
});

describe('junit report', () => {
  // eslint-disable-next-line no-control-regex
  const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  /** Checks the XML is well-formed (fast-xml-parser's validator), then parses it for queries. */
  function parseXml(xml: string) {
    expect(XMLValidator.validate(xml)).toBe(true);
    return parseDocument(xml, { xmlMode: true });
  }

  it('fails only the gaps the gate fails on: a should gap passes, with its status as output, at --fail-on must', () => {
    const root = parseXml(renderReport('junit', makeReport(), { gate: { failOn: 'must' } }));
    const failures = DomUtils.getElementsByTagName('failure', root);
    expect(failures.map((f) => f.attribs.type)).toEqual(['must']);
    expect(DomUtils.getElementsByTagName('testsuites', root)[0]!.attribs.failures).toBe('1');
    expect(DomUtils.textContent(DomUtils.getElementsByTagName('system-out', root))).toMatch(/should gap below the gate \(passes\)/);
    const ids = parseXml(renderReport('junit', makeReport(), { gate: { failOn: 'none', failOnIds: ['WHISTLEBLOWING'] } }));
    expect(DomUtils.getElementsByTagName('failure', ids).map((f) => (f.parent as { attribs: Record<string, string> }).attribs.name)).toEqual([expect.stringMatching(/^WHISTLEBLOWING:/)]);
  });

  it('parses as XML with the right counts', () => {
    const xml = renderReport('junit', makeReport(), { gate: { failOn: 'should' } });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    const root = parseXml(xml);
    const count = (tag: string) => DomUtils.getElementsByTagName(tag, root).length;
    expect([count('testsuite'), count('testcase'), count('failure'), count('skipped'), count('error')]).toEqual([2, 6, 2, 2, 1]);
    const top = DomUtils.getElementsByTagName('testsuites', root)[0]!;
    expect(top.attribs).toEqual({ name: 'sg-audit', tests: '6', failures: '2', errors: '1', skipped: '2' });
    const [md, pdf] = DomUtils.getElementsByTagName('testsuite', root);
    expect(md!.attribs).toMatchObject({ name: 'policies/Child Protection Policy.md', tests: '5', failures: '2', skipped: '2' });
    expect(pdf!.attribs).toMatchObject({ name: 'policies\\scanned.pdf', tests: '1', errors: '1' });
    const failure = DomUtils.getElementsByTagName('failure', root)[0]!;
    expect(failure.attribs.type).toBe('must');
    expect(DomUtils.textContent(failure)).toContain('Model wording: "We refer any allegation');
    const error = DomUtils.getElementsByTagName('error', root)[0]!;
    expect(error.attribs.message).toBe('unreadable: The PDF has no text layer (scanned image?)');
  });

  it('escapes every piece of report text', () => {
    const xml = renderReport('junit', withMarkupEverywhere(makeReport()));
    expect(xml).not.toContain('<i>');
    expect(DomUtils.getElementsByTagName('i', parseXml(xml))).toHaveLength(0);
    expect(DomUtils.getElementsByTagName('testcase', parseXml(xml))).toHaveLength(6);
  });

  it('escapes markup and drops characters XML 1.0 forbids', () => {
    const report = makeReport();
    const r = report.documents[0]!.requirements[1]!;
    r.title = `<script>&"'`;
    r.reason = `Bad ${HOSTILE.illegal} text`;
    const xml = renderReport('junit', report);
    expect(xml).not.toMatch(ILLEGAL);
    expect(xml).not.toContain('<script>');
    const root = parseXml(xml);
    const testcase = DomUtils.getElementsByTagName('testcase', root)[1]!;
    expect(testcase.attribs.name).toBe(`LADO-REFERRAL: <script>&"'`);
    const failure = DomUtils.getElementsByTagName('failure', root)[0]!;
    // One-line attributes turn controls into spaces and a lone surrogate into U+FFFD (both legal).
    expect(failure.attribs.message).toBe('partial: Bad bell nul vt half\uFFFDfffe text');
    expect(DomUtils.textContent(failure)).toContain('Bad bell nul vt halffffe text'); // controls made spaces by the shared sanitiser
  });
});

describe('csv report', () => {
  /** RFC 4180 by csv-parse: records end in CRLF; quoted fields may hold commas, quotes ("") and line breaks. */
  function parseCsv(text: string): string[][] {
    expect(text.endsWith('\r\n'), 'last record terminated by CRLF').toBe(true);
    return parse(text, { record_delimiter: '\r\n', relax_column_count: false }) as string[][];
  }

  it('has the header, one row per document × requirement, and round-trips quoted cells', () => {
    const rows = parseCsv(renderReport('csv', makeReport()));
    expect(rows[0]).toEqual(['path', 'profile', 'id', 'title', 'level', 'status', 'confidence', 'evidence', 'location']);
    expect(rows).toHaveLength(1 + 5 + 1);
    for (const row of rows) expect(row).toHaveLength(9);
    const dsl = rows.find((r) => r[2] === 'DSL-NAMED')!;
    expect(dsl[7]).toBe('Our DSL is Jo Bloggs. <script>alert(1)</script> "Contact" Staff | volunteers');
    expect(dsl[8]).toBe('line 42, §2 Roles > 2.1 The DSL');
    expect(dsl.slice(0, 7)).toEqual(['policies/Child Protection Policy.md', 'school', 'DSL-NAMED', 'A named Designated Safeguarding Lead', 'must', 'met', '0.95']);
    expect(rows[6]).toEqual(['policies\\scanned.pdf', '', '', '', '', 'unreadable', '', 'The PDF has no text layer (scanned image?)', '']);
  });

  it('neutralises formula injection in every column', () => {
    const report = makeReport();
    const r = report.documents[0]!.requirements[0]!;
    r.evidence[0]!.text = HOSTILE.formula;
    r.title = '+SUM(A1)';
    r.id = '@cmd';
    report.documents[0]!.profile = '-2+3';
    report.documents[0]!.path = '\tpath.md';
    const text = renderReport('csv', report);
    const row = parseCsv(text)[1]!;
    expect(row.slice(0, 4)).toEqual(["'\tpath.md", "'-2+3", "'@cmd", "'+SUM(A1)"]);
    expect(row[7]).toBe(`'${HOSTILE.formula}`);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('keeps several passages in one cell, one per line', () => {
    const report = makeReport();
    report.documents[0]!.requirements[0]!.evidence.push({ text: 'Second, passage', location: { line: 50 } });
    const row = parseCsv(renderReport('csv', report))[1]!;
    expect(row[7]!.split('\n')).toEqual(['Our DSL is Jo Bloggs. <script>alert(1)</script> "Contact" Staff | volunteers', 'Second, passage']);
    expect(row[8]!.split('\n')).toEqual(['line 42, §2 Roles > 2.1 The DSL', 'line 50']);
  });
});
