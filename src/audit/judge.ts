import { HEADING_CONCEPT, type CompiledRequirement } from '../catalogue/compile.js';
import type { MatchRule, Scope } from '../catalogue/model.js';
import type { Evidence, Status } from '../types.js';
import type { Matcher, Occurrence } from './matcher.js';
import { language } from '../nlp/language.js';
import { findPlaceholder } from './placeholders.js';
import type { TextIndex } from './text-index.js';

export interface Judgement {
  status: Exclude<Status, 'not-applicable'>;
  confidence: number;
  evidence: Evidence[];
  reason: string;
  nearest?: Evidence;
  /** Labels of what the policy lacks, for gaps. */
  lacking: string[];
}

/** How sure each kind of judgement is: requirements/language.yml, confidence. */
const CONFIDENCE = language().confidence;
const EVIDENCE_LIMIT = 3;
/** An enclosing section bigger than this share of the document is too broad to count as one topic. */
const BROAD_SECTION_SHARE = 0.4;

/** Judges one requirement against one document. */
export function judge(requirement: CompiledRequirement, matcher: Matcher): Judgement {
  const index = matcher.index;
  const hits = new Map<string, Occurrence[]>();
  for (const concept of requirement.concepts.values()) {
    const lists = concept.patterns.map((p) => matcher.find(p)).filter((list) => list.length);
    const merged = mergeBySentence(lists);
    hits.set(concept.name, concept.headingsOnly ? merged.filter((o) => index.sentences[o.sentence]?.block === -1) : merged);
  }
  const label = (name: string) => requirement.concepts.get(name)?.label ?? name;

  const committed = firstSatisfied(requirement.met, committedHits(hits, matcher), index);
  if (committed) {
    const { rule, found } = committed;
    // The evidence may still be a blank, and so may a contacts table's row for one of the rule's parts.
    const inRows = ruleConcepts(rule).flatMap((name) => (hits.get(name) ?? []).filter((o) => !o.negated && inTableRow(o, index)));
    const blank = blankIn(found, inRows, index);
    if (blank !== undefined) {
      return {
        status: 'partial',
        confidence: CONFIDENCE.met_with_blank,
        evidence: toEvidence(found, index),
        reason: `The policy states ${labelsOf(ruleConcepts(rule), label)}, but the passage still holds the template blank "${blank.slice(0, 40)}" where a real name, number or date belongs.`,
        lacking: ['the real name, number or date in place of the template blank'],
      };
    }
    return {
      status: 'met',
      confidence: rule.within === 'section' || rule.within === 'document' || rule.also ? CONFIDENCE.met_in_section : CONFIDENCE.met_in_sentence,
      evidence: toEvidence(found, index),
      reason: `The policy states ${labelsOf(ruleConcepts(rule), label)}.`,
      lacking: [],
    };
  }

  const hedged = firstSatisfied(requirement.met, hits, index);
  if (hedged) {
    const { rule, found } = hedged;
    const said = `The policy mentions ${labelsOf(ruleConcepts(rule), label)}`;
    if (!found.some((o) => matcher.isHedged(o.sentence)))
      return {
        status: 'partial',
        confidence: CONFIDENCE.hedged,
        evidence: toEvidence(found, index),
        reason: `${said}, but only by naming another document (as in a list of related policies), not by saying what is done.`,
        lacking: ['what is done, said in the policy, not only the name of another document'],
      };
    return {
      status: 'partial',
      confidence: CONFIDENCE.hedged,
      evidence: toEvidence(found, index),
      reason: `${said}, but as a recommendation or a possibility, not as what is done.`,
      lacking: ['a commitment (what is done, or must be), not a recommendation'],
    };
  }

  const gaps = bestMetRuleGaps(requirement.met, hits, label, index);
  const { lacking } = gaps;
  for (const rule of requirement.partial) {
    const found = satisfy(rule, hits, index);
    if (found) {
      return {
        status: 'partial',
        confidence: CONFIDENCE.partial,
        evidence: toEvidence(found, index),
        reason: partialReason(mentionedIn(rule, found, hits, label), gaps),
        lacking,
      };
    }
  }

  const headingHits = (hits.get(HEADING_CONCEPT) ?? []).filter((o) => !o.negated);
  if (headingHits.length) {
    return {
      status: 'partial',
      confidence: CONFIDENCE.heading_only,
      evidence: toEvidence(headingHits.slice(0, 1), index),
      reason: `The policy has a heading for this, but says little of substance under it: nothing on ${joinAnd(lacking) || 'what it requires'}.`,
      lacking,
    };
  }

  const nearestId = nearestSentence(hits, index);
  const nearest = nearestId === undefined ? undefined : toEvidence([{ sentence: nearestId, start: 0, end: 0, negated: false }], index)[0];
  // Say "denied" only when the passage shown is the denial; a stray "not" elsewhere is no such statement.
  const denied = [...hits.values()].flat().some((o) => o.negated && o.sentence === nearestId);
  const judgement: Judgement = {
    status: 'missing',
    confidence: nearest ? CONFIDENCE.missing_with_nearest : CONFIDENCE.missing,
    evidence: [],
    reason: denied
      ? 'The policy says this is not done or not yet written.'
      : `Nothing in the policy says ${joinAnd(gaps.sought.length ? gaps.sought : lacking)}${nearest ? '; the closest passage is shown for checking' : ''}.`,
    lacking: lacking.length ? lacking : ruleConcepts(requirement.met[0] ?? {}).map(label),
  };
  if (nearest) judgement.nearest = nearest;
  return judgement;
}

