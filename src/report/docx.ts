import { Document, HeadingLevel, Packer, PageBreak, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import { triageOrder } from './summary.js';
import type { AuditReport, DocumentReport, Evidence, Level, RequirementResult, Status } from '../types.js';
import { formatLocation } from './location.js';
import {
  DOC_STATUS_LABEL,
  GLOSSARY,
  LEVEL_RULES,
  RAG_FOOTNOTE,
  RAG_RULES,
  SCORE_RULE,
  STATUS_RULES,
  type Rag,
  actionPlan,
  documentName,
  excerpt,
  formatLabel,
  notAssessedReason,
  oneLine,
  rag,
  ragReason,
  tallyByLevel,
  triage,
} from './shared.js';

const STATUS_WORDS: Record<Status, string> = { met: 'Covered', partial: 'Partly covered', missing: 'Not covered', 'not-applicable': 'Not applicable' };
const LEVEL_WORDS: Record<Level, string> = { must: 'Must', should: 'Should', advisory: 'Advisory' };
const RAG_WORDS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green', 'n/a': 'N/A' };
const RAG_FILL: Record<Rag, string> = { red: 'B42318', amber: 'B54708', green: '067647', 'n/a': '667085' };
const HEADER_FILL = 'F2F4F7';
/** Must gaps named on the one-page summary; the action plan has them all. */
const SUMMARY_GAPS = 8;

/**
 * A Word document for trustees and boards: per policy a one-page summary, the action plan as a
 * table with owner, due date and status left blank to fill in, then the detail; a key and
 * glossary at the end. With several documents, a ranked overview comes first.
 */
export async function renderDocx(report: AuditReport): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Safeguarding policy audit')] }),
    para(`Checked against ${t(report.catalogue.name)} ${t(report.catalogue.version)}${report.asOf ? `, judged as of ${t(report.asOf)}` : ''} (sg-audit ${t(report.tool.version)}).`, { italics: true }),
  ];
  if (report.documents.length > 1) children.push(...overview(report.documents), pageBreak());
  report.documents.forEach((doc, i) => {
    if (i > 0) children.push(pageBreak());
    children.push(...documentPart(doc));
  });
  children.push(pageBreak(), ...key(), ...glossary());
  const document = new Document({
    creator: 'sg-audit',
    title: 'Safeguarding policy audit',
    description: `Audit against ${t(report.catalogue.name)} ${t(report.catalogue.version)}`,
    styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: PAGE_MARGIN, bottom: PAGE_MARGIN, left: PAGE_MARGIN, right: PAGE_MARGIN } } }, children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** Document text made safe for XML: one line, no characters XML 1.0 forbids. */
function t(text: string): string {
  return oneLine(text).replace(/[\uFFFE\uFFFF]/g, '');
}

function para(text: string, run: { bold?: boolean; italics?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, ...run })], spacing: { after: 80 } });
}

/** "Label: text" with the label in bold. */
function labelled(label: string, text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(text)], spacing: { after: 80 } });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ heading: level, children: [new TextRun(text)], keepNext: true });
}

function bullet(text: string): Paragraph {
  return new Paragraph({ bullet: { level: 0 }, children: [new TextRun(text)] });
}

function pageBreak(): Paragraph {
  return new Paragraph({ children: [new PageBreak()] });
}

function ragRun(value: Rag): TextRun {
  return new TextRun({ text: ` ${RAG_WORDS[value]} `, bold: true, color: 'FFFFFF', shading: { type: ShadingType.CLEAR, fill: RAG_FILL[value], color: 'auto' } });
}

function cell(text: string, options: { header?: boolean; width?: number } = {}): TableCell {
  return new TableCell({
    // 9 pt in tables, so narrow columns keep their headings whole.
    children: [new Paragraph({ children: [new TextRun({ text, bold: options.header ?? false, size: 18 })] })],
    ...(options.header ? { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } } : {}),
    ...(options.width ? { width: { size: options.width, type: WidthType.DXA } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

/** A4 width less the margins, in twentieths of a point: tables are laid out in it. */
const PAGE_MARGIN = 1000;
const TEXT_WIDTH = 11906 - 2 * PAGE_MARGIN;

/**
 * A full-width table whose first row repeats on every page; `percent` gives each column's share.
 * Widths are fixed in twips because LibreOffice ignores percentage cell widths.
 */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, percent: readonly number[]): Table {
  const widths = percent.map((p) => Math.round((TEXT_WIDTH * p) / 100));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, { header: true, width: widths[i]! })) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, { width: widths[i]! })) })),
    ],
  });
}

