import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { makePdf as makePdfWith, pdfBomb } from './fixtures/hostile.js';
import { InputError } from '../src/util/errors.js';
import { readPdf } from '../src/ingest/pdf.js';
import { pdfDate } from '../src/ingest/pdfium-document.js';
import type { PolicyDocument } from '../src/types.js';

// Fixture PDFs are drawn in memory with pdfkit (standard fonts: Helvetica, Helvetica-Bold).

type Doc = InstanceType<typeof PDFDocument>;
type Draw = (doc: Doc) => void;

/** The fixtures' pdfkit writer with this file's margins and title. */
const makePdf = (draw: Draw, options: Record<string, unknown> = {}): Promise<Uint8Array> =>
  makePdfWith(draw, { margins: { top: 72, bottom: 40, left: 72, right: 72 }, info: { CreationDate: new Date(0), Title: 'Acme safeguarding' }, ...options });

const LONG =
  'Everyone who works or volunteers with the club has a duty to keep children safe from harm, to listen to them, ' +
  'to take their worries seriously and to pass every concern to the designated safeguarding lead without delay, ' +
  'whatever the time of day and whoever the concern is about.';

const RECORDS = 'The designated safeguarding lead keeps a written record of every concern, what was done about it and why, ' + 'and stores it securely.';

/** Header and footer drawn at fixed places, outside the text flow. */
function furniture(doc: Doc, page: number): void {
  const { x, y } = doc;
  doc.font('Helvetica').fontSize(9);
  doc.text('Acme Youth Club - Safeguarding Policy', 72, 36, { lineBreak: false });
  doc.text(`Page ${page} of 2`, 72, 800, { lineBreak: false });
  doc.text(String(page), 500, 800, { lineBreak: false });
  doc.x = x;
  doc.y = y;
}

const body = (doc: Doc): Doc => doc.font('Helvetica').fontSize(11);
const gap = (doc: Doc): void => void doc.moveDown(0.8);

/** A two-page policy with a title, numbered headings, paragraphs and lists. */
const policy: Draw = (doc) => {
  furniture(doc, 1);
  doc.font('Helvetica-Bold').fontSize(20).text('Safeguarding Policy');
  gap(doc);
  doc.font('Helvetica-Bold').fontSize(13).text('1. Introduction');
  gap(doc);
  body(doc).text(LONG);
  gap(doc);
  body(doc).text('All staff receive training in safe-');
  doc.text('guarding every year, including on child-');
  doc.text('on-child abuse, self-');
  doc.text('harm and online risks.');
  gap(doc);
  doc.font('Helvetica-Bold').text('Important:', { continued: true }).font('Helvetica').text(' a concern is never too small to report.');
  gap(doc);
  body(doc).text('If you are worried about a child you should:');
  doc.text('\u2022 Report concerns to the DSL');
  doc.text('\u2022 Write down what the child said');
  doc.text('- Keep records secure');
  gap(doc);
  doc.font('Helvetica-Bold').fontSize(11).text('Online safety');
  gap(doc);
  body(doc).text('Children are taught how to stay safe online.');

  doc.addPage();
  furniture(doc, 2);
  doc.font('Helvetica-Bold').fontSize(13).text('2. Whistleblowing');
  gap(doc);
  body(doc).text('Staff can raise concerns about colleagues without fear of reprisal.');
  gap(doc);
  body(doc).text('2.1 Reporting a concern');
  gap(doc);
  body(doc).text('Speak to the manager or, if that is not possible, to the trustees.');
  doc.text('1. Stay calm');
  doc.text('2. Listen carefully');
  doc.text('3. Record the facts');
  gap(doc);
  body(doc).text('CONTACTS');
  gap(doc);
  body(doc).text(RECORDS);
  doc.text('Out of hours, call the emergency duty team.');
};

async function readPolicy(): Promise<PolicyDocument> {
  return readPdf(await makePdf(policy), 'policy.pdf');
}

const blockWith = (doc: PolicyDocument, text: string) => doc.blocks.find((b) => b.text.includes(text));