/** The first rule the hits satisfy, with the occurrences that satisfy it. */
function firstSatisfied(rules: MatchRule[], hits: Map<string, Occurrence[]>, index: TextIndex): { rule: MatchRule; found: Occurrence[] } | undefined {
  for (const rule of rules) {
    const found = satisfy(rule, hits, index, true);
    if (found) return { rule, found };
  }
  return undefined;
}

/**
 * The hits a "met" may rest on: a recommendation or a speculation is no commitment, and another
 * document's name in a list of related policies says nothing of what it holds.
 */
function committedHits(hits: Map<string, Occurrence[]>, matcher: Matcher): Map<string, Occurrence[]> {
  return new Map([...hits].map(([name, list]) => [name, list.filter((o) => !matcher.isHedged(o.sentence) && !matcher.isTitle(o.sentence))]));
}

/** The distinct labels of some concepts, joined for a sentence. */
function labelsOf(names: string[], label: (name: string) => string): string {
  return joinAnd([...new Set(names.filter((n) => n !== HEADING_CONCEPT).map(label))]);
}

/** The labels of a rule's concepts that the found passages actually hold. */
function mentionedIn(rule: MatchRule, found: Occurrence[], hits: Map<string, Occurrence[]>, label: (name: string) => string): string[] {
  const sentences = new Set(found.map((o) => o.sentence));
  const names = ruleConcepts(rule).filter((name) => name !== HEADING_CONCEPT && (hits.get(name) ?? []).some((o) => !o.negated && sentences.has(o.sentence)));
  return [...new Set(names.map(label))];
}

/** "The policy mentions A, but not B": never lists one part as both found and lacking. */
function partialReason(mentioned: string[], gaps: Gaps): string {
  const lacking = gaps.lacking.filter((l) => !mentioned.some((m) => l === m || l.startsWith(`${m}, in the same `)));
  const said = mentioned.length ? `The policy mentions ${joinAnd(mentioned)}` : 'The policy touches on this';
  if (gaps.apart && gaps.ownPart) return `${said}, but not ${joinAnd(gaps.sought)} said together, in one ${gaps.apart}.`;
  if (gaps.apart) {
    const elsewhere = gaps.sought.filter((l) => !mentioned.includes(l));
    return elsewhere.length
      ? `${said}, but ${joinAnd(elsewhere)} only in another part of the document, not in the same ${gaps.apart}.`
      : `${said}, but not all of ${joinAnd(gaps.sought)} in the same ${gaps.apart}.`;
  }
  return lacking.length ? `${said}, but not ${joinAnd(lacking)}.` : `${said}, but not in full.`;
}

