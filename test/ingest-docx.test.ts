import { deflateRawSync } from 'node:zlib';
import { Document, ExternalHyperlink, Footer, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, type ISectionOptions } from 'docx';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../src/ingest/docx.js';
import { checkZip, zipEntryNames } from '../src/ingest/zip-guard.js';
import { InputError } from '../src/util/errors.js';
import type { PolicyDocument } from '../src/types.js';
import { rawZip as makeZip } from './fixtures/hostile.js';

type Children = ISectionOptions['children'];

/** Builds a DOCX in memory with the docx package. */
async function makeDocx(children: Children, options: Partial<ConstructorParameters<typeof Document>[0]> = {}): Promise<Uint8Array> {
  const doc = new Document({ ...options, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function read(children: Children, options: Partial<ConstructorParameters<typeof Document>[0]> = {}): Promise<PolicyDocument> {
  return readDocx(await makeDocx(children, options), 'policy.docx');
}

const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
const headings = (doc: PolicyDocument) => doc.sections.slice(1).map((s) => `${s.level} ${s.heading}`);
const blockAt = (doc: PolicyDocument, text: string) => {
  const block = doc.blocks.find((b) => b.text === text);
  if (!block) throw new Error(`no block "${text}" in ${JSON.stringify(doc.blocks.map((b) => b.text))}`);
  return block;
};

async function rejection(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

function thrown(fn: () => void): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('readDocx: structure', () => {
  it('turns Heading 1/2 styles into sections with heading paths and numbers paragraphs in order', async () => {
    const doc = await read([
      new Paragraph({ text: 'Safeguarding Policy', heading: HeadingLevel.HEADING_1 }),
      new Paragraph('We keep children safe.'),
      new Paragraph(''), // blank: not counted
      new Paragraph({ text: 'Reporting concerns', heading: HeadingLevel.HEADING_2 }),
      new Paragraph('Tell the DSL the same day.'),
      new Paragraph({ text: 'Speak to the manager', bullet: { level: 0 } }),
      new Paragraph({ text: 'Call the NSPCC helpline', bullet: { level: 0 } }),
      new Paragraph({ text: 'Training', heading: HeadingLevel.HEADING_1 }),
      new Paragraph('Everyone is trained every year.'),
    ]);
    expect(doc.format).toBe('docx');
    expect(doc.title).toBe('Safeguarding Policy');
    expect(headings(doc)).toEqual(['1 Safeguarding Policy', '2 Reporting concerns', '1 Training']);
    expect(doc.sections[2]!.path).toEqual(['Safeguarding Policy', 'Reporting concerns']);
    expect(doc.sections[2]!.parent).toBe(1);
    expect(doc.sections[3]!.parent).toBeUndefined();

    expect(blockAt(doc, 'Tell the DSL the same day.').location).toEqual({
      paragraph: 4,
      section: 'Safeguarding Policy > Reporting concerns',
    });
    expect(doc.blocks.map((b) => [b.kind, b.location.paragraph])).toEqual([
      ['paragraph', 2],
      ['paragraph', 4],
      ['list-item', 5],
      ['list-item', 6],
      ['paragraph', 8],
    ]);
    expect(doc.sections[3]!.location.paragraph).toBe(7);
    expect(blockAt(doc, 'Everyone is trained every year.').section).toBe(3);
  });

  it('reads each list item as its own block without repeating nested items in the parent', async () => {
    const doc = await read([
      new Paragraph('Signs of abuse include:'),
      new Paragraph({ text: 'Physical signs', bullet: { level: 0 } }),
      new Paragraph({ text: 'Bruises in unusual places', bullet: { level: 1 } }),
      new Paragraph({ text: 'Behavioural signs', bullet: { level: 0 } }),
    ]);
    expect(doc.blocks.map((b) => `${b.kind}: ${b.text}`)).toEqual([
      'paragraph: Signs of abuse include:',
      'list-item: Physical signs',
      'list-item: Bruises in unusual places',
      'list-item: Behavioural signs',
    ]);
    expect(doc.blocks.map((b) => b.location.paragraph)).toEqual([1, 2, 3, 4]);
  });

  it('reads grid table cells as table-cell blocks and a one-cell table as paragraphs', async () => {
    const cell = (...texts: string[]) => new TableCell({ children: texts.map((t) => new Paragraph(t)) });
    const doc = await read([
      new Paragraph({ text: 'Contacts', heading: HeadingLevel.HEADING_1 }),
      new Table({
        rows: [
          new TableRow({ children: [cell('Role'), cell('Name')] }),
          new TableRow({ children: [cell('DSL'), cell('Jo Bloggs', '07700 900000')] }),
          new TableRow({ children: [cell('Deputy'), cell('')] }),
        ],
      }),
      new Table({ rows: [new TableRow({ children: [cell('Call 999 in an emergency.', 'Then tell the DSL.')] })] }),
    ]);
    expect(doc.blocks.map((b) => `${b.kind}: ${b.text}`)).toEqual([
      'table-cell: Role',
      'table-cell: Name',
      'table-cell: DSL',
      'table-cell: Jo Bloggs 07700 900000',
      'table-cell: Deputy',
      'paragraph: Call 999 in an emergency.',
      'paragraph: Then tell the DSL.',
    ]);
    expect(doc.blocks.map((b) => b.location.paragraph)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(doc.blocks.every((b) => b.location.section === 'Contacts')).toBe(true);
    // Cells of one row share a row number, so a role reads with its person.
    const rows = doc.blocks.map((b) => b.row);
    expect(rows[2]).toBe(rows[3]);
    expect(rows[0]).not.toBe(rows[2]);
    expect(rows[4]).not.toBe(rows[2]);
    expect(rows.slice(5)).toEqual([undefined, undefined]);
  });

  it('keeps link text, appends addresses the text hides, and decodes entities', async () => {
    const link = (text: string, href: string) => new ExternalHyperlink({ link: href, children: [new TextRun(text)] });
    const doc = await read([
      new Paragraph({ children: [new TextRun('To whistleblow '), link('click here', 'https://example.org/whistle'), new TextRun('.')] }),
      new Paragraph({ children: [new TextRun('See '), link('https://www.nspcc.org.uk', 'https://www.nspcc.org.uk/')] }),
      new Paragraph({ children: [new TextRun('Email '), link('the DSL', 'mailto:dsl@example.org?subject=Concern')] }),
      new Paragraph('Children & Families <LADO> "quoted"'),
    ]);
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'To whistleblow click here (https://example.org/whistle).',
      'See https://www.nspcc.org.uk',
      'Email the DSL (dsl@example.org)',
      'Children & Families <LADO> "quoted"',
    ]);
  });

  it('reads docProps/core.xml into metadata, with the first heading as the title', async () => {
    const withHeading = await read([new Paragraph({ text: 'Child Protection', heading: HeadingLevel.HEADING_1 }), new Paragraph('Text.')], {
      title: 'Old Template',
      creator: 'Jo Bloggs',
    });
    expect(withHeading.title).toBe('Child Protection');
    expect(withHeading.metadata).toMatchObject({ title: 'Old Template', creator: 'Jo Bloggs' });
    const withoutHeading = await read([new Paragraph('We keep children safe.')], { title: 'Safeguarding Policy' });
    expect(withoutHeading.title).toBe('Safeguarding Policy');
  });

  it('skips table-of-contents entries and reads sentence-long headings as paragraphs', async () => {
    const doc = await read(
      [
        new Paragraph({ text: 'Whistleblowing\t3', style: 'TOC1' }),
        new Paragraph({ text: 'Whistleblowing', heading: HeadingLevel.HEADING_1 }),
        new Paragraph({
          text: 'Information about concerns is only shared on a need-to-know basis in line with GDPR.',
          heading: HeadingLevel.HEADING_2,
        }),
      ],
      { styles: { paragraphStyles: [{ id: 'TOC1', name: 'toc 1', run: {} }] } },
    );
    expect(headings(doc)).toEqual(['1 Whistleblowing']);
    expect(doc.blocks.map((b) => `${b.kind} ${b.location.paragraph}: ${b.text}`)).toEqual(['paragraph 3: Information about concerns is only shared on a need-to-know basis in line with GDPR.']);
    expect(doc.notes.join('\n')).toMatch(/styled as headings read as text/);
    expect(doc.readerNotes.map((n) => n.id)).toEqual(['headings-demoted']);
  });

  it('gives the note on unread images its id, so a scan pasted into Word is explained as images', async () => {
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    const doc = await read([new Paragraph('Page 1'), new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 20, height: 20 } })] })]);
    expect(doc.readerNotes).toEqual([{ id: 'images-not-read', message: '1 image(s) not read: any text inside them is not audited', location: {}, severity: 'warning' }]);
  });
});

