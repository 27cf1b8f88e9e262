import type { BlockKind } from '../types.js';
import { numberingLevel } from './builder.js';
import type { Metrics } from './pdf-metrics.js';

export interface Candidate {
  text: string;
  page: number;
  size: number;
  bold: boolean;
  kind: BlockKind | 'heading';
  lines: number;
  bulleted: boolean;
  toc: boolean;
  /** A line shares its baseline with other text: a table row, or a label beside its value. */
  row: boolean;
}

/** "Reviewed: May 2024" is a label with its value, "Section 3: Training" a heading. */
const LABEL = /^(?!(?:section|part|appendix|annex|chapter|schedule|step|stage)\b)[^:]{2,40}:\s+\S/i;

/**
 * A heading is a short block, not a sentence, set larger than the body, or all bold, or in
 * capitals, or numbered like a section ("5. Whistleblowing", "5.2 The LADO"). Numbered items
 * next to others of their style and depth ("1. ...", "2. ...") are a list, not headings.
 */
export function isHeading(c: Candidate, m: Metrics, prev?: Candidate, next?: Candidate): boolean {
  if (c.bulleted || c.toc || c.row || c.lines > 3 || c.size < m.size * 0.92) return false; // small labels are not headings
  const text = c.text;
  if (c.kind === 'list-item' && !/^\d{1,2}[.)]\s/.test(text)) return false; // (a) and i) items
  if (!/\p{L}.*\p{L}/u.test(text) || /^[\p{Ll}),.;:]/u.test(text) || /^[^(]*\)/.test(text)) return false;
  const depth = numberingLevel(text);
  const words = text.split(' ').length;
  // Sentences and lead-ins ("We will:") are not headings, though numbered ones may end "1. INTRODUCTION:" or "5.3. Publication."
  if (/[.,;:!]$/.test(text) && !(depth !== undefined && (text.endsWith(':') || (text.endsWith('.') && titleCase(text))))) return false;
  if (c.size >= m.size * 1.12) return words <= 20;
  if (words > 12 || (depth === undefined && LABEL.test(text))) return false;
  const sibling = (o?: Candidate): boolean => !!o && o.kind !== 'heading' && numberingLevel(o.text) === 1 && o.bold === c.bold && Math.abs(o.size - c.size) <= 0.6;
  if (depth === 1 && (sibling(prev) || sibling(next))) return false;
  if (c.bold) return true;
  const capitals = !/\p{Ll}/u.test(text) && (text.match(/\p{Lu}/gu)?.length ?? 0) >= 4;
  return c.lines === 1 && (capitals || (depth !== undefined && words <= 10));
}

/** Short, with every longer word capitalised: "Basic Rules", not "Staff must report". */
function titleCase(text: string): boolean {
  const words = text.split(' ').slice(1);
  return words.length <= 6 && words.every((w) => w.length <= 3 || /^\P{Ll}/u.test(w));
}

type Style = Pick<Candidate, 'size' | 'bold'>;
const sameStyle = (a: Style, b: Style): boolean => a.bold === b.bold && Math.abs(a.size - b.size) <= 0.6;

/** Three or more headings in a row in one style, with nothing between, are labels (a diagram, a list of names). */
export function demoteLabelRuns(candidates: Candidate[]): void {
  for (let i = 0; i < candidates.length;) {
    let j = i;
    while (candidates[j]?.kind === 'heading' && sameStyle(candidates[j]!, candidates[i]!)) j++;
    if (j - i >= 3) for (let k = i; k < j; k++) candidates[k]!.kind = 'paragraph';
    i = Math.max(j, i + 1);
  }
}

/**
 * Heading levels. The main heading style — the largest that recurs (3+ headings over 2+ pages,
 * or 2+ in a short document) — is level 1. Larger styles (titles, cover text, diagram labels)
 * are level 1 too, so stray large text never takes the sections after it as its children.
 * Smaller styles rank below it by size, bold before plain. Section numbering adds depth within
 * a style ("5" → that style's level, "5.2" → one deeper). With no recurring style, all rank by size.
 */
export function headingLevels(headings: Candidate[], pageCount: number): Map<Candidate, number> {
  const styles: (Style & { count: number; pages: Set<number>; minDepth: number })[] = [];
  const styleOf = (h: Candidate) => styles.find((s) => sameStyle(h, s));
  for (const h of headings) {
    const depth = numberingLevel(h.text) ?? Infinity;
    let style = styleOf(h);
    if (!style) styles.push((style = { size: h.size, bold: h.bold, count: 0, pages: new Set(), minDepth: depth }));
    style.count++;
    style.pages.add(h.page);
    style.minDepth = Math.min(style.minDepth, depth);
  }
  styles.sort((a, b) => b.size - a.size || Number(b.bold) - Number(a.bold));
  const main = styles.findIndex((s) => (pageCount > 2 ? s.count >= 3 && s.pages.size >= 2 : s.count >= 2));
  const levels = new Map<Candidate, number>();
  for (const h of headings) {
    const style = styleOf(h)!;
    const rank = styles.indexOf(style);
    const depth = numberingLevel(h.text);
    const extra = depth !== undefined && Number.isFinite(style.minDepth) ? depth - style.minDepth : 0;
    levels.set(h, Math.min((main < 0 ? rank + 1 : Math.max(1, rank - main + 1)) + extra, 6));
  }
  return levels;
}
