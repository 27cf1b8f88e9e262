import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures/temp-dir.js';
import { loadCatalogue } from '../src/catalogue/load.js';
import { testExamples } from '../src/run/examples.js';
import { prepareCatalogue } from '../src/audit/prepared.js';

const dir = tempDir('sg-audit-cat-');
function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const minimal = (id: string) => `
  - id: ${id}
    title: Local contacts
    level: should
    profiles: [core]
    source: Anyshire partnership
    why: Staff need local numbers.
    advice: List them.
    match:
      concepts:
        contacts: [Anyshire front door]
      met:
        - all: [contacts]
    examples:
      met: ["Call the Anyshire front door."]
      missing: ["Call someone."]
`;

describe('the bundled catalogue', () => {
  const catalogue = loadCatalogue();

  it('loads and carries the spec ids once each', () => {
    const ids = catalogue.requirements.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('whistleblowing');
  });

  it('passes every example passage through the real matcher', () => {
    const { checked, failures } = testExamples(prepareCatalogue(catalogue));
    expect(checked).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});

describe('catalogue validation', () => {
  it('reports schema errors as file:line: message', () => {
    const file = write(
      'bad-level.yml',
      `requirements:\n  - id: x\n    title: X\n    level: sometimes\n    profiles: [core]\n    source: s\n    why: w\n    advice: a\n    match: {concepts: {a: [b]}, met: [{all: [a]}]}\n`,
    );
    expect(() => loadCatalogue(file)).toThrow(/bad-level\.yml:4: requirements\.0\.level must be one of must, should, advisory/);
  });

  it('reports unknown keys and YAML syntax errors with their line', () => {
    const unknown = write('unknown.yml', 'name: x\nversion: "1"\ncolour: blue\n');
    expect(() => loadCatalogue(unknown)).toThrow(/unknown\.yml:\d+: .*unknown key "colour"/);
    const broken = write('broken.yml', 'name: x\nrequirements: [\n');
    expect(() => loadCatalogue(broken)).toThrow(/broken\.yml:\d+: /);
  });

  it('reports a rule that names an unknown concept', () => {
    const file = write('concept.yml', `requirements:${minimal('local-contacts').replace('- all: [contacts]', '- all: [contacts, nope]')}`);
    expect(() => loadCatalogue(file)).toThrow(/concept\.yml:\d+: local-contacts: rule names unknown concept "nope"/);
    const closing = write('unless.yml', `requirements:${minimal('local-contacts').replace('- all: [contacts]', '- all: [contacts]\n          unless: [narrowing]')}`);
    expect(() => loadCatalogue(closing)).toThrow(/unless\.yml:\d+: local-contacts: rule names unknown concept "narrowing"/);
  });

  it('splices a shared concept inside a phrase, one phrase per term, and refuses two splices in one phrase', () => {
    const spliced = (term: string) =>
      `extends: default\nname: Anyshire\nversion: "1"\nrequirements:${minimal('local-contacts')
        .replace('contacts: [Anyshire front door]', `contacts: ['${term}']`)
        .replace('met: ["Call the Anyshire front door."]', 'met: ["Responsibility for safeguarding rests with the management committee."]')
        .replace('missing: ["Call someone."]', 'missing: ["The management committee meets monthly."]')}`;
    const result = testExamples(prepareCatalogue(loadCatalogue(write('splice.yml', spliced('responsib* ... $governing_body')))), 'local-contacts');
    expect(result).toEqual({ checked: 2, failures: [] });
    expect(() => prepareCatalogue(loadCatalogue(write('two.yml', spliced('$dsl ... $governing_body'))))).toThrow(/splices more than one shared concept/);
  });

  it('refuses YAML alias bombs', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const file = write('bomb.yml', `${bomb.join('\n')}\n`);
    expect(() => loadCatalogue(file)).toThrow(/bomb\.yml:\d+: /);
  });

  it('extends the default catalogue: adds, re-levels and removes requirements', () => {
    const file = write('custom.yml', `extends: default\nname: Anyshire\nversion: "1"\nremove: [whistleblowing]\nrequirements:${minimal('local-contacts')}`);
    const custom = loadCatalogue(file);
    const ids = custom.requirements.map((r) => r.id);
    expect(custom.name).toBe('Anyshire');
    expect(ids).toContain('local-contacts');
    expect(ids).not.toContain('whistleblowing');
    expect(ids.length).toBe(loadCatalogue().requirements.length);
  });
});

describe('nations and jurisdictions in a custom catalogue', () => {
  const withNations = (nations: string) => `extends: default\nrequirements:${minimal('local-contacts').replace('    match:', `    nations:\n${nations}\n    match:`)}`;

  it('checks that a nation only adds phrases to concepts the requirement has', () => {
    const file = write('bad-nation.yml', withNations('      scotland:\n        terms:\n          contact: [Edinburgh front door]'));
    expect(() => loadCatalogue(file)).toThrow(/bad-nation\.yml:\d+: local-contacts: nations: scotland: no concept "contact"/);
    const unknown = write('unknown-nation.yml', withNations('      [england, mars]'));
    expect(() => loadCatalogue(unknown)).toThrow(/unknown-nation\.yml:\d+: .*nations/);
  });

  it("runs a nation's examples with its own phrases, and each jurisdiction's examples through detection", () => {
    const file = write(
      'nation-examples.yml',
      `${withNations('      england: {}\n      scotland:\n        terms:\n          contacts: [Edinburgh front door]\n        examples:\n          met: ["Call the Edinburgh front door."]\n          missing: ["Call the police."]')}
jurisdictions:
  - id: wales
    title: Wales
    cues: [Wales Safeguarding Procedures, Estyn]
    examples:
      - "We follow the Wales Safeguarding Procedures and are inspected by Estyn."
      - "We follow Working Together to Safeguard Children."
`,
    );
    const { failures } = testExamples(prepareCatalogue(loadCatalogue(file)));
    // The Scottish phrase counts only for Scotland; the English passage is not detected as Welsh.
    expect(failures).toEqual([{ id: 'jurisdiction wales', expected: 'wales', actual: 'england', passage: 'We follow Working Together to Safeguard Children.' }]);
  });
});
