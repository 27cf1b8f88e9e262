// Helpers every renderer shares, so ordering, grouping and RAG mean the same thing in every format.
import { LEVELS, type DocumentReport, type Level, type RequirementResult, type Status } from '../types.js';

const LEVEL_RANK: Record<Level, number> = { must: 0, should: 1, advisory: 2 };
const STATUS_RANK: Record<Status, number> = { missing: 0, partial: 1, met: 2, 'not-applicable': 3 };

export const STATUS_LABEL: Record<Status, string> = {
  met: 'met',
  partial: 'partial',
  missing: 'missing',
  'not-applicable': 'not applicable',
};

/** A requirement the policy does not fully meet (waived or not). */
export function isGap(r: RequirementResult): boolean {
  return r.status === 'partial' || r.status === 'missing';
}

/** A gap nobody has accepted: the ones that fail CI and colour the RAG. */
export function isOpenGap(r: RequirementResult): boolean {
  return isGap(r) && !r.waived;
}

/** Missing before partial, then must → should → advisory; catalogue order otherwise (stable sort). */
function compareByStatusThenLevel(a: RequirementResult, b: RequirementResult): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || LEVEL_RANK[a.level] - LEVEL_RANK[b.level];
}

/** must → should → advisory, then missing before partial: the order of an action plan. */
function compareByLevelThenStatus(a: RequirementResult, b: RequirementResult): number {
  return LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || STATUS_RANK[a.status] - STATUS_RANK[b.status];
}

/** The gaps in the order the text report lists them; waived ones last, since they need no action now. */
export function gapsFirst(requirements: readonly RequirementResult[]): RequirementResult[] {
  return requirements
    .filter(isGap)
    .sort((a, b) => Number(Boolean(a.waived)) - Number(Boolean(b.waived)) || compareByStatusThenLevel(a, b));
}

/** The gaps, in action-plan order (must first). */
export function actionPlan(requirements: readonly RequirementResult[]): RequirementResult[] {
  return requirements.filter(isGap).sort(compareByLevelThenStatus);
}

export interface Tally {
  met: number;
  partial: number;
  missing: number;
  notApplicable: number;
}

export function tally(requirements: readonly RequirementResult[]): Tally {
  const t: Tally = { met: 0, partial: 0, missing: 0, notApplicable: 0 };
  for (const r of requirements) {
    if (r.status === 'not-applicable') t.notApplicable++;
    else t[r.status]++;
  }
  return t;
}

/** Counts per level, in LEVELS order, skipping levels with no requirements. */
export function tallyByLevel(requirements: readonly RequirementResult[]): Array<{ level: Level; tally: Tally }> {
  return LEVELS.map((level) => ({ level, reqs: requirements.filter((r) => r.level === level) }))
    .filter((g) => g.reqs.length > 0)
    .map((g) => ({ level: g.level, tally: tally(g.reqs) }));
}

export type Rag = 'red' | 'amber' | 'green' | 'n/a';

/** N/a when nothing applies; red if any open must gap, amber if any open gap, green otherwise. Waived gaps are accepted, so they don't count. */
export function rag(requirements: readonly RequirementResult[]): Rag {
  if (requirements.every((r) => r.status === 'not-applicable')) return 'n/a';
  const open = requirements.filter(isOpenGap);
  if (open.some((r) => r.level === 'must')) return 'red';
  return open.length > 0 ? 'amber' : 'green';
}


export interface AreaGroup {
  area: string;
  requirements: RequirementResult[];
}

/**
 * Groups by `area` where set, else by level, in first-seen order, so a catalogue without
 * areas still gets a must / should / advisory breakdown.
 */
export function groupByArea(requirements: readonly RequirementResult[]): AreaGroup[] {
  const groups = new Map<string, RequirementResult[]>();
  for (const r of requirements) {
    const key = r.area?.trim() || `Other ${r.level} requirements`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups].map(([area, reqs]) => ({ area, requirements: reqs }));
}

/** Half of a UTF-16 surrogate pair with no partner: unencodable in UTF-8 and illegal in XML. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces lone surrogates with U+FFFD so the string can be encoded (String#toWellFormed is ES2024). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Document text on one line with control characters removed: quotes must not carry terminal
 * escapes, stray NULs or line breaks into any report.
 */
export function oneLine(text: string): string {
  return wellFormed(text)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** oneLine, then cut to about `max` characters at a word boundary, ending with "…". */
export function excerpt(text: string, max = 200): string {
  const flat = oneLine(text);
  if (flat.length <= max) return flat;
  // Don't split a surrogate pair: half an emoji is an illegal character in XML.
  const cut = flat.slice(0, /[\uD800-\uDBFF]/.test(flat.charAt(max - 1)) ? max - 1 : max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Advice followed by the model wording, for formats that carry them as one block of text. */
export function adviceWithWording(r: RequirementResult): string {
  return r.modelWording ? `${r.advice}\nModel wording: "${oneLine(r.modelWording)}"` : r.advice;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes & < > " ' for HTML and XML text and attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]!);
}

/**
 * Report text as inert inline Markdown: one line (so it is also safe in a table cell), HTML
 * neutralised as entities, and every character that starts emphasis, links, code, tables,
 * strikethrough or maths backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[&<>]/g, (ch) => HTML_ENTITIES[ch]!)
    .replace(/[\\`*_{}[\]()#!|~$]/g, '\\$&');
}

/** The format as reports show it, saying when the text was read by OCR: "pdf (text read by OCR)". */
export function formatLabel(doc: DocumentReport): string {
  if (!doc.format) return '';
  if (doc.textSource === 'ocr') return `${doc.format} (text read by OCR)`;
  if (doc.textSource === 'mixed') return `${doc.format} (some pages read by OCR)`;
  return doc.format;
}
