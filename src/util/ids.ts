import { ConfigError, printable } from './errors.js';

/** Levenshtein distance, capped: enough to suggest the id a typo meant. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** The known id closest to a misspelt one, if close enough to be what was meant. */
export function closestId(id: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const wanted = id.toLowerCase().slice(0, 100);
  for (const candidate of known) {
    const d = editDistance(wanted, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // A third of the id's length, at least 2 edits: "whistleblowin" → "whistleblowing", not any id at all.
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : undefined;
}

/**
 * Every requirement id a gate, waiver or directive names must exist: a typo would otherwise
 * switch the check off without a word. Throws a usage error naming the first unknown id.
 */
export function checkRequirementIds(ids: Iterable<string>, known: ReadonlySet<string>, where: string): void {
  for (const id of ids) {
    if (known.has(id)) continue;
    const near = closestId(id, known);
    throw new ConfigError(`${where}: unknown requirement id "${printableId(id)}"${near ? ` (did you mean "${near}"?)` : ''}; sg-audit catalogue list shows them all`);
  }
}

function printableId(id: string): string {
  return printable(id).slice(0, 100);
}
