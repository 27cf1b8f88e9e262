// Helpers every renderer shares, so ordering, grouping and RAG mean the same thing in every format.
import { isGap } from '../gate/gate.js';
import { LEVELS, type DocumentReport, type Level, type RequirementResult, type Status, type Summary } from '../types.js';
import { tally } from '../util/tally.js';

const LEVEL_RANK: Record<Level, number> = { must: 0, should: 1, advisory: 2 };
const STATUS_RANK: Record<Status, number> = { missing: 0, partial: 1, met: 2, 'not-applicable': 3 };

export const STATUS_LABEL: Record<Status, string> = {
  met: 'met',
  partial: 'partial',
  missing: 'missing',
  'not-applicable': 'not applicable',
};

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
  return requirements.filter(isGap).sort((a, b) => Number(Boolean(a.waived)) - Number(Boolean(b.waived)) || compareByStatusThenLevel(a, b));
}

/** The gaps, in action-plan order (must first). */
export function actionPlan(requirements: readonly RequirementResult[]): RequirementResult[] {
  return requirements.filter(isGap).sort(compareByLevelThenStatus);
}

/** Counts per level, in LEVELS order, skipping levels with no requirements. */
export function tallyByLevel(requirements: readonly RequirementResult[]): Array<{ level: Level; tally: Summary }> {
  return LEVELS.map((level) => ({ level, reqs: requirements.filter((r) => r.level === level) }))
    .filter((g) => g.reqs.length > 0)
    .map((g) => ({ level: g.level, tally: tally(g.reqs) }));
}

export type Rag = 'red' | 'amber' | 'green' | 'n/a';

/**
 * A comparable measure of how far a policy goes: must and should requirements only (advisory ones
 * vary by profile more than they matter), partial counting half, waived gaps left out.
 */
export interface Triage {
  /** 0–100, undefined when no must or should requirement applies. */
  score?: number;
  /** Open must gaps, and must requirements missing outright (what makes it red). */
  mustGaps: number;
  mustMissing: number;
  /** Open gaps at every level. */
  gaps: number;
}

export function triage(requirements: readonly RequirementResult[]): Triage {
  let applicable = 0;
  let credit = 0;
  const t: Triage = { mustGaps: 0, mustMissing: 0, gaps: 0 };
  for (const r of requirements) {
    if (r.status === 'not-applicable') continue;
    if (isOpenGap(r)) {
      t.gaps++;
      if (r.level === 'must') {
        t.mustGaps++;
        if (r.status === 'missing') t.mustMissing++;
      }
    }
    if (r.level === 'advisory' || (isGap(r) && r.waived)) continue;
    applicable++;
    credit += r.status === 'met' ? 1 : r.status === 'partial' ? 0.5 : 0;
  }
  if (applicable > 0) t.score = Math.round((100 * credit) / applicable);
  return t;
}

/** Below this score a policy is red; at or above GREEN_SCORE, with every must covered, green. */
export const RED_BELOW = 50;
export const GREEN_FROM = 80;

/**
 * Red when a must requirement is not covered at all, or less than half of what applies is covered
 * (score under 50); green when every must requirement is covered and the score is at least 80;
 * amber in between; n/a when nothing applies. Waived gaps are accepted, so they don't count.
 * Red therefore always has a visible reason: a must counted as missing, or a low score.
 */
export function rag(requirements: readonly RequirementResult[]): Rag {
  if (requirements.every((r) => r.status === 'not-applicable')) return 'n/a';
  const t = triage(requirements);
  if (t.mustMissing > 0 || (t.score !== undefined && t.score < RED_BELOW)) return 'red';
  return t.mustGaps === 0 && (t.score === undefined || t.score >= GREEN_FROM) ? 'green' : 'amber';
}

/** The visible reason for a RAG rating: "2 must requirements not covered", or in `short` form for a table cell. */
export function ragReason(requirements: readonly RequirementResult[], short = false): string {
  if (requirements.every((r) => r.status === 'not-applicable')) return 'nothing here applies';
  const t = triage(requirements);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const score = t.score === undefined ? '' : `score ${t.score}`;
  if (t.mustMissing > 0) return short ? `${t.mustMissing} must missing` : plural(t.mustMissing, 'must requirement not covered', 'must requirements not covered');
  if (t.score !== undefined && t.score < RED_BELOW) return short ? `${score} (under ${RED_BELOW})` : `${score}: under half of what applies is covered`;
  if (t.mustGaps > 0) return short ? `${t.mustGaps} must partial` : plural(t.mustGaps, 'must requirement partly covered', 'must requirements partly covered');
  if (t.score !== undefined && t.score < GREEN_FROM) return short ? `${score} (under ${GREEN_FROM})` : `${score}: every must covered, but under ${GREEN_FROM}`;
  return short ? 'all must met' : `every must requirement covered${score ? `, ${score}` : ''}`;
}

