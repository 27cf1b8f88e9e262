import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPolicy } from '../src/ingest/index.js';
import { organisationName } from '../src/ingest/organisation.js';
import { documentName } from '../src/report/shared.js';
import { tempDir } from './fixtures/temp-dir.js';

const dir = tempDir('sg-audit-org-');
let n = 0;

async function nameOf(markdown: string): Promise<string | undefined> {
  const path = join(dir, `policy-${++n}.md`);
  writeFileSync(path, markdown);
  return organisationName(await readPolicy(path));
}

const BODY = '\n\nWe keep children safe and report every concern to the designated safeguarding lead straight away.\n';

describe('the organisation named by the document', () => {
  it('comes from a title that names it, without the policy words', async () => {
    expect(await nameOf(`# Riverside Rowing Club Safeguarding Policy 2026${BODY}`)).toBe('Riverside Rowing Club');
    expect(await nameOf(`# Child Protection Policy for Ashby Chess Circle${BODY}Ashby Chess Circle welcomes juniors.\n`)).toBe('Ashby Chess Circle');
    expect(await nameOf(`# SAFEGUARDING POLICY — NORTHGATE SCOUTS${BODY}`)).toBe('Northgate Scouts');
    expect(await nameOf(`# Hillside Juniors F.C. - Safeguarding and Child Protection Policy${BODY}`)).toBe('Hillside Juniors F.C');
  });

  it('comes from the first sentences when the title is generic', async () => {
    expect(await nameOf(`# Safeguarding Policy\n\nThe Kestrel Youth Theatre is committed to keeping children safe.${BODY}`)).toBe('Kestrel Youth Theatre');
    expect(await nameOf(`# Policy statement\n\nName of place of worship/organisation: ST BRIGID'S CHAPEL${BODY}`)).toBe("St Brigid's Chapel");
  });

  it('is not a section heading, a role or guidance the policy cites', async () => {
    expect(await nameOf(`# Policy statement\n\n## Key Contacts\n\nKey Contacts are listed below.\n\n## Purpose${BODY}`)).toBeUndefined();
    expect(await nameOf(`# Designated Safeguarding Lead\n\nThe Designated Safeguarding Lead is Sam.${BODY}`)).toBeUndefined();
    expect(await nameOf(`# Safeguarding\n\nKeeping Children Safe in Education sets out what we do.${BODY}`)).toBeUndefined();
  });

  it('falls back to the file name in reports when the document names nobody', () => {
    const doc = { path: 'submissions/2026/park-lane-nursery.docx', status: 'audited' as const, summary: { met: 0, partial: 0, missing: 0, notApplicable: 0 }, requirements: [], findings: [] };
    expect(documentName(doc)).toBe('park-lane-nursery');
    expect(documentName({ ...doc, organisation: 'Park Lane\nNursery' })).toBe('Park Lane Nursery');
  });
});
