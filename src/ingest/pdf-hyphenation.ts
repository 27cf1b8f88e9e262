/** First halves of hyphenated compounds ("child-on-child", "well-being"): their line-end hyphen is kept. */
const HYPHEN_PREFIXES = new Set('child on self non co well low long short up follow one two three multi cross pre post anti re e peer so ex part full high under over third'.split(' '));
/** Second halves that make a compound ("decision-making", "school-based"). */
const HYPHEN_SUFFIXES = new Set('making based related led wide specific term being aware informed focused centred centered level party free friendly'.split(' '));

/**
 * Joins the lines of one block. A line ending "lowercase letter + hyphen" before a lowercase word
 * is a word broken across the line ("safe-" + "guarding" → "safeguarding"), unless the first part is
 * a common compound prefix, the second a common compound suffix, or the next word has its own
 * hyphen ("child-" + "on-child"): then the hyphen is real and stays. A hyphen before a capital or a
 * digit ("Covid-" + "19") always stays. Linear in the block: only the last word so far is looked
 * at (a 500-page paragraph once took a minute, re-reading the whole text at every line).
 */
export function joinLines(lines: readonly string[]): string {
  const out: string[] = [];
  let lastWord = '';
  for (const line of lines) {
    let joint: 'space' | 'kept' | 'dropped' = 'space';
    if (out.length) joint = hyphenJoint(lastWord, line);
    if (out.length && joint === 'space') out.push(' ');
    if (joint === 'dropped') out[out.length - 1] = out[out.length - 1]!.slice(0, -1);
    out.push(line);
    const space = line.lastIndexOf(' ');
    if (space >= 0) lastWord = line.slice(space + 1);
    else if (joint === 'space') lastWord = line;
    else lastWord = (joint === 'dropped' ? lastWord.slice(0, -1) : lastWord) + line;
    // A word has no business being longer; a crafted run of space-less lines stays linear.
    if (lastWord.length > 256) lastWord = lastWord.slice(-256);
  }
  return out.join('');
}

/** How a line joins the text before it, whose last word is `last`. */
function hyphenJoint(last: string, b: string): 'space' | 'kept' | 'dropped' {
  const m = /(\S*?)(\p{L}+)-$/u.exec(last);
  if (!m) return 'space';
  const next = /^\S+/.exec(b)?.[0] ?? '';
  const nextWord = next.toLowerCase().replace(/[^\p{L}-]/gu, '');
  const address = /[@/]|\.\w/.test(m[1]! + next); // an e-mail address or URL: its hyphens are real
  const broken = !address && /\p{Ll}$/u.test(m[2]!) && /^\p{Ll}/u.test(b) && !HYPHEN_PREFIXES.has(m[2]!.toLowerCase()) && !HYPHEN_SUFFIXES.has(nextWord) && !nextWord.includes('-');
  return broken ? 'dropped' : 'kept';
}
