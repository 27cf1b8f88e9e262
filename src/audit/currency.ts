import type { Finding, Location } from '../types.js';
import { dayLabel, findDates, isoDate } from '../nlp/dates.js';
import { language } from '../nlp/language.js';
import type { Matcher } from './matcher.js';
import { findStandInContact } from '../nlp/reserved.js';
import { findPlaceholder } from './placeholders.js';
import type { PreparedCatalogue } from './prepared.js';
import type { TextIndex } from './text-index.js';

const DAY_MS = 86_400_000;
const APPROVAL_MAX_AGE_DAYS = 366;

// Review-date and historical cues: requirements/language.yml (review_due, review_approved, historical).
const { reviewDue: NEXT_REVIEW, reviewApproved: APPROVED, historical: HISTORICAL } = language();

/** A policy has this long after a new edition of guidance starts to catch up before citing the old one is reported. */
export const DEFAULT_GRACE_MONTHS = 6;

/** Findings on the policy's currency: replaced terms and editions, overdue reviews, unfilled template blanks. */
export function currencyFindings(index: TextIndex, matcher: Matcher, prepared: PreparedCatalogue, asOf: Date, graceMonths = DEFAULT_GRACE_MONTHS): Finding[] {
  return [
    ...outdatedTerms(index, matcher, prepared),
    ...supersededEditions(index, prepared, asOf, graceMonths),
    ...outdatedEditions(index, prepared, asOf),
    ...reviewDates(index, asOf),
    ...placeholders(index),
  ];
}

function locationOf(index: TextIndex, sentenceId: number): Location {
  const sentence = index.sentences[sentenceId];
  if (!sentence) return {};
  const block = index.doc.blocks[sentence.block];
  return { ...(block ? block.location : (index.doc.sections[sentence.section]?.location ?? {})) };
}

function outdatedTerms(index: TextIndex, matcher: Matcher, prepared: PreparedCatalogue): Finding[] {
  const findings: Finding[] = [];
  for (const term of prepared.outdated) {
    const occurrences = term.patterns.flatMap((p) => matcher.find(p).map((o) => ({ o, source: p.source }))).filter(({ o }) => !HISTORICAL.test(index.sentences[o.sentence]?.text ?? ''));
    const first = occurrences.sort((a, b) => a.o.sentence - b.o.sentence)[0];
    if (!first) continue;
    const more = new Set(occurrences.map((x) => x.o.sentence)).size - 1;
    findings.push({
      id: 'outdated-term',
      severity: 'warning',
      message: `"${first.source}" is out of date: now ${term.current} (since ${term.since}; ${term.source})${more > 0 ? `; ${more} more place${more > 1 ? 's' : ''}` : ''}`,
      location: locationOf(index, first.o.sentence),
    });
  }
  return findings;
}

/**
 * The out-of-date editions a policy cites, each quoted once in year order, with the first place and the
 * number of places; a sentence that names an edition to say it was replaced can be passed over.
 */