function overview(documents: readonly DocumentReport[]): Array<Paragraph | Table> {
  const { ranked, apart } = triageOrder(documents);
  const out: Array<Paragraph | Table> = [
    heading('Documents at a glance', HeadingLevel.HEADING_1),
    para(`${documents.length} documents, ${ranked.length} assessed. Lowest score first: the policies that cover least of what applies to them; at equal scores, more must gaps first.`),
  ];
  if (ranked.length > 0) {
    out.push(
      table(
        ['Rank', 'Document', 'Profile', 'Score', 'Overall', 'Must gaps'],
        ranked.map((row, i) => [
          String(i + 1),
          docLabel(row.doc),
          t(row.doc.profile ?? ''),
          row.score === undefined ? '—' : String(row.score),
          `${RAG_WORDS[row.rag]}: ${ragReason(row.doc.requirements, true)}`,
          String(row.mustGaps),
        ]),
        [8, 40, 14, 9, 20, 9],
      ),
    );
  }
  if (apart.length > 0) {
    out.push(heading(`Not assessed (${apart.length})`, HeadingLevel.HEADING_2), para('These could not be assessed against the catalogue, so they have no score and are not ranked.'));
    out.push(
      table(
        ['Document', 'Status', 'Why'],
        apart.map((row) => [docLabel(row.doc), DOC_STATUS_LABEL[row.doc.status], notAssessedReason(row.doc)]),
        [40, 15, 45],
      ),
    );
  }
  return out;
}

function docLabel(doc: DocumentReport): string {
  return doc.organisation ? `${documentName(doc)} (${t(doc.path)})` : t(doc.path);
}

function documentPart(doc: DocumentReport): Array<Paragraph | Table> {
  return [...onePageSummary(doc), ...(doc.status === 'audited' ? [pageBreak(), ...planTable(doc.requirements), ...detail(doc)] : [])];
}

/** What a board needs on one page: the rating and why, the counts, the must gaps and what is out of date. */
function onePageSummary(doc: DocumentReport): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [heading(documentName(doc), HeadingLevel.HEADING_1)];
  if (doc.status !== 'audited') {
    out.push(labelled(doc.status === 'not-assessable' ? 'Not assessable' : `Could not be checked (${DOC_STATUS_LABEL[doc.status]})`, notAssessedReason(doc)));
    out.push(para('So this is not a gap report on the policy.'));
  }
  out.push(labelled('File', t(doc.path)));
  if (doc.profile) out.push(labelled('Checked as', `${t(doc.profile)}${doc.profileReason ? ` (${t(doc.profileReason)})` : ''}`));
  if (doc.jurisdiction) out.push(labelled('Jurisdiction', `${doc.jurisdiction.id} (${t(doc.jurisdiction.reason)})`));
  if (doc.format) out.push(labelled('Format', formatLabel(doc)));
  if (doc.status !== 'audited') return out;

  const reqs = doc.requirements;
  const score = triage(reqs).score;
  out.push(heading('Summary', HeadingLevel.HEADING_2));
  out.push(
    new Paragraph({
      children: [new TextRun({ text: 'Overall: ', bold: true }), ragRun(rag(reqs)), new TextRun(` ${ragReason(reqs)}${score === undefined ? '' : `; score ${score} of 100`}.`)],
      spacing: { after: 120 },
    }),
  );
  out.push(
    table(
      ['Level', 'Covered', 'Partly covered', 'Not covered', 'Not applicable'],
      tallyByLevel(reqs).map(({ level, tally }) => [LEVEL_WORDS[level], String(tally.met), String(tally.partial), String(tally.missing), String(tally.notApplicable)]),
      [24, 19, 19, 19, 19],
    ),
  );
  const mustGaps = actionPlan(reqs).filter((r) => r.level === 'must' && !r.waived);
  if (mustGaps.length > 0) {
    out.push(heading('Must requirements to deal with first', HeadingLevel.HEADING_3));
    for (const r of mustGaps.slice(0, SUMMARY_GAPS)) out.push(bullet(`${t(r.title)} (${STATUS_WORDS[r.status].toLowerCase()})`));
    if (mustGaps.length > SUMMARY_GAPS) out.push(para(`…and ${mustGaps.length - SUMMARY_GAPS} more in the action plan.`));
  }
  if (doc.findings.length > 0) {
    out.push(heading('Things to bring up to date', HeadingLevel.HEADING_3));
    for (const f of doc.findings.slice(0, 5)) out.push(bullet(t(f.message)));
    if (doc.findings.length > 5) out.push(para(`…and ${doc.findings.length - 5} more in the detail.`));
  }
  return out;
}