describe('readPdf', () => {
  it('reads a text PDF into blocks with 1-based page numbers', async () => {
    const doc = await readPolicy();
    expect(doc.format).toBe('pdf');
    expect(doc.pageCount).toBe(2);
    expect(doc.notes).toEqual([]);
    expect(doc.metadata).toEqual({ title: 'Acme safeguarding', created: '1970-01-01T00:00:00.000Z' });
    expect(blockWith(doc, 'duty to keep children safe')?.location.page).toBe(1);
    expect(blockWith(doc, 'without fear of reprisal')?.location.page).toBe(2);
  });

  it('turns a larger bold line into a section and nests numbered headings', async () => {
    const doc = await readPolicy();
    const headings = doc.sections.slice(1).map((s) => s.heading);
    expect(headings).toEqual(['Safeguarding Policy', '1. Introduction', 'Online safety', '2. Whistleblowing', '2.1 Reporting a concern', 'CONTACTS', 'Running headers and footers']);
    expect(doc.title).toBe('Safeguarding Policy');
    expect(blockWith(doc, 'duty to keep children safe')?.location.section).toBe('1. Introduction');
    expect(blockWith(doc, 'stay safe online')?.location.section).toBe('1. Introduction > Online safety');
    const reprisal = blockWith(doc, 'without fear of reprisal')!;
    expect(reprisal.location.section).toBe('2. Whistleblowing');
    expect(doc.sections[reprisal.section]?.location.page).toBe(2);
    expect(blockWith(doc, 'to the trustees')?.location.section).toBe('2. Whistleblowing > 2.1 Reporting a concern');
  });

  it('joins a wrapped paragraph into one block', async () => {
    const doc = await readPolicy();
    const block = blockWith(doc, 'duty to keep children safe');
    expect(block?.kind).toBe('paragraph');
    expect(block?.text).toBe(LONG);
  });

  it('starts a new paragraph after a short line ending a sentence, even without a gap', async () => {
    const doc = await readPolicy();
    expect(blockWith(doc, 'keeps a written record')?.text).toBe(RECORDS);
    expect(blockWith(doc, 'Out of hours')?.text).toBe('Out of hours, call the emergency duty team.');
  });

  it('repairs words hyphenated at line ends but keeps real compounds', async () => {
    const doc = await readPolicy();
    expect(blockWith(doc, 'All staff receive')?.text).toBe('All staff receive training in safeguarding every year, including on child-on-child abuse, self-harm and online risks.');
  });

  it('takes running headers and footers out of the text flow, keeping one copy apart, and drops page numbers', async () => {
    const doc = await readPolicy();
    const running = doc.blocks.filter((b) => b.text.includes('Acme Youth Club'));
    expect(running.map((b) => b.location.section)).toEqual(['Running headers and footers']);
    const all = doc.blocks.map((b) => b.text).join('\n');
    expect(all).not.toMatch(/Page \d of 2/);
    expect(doc.blocks.some((b) => /^\d+$/.test(b.text))).toBe(false);
  });

  it('makes bullet and numbered items list items without the bullet glyph', async () => {
    const doc = await readPolicy();
    const items = doc.blocks.filter((b) => b.kind === 'list-item').map((b) => b.text);
    expect(items).toEqual(['Report concerns to the DSL', 'Write down what the child said', 'Keep records secure', '1. Stay calm', '2. Listen carefully', '3. Record the facts']);
  });

  it('does not make a bold phrase inside a paragraph a heading', async () => {
    const doc = await readPolicy();
    expect(doc.sections.some((s) => s.heading.startsWith('Important'))).toBe(false);
    expect(blockWith(doc, 'Important:')?.text).toBe('Important: a concern is never too small to report.');
  });

  it('reads text set side by side on one baseline as the cells of a table row, row by row even when drawn column by column', async () => {
    const data = await makePdf((doc) => {
      body(doc).text('The people below hold lead responsibilities for safeguarding.', 72, 100);
      // Drawn down the first column, then down the second, as table tools often write them.
      doc.text('Owner', 72, 130, { lineBreak: false }).text('Designated safeguarding lead', 72, 150, { lineBreak: false });
      doc.text('Dana Hill', 300, 130, { lineBreak: false }).text('Sam Patel', 300, 150, { lineBreak: false });
      doc.text(LONG, 72, 190, { width: 450 });
      // A number set apart from its text is a list marker, not a cell.
      doc.text('1.', 72, 260, { lineBreak: false }).text('Stay calm and listen.', 130, 260, { lineBreak: false });
    });
    const doc = await readPdf(data, 'table.pdf');
    expect(blockWith(doc, 'Stay calm')?.kind).toBe('list-item');
    const cells = doc.blocks.filter((b) => b.kind === 'table-cell');
    expect(cells.map((b) => b.text)).toEqual(['Owner', 'Dana Hill', 'Designated safeguarding lead', 'Sam Patel']);
    expect(cells[0]!.row).toBe(cells[1]!.row);
    expect(cells[2]!.row).toBe(cells[3]!.row);
    expect(cells[0]!.row).not.toBe(cells[2]!.row);
    expect(blockWith(doc, 'duty to keep children safe')?.kind).toBe('paragraph');
  });

  it('keeps a page set in two columns of prose as paragraphs, not table rows', async () => {
    const data = await makePdf((doc) => {
      body(doc).text(LONG, 72, 100, { width: 210 });
      body(doc).text(RECORDS + ' ' + RECORDS, 310, 100, { width: 210 });
    });
    const doc = await readPdf(data, 'columns.pdf');
    expect(doc.blocks.some((b) => b.kind === 'table-cell')).toBe(false);
  });

  it('keeps letter-spaced words whole and still breaks them at their spaces', async () => {
    const data = await makePdf((doc) => {
      doc.font('Helvetica-Bold').fontSize(11).text('SAFEGUARDING AND CHILD PROTECTION', { characterSpacing: 3 }).moveDown();
      doc.font('Helvetica').fontSize(11).text(LONG);
    });
    const doc = await readPdf(data, 'tracked.pdf');
    expect([...doc.sections.map((s) => s.heading ?? ''), ...doc.blocks.map((b) => b.text)].join('\n')).toContain('SAFEGUARDING AND CHILD PROTECTION');
    expect(doc.blocks.map((b) => b.text)).toContain(LONG);
  });

  it('reads a page whose text is all set sideways turned, and says so', async () => {
    const data = await makePdf((doc) => {
      doc.rotate(90, { origin: [300, 400] });
      doc.font('Helvetica').fontSize(11).text(LONG, 100, 250, { width: 400 });
    });
    const doc = await readPdf(data, 'sideways.pdf');
    expect(doc.blocks.map((b) => b.text)).toEqual([LONG]);
    expect(doc.notes).toContain('page 1 had text set sideways: read turned to run left to right');
  });

  it('does not let a short sideways stamp make a page without text look read', async () => {
    const data = await makePdf((doc) => {
      doc.rect(72, 72, 400, 600).fill('#666');
      doc
        .rotate(90, { origin: [500, 400] })
        .fillColor('#000')
        .fontSize(8)
        .text('Scanned 12/03/2024', 500, 400);
    });
    const doc = await readPdf(data, 'scan.pdf');
    expect(doc.blocks).toEqual([]);
    expect(doc.notes).toEqual(['no text layer on any of the 1 pages (image-only or outlined text)']);
  });

  it('reports a PDF without a text layer as empty, not as an error', async () => {
    const data = await makePdf((doc) => void doc.rect(100, 100, 200, 100).fill('#333'));
    const doc = await readPdf(data, 'scan.pdf');
    expect(doc.blocks).toEqual([]);
    expect(doc.pageCount).toBe(1);
    expect(doc.notes).toEqual(['no text layer on any of the 1 pages (image-only or outlined text)']);
  });

  it('rejects bytes that are not a PDF with a one-line InputError', async () => {
    const garbage = new TextEncoder().encode('this is not a PDF at all, just some text pretending to be one');
    const err = await readPdf(garbage, 'fake.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^not a valid PDF: /);
    expect((err as Error).message).not.toContain('\n');
  });

  it('rejects a truncated PDF', async () => {
    const data = await makePdf(policy);
    const err = await readPdf(data.slice(0, 400), 'cut.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
  });

  it('asks for the password of an encrypted PDF and reads it with the right one', async () => {
    const data = await makePdf(policy, { userPassword: 's3cret', ownerPassword: 'owner', pdfVersion: '1.7' });
    await expect(readPdf(data, 'locked.pdf')).rejects.toThrow(new InputError('the PDF is encrypted: a password is needed (--password)'));
    await expect(readPdf(data, 'locked.pdf', { password: 'wrong' })).rejects.toThrow(/password is wrong/);
    const doc = await readPdf(data, 'locked.pdf', { password: 's3cret' });
    expect(blockWith(doc, 'without fear of reprisal')?.location.page).toBe(2);
  });

  it('says a PDF that inflates past the engine memory is too big, then reads the next one', async () => {
    await expect(readPdf(pdfBomb(), 'bomb.pdf')).rejects.toThrow(/^needed more than the PDF reader's 2 GB of memory/);
    const doc = await readPdf(await makePdf(policy), 'policy.pdf');
    expect(blockWith(doc, 'without fear of reprisal')?.location.page).toBe(2);
  });

  it('reads the document properties, dates included', async () => {
    const doc = await readPdf(await makePdf(policy, { info: { Title: 'Acme safeguarding', Author: 'Acme Trust', CreationDate: new Date('2026-03-04T10:15:00Z') } }), 'policy.pdf');
    expect(doc.metadata).toMatchObject({ title: 'Acme safeguarding', creator: 'Acme Trust', created: '2026-03-04T10:15:00.000Z' });
  });

  it('reads PDF dates with and without a time zone, and refuses what is not one', () => {
    expect(pdfDate("D:20260304101500+01'00'")?.toISOString()).toBe('2026-03-04T09:15:00.000Z');
    expect(pdfDate('D:20260304101500Z')?.toISOString()).toBe('2026-03-04T10:15:00.000Z');
    expect(pdfDate('D:2026')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(pdfDate('D:20261399')).toBeUndefined();
    expect(pdfDate('yesterday')).toBeUndefined();
  });

  it('refuses documents over the page limit', async () => {
    const data = await makePdf(policy);
    await expect(readPdf(data, 'long.pdf', { maxPages: 1 })).rejects.toThrow(/2 pages, over the 1-page limit/);
  });

  it("leaves the caller's buffer intact", async () => {
    const data = await makePdf(policy);
    const copy = data.slice();
    await readPdf(data, 'policy.pdf');
    expect(data.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(data).equals(Buffer.from(copy))).toBe(true);
  });
});
