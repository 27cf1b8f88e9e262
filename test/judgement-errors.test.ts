// The kinds of wrong judgement seen on real policies (issue 12), each rebuilt from a passage written
// for this test. A false "met" hides a gap, so most of these check that a thin passage stays partial.
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/audit.js';
import { prepareCatalogue } from '../src/audit/prepared.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { readMarkdown } from '../src/ingest/markdown.js';
import { readPdf } from '../src/ingest/pdf.js';
import { makePdf } from './fixtures/hostile.js';
import type { RequirementResult } from '../src/types.js';

const prepared = prepareCatalogue(loadCatalogue());

function judged(markdown: string, id: string, profile = 'general'): RequirementResult {
  const report = auditDocument(readMarkdown(markdown, 'policy.md'), prepared, { profile, asOf: new Date('2026-12-05') });
  const result = report.requirements.find((r) => r.id === id);
  if (!result) throw new Error(`no result for ${id}`);
  return result;
}

describe('judgements that generalise to wording nobody listed', () => {
  it('reads "concerns are not being addressed … follow the whistleblowing procedure" as escalation', () => {
    const r = judged(
      '# Safeguarding policy\n\nIf you have raised a worry about a child and you feel it is not being addressed, you should follow the whistleblowing procedure set out below.\n',
      'escalation',
    );
    expect(r.status).toBe('met');
    expect(r.evidence[0]?.text).toMatch(/not being addressed/);
  });

  it('reads "if an incident involves the welfare officer, tell the chair" as the named alternative for allegations', () => {
    const r = judged(
      '# Allegations against volunteers\n\nAny allegation about a volunteer must be reported straight away to the welfare officer. If an incident involves the welfare officer, report it at once to the club chair.\n',
      'allegations-report-immediately',
    );
    expect(r.status).toBe('met');
  });
});