function citedEditions(index: TextIndex, pattern: RegExp, isOutdated: (year: number) => boolean, skipHistorical: boolean): CitedEditions | undefined {
  const cited = new Map<number, string>();
  let first: number | undefined;
  let places = 0;
  for (const sentence of index.sentences) {
    if (skipHistorical && HISTORICAL.test(sentence.text)) continue;
    for (const m of sentence.text.matchAll(pattern)) {
      const year = Number(m[1]);
      if (!isOutdated(year)) continue;
      places++;
      first ??= sentence.id;
      if (!cited.has(year)) cited.set(year, m[0].replace(/\s*[,([]\s*/, ' '));
    }
  }
  if (first === undefined) return undefined;
  const quoted = [...cited].sort((a, b) => a[0] - b[0]).map(([, text]) => `"${text}"`);
  return { quoted, first, places };
}

interface CitedEditions {
  quoted: string[];
  /** The sentence of the first citation. */
  first: number;
  places: number;
}

/** One finding per guidance title: a policy citing three old editions has one thing to fix. */
function editionFinding(index: TextIndex, { quoted, first, places }: CitedEditions, current: string): Finding {
  return {
    id: 'outdated-term',
    severity: 'warning',
    message: `${quoted.join(', ')} ${quoted.length > 1 ? 'are' : 'is'} out of date: ${current}${places > 1 ? `; cited in ${places} places` : ''}`,
    location: locationOf(index, first),
  };
}

/**
 * Annual guidance: the edition before the one in force is tolerated (a policy reviewed once a
 * year lags by up to one edition); anything older is out of date on the audit date.
 */
function outdatedEditions(index: TextIndex, prepared: PreparedCatalogue, asOf: Date): Finding[] {
  const findings: Finding[] = [];
  for (const edition of prepared.editions) {
    const startsThisYear = Date.UTC(asOf.getUTCFullYear(), edition.month - 1, edition.day);
    const inForce = asOf.getTime() >= startsThisYear ? asOf.getUTCFullYear() : asOf.getUTCFullYear() - 1;
    const cited = citedEditions(index, edition.pattern, (year) => year < inForce - 1, false);
    if (cited)
      findings.push(
        editionFinding(index, cited, `the edition in force on ${isoDate(asOf)} is ${edition.shortName} ${inForce} (since ${dayLabel(inForce, edition.month, edition.day)}; ${edition.source})`),
      );
  }
  return findings;
}

/**
 * Guidance with occasional editions (Working Together, EYFS): a cited edition is out of date once a
 * later edition has applied for longer than the grace period; the finding names the newest edition
 * that applies on the audit date.
 */
function supersededEditions(index: TextIndex, prepared: PreparedCatalogue, asOf: Date, graceMonths: number): Finding[] {
  const findings: Finding[] = [];
  for (const guidance of prepared.guidance) {
    const started = guidance.editions.filter((e) => e.from.getTime() <= asOf.getTime());
    const current = started[started.length - 1];
    if (!current) continue;
    // Replaced, and the grace period since the replacing edition started is over.
    const outdated = (year: number) => started.some((e) => e.year > year && addMonths(e.from, graceMonths).getTime() <= asOf.getTime());
    const cited = citedEditions(index, guidance.pattern, outdated, true);
    if (cited) findings.push(editionFinding(index, cited, `now ${guidance.name} ${current.year} (since ${current.since}; ${current.source})`));
  }
  return findings;
}

function addMonths(date: Date, months: number): Date {
  const whole = Math.trunc(months);
  const moved = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + whole, date.getUTCDate()));
  // A fractional grace (0.5 months) counts in days.
  return new Date(moved.getTime() + Math.round((months - whole) * 30) * DAY_MS);
}

/**
 * A stated next-review date decides; without one, the newest approval or review date must be
 * within 12 months of the audit date.
 */
function reviewDates(index: TextIndex, asOf: Date): Finding[] {
  type Dated = { sentence: number; text: string; latest: Date };
  let nextReview: Dated | undefined;
  let approval: Dated | undefined;
  for (const sentence of index.sentences) {
    const dates = findDates(sentence.text);
    if (!dates.length) continue;
    const cue = NEXT_REVIEW.exec(sentence.text);
    if (cue) {
      const due = dates.find((d) => d.index > cue.index) ?? dates[dates.length - 1]!;
      if (!nextReview || due.latest > nextReview.latest) nextReview = { sentence: sentence.id, text: due.text, latest: due.latest };
    } else if (APPROVED.test(sentence.text)) {
      const newest = dates.reduce((a, b) => (a.latest > b.latest ? a : b));
      if (!approval || newest.latest > approval.latest) approval = { sentence: sentence.id, text: newest.text, latest: newest.latest };
    }
  }
  if (nextReview) {
    if (nextReview.latest >= asOf) return [];
    return [
      {
        id: 'review-overdue',
        severity: 'warning',
        message: `review was due by ${isoDate(nextReview.latest)} ("${nextReview.text}"), before the audit date ${isoDate(asOf)}`,
        data: { due: isoDate(nextReview.latest) },
        location: locationOf(index, nextReview.sentence),
      },
    ];
  }
  if (approval && (asOf.getTime() - approval.latest.getTime()) / DAY_MS > APPROVAL_MAX_AGE_DAYS) {
    return [
      {
        id: 'review-overdue',
        severity: 'warning',
        message: `approved or last reviewed ${approval.text}, more than 12 months before the audit date ${isoDate(asOf)}`,
        data: { approved: approval.text },
        location: locationOf(index, approval.sentence),
      },
    ];
  }
  return [];
}

function placeholders(index: TextIndex): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of index.sentences) {
    const blank = findPlaceholder(sentence.text);
    const standIn = blank === undefined ? findStandInContact(sentence.text) : undefined;
    if (blank === undefined && standIn === undefined) continue;
    findings.push({
      id: 'template-placeholder',
      severity: 'warning',
      message:
        standIn !== undefined
          ? `"${standIn.slice(0, 60)}" is a stand-in reserved for examples and drama, not a real contact: put the real number or address`
          : `unfilled template blank "${blank!.slice(0, 60)}"`,
      location: locationOf(index, sentence.id),
    });
    if (findings.length >= 20) break;
  }
  return findings;
}
