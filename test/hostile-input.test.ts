import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/util/errors.js';
import { cutLongText, DocumentBuilder, MAX_BLOCK_CHARS } from '../src/ingest/builder.js';
import { readDocx } from '../src/ingest/docx.js';
import { readMarkdown } from '../src/ingest/markdown.js';
import { nestingOf, parseHazard } from '../src/ingest/markdown-guard.js';
import { decodeText } from '../src/ingest/text-encoding.js';
import { drawPolicy, fromLatin1, latin1, makePdf, pdfBomb, pdfObjects, POLICY_TEXT, prng, REPORT_CONTROL, unzip, zip, zipBomb } from './fixtures/hostile.js';
import { parseReport } from './fixtures/report-schema.js';

// Hostile and broken files mixed with good ones, through the real CLI (npm test builds first):
// good files are audited, each bad one is named on one stderr line with its reason, nothing
// crashes, hangs or leaks into a report, and no input is touched. Then the guards one by one.

const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');
const samples = join(import.meta.dirname, '..', 'samples');
const POLICY_MD = `# Safeguarding policy\n\n${POLICY_TEXT.slice(1).join('\n\n')}\n`;

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const elapsed = (since: number) => Math.round(performance.now() - since);

/** A PDF whose page objects are misnumbered, so none is where the cross-reference table says. */
function misnumberedPages(pdf: Uint8Array): Uint8Array {
  let text = latin1(pdf);
  for (const page of pdfObjects(text).filter((o) => /\/Type \/Page\b/.test(o.text))) {
    text = text.slice(0, page.start) + text.slice(page.start).replace(/^\d+/, (n) => '9'.repeat(n.length));
  }
  return fromLatin1(text);
}

/** Every "markdown" string in a SARIF log: GitHub renders those. */
function markdownFields(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(markdownFields);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (key === 'markdown' && typeof v === 'string' ? [v] : markdownFields(v)));
}

interface Report {
  documents: { path: string; status: string; format?: string; error?: string; notes?: string[]; requirements: { evidence: { text: string; location: { section?: string } }[] }[] }[];
}

