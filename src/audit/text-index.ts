import { splitSentences, tokenise, type Token } from '../nlp/normalise.js';
import { sectionNumber } from '../nlp/numbering.js';
import type { PolicyDocument } from '../types.js';

export interface IndexedSentence {
  id: number;
  text: string;
  tokens: Token[];
  /** Block index, or -1 for a heading's own text. */
  block: number;
  section: number;
}

/**
 * A document tokenised once, for every requirement's rules to query: sentences with their
 * tokens, and for each stem the sentences that hold it.
 */
export interface TextIndex {
  doc: PolicyDocument;
  sentences: IndexedSentence[];
  /** Sentence ids of each block. */
  blockSentences: number[][];
  /** The heading's own sentence id for each section (undefined for the untitled one). */
  headingSentence: (number | undefined)[];
  /**
   * For a list item, the block introducing its list ("Staff must:"); for that block, its items.
   * Each item reads as one paragraph with its lead-in, but not with its sibling items. A table's
   * cells have the paragraph introducing the table as their lead-in in the same way.
   */
  leadIn: (number | undefined)[];
  listItems: number[][];
  /** Sections that lie inside each section (itself included), for section-wide scopes. */
  sectionFamily: number[][];
  /** Blocks in each section with the sections inside it: how much of the document it covers. */
  familyBlocks: number[];
  /** Table row number → the blocks of its cells. */
  rowCells: Map<number, number[]>;
  /** stem → ids of sentences containing it, ascending. */
  postings: Map<string, number[]>;
  /** word → ids of sentences containing it (for prefix patterns like "whistleblow*"). */
  words: Map<string, number[]>;
  wordCount: number;
}

export function indexDocument(doc: PolicyDocument): TextIndex {
  const sentences: IndexedSentence[] = [];
  const postings = new Map<string, number[]>();
  const words = new Map<string, number[]>();
  let wordCount = 0;
  const add = (text: string, block: number, section: number): number => {
    const id = sentences.length;
    const tokens = tokenise(text);
    wordCount += tokens.length;
    sentences.push({ id, text, tokens, block, section });
    for (const token of tokens) {
      push(postings, token.stem, id);
      push(words, token.word, id);
    }
    return id;
  };

  const headingSentence = doc.sections.map((section, index) => (section.heading ? add(section.heading, -1, index) : undefined));
  const blockSentences = doc.blocks.map((block, blockIndex) => splitSentences(block.text).map((span) => add(span.text, blockIndex, block.section)));

  const sectionFamily = doc.sections.map((_, index) => [index]);
  doc.sections.forEach((section, index) => {
    for (let parent = section.parent; parent !== undefined; parent = doc.sections[parent]?.parent) {
      sectionFamily[parent]?.push(index);
    }
  });

  const familyBlocks = sectionFamily.map((family) => family.reduce((n, s) => n + (doc.sections[s]?.blocks.length ?? 0), 0));
  const leadIn = leadIns(doc);
  const listItems = doc.blocks.map((): number[] => []);
  leadIn.forEach((lead, item) => {
    if (lead !== undefined) listItems[lead]?.push(item);
  });
  const rowCells = new Map<number, number[]>();
  doc.blocks.forEach((block, i) => {
    if (block.row !== undefined) push(rowCells, block.row, i);
  });
  return { doc, sentences, blockSentences, headingSentence, leadIn, listItems, sectionFamily, familyBlocks, rowCells, postings, words, wordCount };
}

const LONG_ITEM = 150;
/** A sentence that introduces what follows: "Below is a table of the people who lead on safeguarding." */
const INTRODUCES = /:\s*$|\b(?:below|following|table)\b/i;

/**
 * A list's items belong with the paragraph (or item) just before them when it ends in a colon; a
 * table's cells with the paragraph just before the table when it introduces it ("the table below").
 */
function leadIns(doc: PolicyDocument): (number | undefined)[] {
  let current: number | undefined;
  let caption: number | undefined;
  // Numbered clauses that introduce the ones below them: "3.2 Prohibited activities." for "3.2.1 …".
  const clauses = new Map<string, number>();
  return doc.blocks.map((block, i) => {
    const before = doc.blocks[i - 1];
    if (block.kind === 'table-cell') {
      if (before?.kind !== 'table-cell') caption = before && before.section === block.section && INTRODUCES.test(before.text) ? i - 1 : undefined;
      current = undefined;
      return caption;
    }
    const number = sectionNumber(block.text);
    if (number !== undefined && (/:\s*$/.test(block.text) || block.text.split(' ').length <= SHORT_CLAUSE)) clauses.set(number, i);
    const parent = number?.includes('.') ? clauses.get(number.slice(0, number.lastIndexOf('.'))) : undefined;
    if (parent !== undefined && doc.blocks[parent]?.section === block.section) {
      current = undefined;
      return parent;
    }
    const lead = current !== undefined && doc.blocks[current]?.section === block.section ? current : undefined;
    if (/:\s*$/.test(block.text)) {
      current = i;
    } else if (block.kind !== 'list-item' || (doc.blocks[current ?? -1]?.kind === 'list-item' && block.text.length > LONG_ITEM)) {
      // A paragraph ends the list; after an item that was itself a lead-in, a long item is a new point.
      current = undefined;
    }
    return block.kind === 'list-item' ? lead : undefined;
  });
}

const SHORT_CLAUSE = 12;

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}
