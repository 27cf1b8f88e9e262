import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { formatBytes } from '../util/bytes.js';
import { InputError } from '../util/errors.js';
import type { PolicyDocument } from '../types.js';
import { addNote, normaliseSpace } from './builder.js';
import { readMarkdown } from './markdown.js';
import { organisationName } from './organisation.js';
import { sniff } from './sniff.js';
import { decodeText } from './text-encoding.js';
import { DEFAULT_MAX_BYTES, EXTENSION_FORMAT, MAX_TEXT_BYTES } from './formats.js';
import type { PdfOptions } from './pdf.js';

/** The PDF reader's options, and a limit on any file's size. */
export interface IngestOptions extends PdfOptions {
  /** Refuse files larger than this (bytes). */
  maxBytes?: number;
}

/** Reads a policy file of any supported format into a PolicyDocument. */
export async function readPolicy(path: string, options: IngestOptions = {}): Promise<PolicyDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError('is a folder, not a file');
    size = info.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : `cannot read the file (${code ?? (err as Error).message})`);
  }
  if (size === 0) throw new InputError('the file is empty');
  if (size > maxBytes) throw new InputError(`the file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (--max-bytes)`);
  const data = new Uint8Array(await readFile(path));
  return readPolicyData(data, path, options);
}

/** Reads policy bytes; the format comes from the content, the extension only breaks ties. */
export async function readPolicyData(data: Uint8Array, path: string, options: IngestOptions = {}): Promise<PolicyDocument> {
  if (data.length === 0) throw new InputError('the file is empty');
  const sniffed = sniff(data);
  const claimed = EXTENSION_FORMAT[extname(path).toLowerCase()];
  let doc: PolicyDocument;
  switch (sniffed) {
    case 'pdf': {
      // Loaded on demand: a Markdown-only run never starts the PDF engine.
      const { readPdf } = await import('./pdf.js');
      doc = await readPdf(data, path, {
        ...(options.password ? { password: options.password } : {}),
        ...(options.maxPages ? { maxPages: options.maxPages } : {}),
        ...(options.ocr ? { ocr: true } : {}),
        ...(options.ocrJobs ? { ocrJobs: options.ocrJobs } : {}),
        ...(options.deadline ? { deadline: options.deadline } : {}),
        ...(options.tempDir ? { tempDir: options.tempDir } : {}),
      });
      break;
    }
    case 'docx': {
      const { readDocx } = await import('./docx.js');
      doc = await readDocx(data, path);
      break;
    }
    case 'markdown': {
      // Text is indexed word by word for the audit (about 60 times its size in memory): past this
      // it is refused before any of that, rather than filling a worker's heap.
      if (data.length > MAX_TEXT_BYTES) {
        throw new InputError(`the text is ${formatBytes(data.length)}, over the ${formatBytes(MAX_TEXT_BYTES)} a Markdown or text policy may be (no real policy is this long: split it)`);
      }
      const { text, encoding } = decodeText(data);
      doc = readMarkdown(text, path);
      if (encoding !== 'utf-8') addNote(doc, { id: 'read-as-encoding', message: `read as ${encoding} text` });
      break;
    }
    case 'legacy-office':
      throw new InputError('legacy Word (.doc) or password-protected Office file: save it as .docx without a password');
    case 'zip':
      throw new InputError('a ZIP archive that is not a Word document: unsupported file type');
    default:
      throw new InputError('unsupported file type (binary data that is not PDF or DOCX)');
  }
  if (claimed && claimed !== doc.format) addNote(doc, { id: 'extension-mismatch', message: `the extension says ${claimed} but the content is ${doc.format}: read as ${doc.format}` }, true);
  cleanProperties(doc);
  const organisation = organisationName(doc);
  if (organisation) doc.organisation = organisation;
  return doc;
}

/** Title, properties and notes without control characters: each reader's blocks already are. */
function cleanProperties(doc: PolicyDocument): void {
  if (doc.title !== undefined) doc.title = normaliseSpace(doc.title);
  if (doc.metadata) for (const [key, value] of Object.entries(doc.metadata)) doc.metadata[key] = normaliseSpace(value);
  doc.notes = doc.notes.map(normaliseSpace);
  for (const note of doc.readerNotes) note.message = normaliseSpace(note.message);
}