/** What each RAG rating means, in the words every report's key uses. */
export const RAG_RULES: ReadonlyArray<{ rag: Exclude<Rag, 'n/a'>; label: string; meaning: string }> = [
  { rag: 'red', label: 'Red', meaning: `a must requirement is not covered at all, or the score is under ${RED_BELOW} (less than half of what applies is covered).` },
  { rag: 'amber', label: 'Amber', meaning: `no must requirement is missing and the score is ${RED_BELOW} or more, but a must is only partly covered or the score is under ${GREEN_FROM}.` },
  { rag: 'green', label: 'Green', meaning: `every must requirement is covered and the score is ${GREEN_FROM} or more.` },
];
export const RAG_FOOTNOTE = 'Gaps accepted with a waiver do not count. The same rules rate a whole policy and each area of it, and every rating says why.';

/** What each requirement status means. */
export const STATUS_RULES: ReadonlyArray<{ status: Status; label: string; meaning: string }> = [
  { status: 'met', label: 'Met (covered)', meaning: 'the policy says what the requirement asks; the quoted passage shows where.' },
  { status: 'partial', label: 'Partial (partly covered)', meaning: 'the policy touches on it but leaves out part of what is needed; the report says which part.' },
  { status: 'missing', label: 'Missing (not covered)', meaning: 'nothing in the policy does what the requirement asks.' },
  { status: 'not-applicable', label: 'Not applicable', meaning: 'not checked for this kind of organisation (its profile).' },
];

/** What the levels mean. */
export const LEVEL_RULES: ReadonlyArray<{ level: Level; label: string; meaning: string }> = [
  { level: 'must', label: 'Must', meaning: 'required by law or statutory guidance.' },
  { level: 'should', label: 'Should', meaning: 'expected by national guidance for this kind of organisation.' },
  { level: 'advisory', label: 'Advisory', meaning: 'good practice worth adopting.' },
];

export const SCORE_RULE =
  'Score: the share of the must and should requirements that apply which the policy covers, a partly covered one counting half, from 0 to 100 (waived gaps left out). ' +
  'As a share, it compares policies checked against different profiles. Overviews list the lowest score first, and at equal scores the one with more must gaps.';

/** Terms the reports and the requirements use, in plain English. */
export const GLOSSARY: ReadonlyArray<{ term: string; meaning: string }> = [
  { term: 'Channel', meaning: 'the programme, part of Prevent, that supports people at risk of being drawn into terrorism; referrals go through the local authority.' },
  {
    term: 'DBS',
    meaning: 'Disclosure and Barring Service: runs criminal record checks and keeps the lists of people barred from work with children; employers must refer someone removed for harming a child.',
  },
  { term: 'DSL', meaning: 'Designated Safeguarding Lead: the named person who takes the lead on safeguarding and child protection in the organisation, with a deputy for when they are away.' },
  { term: 'Early help', meaning: "support for a child and family as soon as problems emerge, before they reach the threshold for children's social care." },
  { term: 'EYFS', meaning: 'Early Years Foundation Stage: the statutory framework for nurseries, pre-schools and childminders caring for children from birth to five.' },
  { term: 'KCSIE', meaning: 'Keeping Children Safe in Education: the statutory guidance schools and colleges in England must follow, updated each September.' },
  { term: 'LADO', meaning: 'Local Authority Designated Officer: the person at the council who must be told, within one working day, when someone working with children may have harmed a child.' },
  { term: 'MASH', meaning: "Multi-Agency Safeguarding Hub: the council's front door where concerns about a child are received and shared with police and health." },
  { term: 'Ofsted', meaning: "the inspectorate for schools, early years settings and children's social care in England." },
  { term: 'Position of trust', meaning: 'a role with power over a young person (coach, teacher, faith leader); sexual activity with a 16 or 17 year old in one is a crime.' },
  { term: 'Prevent', meaning: 'the duty on schools, councils and others to help stop people being drawn into terrorism (Counter-Terrorism and Security Act 2015).' },
  { term: 'Safeguarding partners', meaning: 'the council, police and health (integrated care board) who jointly lead child safeguarding in an area; they replaced the LSCB.' },
  { term: 'Section 11', meaning: 'section 11 of the Children Act 2004: the duty on councils, police, health and others to make sure their work safeguards and promotes the welfare of children.' },
  { term: 'Whistleblowing', meaning: 'raising a concern about poor or unsafe practice by the organisation or its staff, inside it or to an outside body such as the NSPCC helpline.' },
  { term: 'Working Together', meaning: 'Working Together to Safeguard Children (2023): the statutory guidance on how everyone working with children should cooperate to keep them safe.' },
];

/** Plain words for a document's status. */
export const DOC_STATUS_LABEL: Record<DocumentReport['status'], string> = {
  audited: 'assessed',
  'not-assessable': 'not assessable',
  unreadable: 'unreadable',
  error: 'error',
};

/** Why a document was not assessed, in one line. */
export function notAssessedReason(doc: DocumentReport): string {
  return oneLine(doc.notAssessable?.reason ?? doc.error ?? 'no reason given');
}

/**
 * How a person would name the document: the organisation the document names, else the file's
 * name without its folder or extension. The path is shown beside it where a file must be found.
 */
export function documentName(doc: DocumentReport): string {
  if (doc.organisation) return oneLine(doc.organisation);
  const base = doc.path.split(/[\\/]/).pop() || doc.path;
  return oneLine(base.replace(/\.(?:md|markdown|docx|pdf)$/i, '') || base);
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
  return (
    wellFormed(text)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
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