function ruleConcepts(rule: MatchRule): string[] {
  return [rule, ...(rule.also ?? [])].flatMap((r) => [...(r.all ?? []), ...(r.any ?? [])]);
}

/**
 * One occurrence per sentence, in sentence order, from each phrase's own list (already in that
 * order, one a sentence): merged pairwise, so the work grows with the occurrences, not their square.
 * A sentence counts as evidence if any of its phrases is not negated; otherwise the earlier phrase's.
 */
function mergeBySentence(lists: Occurrence[][]): Occurrence[] {
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0]!;
  const middle = lists.length >> 1;
  const left = mergeBySentence(lists.slice(0, middle));
  const right = mergeBySentence(lists.slice(middle));
  const out: Occurrence[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const a = left[i]!;
    const b = right[j]!;
    if (a.sentence < b.sentence) {
      out.push(a);
      i++;
    } else if (a.sentence > b.sentence) {
      out.push(b);
      j++;
    } else {
      out.push(a.negated && !b.negated ? b : a);
      i++;
      j++;
    }
  }
  while (i < left.length) out.push(left[i++]!);
  while (j < right.length) out.push(right[j++]!);
  return out;
}

// Each requirement's hits, read by every one of its rules: sorted once, not once a rule.
const positivesByHits = new WeakMap<Map<string, Occurrence[]>, Map<string, Occurrence[]>>();

/** A concept's occurrences that are not denied: body text before headings, so a unit's evidence is what the text says where it says it. */
function positiveHits(hits: Map<string, Occurrence[]>, name: string, index: TextIndex): Occurrence[] {
  let positives = positivesByHits.get(hits);
  if (!positives) positivesByHits.set(hits, (positives = new Map()));
  let list = positives.get(name);
  if (!list) {
    const all = (hits.get(name) ?? []).filter((o) => !o.negated);
    list = [...all.filter((o) => !isHeading(o, index)), ...all.filter((o) => isHeading(o, index))];
    positives.set(name, list);
  }
  return list;
}

/** The occurrences that satisfy a rule within one unit of its scope, and each of its further parts in theirs, or undefined. */
function satisfy(rule: MatchRule, hits: Map<string, Occurrence[]>, index: TextIndex, substance = false): Occurrence[] | undefined {
  const found = satisfyUnit(rule, hits, index, substance);
  if (!found) return undefined;
  const parts = [found];
  for (const part of rule.also ?? []) {
    const more = satisfyUnit(part, hits, index, substance);
    if (!more) return undefined;
    parts.push(more);
  }
  return parts.flat();
}

function satisfyUnit(rule: MatchRule, hits: Map<string, Occurrence[]>, index: TextIndex, substance: boolean): Occurrence[] | undefined {
  const scope = rule.within ?? 'paragraph';
  const positive = (name: string): Occurrence[] => positiveHits(hits, name, index);
  // Units where an "unless" concept stands are closed to this rule.
  const closed = new Set((rule.unless ?? []).flatMap(positive).flatMap((o) => unitKeys(o.sentence, scope, index)));
  const open = (o: Occurrence) => !closed.size || !unitKeys(o.sentence, scope, index).some((k) => closed.has(k));
  if (rule.any?.length) {
    const candidates = rule.any
      .flatMap(positive)
      .filter(open)
      .sort((a, b) => a.sentence - b.sentence);
    const first = substance ? candidates.find((o) => !isHeading(o, index)) : candidates[0];
    if (!first) return undefined;
    if (!rule.all?.length) return [first];
  }
  const all = rule.all ?? [];
  if (!all.length) return undefined;
  // unit → for each concept, its first occurrence in that unit
  let units: Map<number, Occurrence[]> | undefined;
  for (const name of all) {
    const next = new Map<number, Occurrence[]>();
    for (const occurrence of positive(name)) {
      const keys = name === HEADING_CONCEPT && scope === 'sentence' ? underHeading(occurrence.sentence, index) : unitKeys(occurrence.sentence, scope, index);
      for (const key of keys) {
        if (closed.has(key) || (units && !units.has(key))) continue;
        if (next.has(key)) continue;
        next.set(key, [...(units?.get(key) ?? []), occurrence]);
      }
    }
    units = next;
    if (!units.size) return undefined;
  }
  if (rule.any?.length && units) {
    // "any" alongside "all": one of the any-concepts must share the unit too.
    // Each unit's first any-occurrence, found in one pass: linear however many units there are.
    const anyByUnit = new Map<number, Occurrence>();
    for (const o of rule.any.flatMap(positive).filter(open)) for (const key of unitKeys(o.sentence, scope, index)) if (!anyByUnit.has(key)) anyByUnit.set(key, o);
    for (const [key, found] of units) {
      const extra = anyByUnit.get(key);
      if (extra && !(substance && onlyHeadings([...found, extra], index))) return [...found, extra];
    }
    return undefined;
  }
  // A heading names a topic; the text under it has to say something for the rule to hold.
  for (const found of units?.values() ?? []) if (!(substance && onlyHeadings(found, index))) return found;
  return undefined;
}

