// Template blanks: a policy that still holds "[insert name]" or "Email: tbc" has not said who or how.
const PLACEHOLDERS = [
  /\[(?:insert|enter|add|name|date|organisation|organization|club|setting|school|charity|group|contact|phone|telephone|email|address|your|x+)\b[^\]\n]{0,80}\]/i,
  // A bracketed description of what belongs there: "[LADO phone number]", "[date approved]".
  /\[[^\]\n]{0,40}\b(?:name|date|number|phone|telephone|e-?mail|address|contact details)\b[^\]\n]{0,40}\]/i,
  /<(?:insert|enter|name|date|organisation|organization|club|setting|school|contact|phone|email)\b[^>\n]{0,60}>/i,
  /\[(?:to be|tbc|tba|tbd|todo|update|complete|fill)\b[^\]\n]{0,60}\]/i,
  /(?::|–|-)\s*(?:tbc|tba|tbd)\b|\b(?:tbc|tba|tbd)\s*$|\(\s*(?:tbc|tba|tbd)\s*\)|^\s*(?:tbc|tba|tbd)\b/i,
  /\b[Xx]{4,}\b/,
  /\.{8,}(?!\s*\d)|_{8,}/,
];

/** The first template blank in the text, or undefined. */
export function findPlaceholder(text: string): string | undefined {
  for (const re of PLACEHOLDERS) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return undefined;
}
