// The sample writers: our small Markdown subset → DOCX (docx package) and PDF (pdfkit), deterministic.
// Used by make-samples.mjs (the samples/ files) and bench.mjs (varied copies of them).
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';

const AUTHOR = 'sg-audit sample generator (fictional document)';

// ---------- Markdown subset: front matter, #/##/### headings, paragraphs, "- " and "1. " lists,
// pipe tables, **bold** and *italic*. Enough for our own three sources, nothing more.
export function parseMarkdown(md) {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const meta = {};
  let i = 0;
  if (lines[0] === '---') {
    for (i = 1; i < lines.length && lines[i] !== '---'; i++) {
      const m = /^(\w+):\s*(.*)$/.exec(lines[i]);
      if (m) meta[m[1]] = m[2];
    }
    i++;
  }
  const blocks = [];
  let para = [];
  const flush = () => {
    if (para.length) blocks.push({ type: 'para', text: para.join(' ') });
    para = [];
  };
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    let m;
    if (!line) {
      flush();
      continue;
    }
    if ((m = /^(#{1,3})\s+(.*)$/.exec(line))) {
      flush();
      blocks.push({ type: 'heading', level: m[1].length, text: m[2] });
    } else if ((m = /^(- |\d+\. )(.*)$/.exec(line))) {
      flush();
      const ordered = m[1] !== '- ';
      const last = blocks[blocks.length - 1];
      if (last?.type === 'list' && last.ordered === ordered) last.items.push(m[2]);
      else blocks.push({ type: 'list', ordered, items: [m[2]] });
    } else if (line.startsWith('|')) {
      flush();
      const cells = line
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim());
      if (cells.every((c) => /^:?-+:?$/.test(c))) continue; // separator row
      const last = blocks[blocks.length - 1];
      if (last?.type === 'table') last.rows.push(cells);
      else blocks.push({ type: 'table', rows: [cells] });
    } else {
      para.push(line);
    }
  }
  flush();
  return { meta, blocks };
}

// Split inline text into runs: [{ text, bold, italic }].
function inlineRuns(text) {
  return text
    .split(/(\*\*[^*]+\*\*|\*[^*]+\*)/)
    .filter(Boolean)
    .map((part) => {
      if (/^\*\*.*\*\*$/.test(part)) return { text: part.slice(2, -2), bold: true, italic: false };
      if (/^\*.*\*$/.test(part)) return { text: part.slice(1, -1), bold: false, italic: true };
      return { text: part, bold: false, italic: false };
    });
}

const plain = (text) =>
  inlineRuns(text)
    .map((r) => r.text)
    .join('');