describe('readDocx: headings inferred when there are no heading styles', () => {
  it('reads bold lines, ALL-CAPS lines and numbered lines as headings, but not sentences or typed lists', async () => {
    const doc = await read([
      bold('SAFEGUARDING POLICY'),
      new Paragraph('This policy applies to all staff and volunteers.'),
      bold('Designated Safeguarding Lead'),
      new Paragraph('Our DSL is Jo Bloggs.'),
      bold('This bold line is a sentence.'),
      new Paragraph('3. Whistleblowing'),
      new Paragraph('Staff can raise concerns about colleagues.'),
      new Paragraph('3.1 External routes'),
      new Paragraph('Report concerns to:'),
      new Paragraph('1. Line Manager'),
      new Paragraph('2. Safeguarding Lead'),
      new Paragraph('Call the NSPCC whistleblowing helpline.'),
      bold('Reviewed May 2025'),
    ]);
    expect(headings(doc)).toEqual(['1 SAFEGUARDING POLICY', '2 Designated Safeguarding Lead', '1 3. Whistleblowing', '2 3.1 External routes']);
    expect(blockAt(doc, 'Our DSL is Jo Bloggs.').location.section).toBe('SAFEGUARDING POLICY > Designated Safeguarding Lead');
    expect(blockAt(doc, 'This bold line is a sentence.').kind).toBe('paragraph');
    expect(blockAt(doc, '1. Line Manager').location.section).toBe('3. Whistleblowing > 3.1 External routes');
    expect(blockAt(doc, '2. Safeguarding Lead').kind).toBe('paragraph');
    // A closing bold line after the last text is not a heading.
    expect(blockAt(doc, 'Reviewed May 2025').location.paragraph).toBe(13);
    expect(doc.notes.join('\n')).toMatch(/no heading styles: 4 heading/);
  });

  it('reads short lines in a larger font than the body as headings', async () => {
    const large = (text: string) => new Paragraph({ children: [new TextRun({ text, size: 33 })] });
    const body = (text: string) => new Paragraph({ children: [new TextRun({ text, size: 24 })] });
    const doc = await read([
      large('Purpose of Policy'),
      body('This policy protects children who use our services.'),
      body('It applies to everyone.'),
      large('Safeguarding Officer'),
      body('Contact Nicola.'),
    ]);
    expect(headings(doc)).toEqual(['1 Purpose of Policy', '1 Safeguarding Officer']);
    expect(blockAt(doc, 'Contact Nicola.').location.section).toBe('Safeguarding Officer');
  });

  it('also reads bold lines as headings at the usual styled level when heading styles are used', async () => {
    const doc = await read([
      new Paragraph({ text: 'Safeguarding', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ text: 'Categories of abuse', heading: HeadingLevel.HEADING_2 }),
      new Paragraph('Abuse takes many forms.'),
      new Paragraph({ text: 'Emotional abuse', heading: HeadingLevel.HEADING_2 }),
      new Paragraph('Persistent emotional maltreatment.'),
      bold('Allegations against staff'),
      new Paragraph('Refer allegations to the LADO.'),
    ]);
    expect(headings(doc)).toEqual(['1 Safeguarding', '2 Categories of abuse', '2 Emotional abuse', '2 Allegations against staff']);
    expect(blockAt(doc, 'Refer allegations to the LADO.').location.section).toBe('Safeguarding > Allegations against staff');
  });
});