describe('a folder of hostile files through the CLI', () => {
  let root: string, dir: string, out: string;
  let good: Record<string, string | Uint8Array>;
  let bad: Record<string, [string | Uint8Array, RegExp]>;
  const paths: Record<string, string> = {};
  let before: Record<string, string>;
  let run: SpawnSyncReturns<string>;
  let took: number;
  let report: Report;
  const doc = (name: string) => report.documents.find((d) => d.path === paths[name])!;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sg-audit-hostile-'));
    dir = join(root, 'in');
    out = join(root, 'out');
    mkdirSync(dir);
    mkdirSync(out);
    const pdf = await makePdf(drawPolicy);
    const threePages = await makePdf((doc) => {
      drawPolicy(doc);
      doc.addPage();
      drawPolicy(doc);
      doc.addPage();
      drawPolicy(doc);
    });
    const docx = new Uint8Array(readFileSync(join(samples, 'little-acorns-nursery.docx')));
    const r = prng(7);
    const sentences = POLICY_TEXT.slice(1).join(' ');

    good = {
      'good.md': POLICY_MD,
      'good.pdf': pdf,
      'pdf-named.docx': pdf,
      'docx-named.pdf': docx,
      'utf16.md': new Uint8Array([0xff, 0xfe, ...Buffer.from(POLICY_MD.replace('policy', 'policy – “UTF-16”'), 'utf16le')]),
      // Curly quotes, an en dash and a pound sign as Windows-1252 bytes (0x93, 0x94, 0x96, 0xA3).
      'cp1252.md': new Uint8Array(
        Buffer.concat([
          Buffer.from('# Safeguarding '),
          Buffer.from([0x93]),
          Buffer.from('policy'),
          Buffer.from([0x94, 0x20, 0x96, 0x20, 0xa3]),
          Buffer.from(`5 subs\n\n${POLICY_TEXT.slice(1).join('\n\n')}\n`),
        ]),
      ),
      'deep-quote.md': `${'>'.repeat(100_000)} ${sentences}\n`,
      'deep-list.md': `${'- '.repeat(100_000)}${sentences}\n${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`,
      'huge-line.md': `# Safeguarding policy\n\n${`${sentences} `.repeat(1_000_000 / sentences.length)}\n`,
      'html.md': `# Safeguarding policy \`<script>alert(1)</script>\` \`<img src=x onerror=alert(1)>\`\n\n<script>alert(2)</script>\n\n<p>Staff report concerns to the DSL.<img src=x onerror="alert(3)"></p>\n\n${POLICY_TEXT.slice(1).join('\n\n')}\n`,
      // Terminal escapes (a NUL would make it binary, refused by design).
      'escapes.md': `# Safeguarding \u001b[2J\u001b]0;owned\u0007policy\n\n${sentences} \u009b31m\u007f\n`,
      // A file name is input too: it is printed in every report.
      '<img src=x onerror=alert(1)>.md': POLICY_MD,
    };
    bad = {
      'empty.md': ['', /the file is empty$/],
      'garbage.md': [r.bytes(4096).map((b, i) => (i % 7 ? b : 0)), /unsupported file type/],
      'bomb.docx': [zipBomb(), /zip bomb/],
      'bomb.pdf': [pdfBomb(), /needed more than the PDF reader's 2 GB of memory/],
      'encrypted.pdf': [await makePdf(drawPolicy, { userPassword: 's3cret', ownerPassword: 'owner', pdfVersion: '1.7' }), /the PDF is encrypted: a password is needed \(--password\)$/],
      'truncated.pdf': [threePages.slice(0, Math.floor(threePages.length / 2)), /not a valid PDF: /],
      'long.pdf': [
        await makePdf((doc) => {
          for (let i = 0; i < 500; i++) doc.text(`Page ${i + 1}`).addPage();
        }),
        /the PDF has 501 pages, over the 500-page limit$/,
      ],
      // Pages no reference leads to: read as pages without text, and no other file is affected
      // (pdf.js, the earlier reader, left rejections behind that ended the worker thread).
      'misnumbered.pdf': [misnumberedPages(threePages), /no text layer on any of the \d pages/],
      'too-big.md': [`${sentences}\n`.repeat(2_500_000 / sentences.length), /over the 2\.\d MiB limit \(--max-bytes\)$/],
    };
    for (const [name, content] of [...Object.entries(good), ...Object.entries(bad).map(([n, [c]]) => [n, c] as const)]) {
      paths[name] = join(dir, name);
      writeFileSync(paths[name], content);
    }
    before = Object.fromEntries(readdirSync(dir).map((name) => [name, sha256(join(dir, name))]));

    const started = performance.now();
    run = spawnSync(
      process.execPath,
      // --timeout bounds each file: one over it would be reported, and that line fails the test.
      [
        bin,
        '--format',
        'json',
        '--jobs',
        '2',
        '--timeout',
        '20',
        '--max-bytes',
        String(2.2 * 1024 * 1024),
        '--as-of',
        '2026-01-15',
        '--fail-on',
        'none',
        '--report',
        `html=${join(out, 'r.html')}`,
        '--report',
        `junit=${join(out, 'r.xml')}`,
        '--report',
        `sarif=${join(out, 'r.sarif')}`,
        '--report',
        `text=${join(out, 'r.txt')}`,
        dir,
      ],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
    took = elapsed(started);
    report = (run.stdout ? parseReport(run.stdout) : { documents: [] }) as Report;
  }, 120_000);

  it('finishes in bounded time, exit 2, with no stack trace', () => {
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(took).toBeLessThan(60_000);
  });

  it('audits every good file, whatever its extension, encoding, nesting or line length says', () => {
    for (const name of Object.keys(good)) expect(doc(name)?.status, `${name}: ${doc(name)?.error}`).toBe('audited');
  });

  it('names each bad file on one stderr line with its reason, and nothing else but where each report went', () => {
    const all = run.stderr.split('\n').filter(Boolean);
    const wrote = all.filter((l) => l.startsWith('sg-audit: wrote the '));
    expect(wrote).toEqual(['html', 'junit', 'sarif', 'text'].map((f, i) => `sg-audit: wrote the ${f} report to ${join(out, ['r.html', 'r.xml', 'r.sarif', 'r.txt'][i]!)}`));
    const lines = all.filter((l) => !wrote.includes(l));
    expect(lines, run.stderr).toHaveLength(Object.keys(bad).length);
    for (const [name, [, reason]] of Object.entries(bad)) {
      const line = lines.filter((l) => l.startsWith(`sg-audit: ${paths[name]}: `));
      expect(line, `${name} in:\n${run.stderr}`).toHaveLength(1);
      expect(line[0]).toMatch(reason);
      expect(doc(name).status).toMatch(/^(error|unreadable)$/);
    }
  });

  it('reads a file by its content, saying when the extension was wrong', () => {
    expect(doc('pdf-named.docx')).toMatchObject({ format: 'pdf' });
    expect(doc('pdf-named.docx').notes).toContain('the extension says docx but the content is pdf: read as pdf');
    expect(doc('docx-named.pdf')).toMatchObject({ format: 'docx' });
    expect(doc('docx-named.pdf').notes).toContain('the extension says pdf but the content is docx: read as docx');
  });

  it('decodes UTF-16 and Windows-1252 text, curly quotes and pound signs included', () => {
    const sections = (name: string) => new Set(doc(name).requirements.flatMap((q) => q.evidence.map((e) => e.location.section)));
    expect(doc('utf16.md').notes).toContain('read as utf-16le text');
    expect(sections('utf16.md')).toContain('Safeguarding policy – “UTF-16”');
    expect(doc('cp1252.md').notes).toContain('read as windows-1252 text');
    expect(sections('cp1252.md')).toContain('Safeguarding “policy” – £5 subs');
  });

  it('reads pathological Markdown as plain text, keeping its words', () => {
    for (const name of ['deep-quote.md', 'deep-list.md']) {
      expect(doc(name).notes?.join(' '), name).toMatch(/nested \d+ levels deep .*read as plain text/);
      expect(
        doc(name).requirements.some((q) => q.evidence.some((e) => e.text.includes('designated safeguarding lead'))),
        name,
      ).toBe(true);
    }
  });

  it('keeps markup and control characters in a document out of every report', () => {
    const html = readFileSync(join(out, 'r.html'), 'utf8');
    const junit = readFileSync(join(out, 'r.xml'), 'utf8');
    const sarif = readFileSync(join(out, 'r.sarif'), 'utf8');
    const text = readFileSync(join(out, 'r.txt'), 'utf8');
    // The payload reached the reports (in the heading path), escaped.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img[^>]*onerror/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.md');
    // JUnit carries no document text, but file names and reasons.
    expect(junit).toContain('&lt;img src=x onerror=alert(1)&gt;.md');
    expect(junit).not.toMatch(/<script|<img/i);
    expect(markdownFields(JSON.parse(sarif)).join('\n')).not.toMatch(/<script|<img/i);
    for (const [name, body] of Object.entries({ html, junit, sarif, text })) expect(REPORT_CONTROL.test(body), name).toBe(false);
  });

  it('leaves every input file unchanged', () => {
    expect(Object.fromEntries(readdirSync(dir).map((name) => [name, sha256(join(dir, name))]))).toEqual(before);
  });
});