function isHeading(o: Occurrence, index: TextIndex): boolean {
  return index.sentences[o.sentence]?.block === -1;
}

function inTableRow(o: Occurrence, index: TextIndex): boolean {
  return index.doc.blocks[index.sentences[o.sentence]?.block ?? -1]?.row !== undefined;
}

function onlyHeadings(found: Occurrence[], index: TextIndex): boolean {
  return found.every((o) => isHeading(o, index));
}

/**
 * A template blank in the blocks the evidence stands in, or beside a part of the rule in a table
 * row ("Designated Safeguarding Lead | tbc"): the other cells of the row, not the cell itself, so
 * a form's own blanks ("[Name of the child's parent]") are not read as the policy's.
 */
function blankIn(found: Occurrence[], inRows: Occurrence[], index: TextIndex): string | undefined {
  const blockOf = (o: Occurrence): number => index.sentences[o.sentence]?.block ?? -1;
  const blocks = new Set(found.map(blockOf));
  for (const o of [...found, ...inRows]) {
    const row = index.doc.blocks[blockOf(o)]?.row;
    if (row !== undefined) for (const cell of index.rowCells.get(row) ?? []) if (cell !== blockOf(o)) blocks.add(cell);
  }
  for (const block of blocks) {
    const text = block >= 0 ? index.doc.blocks[block]?.text : undefined;
    const blank = text === undefined ? undefined : findPlaceholder(text);
    if (blank !== undefined) return blank;
  }
  return undefined;
}

// A unit is a number: what it is (a sentence, a row, a list item with its lead-in, a block, a
// section, the document) in the low three bits and its index above them, so the sets and maps that
// pair concepts by unit hold no strings.
const SENTENCE = 0;
const ROW = 1;
const LEAD_IN = 2;
const BLOCK = 3;
const SECTION = 4;
const DOCUMENT = 5;
const unit = (kind: number, id: number): number => id * 8 + kind;

// A sentence's units depend only on the document: worked out once, for every rule of every requirement.
const unitsByIndex = new WeakMap<TextIndex, Map<Scope, number[][]>>();

/** The units of a scope that a sentence belongs to; a heading belongs to the text under it. */
function unitKeys(sentenceId: number, scope: Scope, index: TextIndex): number[] {
  let byScope = unitsByIndex.get(index);
  if (!byScope) unitsByIndex.set(index, (byScope = new Map()));
  let units = byScope.get(scope);
  if (!units) byScope.set(scope, (units = []));
  return (units[sentenceId] ??= unitsOf(sentenceId, scope, index));
}