describe('every part of a requirement must be said about that requirement', () => {
  it('does not let "meets at regular intervals" about supervision count as training being refreshed', () => {
    const r = judged('# Our people\n\nEvery helper completes safeguarding training within their first three months. Every helper also has a mentor who meets them at regular intervals.\n', 'training');
    expect(r.status).toBe('partial');
    expect(r.reason).toMatch(/refreshed at set intervals, in the same sentence/);
  });

  it('needs training both refreshed and matched to role: either alone is partial', () => {
    const refreshOnly = judged('# Training\n\nAll volunteers complete safeguarding training and refresh it every three years.\n', 'training');
    expect(refreshOnly.status).toBe('partial');
    expect(refreshOnly.reason).toMatch(/matched to each person's role/);
    const roleOnly = judged('# Training\n\nAll volunteers complete safeguarding training at the level their role requires.\n', 'training');
    expect(roleOnly.status).toBe('partial');
    const both = judged('# Training\n\nAll volunteers complete safeguarding training and refresh it every three years.\n\nThe welfare officer takes further training for the role.\n', 'training');
    expect(both.status).toBe('met');
  });

  it('needs supervision of staff for supervision and support: support alone, or adults supervising children, is partial', () => {
    const supportOnly = judged('# Supporting our volunteers\n\nWe will always support anyone involved in an incident, including the volunteer who reported it.\n', 'supervision-support');
    expect(supportOnly.status).toBe('partial');
    const ofChildren = judged('# Trips\n\nStaff supervision on every trip must keep to the ratio of adults to children set out below.\n', 'supervision-support');
    expect(ofChildren.status).not.toBe('met');
    const supervised = judged('# Supervision\n\nEvery volunteer has a named supervisor and meets them each term to talk through safeguarding concerns.\n', 'supervision-support');
    expect(supervised.status).toBe('met');
  });

  it('counts "refreshed" when a training heading makes it the sentence\'s topic', () => {
    const r = judged(
      '# Policy\n\n## Safeguarding training\n\nAll coaches attend the course at the level their role needs before working with players, and the training is refreshed every three years.\n\n## Kit\n\nKit is washed weekly.\n',
      'training',
    );
    expect(r.status).toBe('met');
  });

  it('needs both a culture of raising concerns and equal protection for a safe culture', () => {
    const equalOnly = judged(
      '# Policy\n\nEvery child, whatever their age, disability, race, religion or belief, sex or sexual orientation, has a right to equal protection from harm.\n',
      'safe-culture',
    );
    expect(equalOnly.status).toBe('partial');
    const both = judged(
      '# Policy\n\nEvery child, whatever their age, disability, race, religion or belief, sex or sexual orientation, has a right to equal protection from harm.\n\nWe keep an open culture in which any volunteer feels able to raise a concern.\n',
      'safe-culture',
    );
    expect(both.status).toBe('met');
  });

  it('does not credit the wishes and feelings of adults as listening to children', () => {
    const adults = judged('# Adults at risk\n\nWe support adults at risk to make their own choices, and their wishes and feelings guide what we do.\n', 'child-voice');
    expect(adults.status).not.toBe('met');
    const children = judged('# Listening\n\nWe listen to children and take their wishes and feelings into account in every decision about them.\n', 'child-voice');
    expect(children.status).toBe('met');
  });
});

describe('numbered clauses read as structure', () => {
  it('keeps a clause number with its sentence, and reads "3.2 … prohibited" with each "3.2.n" clause below it', () => {
    const clauses = (lead: string) =>
      `# Our policy\n\n3.2. ${lead}\n\n3.2.1. Physical contact that is not needed to keep a child safe.\n\n3.2.2. Private messages to a child on personal social media.\n`;
    // A rule on contact, said by the clause above: part of a code of conduct.
    expect(judged(clauses('Prohibited conduct for all workers.'), 'code-of-conduct').status).toBe('partial');
    // The same clauses under a title that sets no rule describe, and do not forbid.
    expect(judged(clauses('Signs that a child may be being groomed.'), 'code-of-conduct').status).toBe('missing');
  });
});

describe('a rule for only some people, or too late, is partial', () => {
  it('keeps checks for one role only partial', () => {
    const r = judged('# Outings\n\nThe person responsible for driving the minibus on outings will be safely recruited, including an enhanced DBS check.\n', 'safer-recruitment');
    expect(r.status).toBe('partial');
  });

  it('keeps checks made after someone has started partial', () => {
    const r = judged('# Recruitment\n\nEvery new coach must obtain an enhanced DBS check within six weeks of starting.\n', 'safer-recruitment');
    expect(r.status).toBe('partial');
  });

  it('meets it for everyone, before they start', () => {
    const r = judged('# Recruitment\n\nEvery coach and volunteer must obtain an enhanced DBS check before they start working with children.\n', 'safer-recruitment');
    expect(r.status).toBe('met');
  });
});

describe('a heading or a blank is not substance', () => {
  it('reads a list of related policies as pointers: partial, and says why', () => {
    const list = judged('# Policy\n\n## Related policies\n\n- Photography and Images Policy\n- Parental Consent Policy\n- Social Media and Website Policy\n', 'online-safety');
    expect(list.status).toBe('partial');
    expect(list.reason).toMatch(/only by naming another document/);
    const said = judged("# Policy\n\n## Photographs\n\nWe take photographs of children only with their parents' written consent, and we never publish them on social media.\n", 'online-safety');
    expect(said.status).toBe('met');
  });

  it('never meets a requirement on a heading alone', () => {
    const r = judged('# Policy\n\n## Creating a safe culture\n\n## Equal protection\n\nThe club trains on Saturdays.\n', 'safe-culture');
    expect(r.status).toBe('partial');
  });

  it('reads a contacts table row as one statement: a role with "tbc" beside it is a blank', () => {
    const table = (name: string) =>
      `# Policy\n\nPeople with lead responsibilities for safeguarding:\n\n| Role | Name | Email |\n|---|---|---|\n| Designated safeguarding lead | ${name} | ${name === 'tbc' ? 'tbc' : 'dsl@example.org'} |\n\nThe designated safeguarding lead receives every concern, keeps the records and makes referrals.\n`;
    expect(judged(table('tbc'), 'designated-lead').status).toBe('partial');
    expect(judged(table('Priya Shah'), 'designated-lead').status).toBe('met');
  });

  it('pairs a board role with its person across the cells of a row', () => {
    const r = judged('# Policy\n\n| Role | Name |\n|---|---|\n| Safeguarding trustee | Amara Okafor |\n', 'senior-lead');
    expect(r.status).toBe('met');
    expect(judged('# Policy\n\n| Role | Name |\n|---|---|\n| Safeguarding trustee | [name of lead trustee] |\n', 'senior-lead').status).toBe('partial');
  });

  it('reads a PDF table of lead roles, introduced above it, as rows: the owner named there is the senior lead', async () => {
    const data = await makePdf((doc) => {
      doc.font('Helvetica').fontSize(11).text('The table below shows the people with lead responsibilities for safeguarding in our nursery.', 72, 100, { width: 450 });
      for (const [y, role, name] of [
        [140, 'Owner', 'Dana Hill'],
        [160, 'Designated Safeguarding Lead', 'Sam Patel'],
      ] as const) {
        doc.text(role, 72, y, { lineBreak: false }).text(name, 300, y, { lineBreak: false });
      }
    });
    const report = auditDocument(await readPdf(data, 'policy.pdf'), prepared, { profile: 'early-years', asOf: new Date('2026-12-05') });
    const r = report.requirements.find((x) => x.id === 'senior-lead')!;
    expect(r.status).toBe('met');
    expect(r.evidence.map((e) => e.text).join(' ')).toMatch(/Owner/);
    // The same owner in a list of useful numbers leads on nothing.
    expect(judged('# Policy\n\nThe table below lists useful contacts.\n\n| Role | Name |\n|---|---|\n| Owner | Dana Hill |\n', 'senior-lead').status).toBe('missing');
  });

  it("does not read a form's own blank, in the cell that names the child, as a blank in the policy", () => {
    const form = "## Photograph consent form\n\n| To | [name of the child's parent or carer] |\n|---|---|\n| May we photograph your child? | Yes / No |\n";
    const voice = '# Policy\n\nWe listen to children and take their wishes and feelings into account in every decision about them.\n\n';
    expect(judged(voice + form, 'child-voice').status).toBe('met');
  });

  it('keeps a lead whose name is still a template blank partial, and says so', () => {
    const blank = judged(
      '# Policy\n\n## Designated safeguarding lead\n\nOur designated safeguarding lead is [name of lead], who receives every concern, keeps the records and makes referrals.\n',
      'designated-lead',
    );
    expect(blank.status).toBe('partial');
    expect(blank.reason).toMatch(/template blank/);
    const tbc = judged('# Policy\n\nDesignated safeguarding lead: TBC. The designated safeguarding lead receives every concern, keeps the records and makes referrals.\n', 'designated-lead');
    expect(tbc.status).toBe('partial');
    const filled = judged(
      '# Policy\n\n## Designated safeguarding lead\n\nOur designated safeguarding lead is Priya Shah, who receives every concern, keeps the records and makes referrals.\n',
      'designated-lead',
    );
    expect(filled.status).toBe('met');
  });
});

describe('contact details are real ones', () => {
  it('does not accept drama-range numbers or example addresses, nor 999 alone, as contact details', () => {
    expect(judged('# Contacts\n\nDesignated safeguarding lead: Jo Hughes, 01632 960123, dsl@example.org.\n', 'contact-details').status).not.toBe('met');
    expect(judged('# Contacts\n\nIf a child is in danger, call the police on 999.\n', 'contact-details').status).not.toBe('met');
    expect(judged('# Contacts\n\nDesignated safeguarding lead: Jo Hughes, 01234 567890, dsl@riverside.org.uk.\n', 'contact-details').status).toBe('met');
  });
});

describe('reasons a safeguarding lead can read', () => {
  it('never lists a part as both found and lacking', () => {
    const r = judged('# Policy\n\nEvery child has a right to equal protection from harm, regardless of age, disability, race or religion.\n', 'safe-culture');
    const [mentions, lacks] = r.reason.split(/, but /);
    expect(mentions).toMatch(/equal protection/);
    expect(lacks).not.toMatch(/equal protection/);
    expect(lacks).toMatch(/culture/);
  });

  it('says what was searched for when nothing is found', () => {
    const r = judged('# Policy\n\nThe club trains on Saturdays at the park.\n', 'whistleblowing');
    expect(r.status).toBe('missing');
    expect(r.reason).toMatch(/^Nothing in the policy says .*whistleblowing/);
  });
});
