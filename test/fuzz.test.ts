import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FuzzHarness, type Outcome } from './fixtures/fuzz-harness.js';
import { fromLatin1, latin1, pdfObjects, prng, type Random, unzip, zip, zipLayout } from './fixtures/hostile.js';
import { parseReport } from './fixtures/report-schema.js';

// Mutates the samples and checks that nothing in a file can crash sg-audit, hang it or slip
// control characters into a report: every input is either audited or refused with a one-line
// InputError. Mutations are seeded; rerun one with SG_FUZZ_SEED=<seed>, or more of them with
// SG_FUZZ_SCALE=10 (SG_FUZZ_DUMP=<folder> keeps every input). A failing input is saved, and its
// path printed, for a regression test.

const SEED = Number(process.env.SG_FUZZ_SEED ?? 20_251_201);
const SCALE = Number(process.env.SG_FUZZ_SCALE ?? 1);
/** One input's budget: the samples are 5–33 KB, read in well under a second. */
const CASE_TIMEOUT_MS = 15_000;
/** Each format's run: about 10 s at the default scale on a loaded 2-core machine. */
const RUN_TIMEOUT_MS = 90_000 * SCALE;

const samples = join(import.meta.dirname, '..', 'samples');
const sample = (name: string) => new Uint8Array(readFileSync(join(samples, name)));
const MARKDOWN = sample('harbour-juniors-fc.md');
const DOCX = sample('little-acorns-nursery.docx');
const PDF = sample('oakfield-academy.pdf');
const failures = join(mkdtempSync(join(tmpdir(), 'sg-audit-fuzz-')));

interface Mutation {
  bytes: Uint8Array;
  what: string;
}
type Mutator = (data: Uint8Array, r: Random) => Mutation;

// ---------------------------------------------------------------- byte-level, any format

const at = (data: Uint8Array, r: Random) => r.int(Math.max(data.length, 1));

const byteMutators: Mutator[] = [
  (data, r) => {
    const bytes = data.slice();
    const flips = 1 + r.int(8);
    const where: number[] = [];
    for (let i = 0; i < flips; i++) {
      const p = at(data, r);
      bytes[p]! ^= 1 << r.int(8);
      where.push(p);
    }
    return { bytes, what: `bit flips at ${where.join(',')}` };
  },
  (data, r) => {
    const bytes = data.slice();
    const p = at(data, r);
    const n = 1 + r.int(256);
    bytes.set(r.bytes(Math.min(n, data.length - p)), p);
    return { bytes, what: `${n} random bytes over offset ${p}` };
  },
  (data, r) => {
    const bytes = data.slice();
    const p = at(data, r);
    const n = 1 + r.int(2048);
    bytes.fill(r.pick([0x00, 0xff, 0x20]), p, p + n);
    return { bytes, what: `${n} bytes filled at ${p}` };
  },
  (data, r) => {
    const n = 1 + at(data, r);
    return { bytes: data.slice(0, n), what: `truncated to ${n} bytes` };
  },
  (data, r) => {
    const p = at(data, r);
    const n = 1 + r.int(4096);
    return { bytes: concat(data.subarray(0, p), data.subarray(p + n)), what: `${n} bytes cut at ${p}` };
  },
  (data, r) => {
    const from = at(data, r);
    const n = 1 + r.int(4096);
    const to = at(data, r);
    return { bytes: concat(data.subarray(0, to), data.subarray(from, from + n), data.subarray(to)), what: `${n} bytes from ${from} copied to ${to}` };
  },
];

// ---------------------------------------------------------------- Markdown

const MARKS = ['*', '_', '~', '`', '[', ']', '(', ')', '>', '#', '|', '<', '-', '=', '\\', '!', '&', '{%', '{{', '\n', '\t', '    '];
const UNICODE = ['\u0000', '\u0007', '\u001b[31m', '\u001b]0;title\u0007', '\u009b2J', '\u007f', '\ud800', '\ufffe', '\u202e', '\u2028', '\ufeff', 'é', '😀'];