/** One row per gap, must first; owner, due date and status are for the organisation to fill in. */
function planTable(requirements: readonly RequirementResult[]): Array<Paragraph | Table> {
  const gaps = actionPlan(requirements);
  const out: Array<Paragraph | Table> = [heading('Action plan', HeadingLevel.HEADING_2)];
  if (gaps.length === 0) return [...out, para('Nothing to add: the policy covers every requirement that applies.')];
  out.push(para('One row per gap, must requirements first. Fill in who will make each change, by when, and how it stands.'));
  const rows = gaps.map((r) => {
    const waived = r.waived ? `Accepted for now${r.waived.expires ? ` until ${t(r.waived.expires)}` : ''}: ${t(r.waived.reason)}. ` : '';
    return [t(r.title), `${waived}${t(r.advice)}`, `${LEVEL_WORDS[r.level]} (${STATUS_WORDS[r.status].toLowerCase()})`, '', '', ''];
  });
  out.push(table(['Requirement', 'What to add', 'Level', 'Owner', 'Due date', 'Status'], rows, [23, 35, 11, 11, 10, 10]));
  return out;
}

function quote(e: Evidence): Paragraph {
  const where = formatLocation(e.location);
  return new Paragraph({
    indent: { left: 400 },
    children: [new TextRun({ text: `“${t(excerpt(e.text, 300))}”`, italics: true }), ...(where ? [new TextRun({ text: ` (${t(where)})`, color: '5D6B82' })] : [])],
    spacing: { after: 80 },
  });
}

/** Each gap in full (the judgement, quotes, why it matters, what to do, model wording), then what is covered. */
function detail(doc: DocumentReport): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [heading('Detail', HeadingLevel.HEADING_2)];
  for (const r of actionPlan(doc.requirements)) {
    out.push(heading(`${t(r.title)}: ${STATUS_WORDS[r.status].toLowerCase()} (${LEVEL_WORDS[r.level].toLowerCase()})`, HeadingLevel.HEADING_3));
    if (r.waived) out.push(labelled('Accepted for now', `${t(r.waived.reason)}${r.waived.expires ? ` (until ${t(r.waived.expires)})` : ''}`));
    if (r.reason) out.push(labelled('Judgement', t(r.reason)));
    if (r.missing) out.push(labelled('What is missing', t(r.missing)));
    if (r.evidence.length > 0) out.push(para('What the policy says now:', { bold: true }), ...r.evidence.map(quote));
    if (r.nearest) out.push(para('The closest passage we found:', { bold: true }), quote(r.nearest));
    if (r.why) out.push(labelled('Why it matters', t(r.why)));
    if (r.advice) out.push(labelled('What to do', t(r.advice)));
    if (r.modelWording)
      out.push(para('Wording you could adopt:', { bold: true }), new Paragraph({ indent: { left: 400 }, children: [new TextRun(`“${t(r.modelWording)}”`)], spacing: { after: 120 } }));
    out.push(labelled('Source', t(r.source)));
  }
  const met = doc.requirements.filter((r) => r.status === 'met');
  if (met.length > 0) {
    out.push(heading('What the policy already covers', HeadingLevel.HEADING_2));
    for (const r of met) {
      const where = r.evidence[0] ? formatLocation(r.evidence[0].location) : '';
      out.push(bullet(`${t(r.title)}${where ? ` (${t(where)})` : ''}`));
    }
  }
  if (doc.findings.length > 0) {
    out.push(heading('Things to bring up to date', HeadingLevel.HEADING_2));
    for (const f of doc.findings) {
      const where = formatLocation(f.location);
      out.push(bullet(`${t(f.message)}${where ? ` (${t(where)})` : ''}`));
    }
  }
  return out;
}

function key(): Paragraph[] {
  return [
    heading('How to read this report', HeadingLevel.HEADING_1),
    ...STATUS_RULES.map((s) => labelled(s.label, s.meaning)),
    ...LEVEL_RULES.map((l) => labelled(l.label, l.meaning)),
    ...RAG_RULES.map((r) => new Paragraph({ children: [ragRun(r.rag), new TextRun(` ${r.meaning}`)], spacing: { after: 80 } })),
    para(RAG_FOOTNOTE),
    para(SCORE_RULE),
  ];
}

function glossary(): Paragraph[] {
  return [heading('Glossary', HeadingLevel.HEADING_1), ...GLOSSARY.map((g) => labelled(g.term, g.meaning))];
}