describe('Markdown guard', () => {
  const timed = <T>(work: () => T): [T, number] => {
    const started = performance.now();
    return [work(), elapsed(started)];
  };

  it('reads 100 000 nested block quotes or list markers as plain text at once', () => {
    for (const marker of ['>', '> ', '- ', '1. ', '> - ']) {
      const [doc, ms] = timed(() => readMarkdown(`${marker.repeat(100_000)}The DSL keeps records.\n\nNext paragraph.\n`, 'deep.md'));
      expect(ms, marker).toBeLessThan(2000); // micromark took over 100 s and then overflowed the stack
      expect(doc.blocks.map((b) => b.text)).toEqual(['The DSL keeps records.', 'Next paragraph.']);
      expect(doc.notes[0]).toMatch(/^line 1 is nested \d+ levels deep \(limit 32\): read as plain text/);
    }
  });

  it('counts nesting from markers and indentation, not from rules', () => {
    expect(nestingOf('> > - item')).toBe(3);
    expect(nestingOf('      - item')).toBe(4); // six columns continue three list levels
    expect(nestingOf('\t\t- item')).toBe(5);
    expect(nestingOf('* * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * *')).toBe(0);
    expect(nestingOf('plain text')).toBe(0);
  });

  it('leaves ordinary Markdown to the parser', () => {
    expect(parseHazard(readFileSync(join(samples, 'harbour-juniors-fc.md'), 'utf8'))).toBeUndefined();
    expect(readMarkdown(POLICY_MD, 'policy.md').notes).toEqual([]);
  });

  it('reads quadratic mark-up as plain text: emphasis, strikethrough, brackets, code, setext headings', () => {
    for (const source of ['*a'.repeat(50_000), '~a'.repeat(50_000), `${'['.repeat(50_000)}x${']'.repeat(50_000)}`, '`a '.repeat(50_000), 'Title\n---\n\n'.repeat(5000)]) {
      const [doc, ms] = timed(() => readMarkdown(source, 'marks.md'));
      expect(ms, source.slice(0, 10)).toBeLessThan(2000); // each took the parser from seconds to minutes
      expect(doc.notes[0]).toMatch(/read as plain text/);
    }
    const setext = readMarkdown('Title\n=====\n\nText under it.\n\nPart\n----\n\nMore.\n'.repeat(300), 'setext.md');
    expect(setext.sections.slice(1, 3).map((s) => [s.heading, s.level])).toEqual([
      ['Title', 1],
      ['Part', 2],
    ]);
    expect(setext.blocks[0]).toMatchObject({ text: 'Text under it.', location: { line: 4, section: 'Title' } });
  });

  it('blanks template tags in linear time, keeping the line count', () => {
    const [doc, ms] = timed(() => readMarkdown(`${'{%'.repeat(200_000)}\n\nThe DSL keeps records.\n`, 'tags.md'));
    expect(ms).toBeLessThan(3000); // a lazy regular expression took 54 s
    expect(doc.blocks.at(-1)).toMatchObject({ text: 'The DSL keeps records.', location: { line: 3 } });
    const tags = readMarkdown('{% if x %}\nKept {{ name }} here.\n{% endif %}\n\nNext.\n', 't.md');
    expect(tags.blocks.map((b) => [b.text, b.location.line])).toEqual([
      ['Kept here.', 2],
      ['Next.', 5],
    ]);
  });

  it('numbers the lines of a long HTML block correctly', () => {
    const doc = readMarkdown(`<div>\n${Array.from({ length: 500 }, (_, i) => `<p>Item ${i}</p>`).join('\n')}\n</div>\n`, 'h.md');
    expect(doc.blocks.map((b) => b.location.line)).toEqual(Array.from({ length: 500 }, (_, i) => i + 2));
  });
});

