import mammoth from 'mammoth';
import { InputError } from '../util/errors.js';
import type { PolicyDocument } from '../types.js';
import { DocumentBuilder } from './builder.js';
import { formattingTransform, STYLE_MAP } from './docx-format.js';
import { guardDocx, tooDeep } from './docx-guard.js';
import { inferHeadings } from './docx-headings.js';
import { HtmlWalker, type Item } from './docx-html.js';
import { coreProperties, headerFooterTexts } from './docx-parts.js';

/**
 * Reads a DOCX policy: mammoth turns it into HTML, which we walk into headings and blocks.
 * Many real policies use no heading styles, so headings are then inferred from formatting.
 */
export async function readDocx(data: Uint8Array, path: string): Promise<PolicyDocument> {
  guardDocx(data);

  let images = 0;
  const formatting = formattingTransform();
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
      {
        styleMap: STYLE_MAP,
        transformDocument: formatting.transform as never,
        // Images are not read; count them so the report can say text in them was skipped.
        convertImage: mammoth.images.imgElement(async () => {
          images++;
          return { src: '' };
        }),
      },
    );
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw tooDeep();
    const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 160) : String(error);
    throw new InputError(`cannot read the Word document: ${reason}`);
  }

  let items: Item[];
  try {
    items = new HtmlWalker().walk(result.value, formatting.codes);
  } catch (error) {
    // The walk recurses per element, like mammoth: deep enough nesting overflows the stack.
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw tooDeep();
    throw error;
  }
  const notes = inferHeadings(items);
  const builder = new DocumentBuilder(path, 'docx');
  for (const item of items) {
    if (item.kind === 'heading') builder.heading(item.text, item.level ?? 1, { paragraph: item.paragraph });
    else builder.block(item.kind, item.text, { paragraph: item.paragraph }, item.row);
  }
  const doc = builder.document;
  if (!doc.blocks.length && doc.sections.length <= 1) {
    throw new InputError(`the Word document contains no text${images ? ' (only images)' : ''}`, 'unreadable');
  }

  const headerFooter = headerFooterTexts(data);
  if (headerFooter.length) {
    let paragraph = items.reduce((n, item) => Math.max(n, item.paragraph), 0);
    builder.heading('Headers and footers', 1, { paragraph: ++paragraph });
    for (const text of headerFooter) builder.block('paragraph', text, { paragraph: ++paragraph });
  }
  for (const note of notes) builder.note(note);
  if (images) builder.note({ id: 'images-not-read', message: `${images} image(s) not read: any text inside them is not audited` });
  const lost = unsupportedElements(result.messages);
  if (lost.length) builder.note({ id: 'content-not-read', message: `some content could not be read (unsupported: ${lost.join(', ')})` });
  const metadata = coreProperties(data);
  if (metadata) {
    doc.metadata = metadata;
    // Core titles are often stale template text, so the first heading wins when there is one.
    if (!doc.title && metadata.title) doc.title = metadata.title;
  }
  return doc;
}

/** Mammoth warns about elements it skips; drawings lose no text, anything else may. */
function unsupportedElements(messages: { message: string }[]): string[] {
  const names = new Set<string>();
  for (const { message } of messages) {
    const name = /^An unrecognised element was ignored: (\S+)/.exec(message)?.[1];
    if (name && !/^(v|o|w10|a|pic|wp|wps|wpg|wpc|w14|w15|mc):/.test(name)) names.add(name);
  }
  return [...names];
}
