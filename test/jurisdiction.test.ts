import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { readMarkdown } from '../src/ingest/markdown.js';
import type { DocumentReport, JurisdictionId } from '../src/types.js';
import { tempDir } from './fixtures/temp-dir.js';

// Short policies written for this test, one per nation: each covers the same ground in its own nation's terms.
const COMMON = `
## Our commitment

We protect every child and young person who takes part in our activities from abuse, neglect and harm.
Children are listened to, and their wishes and feelings are taken seriously.

## Reporting a concern

Anyone worried about a child reports it straight away to our child protection officer, who records it and refers it to children's social care or the police.
In an emergency, call the police on 999.

## Training

Every volunteer completes safeguarding training before they start and refreshes it every three years.
`;

const SCOTTISH = `# Child protection policy

We are a Scottish Charitable Incorporated Organisation (SCIO) regulated by OSCR, and we follow the National Guidance for Child Protection in Scotland.
${COMMON}
## Recruitment

Every volunteer must join the PVG scheme through Disclosure Scotland before they start working with children.
Anyone we remove from regulated work with children because they harmed a child or placed a child at risk of harm will be referred to Disclosure Scotland.
`;

const WELSH = `# Safeguarding policy

We follow the Wales Safeguarding Procedures and the Social Services and Well-being (Wales) Act 2014.
${COMMON}
## Allegations against volunteers

Any allegation that a volunteer has harmed a child is reported to the Designated Officer for Safeguarding within 24 hours.
Every volunteer has an enhanced DBS check before they start.
`;

const NORTHERN_IRISH = `# Safeguarding children policy

We follow the Safeguarding Board for Northern Ireland's Regional Core Child Protection Policy and Procedures, and we refer concerns to the Gateway Team of the Health and Social Care Trust.
${COMMON}
## Recruitment

All leaders must obtain an enhanced AccessNI check before they start.
`;

const AMERICAN = `# Youth protection policy

All staff are mandated reporters under state law: suspected abuse is reported to Child Protective Services, and in an emergency staff call 911.
${COMMON}
## Screening

Every volunteer passes a background check before working with minors.
`;

const ENGLISH_NOTHING_CITED = `# Safeguarding policy
${COMMON}`;

const prepared = prepareCatalogue(loadCatalogue());
const asOf = new Date(Date.UTC(2026, 11, 4));

function audit(markdown: string, jurisdiction?: JurisdictionId): DocumentReport {
  return auditDocument(readMarkdown(markdown, 'policy.md'), prepared, { profile: 'voluntary', asOf, ...(jurisdiction ? { jurisdiction } : {}) });
}

const req = (doc: DocumentReport, id: string) => doc.requirements.find((r) => r.id === id)!;