describe('ingest guards', () => {
  it('cuts a block longer than MAX_BLOCK_CHARS at sentence ends, losing no text', () => {
    const text = 'The DSL keeps records. '.repeat(2000).trim();
    const pieces = cutLongText(text);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_BLOCK_CHARS);
    expect(pieces.every((p) => p.endsWith('.'))).toBe(true);
    expect(pieces.join(' ')).toBe(text);
    const builder = new DocumentBuilder('x.md', 'markdown');
    builder.block('paragraph', 'x'.repeat(20_000), { line: 1 });
    expect(builder.document.blocks.map((b) => [b.text.length, b.location.line])).toEqual([
      [8000, 1],
      [8000, 1],
      [4000, 1],
    ]);
  });

  it('reads a whole-document "heading" as a paragraph', () => {
    const builder = new DocumentBuilder('x.md', 'markdown');
    builder.heading('word '.repeat(200), 1, { line: 1 });
    expect(builder.document.sections).toHaveLength(1);
    expect(builder.document.blocks[0]?.kind).toBe('paragraph');
  });

  it('drops control characters and bidi overrides from document text', () => {
    const builder = new DocumentBuilder('x.md', 'markdown');
    builder.heading('Safe\u001b[31mguarding\u202e policy\u0085', 1, { line: 1 });
    builder.block('paragraph', 'Call\u0000 the\u009b DSL', { line: 2 });
    expect(builder.document.sections[1]?.heading).toBe('Safe [31mguarding policy');
    expect(builder.document.blocks[0]?.text).toBe('Call the DSL');
  });

  it('decodes Windows-1252 by its own table (Node 20 decodes it as Latin-1)', () => {
    expect(decodeText(new Uint8Array([0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0xa3, 0x35, 0x80, 0xff]))).toEqual({ text: '“Hi” – £5€ÿ', encoding: 'windows-1252' });
  });

  it('keeps an InputError to one line without control characters', () => {
    expect(new InputError('"word/\u001b[2Jx\ny.xml" is bad\r\n').message).toBe('"word/ [2Jx y.xml" is bad');
  });

  it('refuses DOCX parts nested deeper than any real document, before mammoth recurses', async () => {
    const entries = unzip(new Uint8Array(readFileSync(join(samples, 'little-acorns-nursery.docx'))));
    const document = entries.find((e) => e.name === 'word/document.xml')!;
    const xml = latin1(document.data);
    const body = xml.indexOf('<w:body>') + '<w:body>'.length;
    const n = 20_000;
    document.data = fromLatin1(`${xml.slice(0, body)}${'<w:tbl><w:tr><w:tc>'.repeat(n)}<w:p/>${'</w:tc></w:tr></w:tbl>'.repeat(n)}${xml.slice(body)}`);
    const started = performance.now();
    const error = await readDocx(zip(entries), 'deep.docx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe('"word/document.xml" nests its elements more than 400 levels deep: not a real Word document');
    expect(elapsed(started)).toBeLessThan(3000); // once warmed up, mammoth and the walk took minutes
  });
});