function unitsOf(sentenceId: number, scope: Scope, index: TextIndex): number[] {
  const sentence = index.sentences[sentenceId];
  if (!sentence) return [];
  if (scope === 'sentence') {
    // A heading's own words are one sentence; as a requirement's topic it reaches further (underHeading).
    if (sentence.block < 0) return [unit(SENTENCE, sentenceId)];
    // A list item completes the sentence that introduces it: "checks before they start:" + "Enhanced DBS".
    const keys = [unit(SENTENCE, sentenceId)];
    // A table row is one statement: "Designated safeguarding lead | Jane Smith | 01632 …".
    const row = index.doc.blocks[sentence.block]?.row;
    if (row !== undefined) keys.push(unit(ROW, row));
    if (index.leadIn[sentence.block] !== undefined && index.blockSentences[sentence.block]?.[0] === sentenceId) keys.push(unit(LEAD_IN, sentence.block));
    const own = index.blockSentences[sentence.block] ?? [];
    if (own[own.length - 1] === sentenceId) for (const item of index.listItems[sentence.block] ?? []) keys.push(unit(LEAD_IN, item));
    return keys;
  }
  if (scope === 'paragraph') {
    if (sentence.block >= 0) {
      // An item and its lead-in share the unit of the item; two items of one list share none.
      const keys = [unit(BLOCK, sentence.block)];
      const row = index.doc.blocks[sentence.block]?.row;
      if (row !== undefined) keys.push(unit(ROW, row));
      if (index.leadIn[sentence.block] !== undefined) keys.push(unit(LEAD_IN, sentence.block));
      for (const item of index.listItems[sentence.block] ?? []) keys.push(unit(LEAD_IN, item));
      return keys;
    }
    const blocks = index.doc.sections[sentence.section]?.blocks ?? [];
    return blocks.map((b) => unit(BLOCK, b));
  }
  if (scope === 'document') return [unit(DOCUMENT, 0)];
  // A sentence's own section always counts; an enclosing one only while it is still one topic.
  const keys = [unit(SECTION, sentence.section)];
  // A heading speaks for the text under it, not for its neighbours under the same parent.
  if (sentence.block === -1) return keys;
  for (let s = index.doc.sections[sentence.section]?.parent; s !== undefined; s = index.doc.sections[s]?.parent) {
    if (isBroad(s, index)) break;
    keys.push(unit(SECTION, s));
  }
  return keys;
}

/** A section holding much of the document (a title over everything) is no longer one topic. */
function isBroad(section: number, index: TextIndex): boolean {
  return (index.familyBlocks[section] ?? 0) > index.doc.blocks.length * BROAD_SECTION_SHARE;
}

/**
 * A heading for this requirement is the topic of each sentence under it ("Training" + "Refreshed every
 * three years"): its own section always, its subsections while they are still one topic.
 */
function underHeading(headingSentence: number, index: TextIndex): number[] {
  const section = index.sentences[headingSentence]?.section ?? -1;
  const sections = isBroad(section, index) ? [section] : (index.sectionFamily[section] ?? []);
  return sections.flatMap((s) => (index.doc.sections[s]?.blocks ?? []).flatMap((b) => index.blockSentences[b] ?? [])).map((id) => unit(SENTENCE, id));
}

/**
 * What the closest met rule lacks: the concepts the document holds nowhere, or, when it holds
 * them all but apart, that they must be said together.
 */
