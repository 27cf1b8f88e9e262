import type { Token } from '../nlp/normalise.js';

// Words that, just before a phrase, deny it: "we do not have a whistleblowing procedure".
const NEGATORS = new Set(['not', 'no', 'never', 'neither', 'nor', 'none', 'cannot']);
/**
 * Words after a negator that end its reach: "no individual WHO is unsuitable…" denies the
 * individual, not what follows; "does not PREVENT sharing" is a double negative, i.e. positive.
 */
const SCOPE_BREAKERS = new Set(['who', 'which', 'that', 'whose', 'whom', 'if', 'unless', 'whether', 'until', 'prevent', 'prevents', 'stop', 'stops', 'barrier', 'hinder', 'obstruct', 'preclude', 'delay', 'only']);
/** "Must not use phones" is a rule about the thing, not a denial of it. */
const PROHIBITING_MODALS = new Set(['must', 'should', 'shall', 'may', 'mustn\'t', 'shouldn\'t']);
const NEGATION_WINDOW = 4;
const COMPARATIVES = new Set(['less', 'more', 'later', 'fewer', 'sooner', 'earlier', 'greater']);
/** "Not all volunteers are checked" denies, even at the start of a sentence. */
const QUANTIFIERS = new Set(['all', 'every', 'everyone', 'always', 'yet', 'currently']);

/**
 * Sentences that describe something not yet done or not done at all are not evidence:
 * "This section will be completed…", "No whistleblowing procedure is in place".
 */
const HOLLOW = [
  /\b(?:will|is to|are to|shall) be (?:completed|added|written|drafted|developed|inserted|finalised|finalized)\b(?! (?:by|within|at|every|each|when|if|for|and))/i,
  /\b(?:to be|yet to be) (?:completed|added|confirmed|agreed|decided|determined|drafted|developed|written|appointed|arranged)\b/i,
  /\b(?:this|the) (?:page|section|policy|document) will (?:set out|describe|explain|include|cover|outline)\b/i,
  /\b(?:tbc|tba|coming soon|under development|being developed|in development|work in progress)\b/i,
  /\b(?:is|are) not (?:yet |currently )?(?:in place|available|provided|offered|carried out|undertaken|required|needed|necessary)\b/i,
  /\b(?:do|does|did) not (?:currently |yet )?(?:have|hold|keep|operate|run|carry out|require|provide|offer|undertake)\b/i,
  /\bno (?:\w+ ){0,3}(?:is|are) (?:currently )?(?:in place|available|held|kept|provided|required)\b/i,
  /\bnot applicable\b/i,
];

/**
 * Wording that recommends or speculates rather than commits: "it is a great benefit if workers
 * undertake training", "staff are encouraged to…". Evidence for "partial", never for "met".
 */
const HEDGED = /\b(?:it is (?:of )?(?:a |of )?(?:great |real )?(?:benefit|advantage|helpful|advisable|desirable) (?:if|to|for|that)|it is recommended that|(?:should|could|may|might) (?:also )?consider|may wish to|might wish to|(?:could|may|might) lead to)\b/i;

export function isHedged(sentence: string): boolean {
  return HEDGED.test(sentence);
}

/** "…if the DSL is not available": a condition the sentence plans for, not a denial. */
const CONDITIONAL_BEFORE = /\b(?:if|when|whenever|where|unless|in case|in the event that|should)\b[^,;:.]*$/i;

export function isHollow(sentence: string): boolean {
  return HOLLOW.some((re) => {
    const m = re.exec(sentence);
    return m !== null && !CONDITIONAL_BEFORE.test(sentence.slice(0, m.index));
  });
}

/** True when a negating word stands within a few words before the phrase at tokens[start]. */
export function isNegatedAt(tokens: Token[], start: number): boolean {
  for (let i = Math.max(0, start - NEGATION_WINDOW); i < start; i++) {
    const word = tokens[i]?.word ?? '';
    const prohibition =
      PROHIBITING_MODALS.has(tokens[i - 1]?.word ?? '') ||
      PROHIBITING_MODALS.has(word) ||
      // Imperatives are rules too: "Do not ask leading questions", "Never be alone with a child".
      (i === 0 && (word === 'never' || word === "don't")) ||
      (i === 1 && word === 'not' && tokens[0]?.word === 'do') ||
      // A list item under "Staff must:" that opens with "Not…" is a rule: "Not take photographs".
      (i === 0 && word === 'not' && !QUANTIFIERS.has(tokens[1]?.word ?? ''));
    // "no less than once a year", "no later than": a limit, not a denial.
    if (COMPARATIVES.has(tokens[i + 1]?.word ?? '')) continue;
    if (!(NEGATORS.has(word) || word.endsWith("n't")) || prohibition) continue;
    let broken = false;
    for (let j = i + 1; j < start; j++) if (SCOPE_BREAKERS.has(tokens[j]?.word ?? '')) broken = true;
    if (!broken && !SCOPE_BREAKERS.has(tokens[i + 1]?.word ?? '')) return true;
  }
  return false;
}