describe('readDocx: formatting carried past the HTML', () => {
  it('pairs formatting with the right paragraphs after bold table cells, and keeps private-use characters as text', async () => {
    const cell = (text: string) => new TableCell({ children: [bold(text)] });
    const doc = await read([
      new Table({ rows: [new TableRow({ children: [cell('Role'), cell('Contact')] })] }),
      new Paragraph('Our policy covers every activity.'),
      new Paragraph('Icons \uE000B\uE001 are kept'),
      bold('Designated Safeguarding Lead'),
      new Paragraph('Our DSL is Jo Bloggs.'),
    ]);
    // Only the bold line in the flow is a heading: the bold cells stay cells.
    expect(headings(doc)).toEqual(['1 Designated Safeguarding Lead']);
    expect(blockAt(doc, 'Role').kind).toBe('table-cell');
    expect(blockAt(doc, 'Icons \uE000B\uE001 are kept').kind).toBe('paragraph');
  });
});

describe('readDocx: files it refuses', () => {
  it('rejects garbage bytes and truncated archives with an InputError', async () => {
    expect((await rejection(readDocx(new TextEncoder().encode('hello, not a docx at all'), 'x.docx'))).message).toMatch(/not a ZIP/);
    const docx = await makeDocx([new Paragraph('Text.')]);
    expect((await rejection(readDocx(docx.subarray(0, docx.length / 2), 'x.docx'))).message).toMatch(/ZIP/);
    expect(thrown(() => checkZip(new Uint8Array(100).fill(7))).message).toMatch(/not a ZIP/);
  });

  it('rejects a ZIP without word/document.xml', async () => {
    const zip = makeZip([{ name: 'content.xml', payload: new TextEncoder().encode('<office:document/>') }]);
    expect((await rejection(readDocx(zip, 'x.docx'))).message).toBe('not a Word document (no word/document.xml)');
  });

  it('turns a mammoth failure into a short InputError', async () => {
    const zip = makeZip([{ name: 'word/document.xml', payload: new TextEncoder().encode('<w:document><w:body>') }]);
    const error = await rejection(readDocx(zip, 'x.docx'));
    expect(error.message).toMatch(/^cannot read the Word document: /);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('tells password-protected DOCX files from legacy .doc files', async () => {
    const ole = (extra: string) => new Uint8Array(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(500), Buffer.from(extra, 'utf16le')]));
    expect((await rejection(readDocx(ole('EncryptionInfo'), 'x.docx'))).message).toBe('the Word document is password-protected');
    expect((await rejection(readDocx(ole('WordDocument'), 'x.doc'))).message).toBe('legacy .doc format is not supported: save it as .docx');
  });

  it('reports a document with no text as unreadable', async () => {
    const error = await rejection(read([new Paragraph('')]));
    expect(error.kind).toBe('unreadable');
  });
});

