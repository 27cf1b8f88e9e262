import type { PolicyDocument } from '../types.js';

/**
 * The organisation's name as the document gives it, so reports name "Norwich Rugby Football
 * Club" rather than "docs/17-norwich-rfc.md". Looked for in the title, the document properties
 * and the first headings and lines ("X Safeguarding Policy", "Policy for X"), then in the first
 * sentences ("X is committed to…"). A title-like candidate counts only when it looks like an
 * organisation (ends in Club, School, Church…) or the text names it again; undefined when
 * nothing does, and reports then show the file name.
 */
export function organisationName(doc: PolicyDocument): string | undefined {
  const blocks = doc.blocks.slice(0, 40).map((b) => b.text.replace(/\s+/g, ' ').trim());
  const titles = [
    doc.metadata?.title,
    doc.title,
    ...doc.sections
      .filter((s) => s.heading)
      .slice(0, 4)
      .map((s) => s.heading),
    ...blocks.slice(0, 4).filter((t) => t.length <= 100),
  ].filter((t): t is string => Boolean(t) && !FILE_LIKE.test(t!));
  for (const title of titles) {
    for (const part of title.split(SEPARATOR)) {
      const name = stripPolicyWords(part);
      if (!name || !looksLikeName(name) || ROLE_OR_HEADING.test(name)) continue;
      if (ORG_WORD.test(name) || mentionedElsewhere(name, part, blocks)) return tidy(name);
    }
  }
  for (const text of blocks.slice(0, 15)) {
    for (const pattern of [LABELLED, SUBJECT, POLICY_OF, LEADING_ORG]) {
      const m = pattern.exec(text);
      const name = m?.[1] && stripPolicyWords(m[1]);
      if (!name || !looksLikeName(name) || GENERIC_SUBJECT.test(name) || ROLE_OR_HEADING.test(name) || STATUTE.test(name)) continue;
      if (name.includes(' ') || ORG_WORD.test(name)) return tidy(name);
    }
  }
  return undefined;
}

/** "Microsoft Word - x.docx", "request.pdf", front-matter keys: properties that are not titles. */
const FILE_LIKE = /^microsoft\b|\.(?:docx?|pdf|odt|md|html?)\b|^\w+:\s|_template/i;
const SEPARATOR = /\s+[-–—|]\s+|:\s+/;
/** Words that say what the document is, not whose it is. */
const POLICY_PHRASE =
  /^(?:(?:the|our|a|an|\d+(?:\.\d+)*\.?|(?:19|20)\d\d(?:[-–/]\d{2,4})?|safeguarding|safeguard|child|children(?:'s|’s)?|young|people|person|vulnerable|adults?|at|risk|protection|protecting|of|the|and|&|policy|policies|statement|procedures?|code|conduct|handbook|volunteer|guidance|document|welfare|minors|model|events?|for|by|on|details|information|contacts?)\b[\s,.&]*)+/i;

function stripPolicyWords(text: string): string {
  let name = text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  name = name.replace(POLICY_PHRASE, '');
  // Trailing policy words: reverse the words, strip, reverse back.
  const reversed = name.split(' ').reverse().join(' ');
  name = reversed.replace(POLICY_PHRASE, '').split(' ').reverse().join(' ');
  return name.replace(/^[\s,.:;'"“”‘’-]+|[\s,.:;'"“”‘’-]+$/g, '').trim();
}

/** Two to eight words, each capitalised or a small joining word, and some letters. */
function looksLikeName(name: string): boolean {
  const words = name.split(' ');
  if (name.length < 3 || name.length > 80 || words.length > 8) return false;
  return words.every((w) => /^[A-Z0-9][\w'’.&-]*$/u.test(w) || /^(?:of|and|for|the|de|in|on|&)$/.test(w)) && /[A-Za-z]{2}/.test(name);
}

const ORG_WORD =
  /\b(?:club|f\.?c|r\.?f\.?c|y\.?f\.?c|school|college|academy|nursery|pre-?school|playgroup|church|chapel|parish|diocese|mosque|temple|synagogue|society|foundation|trust|charity|association|group|centre|center|choir|band|brass|orchestra|education|services|ltd|limited|cic|scio|homes?|council|camp|project|hacks|robotics|club|league|federation|university|institute|ministries|scouts|guides|theatre)\b/i;

/** Section headings and roles, which the text repeats but which are not the organisation. */
const ROLE_OR_HEADING =
  /\b(?:key|purpose|principles?|training|section|contents|introduction|scope|monitoring|representative|designated|lead|leads|officer|team|committee|board|trustees|staff|manager|co-?ordinator|definitions?|appendix|responsibilities|roles?|forward|foreword|framework|duty|safety|history|change|control|commitment|points|there|this|it|we|our|what|how|why|when|who|if)\b/i;
/** Guidance and bodies a policy cites, which would otherwise pass for its own name. */
const STATUTE = /\b(?:keeping children safe|working together|department for|local authority|children act|ofsted|nspcc|police)\b/i;

/** The name appears in the text outside the line it was taken from. */
function mentionedElsewhere(name: string, source: string, blocks: readonly string[]): boolean {
  if (!name.includes(' ')) return false;
  const needle = name.toLowerCase();
  return blocks.some((b) => b !== source && !b.includes(source) && b.toLowerCase().includes(needle));
}

const NAME = "((?:[A-Z][\\w'’.&-]*)(?: (?:[A-Z][\\w'’.&-]*|of|and|for|the|&))*)";
/** "Name of place of worship/organisation: LIBERTY CHURCH" */
const LABELLED = /^name of [^:]*organi[sz]ation[^:]*:\s*(.+)$/i;
/** "Hartcliffe Coderz values…", "At StudyNest Education, we…", "The X (\"X\") is committed…" */
const SUBJECT = new RegExp(`^(?:At )?${NAME}(?: \\([^)]*\\))?,? (?:is|are|has|will|we|[a-z]+s)\\b`);
/** A line that starts with an organisation's name: "St Leonard's College, its Principal…", "The goals of Prewired SCIO…". */
const LEADING_ORG = new RegExp(
  "^(?:The [a-z]+ of )?((?:[A-Z][\\w'’.&-]*)(?: (?:[A-Z][\\w'’.&-]*|of|and|for|the|&))* (?:Club|School|College|Academy|Nursery|Church|Society|Foundation|Trust|Charity|Association|Centre|Choir|Ltd|Limited|CIC|SCIO|Homes))\\b",
);
/** "This document describes the policy of Silver Line Homes (SLH)-Purley on…" */
const POLICY_OF = new RegExp(`\\bpolicy (?:of|for) ${NAME}`);
/** Subjects that are not names: "The Organisation is…", "This policy…". */
const GENERIC_SUBJECT =
  /^(?:the |this |our |all |it |we |each )?(?:organi[sz]ation|policy|club|school|charity|church|setting|group|company|document|staff|volunteers?|everyone|safeguarding|this|it|we|our|all)$/i;

/** One line, and ALL-CAPS names in title case, keeping short acronyms such as FC or Y.F.C. */
function tidy(name: string): string {
  const flat = name.replace(/\.\s/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat !== flat.toUpperCase()) return flat;
  return flat
    .split(' ')
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (i > 0 && /^(?:of|and|for|the|de|in|on)$/.test(lower)) return lower;
      if (/^(?:[A-Z]\.)+[A-Z]?\.?$/.test(w) || (w.length <= 3 && !/^(?:THE|AND|FOR|ST|MT|OUR|NEW|OLD|BAY)$/.test(w))) return w;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(' ');
}
