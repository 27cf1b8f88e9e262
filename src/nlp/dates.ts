/** Month names as messages abbreviate them ("15 Dec 2023"). */
export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());
/** A season or term names a span; the review is due by its end. */
const SEASON_END_MONTH: Record<string, number> = { spring: 4, summer: 7, autumn: 10, fall: 10, winter: 1 };

/** Each month's name in a pattern, whole or abbreviated ("Sep", "Sept", "September"). */
const MONTH_WORDS = ['jan(?:uary)?', 'feb(?:ruary)?', 'mar(?:ch)?', 'apr(?:il)?', 'may', 'june?', 'july?', 'aug(?:ust)?', 'sept?(?:ember)?', 'oct(?:ober)?', 'nov(?:ember)?', 'dec(?:ember)?'];
/**
 * Any month's name, for every pattern that reads one (dates here, guidance titles followed by a
 * month and year in src/audit/prepared.ts): copies of it had drifted apart ("Sep" read by one only).
 */
export const MONTH = MONTH_WORDS.join('|');

/** One month's name in a pattern (1–12). */
export function monthPattern(month: number): string {
  return MONTH_WORDS[month - 1]!;
}

/**
 * Dates in the forms policies use: "3 March 2026", "Spring term 2026", "01/09/2025" (British
 * order), "2026-03-03" and "July 10, 2026". One pattern for reading dates and for the `@date`
 * detector, so the two cannot drift apart.
 */
export const DATE_PATTERN = new RegExp(
  [
    `\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+)?(${MONTH}|spring|summer|autumn|fall|winter)\\.?,?\\s+(?:term\\s+)?(\\d{4})\\b`,
    '\\b(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})\\b',
    '\\b(\\d{4})-(\\d{2})-(\\d{2})\\b',
    `\\b(${MONTH})\\.?,?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`,
  ].join('|'),
  'gi',
);

export interface FoundDate {
  text: string;
  index: number;
  /** The last day the text can mean (a month → its last day), as UTC midnight. */
  latest: Date;
}

/** Dates in the forms policies use; day/month order is British (01/09/2025 is 1 September). */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(DATE_PATTERN)) {
    const latest = toLatest(m);
    if (latest) found.push({ text: m[0], index: m.index ?? 0, latest });
  }
  return found;
}

function toLatest(m: RegExpMatchArray): Date | undefined {
  if (m[2] && m[3]) {
    const year = Number(m[3]);
    const name = m[2].toLowerCase();
    const seasonMonth = SEASON_END_MONTH[name];
    const month = seasonMonth ?? MONTHS.indexOf(name.slice(0, 3));
    if (month < 0) return undefined;
    const wraps = name === 'winter' ? 1 : 0;
    return m[1] && seasonMonth === undefined ? utc(year, month, Number(m[1])) : endOfMonth(year + wraps, month);
  }
  if (m[4] && m[5] && m[6]) {
    const year = m[6].length === 2 ? 2000 + Number(m[6]) : Number(m[6]);
    return utc(year, Number(m[5]) - 1, Number(m[4]));
  }
  if (m[7] && m[8] && m[9]) return utc(Number(m[7]), Number(m[8]) - 1, Number(m[9]));
  if (m[10] && m[11] && m[12]) return utc(Number(m[12]), MONTHS.indexOf(m[10].toLowerCase().slice(0, 3)), Number(m[11]));
  return undefined;
}

function utc(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month, day));
  return date.getUTCMonth() === month && day >= 1 && year > 1980 && year < 2200 ? date : undefined;
}

function endOfMonth(year: number, month: number): Date {
  return new Date(Date.UTC(year, month + 1, 0));
}

/** "15 Dec 2023", or "Dec 2023" when only the month is known (month 1–12). */
export function dayLabel(year: number, month: number, day?: number): string {
  return `${day ? `${day} ` : ''}${MONTH_NAMES[month - 1]} ${year}`;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function parseIsoDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? utc(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
}
