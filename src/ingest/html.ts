import { Parser } from 'htmlparser2';

export interface HtmlBlock {
  kind: 'heading' | 'paragraph' | 'list-item' | 'table-cell';
  /** Heading level 1–6. */
  level?: number;
  text: string;
  /** Character offset of the element in the HTML, for line numbers. */
  offset: number;
}

const BLOCK_TAGS = new Set(['p', 'div', 'li', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'tr', 'dt', 'dd', 'pre', 'figcaption', 'caption']);
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head']);

/**
 * Reads HTML (a Markdown HTML block, front matter holding HTML) as text blocks: headings,
 * paragraphs, list items and table cells, in order. Markup is dropped, never interpreted.
 */
export function htmlToBlocks(html: string): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  let text = '';
  let start = 0;
  let kind: HtmlBlock['kind'] = 'paragraph';
  let level: number | undefined;
  let skipDepth = 0;
  const flush = () => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean) blocks.push({ kind, text: clean, offset: start, ...(kind === 'heading' && level ? { level } : {}) });
    text = '';
    kind = 'paragraph';
    level = undefined;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (SKIP_TAGS.has(name)) skipDepth++;
        if (skipDepth) return;
        if (name === 'br') text += ' ';
        if (!BLOCK_TAGS.has(name)) {
          if (name === 'img' && attributes.alt) text += ` ${attributes.alt} `;
          return;
        }
        flush();
        start = parser.startIndex;
        const heading = /^h([1-6])$/.exec(name);
        if (heading) {
          kind = 'heading';
          level = Number(heading[1]);
        } else if (name === 'li' || name === 'dd') kind = 'list-item';
        else if (name === 'td' || name === 'th') kind = 'table-cell';
      },
      ontext(data) {
        if (!skipDepth) {
          if (!text.trim()) start = parser.startIndex;
          text += data;
        }
      },
      onclosetag(name) {
        if (SKIP_TAGS.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (!skipDepth && BLOCK_TAGS.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}