function bestMetRuleGaps(rules: MatchRule[], hits: Map<string, Occurrence[]>, label: (name: string) => string, index: TextIndex): Gaps {
  let best: { rule: MatchRule; absent: string[] } | undefined;
  for (const rule of rules) {
    const absent = ruleConcepts(rule).filter((name) => !(hits.get(name) ?? []).some((o) => !o.negated));
    if (!best || absent.length < best.absent.length) best = { rule, absent };
  }
  if (!best) return { lacking: [], sought: [] };
  const together = [
    ...new Set(
      ruleConcepts(best.rule)
        .filter((name) => name !== HEADING_CONCEPT)
        .map(label),
    ),
  ];
  if (best.absent.length) {
    // A part present only away from the rest ("meets at regular intervals" about a mentor) is lacking too.
    const absent = best.absent;
    const astray = [best.rule, ...(best.rule.also ?? [])].flatMap((unit) => {
      const present = (unit.all ?? []).filter((name) => !absent.includes(name));
      const named = present.filter((name) => name !== HEADING_CONCEPT);
      if (named.length < 2 || satisfyUnit({ ...unit, all: present, any: undefined }, hits, index, true)) return [];
      return named.slice(1).map((name) => `${label(name)}, in the same ${unit.within ?? 'paragraph'}`);
    });
    return { lacking: [...new Set([...absent.map(label), ...astray])], sought: together };
  }
  if (together.length < 2) return { lacking: [], sought: together };
  // With further parts, name the one unit that does not hold, not the whole rule.
  const unit = [best.rule, ...(best.rule.also ?? [])].find((r) => !satisfyUnit(r, hits, index, true)) ?? best.rule;
  const parts = [...new Set([...(unit.all ?? []), ...(unit.any ?? [])].filter((name) => name !== HEADING_CONCEPT).map(label))];
  const scope = unit.within ?? 'paragraph';
  if (parts.length < 2) return { lacking: [`${joinAnd(parts)}, said of this topic`], sought: together };
  return {
    sought: parts,
    lacking: [`${joinAnd(parts)} said together, in one ${scope}`],
    apart: scope,
    ...(unit !== best.rule ? { ownPart: true } : {}),
  };
}

interface Gaps {
  lacking: string[];
  /** Every part the closest met rule asks for, in the catalogue's words. */
  sought: string[];
  /** Set (to the rule's scope) when every part is there but apart: a clearer reason than "lacks" what it also "mentions". */
  apart?: string;
  /** Set when what does not hold is one of the rule's further parts (also:), said apart from the rest. */
  ownPart?: boolean;
}

function joinAnd(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
}

/**
 * The passage most about this requirement: the body sentence where most of its concepts meet. A heading,
 * a bare number or address, or a sentence sharing one word is no passage about it: then there is none.
 */
function nearestSentence(hits: Map<string, Occurrence[]>, index: TextIndex): number | undefined {
  // Counted in an array kept for the document (each concept's list holds a sentence once), then
  // cleared where it was touched: no map of every sentence a concept names, requirement after requirement.
  const counts = conceptCounts(index);
  const touched: number[] = [];
  for (const [name, occurrences] of hits) {
    if (name === HEADING_CONCEPT) continue;
    for (const o of occurrences) {
      const n = counts[o.sentence] ?? 0;
      counts[o.sentence] = n + 1;
      if (n === 0) touched.push(o.sentence);
    }
  }
  let bestId: number | undefined;
  for (const id of touched) {
    const n = counts[id] ?? 0;
    if (n < NEAREST_MIN_CONCEPTS || !isPassage(index.sentences[id]?.text ?? '') || index.sentences[id]?.block === -1) continue;
    if (bestId === undefined || n > (counts[bestId] ?? 0)) bestId = id;
  }
  for (const id of touched) counts[id] = 0;
  return bestId;
}

const countsByIndex = new WeakMap<TextIndex, Uint16Array>();
function conceptCounts(index: TextIndex): Uint16Array {
  let counts = countsByIndex.get(index);
  if (!counts) countsByIndex.set(index, (counts = new Uint16Array(index.sentences.length)));
  return counts;
}

const NEAREST_MIN_CONCEPTS = 2;

/** A sentence with words to read, not a heading-like label or a bare phone number or address. */
function isPassage(text: string): boolean {
  const words = text.replace(/\S+@\S+|[+\d][\d\s()-]{5,}/g, ' ').match(/\p{L}{2,}/gu) ?? [];
  return words.length >= 6;
}

function toEvidence(occurrences: Occurrence[], index: TextIndex): Evidence[] {
  const ids = [...new Set(occurrences.map((o) => o.sentence))].sort((a, b) => a - b).slice(0, EVIDENCE_LIMIT);
  return ids.map((id) => {
    const sentence = index.sentences[id]!;
    const block = sentence.block >= 0 ? index.doc.blocks[sentence.block] : undefined;
    const location = block ? { ...block.location } : { ...(index.doc.sections[sentence.section]?.location ?? {}) };
    return { text: sentence.text, location };
  });
}
