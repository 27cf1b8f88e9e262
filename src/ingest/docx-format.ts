import mammoth from 'mammoth';

/**
 * Style names our document transform gives paragraphs whose formatting mammoth's HTML would
 * drop, mapped to classes the HTML walk reads (mammoth's documented styleName + style map route).
 */
const TOC_STYLE_NAME = 'sg-audit contents';
const FORMAT_STYLE_NAME = 'sg-audit formatted';
export const TOC_CLASS = 'sg-toc';
export const FORMAT_CLASS = 'sg-format';

export const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  ...[1, 2, 3, 4, 5, 6].map((n) => `p[style-name='Heading${n}'] => h${n}:fresh`),
  `p[style-name='${TOC_STYLE_NAME}'] => p.${TOC_CLASS}:fresh`,
  `p[style-name='${FORMAT_STYLE_NAME}'] => p.${FORMAT_CLASS}:fresh`,
];

const HEADING_STYLE = /^(heading\s*[1-6]|title)$/i;
/** Table-of-contents entries and the "TOC Heading"/"Contents" title: they repeat the headings. */
const TOC_STYLE = /^(toc\b|contents\b|table of contents)/i;

// mammoth documents transforms.paragraph in its README but its type definitions omit it.
const transforms = (
  mammoth as unknown as {
    transforms: { paragraph(fn: (p: MammothNode) => MammothNode): (document: MammothNode) => MammothNode };
  }
).transforms;

interface MammothNode {
  type: string;
  children?: MammothNode[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { level: string | number } | null;
  isBold?: boolean;
  isAllCaps?: boolean;
  fontSize?: number | null;
}

/**
 * Paragraphs that mammoth's own style maps turn into headings or list items: renaming their
 * style would change that, and the walk ignores formatting on them anyway.
 */
function mappedByMammoth(paragraph: MammothNode): boolean {
  const level = paragraph.numbering ? Number(paragraph.numbering.level) : NaN;
  return level < 5 || /^Heading[1-6]?$/.test(paragraph.styleId ?? '') || /^(title|heading( ?[1-6])?)$/i.test(paragraph.styleName ?? '');
}

/**
 * Finds each paragraph whose text is all bold, all in a larger font than the body, or all in
 * Word's caps formatting (T = table of contents, Lnn = large, nn in half-points, B = bold,
 * C = caps). Paragraph styles alone miss these, and they are how untidy policies show headings.
 * Returns a transformDocument that renames those paragraphs' styles (mapped to classes by
 * STYLE_MAP) and the formatting codes of the FORMAT_CLASS paragraphs, in document order.
 */
export function formattingTransform(): { transform: (document: MammothNode) => MammothNode; codes: string[] } {
  const codes: string[] = [];
  const renamed = new Map<MammothNode, string>();
  const transform = (document: MammothNode): MammothNode => {
    const paragraphs: MammothNode[] = [];
    collect(document, 'paragraph', paragraphs);
    const body = bodyFontSize(paragraphs);
    for (const paragraph of paragraphs) {
      let code = '';
      if (TOC_STYLE.test(paragraph.styleName ?? '')) code = 'T';
      else if (!HEADING_STYLE.test(paragraph.styleName ?? '')) {
        const runs = textRuns(paragraph);
        if (!runs.length) continue;
        const sizes = runs.map((run) => run.fontSize ?? 0);
        const smallest = Math.min(...sizes);
        if (smallest >= (body ?? 12) + 2) code += `L${Math.round(smallest * 2)}`;
        else if (runs.every((run) => run.isBold || run.styleName === 'Strong')) code += 'B';
        if (runs.every((run) => run.isAllCaps)) code += 'C';
      }
      if (!code || mappedByMammoth(paragraph)) continue;
      if (code === 'T') renamed.set(paragraph, TOC_STYLE_NAME);
      else {
        renamed.set(paragraph, FORMAT_STYLE_NAME);
        codes.push(code); // collect() is pre-order, the order the paragraphs appear in the HTML
      }
    }
    return transforms.paragraph((paragraph) => {
      const styleName = renamed.get(paragraph);
      return styleName ? { ...paragraph, styleName } : paragraph;
    })(document);
  };
  return { transform, codes };
}

/** The font size (points) carrying the most text; undefined when runs inherit their size. */
function bodyFontSize(paragraphs: MammothNode[]): number | undefined {
  const chars = new Map<number, number>();
  for (const run of paragraphs.flatMap(textRuns)) {
    const size = run.fontSize ?? 0;
    chars.set(size, (chars.get(size) ?? 0) + runText(run).length);
  }
  const [size] = [...chars].sort((a, b) => b[1] - a[1])[0] ?? [0];
  return size || undefined;
}

function collect(node: MammothNode, type: string, out: MammothNode[]): void {
  if (node.type === type) out.push(node);
  for (const child of node.children ?? []) collect(child, type, out);
}

/** Runs of a paragraph holding visible text (including runs inside hyperlinks). */
function textRuns(paragraph: MammothNode): MammothNode[] {
  const runs: MammothNode[] = [];
  const visit = (node: MammothNode): void => {
    for (const child of node.children ?? []) {
      if (child.type === 'paragraph') continue; // text-box paragraphs are marked on their own
      if (child.type === 'run') {
        if (runText(child).trim()) runs.push(child);
      } else visit(child);
    }
  };
  visit(paragraph);
  return runs;
}

function runText(run: MammothNode): string {
  return (run.children ?? []).map((c) => (c.type === 'text' ? (c.value ?? '') : '')).join('');
}