describe('jurisdiction', () => {
  it('detects each nation from the bodies and law it cites, with the passages that decided it', () => {
    const cases: [string, JurisdictionId, RegExp][] = [
      [SCOTTISH, 'scotland', /OSCR|Disclosure Scotland|PVG/],
      [WELSH, 'wales', /Wales Safeguarding Procedures/],
      [NORTHERN_IRISH, 'northern-ireland', /AccessNI|Northern Ireland/],
      [AMERICAN, 'outside-uk', /mandated reporters|Child Protective Services/],
    ];
    for (const [text, id, quote] of cases) {
      const doc = audit(text);
      expect(doc.jurisdiction?.id, id).toBe(id);
      expect(
        doc.jurisdiction?.evidence.some((e) => quote.test(e.text)),
        id,
      ).toBe(true);
      expect(doc.jurisdiction?.evidence[0]?.location.line, id).toBeGreaterThan(0);
    }
  });

  it('assumes England when no nation is cited, and says so', () => {
    const doc = audit(ENGLISH_NOTHING_CITED);
    expect(doc.jurisdiction).toMatchObject({ id: 'england', evidence: [] });
    expect(doc.jurisdiction?.reason).toMatch(/England \(the catalogue's home\) is assumed/);
    expect(doc.status).toBe('audited');
  });

  it("accepts Scotland's own routes and never asks a Scottish policy for the LADO or the DBS", () => {
    const doc = audit(SCOTTISH);
    expect(doc.status).toBe('audited');
    expect(req(doc, 'allegations-lado')).toMatchObject({ status: 'not-applicable' });
    expect(req(doc, 'allegations-lado').reason).toMatch(/^applies in England and Wales only \(Working Together .*this policy is written for Scotland$/);
    expect(req(doc, 'safer-recruitment').status).toBe('met');
    const referral = req(doc, 'dbs-barring-referral');
    expect(referral.status).toBe('met');
    expect(referral.title).toMatch(/Disclosure Scotland/);
    expect(referral.source).toMatch(/in Scotland: Protection of Vulnerable Groups \(Scotland\) Act 2007/);
    // What to write is in Scotland's terms too: no DBS in the advice or the model wording.
    expect(referral.advice).toMatch(/Disclosure Scotland/);
    expect(referral.modelWording).toMatch(/Disclosure Scotland/);
    expect(`${referral.advice} ${referral.modelWording}`).not.toMatch(/DBS|Disclosure and Barring/);
  });

  it("accepts the Wales Safeguarding Procedures' designated officer for allegations", () => {
    const doc = audit(WELSH);
    const lado = req(doc, 'allegations-lado');
    expect(lado.status).toBe('met');
    expect(lado.source).toMatch(/in Wales: Wales Safeguarding Procedures/);
    // The same passage is no LADO in England.
    expect(req(audit(WELSH, 'england'), 'allegations-lado').status).not.toBe('met');
  });

  it('accepts an AccessNI check in Northern Ireland, where the LADO does not apply', () => {
    const doc = audit(NORTHERN_IRISH);
    expect(req(doc, 'safer-recruitment').status).toBe('met');
    expect(req(doc, 'allegations-lado').status).toBe('not-applicable');
    // The DBS keeps Northern Ireland's barred lists: the referral duty still applies there.
    expect(req(doc, 'dbs-barring-referral').status).not.toBe('not-applicable');
  });

  it('makes England-only duties not applicable elsewhere, with the reason', () => {
    const doc = auditDocument(readMarkdown(SCOTTISH, 'policy.md'), prepared, { profile: 'early-years', asOf });
    for (const id of ['ofsted-notification', 'eyfs-concerns-allegations']) {
      expect(req(doc, id).status, id).toBe('not-applicable');
      expect(req(doc, id).reason, id).toMatch(/^applies in England only \(EYFS/);
    }
  });

  it('reports a policy from outside the UK as not assessable, still judged for information; --jurisdiction england audits it', () => {
    const doc = audit(AMERICAN);
    expect(doc.status).toBe('not-assessable');
    expect(doc.notAssessable).toMatchObject({ kind: 'outside-jurisdiction' });
    expect(doc.notAssessable?.reason).toMatch(/outside the UK.*--jurisdiction england/);
    expect(req(doc, 'allegations-lado').status).toBe('not-applicable');
    expect(req(doc, 'dbs-barring-referral').status).toBe('not-applicable');
    expect(req(doc, 'responding-to-concerns').status).not.toBe('not-applicable');
    // Safer recruitment is good practice anywhere (its nations include outside-uk).
    expect(req(doc, 'safer-recruitment').status).not.toBe('not-applicable');
    const forced = audit(AMERICAN, 'england');
    expect(forced.status).toBe('audited');
    expect(forced.jurisdiction).toMatchObject({ id: 'england', reason: 'chosen with --jurisdiction' });
    expect(req(forced, 'allegations-lado').status).toBe('missing');
  });
});

describe('assessability', () => {
  it('says why a document cannot be assessed: placeholder, not child safeguarding, adults only, not English', () => {
    expect(audit('# Safeguarding\n\nThis page will set out our safeguarding policy for children soon.\n').notAssessable?.kind).toBe('stub');
    const dataProtection = `# Safeguarding your data\n\n${'We safeguard personal data under the data protection law, encrypt records and limit who can see them. '.repeat(12)}`;
    expect(audit(dataProtection).notAssessable?.kind).toBe('not-child-safeguarding');
    const adults = `# Safeguarding adults policy\n\n${'We protect adults at risk from abuse and neglect, as the Care Act 2014 requires, and we support vulnerable adults who use our service. '.repeat(6)}`;
    expect(audit(adults).notAssessable?.kind).toBe('adults-only');
    const portuguese = `# Política de proteção\n\n${'Todos os voluntários devem comunicar qualquer preocupação sobre uma criança ao responsável de proteção, que decide os passos seguintes para a proteger. '.repeat(5)}`;
    expect(audit(portuguese).notAssessable?.kind).toBe('not-english');
    // Each still carries its requirements, judged for information.
    expect(audit(portuguese).requirements.length).toBeGreaterThan(10);
  });
});

describe('through the CLI', () => {
  const dir = tempDir('sg-audit-nations-');
  const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const run = (args: string[]) => spawnSync(process.execPath, [bin, '--as-of', '2026-12-04', ...args], { encoding: 'utf8' });

  it('exits 2 for a not-assessable document with one line saying why, and shows it first in the text report', () => {
    const us = file('us.md', AMERICAN);
    const r = run([us]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/us\.md: not assessable \(outside-jurisdiction\): written for a country outside the UK/)]);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toMatch(/us\.md.*jurisdiction: outside the UK/);
    expect(lines[3]).toMatch(/^ {2}Not assessable: written for a country outside the UK/);
    expect(lines[4]).toMatch(/for information only/);
    const json = JSON.parse(run(['--format', 'json', us]).stdout);
    expect(json.documents[0]).toMatchObject({ status: 'not-assessable', notAssessable: { kind: 'outside-jurisdiction' }, jurisdiction: { id: 'outside-uk' } });
    expect(json.documents[0].requirements.length).toBeGreaterThan(0);
    expect(run(['--jurisdiction', 'england', '--fail-on', 'none', us]).status).toBe(0);
  });

  it("names the jurisdiction and the catalogue's sources-checked date in report headers", () => {
    const scot = file('scot.md', SCOTTISH);
    const text = run(['--fail-on', 'none', scot]).stdout;
    expect(text.split('\n')[0]).toMatch(/sources checked \d{4}-\d{2}-\d{2}/);
    expect(text).toMatch(/jurisdiction: Scotland \(\d passages cite/);
    expect(run(['--format', 'markdown', '--fail-on', 'none', scot]).stdout).toMatch(/\*\*Jurisdiction:\*\* Scotland/);
    expect(run(['--format', 'html', '--fail-on', 'none', scot]).stdout).toMatch(/Jurisdiction: Scotland/);
  });

  it('reports a superseded edition only after --grace-months (default 6) from the new edition', () => {
    const policy = file('wt.md', `${ENGLISH_NOTHING_CITED}\nWe follow Working Together to Safeguard Children 2023.\n`);
    const outdated = (args: string[]) =>
      JSON.parse(run(['--format', 'json', '--fail-on', 'none', ...args, policy]).stdout).documents[0].findings.filter((f: { id: string }) => f.id === 'outdated-term');
    expect(outdated([])).toEqual([expect.objectContaining({ message: expect.stringMatching(/now Working Together to Safeguard Children 2026/) })]);
    expect(outdated(['--grace-months', '12'])).toEqual([]);
    expect(outdated(['--as-of', '2026-06-01'])).toEqual([]);
  });

  it('refuses an unknown --jurisdiction and a negative --grace-months', () => {
    const scot = file('scot2.md', SCOTTISH);
    expect(run(['--jurisdiction', 'mars', scot]).status).toBe(2);
    const r = run(['--grace-months=-1', scot]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--grace-months/);
  });
});