const markdownMutators: Mutator[] = [
  ...byteMutators,
  (data, r) => {
    const text = new TextDecoder().decode(data);
    const p = r.int(text.length);
    const run = Array.from({ length: 1 + r.int(400) }, () => r.pick(MARKS)).join('');
    return { bytes: new TextEncoder().encode(text.slice(0, p) + run + text.slice(p)), what: `${run.length} Markdown marks at ${p}` };
  },
  (data, r) => {
    const text = new TextDecoder().decode(data);
    const mark = r.pick(['> ', '- ', '1. ', '  ', '>', '* ', '   - ']);
    const depth = 1 + r.int(3000);
    const lines = text.split('\n');
    const line = r.int(lines.length);
    lines[line] = mark.repeat(depth) + lines[line];
    return { bytes: new TextEncoder().encode(lines.join('\n')), what: `line ${line + 1} nested ${depth} x ${JSON.stringify(mark)}` };
  },
  (data, r) => {
    const text = new TextDecoder().decode(data);
    const p = r.int(text.length);
    const chars = Array.from({ length: 1 + r.int(20) }, () => r.pick(UNICODE)).join('');
    return { bytes: new TextEncoder().encode(text.slice(0, p) + chars + text.slice(p)), what: `control/odd characters ${JSON.stringify(chars)} at ${p}` };
  },
  (data, r) => {
    const text = new TextDecoder().decode(data);
    const lines = text.split('\n');
    const from = r.int(lines.length);
    const n = 1 + r.int(20);
    const times = 1 + r.int(50);
    const copy = lines.slice(from, from + n);
    lines.splice(r.int(lines.length), 0, ...Array.from({ length: times }, () => copy).flat());
    return { bytes: new TextEncoder().encode(lines.join('\n')), what: `lines ${from + 1}-${from + n} repeated ${times} times` };
  },
  (data, r) => {
    // Re-encode: UTF-16 with and without a BOM, or Windows-1252 bytes.
    const text = new TextDecoder().decode(data);
    const kind = r.pick(['utf16le-bom', 'utf16le', 'utf16be-bom', 'latin1']);
    const body = kind === 'latin1' ? Buffer.from(text.replace(/[^\u0000-\u00ff]/g, '?'), 'latin1') : Buffer.from(text, 'utf16le');
    if (kind === 'utf16be-bom') body.swap16();
    const bom = kind === 'utf16le-bom' ? [0xff, 0xfe] : kind === 'utf16be-bom' ? [0xfe, 0xff] : [];
    return { bytes: concat(new Uint8Array(bom), body), what: `re-encoded as ${kind}` };
  },
];

// ---------------------------------------------------------------- DOCX

const docxLayout = zipLayout(DOCX);
const docxEntries = unzip(DOCX);