describe('checkZip', () => {
  it('accepts a real DOCX and lists its entries', async () => {
    const docx = await makeDocx([new Paragraph('Text.')]);
    expect(() => checkZip(docx)).not.toThrow();
    expect(zipEntryNames(docx)).toContain('word/document.xml');
  });

  it('rejects an absurd compression ratio from the directory alone, without inflating', () => {
    // The payload is not valid deflate data: inflating it would fail differently.
    const bomb = makeZip([{ name: 'word/document.xml', payload: new Uint8Array(50_000).fill(0xff), method: 8, size: 50_000_000 }]);
    expect(thrown(() => checkZip(bomb)).message).toMatch(/expand 1000:1 .*zip bomb/);
  });

  it('rejects a real zip bomb before mammoth sees it', async () => {
    const zeros = deflateRawSync(Buffer.alloc(20 * 1024 * 1024));
    const bomb = makeZip([{ name: 'word/document.xml', payload: zeros, method: 8, size: 20 * 1024 * 1024 }]);
    expect((await rejection(readDocx(bomb, 'bomb.docx'))).message).toMatch(/zip bomb/);
  });

  it('rejects an entry that inflates beyond the size the directory declares', async () => {
    const liar = makeZip([{ name: 'word/document.xml', payload: deflateRawSync(Buffer.alloc(1024 * 1024)), method: 8, size: 100 }]);
    expect(() => checkZip(liar)).not.toThrow(); // the directory alone looks harmless
    expect((await rejection(readDocx(liar, 'liar.docx'))).message).toMatch(/larger than its declared size/);
  });

  it('enforces the entry-count and total-size limits', () => {
    const small = (name: string) => ({ name, payload: new Uint8Array(600) });
    const zip = makeZip([small('a.xml'), small('b.xml')]);
    expect(() => checkZip(zip)).not.toThrow();
    expect(thrown(() => checkZip(zip, { maxEntries: 1 })).message).toMatch(/2 entries \(limit 1\)/);
    expect(thrown(() => checkZip(zip, { maxUncompressedBytes: 1000 })).message).toBe('the archive expands to more than 1000 bytes (possible zip bomb)');
  });

  it('refuses ZIP64 archives', () => {
    const zip = makeZip([{ name: 'a.xml', payload: new Uint8Array(10) }], (end) => end.setUint32(16, 0xffffffff, true));
    expect(thrown(() => checkZip(zip)).message).toMatch(/ZIP64/);
  });
});

describe('Word headers and footers', () => {
  it('reads footer text (where review dates often live) after the body, once', async () => {
    const footer = new Footer({ children: [new Paragraph('Approved May 2025 · next review May 2026'), new Paragraph('7')] });
    const doc = new Document({ sections: [{ footers: { default: footer }, children: [new Paragraph('Body text about safeguarding.')] }] });
    const read = await readDocx(new Uint8Array(await Packer.toBuffer(doc)), 'f.docx');
    const last = read.blocks[read.blocks.length - 1];
    expect(last?.text).toBe('Approved May 2025 · next review May 2026');
    expect(last?.location).toEqual({ paragraph: 3, section: 'Headers and footers' });
    expect(read.blocks.filter((b) => b.text === '7')).toHaveLength(0);
  });
});