// ---------- DOCX via the docx package
const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// docx stamps docProps/core.xml with "now" and JSZip stamps every entry with "now"; neither is
// an option in docx 9.5. We replace core.xml through Packer's `overrides` argument and then
// rewrite the DOS time/date fields in the zip headers (they are not covered by the CRC).
function coreXml(title, iso) {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>${xmlEscape(AUTHOR)}</dc:creator>` +
    `<cp:lastModifiedBy>${xmlEscape(AUTHOR)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`
  );
}

function fixZipTimestamps(buf, date) {
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('unexpected zip layout');
    buf.writeUInt16LE(dosTime, p + 12);
    buf.writeUInt16LE(dosDate, p + 14);
    const local = buf.readUInt32LE(p + 42);
    buf.writeUInt16LE(dosTime, local + 10);
    buf.writeUInt16LE(dosDate, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}

const docxRuns = (text, extra = {}) => inlineRuns(text).map((r) => new TextRun({ text: r.text, bold: r.bold || extra.bold || undefined, italics: r.italic || undefined }));

/** A DOCX of a parsed source, byte-for-byte reproducible. */
export async function docxBytes({ meta, blocks }) {
  const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3];
  const children = [];
  let listInstance = 0;
  for (const b of blocks) {
    if (b.type === 'heading') {
      children.push(new Paragraph({ heading: HEADINGS[b.level - 1], children: docxRuns(b.text) }));
    } else if (b.type === 'para') {
      children.push(new Paragraph({ children: docxRuns(b.text), spacing: { after: 120 } }));
    } else if (b.type === 'list') {
      listInstance++; // each numbered list restarts at 1
      for (const item of b.items) {
        children.push(
          new Paragraph({
            children: docxRuns(item),
            numbering: { reference: b.ordered ? 'numbers' : 'bullets', level: 0, instance: listInstance },
          }),
        );
      }
    } else if (b.type === 'table') {
      const colW = [3300, 2600, 3126]; // twips; A4 text width is 9026
      children.push(
        new Table({
          width: { size: 9026, type: WidthType.DXA },
          columnWidths: colW,
          rows: b.rows.map(
            (cells, r) =>
              new TableRow({
                ...(r === 0 ? { tableHeader: true } : {}), // repeat header row on each page
                children: cells.map(
                  (c, j) =>
                    new TableCell({
                      width: { size: colW[j], type: WidthType.DXA },
                      children: [new Paragraph({ children: docxRuns(c, { bold: r === 0 }) })],
                    }),
                ),
              }),
          ),
        }),
      );
      children.push(new Paragraph({ children: [] }));
    }
  }
  const level = (format, text) => ({
    level: 0,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720, hanging: 360 } } },
  });
  const doc = new Document({
    creator: AUTHOR,
    lastModifiedBy: AUTHOR,
    title: meta.title,
    description: 'Fictional sample policy for sg-audit',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    numbering: {
      config: [
        { reference: 'bullets', levels: [level(LevelFormat.BULLET, '\u2022')] },
        { reference: 'numbers', levels: [level(LevelFormat.DECIMAL, '%1.')] },
      ],
    },
    sections: [{ children }],
  });
  const fixed = new Date(`${meta.date}T09:00:00Z`);
  const overrides = [{ path: 'docProps/core.xml', data: coreXml(meta.title, fixed.toISOString().replace(/\.\d+Z$/, 'Z')) }];
  return fixZipTimestamps(await Packer.toBuffer(doc, false, overrides), fixed);
}

// ---------- PDF via pdfkit
/** A PDF of a parsed source (running header, "Page N of M" footer), byte-for-byte reproducible. */
export function pdfBytes({ meta, blocks }) {
  const fixed = new Date(`${meta.date}T09:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    margins: { top: 72, bottom: 72, left: 64, right: 64 },
    info: { Title: meta.title, Author: AUTHOR, Creator: AUTHOR, CreationDate: fixed, ModDate: fixed },
  });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const needSpace = (h) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const body = (text, x, w, size = 11) => {
    const runs = inlineRuns(text);
    doc.fontSize(size);
    runs.forEach((r, k) => {
      doc.font(r.bold ? 'Helvetica-Bold' : r.italic ? 'Helvetica-Oblique' : 'Helvetica');
      const opts = { width: w, lineGap: 2, continued: k < runs.length - 1 };
      if (k === 0) doc.text(r.text, x, doc.y, opts);
      else doc.text(r.text, opts);
    });
  };

  for (const b of blocks) {
    if (b.type === 'heading') {
      const size = [16, 13, 11.5][b.level - 1];
      needSpace(size * 4); // keep a heading with the start of what follows
      doc.moveDown(b.level === 1 ? 0 : 0.6);
      doc.font('Helvetica-Bold').fontSize(size).text(plain(b.text), left, doc.y, { width });
      doc.moveDown(0.3);
    } else if (b.type === 'para') {
      body(b.text, left, width);
      doc.moveDown(0.5);
    } else if (b.type === 'list') {
      b.items.forEach((item, k) => {
        needSpace(14);
        const y = doc.y;
        doc
          .font('Helvetica')
          .fontSize(11)
          .text(b.ordered ? `${k + 1}.` : '\u2022', left + 8, y, { lineBreak: false });
        doc.y = y;
        body(item, left + 24, width - 24); // hanging indent: wrapped lines align with the text
        doc.moveDown(0.25);
      });
      doc.moveDown(0.3);
    } else if (b.type === 'table') {
      const cols = b.rows[0].length;
      const fractions = cols === 3 ? [0.36, 0.3, 0.34] : Array(cols).fill(1 / cols);
      const colW = fractions.map((f) => f * width);
      const drawRow = (cells, bold) => {
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5);
        const h = Math.max(...cells.map((c, j) => doc.heightOfString(plain(c), { width: colW[j] - 8 }))) + 6;
        if (doc.y + h > bottom()) {
          doc.addPage();
          if (!bold) drawRow(b.rows[0], true);
        }
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5); // the repeated header may have changed it
        const y = doc.y;
        let x = left;
        cells.forEach((c, j) => {
          doc.text(plain(c), x + 4, y + 3, { width: colW[j] - 8 });
          x += colW[j];
        });
        doc
          .moveTo(left, y + h)
          .lineTo(left + width, y + h)
          .lineWidth(bold ? 0.8 : 0.3)
          .stroke('#555555');
        doc.y = y + h;
      };
      b.rows.forEach((cells, r) => drawRow(cells, r === 0));
      doc.x = left;
      doc.moveDown(0.8);
    }
  }

  // Running header and "Page N of M" footer, written once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not trigger a new page
    doc.font('Helvetica').fontSize(8.5).fillColor('#444444');
    doc.text(meta.title, left, 36, { width, align: 'center', lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, left, doc.page.height - 46, { width, align: 'center', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = saved;
  }
  doc.end();
  return done.then(() => Buffer.concat(chunks));
}