const docxMutators: Mutator[] = [
  ...byteMutators,
  (data, r) => {
    const entry = r.int(3) ? docxLayout.find((e) => e.name === 'word/document.xml')! : r.pick(docxLayout.filter((e) => e.compressedSize > 0));
    const bytes = data.slice();
    const flips = 1 + r.int(4);
    for (let i = 0; i < flips; i++) bytes[entry.dataStart + r.int(entry.compressedSize)]! ^= 1 << r.int(8);
    return { bytes, what: `${flips} bit flips in the deflated data of ${entry.name}` };
  },
  (data, r) => {
    const entry = r.pick(docxLayout);
    const bytes = data.slice();
    const field = r.pick([4, 6, 8, 14, 18, 22, 26, 28]); // version, flags, method, crc, sizes, name and extra lengths
    bytes.set(r.bytes(2), entry.localHeader + field);
    return { bytes, what: `local header field +${field} of ${entry.name} overwritten` };
  },
  (data, r) => {
    const entry = r.pick(docxLayout);
    const bytes = data.slice();
    const field = r.pick([0, 8, 10, 20, 24, 28, 30, 32, 42, 44]); // signature, flags, method, sizes, lengths, offset
    bytes.set(r.bytes(2), entry.centralHeader + field);
    return { bytes, what: `central directory field +${field} of ${entry.name} overwritten` };
  },
  (data, r) => {
    const bytes = data.slice();
    const eocd = Buffer.from(data).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const field = r.pick([4, 6, 8, 10, 12, 16, 20]);
    bytes.set(r.bytes(2), eocd + field);
    return { bytes, what: `end-of-central-directory field +${field} overwritten` };
  },
  (_, r) => {
    // A well-formed archive around broken or hostile XML: what mammoth itself must survive.
    const name = r.int(4) ? 'word/document.xml' : r.pick(docxEntries.filter((e) => e.name.endsWith('.xml')).map((e) => e.name));
    const entries = docxEntries.map((e) => ({ ...e }));
    const entry = entries.find((e) => e.name === name)!;
    const xml = latin1(entry.data);
    const p = r.int(xml.length);
    const kind = r.pick(['truncate', 'garbage', 'deep', 'repeat', 'entity', 'drop']);
    let out = xml;
    if (kind === 'truncate') out = xml.slice(0, p);
    else if (kind === 'garbage') out = xml.slice(0, p) + latin1(r.bytes(1 + r.int(64))) + xml.slice(p);
    else if (kind === 'deep') {
      const open = r.pick(['<w:tbl><w:tr><w:tc>', '<w:p><w:r>', '<w:sdt><w:sdtContent>', '<w:hyperlink>']);
      const n = 1 + r.int(5000);
      const body = xml.indexOf('<w:body>') + '<w:body>'.length;
      out = xml.slice(0, body) + open.repeat(n) + '<w:p><w:r><w:t>deep</w:t></w:r></w:p>' + xml.slice(body);
    } else if (kind === 'repeat') {
      const paragraph = /<w:p[ >][\s\S]*?<\/w:p>/.exec(xml.slice(p))?.[0] ?? '<w:p/>';
      const body = xml.indexOf('<w:body>') + '<w:body>'.length;
      out = xml.slice(0, body) + paragraph.repeat(1 + r.int(3000)) + xml.slice(body);
    } else if (kind === 'entity') out = xml.slice(0, p) + '&#0;&#xD800;&bogus;&#99999999;' + xml.slice(p);
    else if (kind === 'drop') entries.splice(entries.indexOf(entry), 1);
    entry.data = fromLatin1(out);
    return { bytes: zip(entries), what: `${name}: ${kind} at ${p} (re-zipped)` };
  },
];

// ---------------------------------------------------------------- PDF

const pdfText = latin1(PDF);
const objects = pdfObjects(pdfText);
const head = pdfText.slice(0, objects[0]!.start);
const tail = pdfText.slice(objects[objects.length - 1]!.end);

const pdfMutators: Mutator[] = [
  ...byteMutators,
  (_, r) => {
    const order = objects.slice();
    for (let i = order.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return { bytes: fromLatin1(head + order.map((o) => o.text).join('') + tail), what: 'objects shuffled (xref offsets stale)' };
  },
  (_, r) => {
    const list = objects.map((o) => o.text);
    const copies = 1 + r.int(50);
    const object = r.int(list.length);
    for (let i = 0; i < copies; i++) list.splice(r.int(list.length), 0, list[object]!);
    return { bytes: fromLatin1(head + list.join('') + tail), what: `object ${objects[object]!.number} duplicated ${copies} times` };
  },
  (_, r) => {
    const list = objects.map((o) => o.text);
    const dropped = list.splice(r.int(list.length), 1 + r.int(3));
    return { bytes: fromLatin1(head + list.join('') + tail), what: `${dropped.length} object(s) deleted` };
  },
  (_, r) => {
    const object = r.pick(objects);
    const body = object.text;
    const p = r.int(body.length);
    const text = head + objects.map((o) => (o === object ? body.slice(0, p) + latin1(r.bytes(1 + r.int(32))) + body.slice(p) : o.text)).join('') + tail;
    return { bytes: fromLatin1(text), what: `random bytes inside object ${object.number} at ${p}` };
  },
  (_, r) => {
    const edits: [RegExp, () => string, string][] = [
      [/\/Count \d+/, () => `/Count ${r.pick([0, -1, 999_999_999, 2_147_483_648])}`, 'page count'],
      [/\/Length \d+/g, () => `/Length ${r.pick([0, 1, 99_999_999, -5])}`, 'stream lengths'],
      [/startxref\s+\d+/, () => `startxref\n${r.pick([0, 1, 99_999_999])}`, 'startxref'],
      [/\/Kids \[/, () => `/Kids [${objects.find((o) => /\/Type \/Pages/.test(o.text))?.number ?? 1} 0 R `, 'a page tree that contains itself'],
      [/\/Parent \d+ 0 R/g, () => `/Parent ${r.pick(objects).number} 0 R`, 'page parents'],
      [/\/Root \d+ 0 R/, () => `/Root ${r.pick(objects).number} 0 R`, 'the document root'],
      [/\/Filter \/FlateDecode/g, () => r.pick(['/Filter /LZWDecode', '/Filter /DCTDecode', '/Filter [/FlateDecode /FlateDecode]', '/Filter /JBIG2Decode']), 'stream filters'],
    ];
    const [pattern, value, what] = r.pick(edits);
    return { bytes: fromLatin1(pdfText.replace(pattern, value)), what: `${what} rewritten` };
  },
];

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

// ---------------------------------------------------------------- the run

interface Case {
  name: string;
  what: string;
  bytes: Uint8Array;
}

function cases(kind: string, data: Uint8Array, mutators: Mutator[], count: number, fileName: string): Case[] {
  return Array.from({ length: Math.round(count * SCALE) }, (_, i) => {
    // Each case has its own stream, so one reproduces without running those before it.
    const r = prng(SEED ^ Math.imul(i + 1, 0x9e3779b1) ^ hash(kind));
    const mutator = r.int(mutators.length);
    const { bytes, what } = mutators[mutator]!(data, r);
    return { name: fileName, what: `${kind}#${i} (mutator ${mutator}: ${what})`, bytes: bytes.length ? bytes : new Uint8Array([0x20]) };
  });
}

/** What is wrong with an outcome, or undefined when it is one of the clean ones. */
function problem(outcome: Outcome): string | undefined {
  switch (outcome.kind) {
    case 'read':
      // A mutated policy may no longer read as one (too short, not English): not assessable is a clean outcome.
      if (!['audited', 'not-assessable', 'unreadable'].includes(outcome.status)) return `read but status ${outcome.status}`;
      return outcome.problems.length ? outcome.problems.join('; ') : undefined;
    case 'input-error': {
      const m = outcome.message;
      if (!m.trim() || /[\r\n]/.test(m) || m.length > 300 || /^internal error/.test(m)) return `unclean InputError message: ${JSON.stringify(m)}`;
      return undefined;
    }
    case 'crash':
      return `threw ${outcome.stack.split('\n').slice(0, 4).join(' | ')}`;
    case 'hang':
      return `no answer after ${outcome.ms} ms`;
    case 'worker-died':
      // Perhaps of an unhandled rejection, which may come late, from the input before.
      return `the worker died (reading this input or the one before): ${outcome.message}`;
  }
}

// Two workers: the cases are independent, and a 2-core machine then reads two at once.
const harnesses = [new FuzzHarness(), new FuzzHarness()];
afterAll(() => Promise.all(harnesses.map((h) => h.close())));

async function fuzz(list: Case[]): Promise<Map<Outcome['kind'], number>> {
  const seen = new Map<Outcome['kind'], number>();
  const bad: string[] = [];
  let next = 0;
  await Promise.all(
    harnesses.map(async (harness) => {
      for (let c = list[next++]; c; c = list[next++]) {
        if (process.env.SG_FUZZ_DUMP) writeFileSync(join(process.env.SG_FUZZ_DUMP, `${c.what.split(' ')[0]!.replace('#', '-')}-${basename(c.name)}`), c.bytes);
        const outcome = await harness.run(c.name, c.bytes, CASE_TIMEOUT_MS);
        seen.set(outcome.kind, (seen.get(outcome.kind) ?? 0) + 1);
        const wrong = problem(outcome);
        if (wrong) {
          const saved = join(failures, `${c.what.split(' ')[0]!.replace('#', '-')}-${basename(c.name)}`);
          writeFileSync(saved, c.bytes);
          bad.push(`SG_FUZZ_SEED=${SEED} ${c.what}: ${wrong} [input saved as ${saved}]`);
        }
      }
    }),
  );
  expect(bad, bad.join('\n')).toEqual([]);
  return seen;
}

describe(`fuzzing the samples (SG_FUZZ_SEED=${SEED})`, () => {
  it(
    'Markdown: random bytes, marks, nesting, odd characters and encodings',
    async () => {
      const seen = await fuzz(cases('md', MARKDOWN, markdownMutators, 80, 'policy.md'));
      // The mutations reach both paths: most are still audited, some are refused (binary).
      expect(seen.get('read') ?? 0).toBeGreaterThan(40);
      expect(seen.get('input-error') ?? 0).toBeGreaterThan(0);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'DOCX: corrupt archives, deflated data, headers and directory, and broken XML inside',
    async () => {
      const seen = await fuzz(cases('docx', DOCX, docxMutators, 80, 'policy.docx'));
      expect(seen.get('read') ?? 0).toBeGreaterThan(2);
      expect(seen.get('input-error') ?? 0).toBeGreaterThan(20);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'PDF: bit flips, truncation, shuffled, duplicated and deleted objects, lying dictionaries',
    async () => {
      const seen = await fuzz(cases('pdf', PDF, pdfMutators, 60, 'policy.pdf'));
      expect(seen.get('read') ?? 0).toBeGreaterThan(15);
      expect(seen.get('input-error') ?? 0).toBeGreaterThan(5);
    },
    RUN_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------- through the real CLI

const bin = join(import.meta.dirname, '..', 'bin', 'sg-audit.js');

describe('fuzzed files through the CLI', () => {
  it('audits a folder of mutated files: exit 0/1/2, one stderr line per bad file, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-audit-fuzz-cli-'));
    const picked = [...cases('cli-md', MARKDOWN, markdownMutators, 5, 'policy.md'), ...cases('cli-docx', DOCX, docxMutators, 5, 'policy.docx'), ...cases('cli-pdf', PDF, pdfMutators, 5, 'policy.pdf')];
    const paths = picked.map((c, i) => {
      const path = join(dir, `${String(i).padStart(2, '0')}-${c.name}`);
      writeFileSync(path, c.bytes);
      return path;
    });
    const result = spawnSync(process.execPath, [bin, '--format', 'json', '--jobs', '2', '--timeout', '30', '--as-of', '2026-01-15', dir], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
      maxBuffer: 1024 * 1024 * 1024, // at SG_FUZZ_SCALE=8 the report passes spawnSync's 1 MB default
    });
    const context = `SG_FUZZ_SEED=${SEED}\n${picked.map((c, i) => `${paths[i]}: ${c.what}`).join('\n')}\nstderr:\n${result.stderr}`;
    expect([0, 1, 2], context).toContain(result.status);
    expect(result.stderr, context).not.toMatch(/^\s+at /m);
    const report = parseReport(result.stdout) as { documents: { path: string; status: string; error?: string }[] };
    expect(report.documents.map((d) => d.path).sort()).toEqual(paths.slice().sort());
    const bad = report.documents.filter((d) => d.status !== 'audited');
    const lines = result.stderr.split('\n').filter(Boolean);
    // Each refused file on exactly one line, with its reason; nothing else on stderr.
    expect(lines.length, context).toBe(bad.length);
    for (const doc of bad) {
      expect(
        lines.filter((l) => l === `sg-audit: ${doc.path}: ${doc.error ?? doc.status}`),
        context,
      ).toHaveLength(1);
      expect(doc.error ?? '', context).not.toMatch(/^internal error|took longer than/);
    }
    expect(result.status, context).toBe(bad.length ? 2 : result.status === 1 ? 1 : 0);
  });
});
