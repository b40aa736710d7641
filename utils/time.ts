// Item times from platform ids and relative-age labels, shared by every site adapter.
// Ids exceed 2^53, so they are decoded with BigInt only (a Number would silently round them).

/** X ("Snowflake") ids count milliseconds from this epoch, 2010-11-04T01:42:54.657Z. */
const X_EPOCH_MS = 1288834974657n;
/** The largest time a JS Date can hold (±8.64e15 ms). */
const MAX_DATE_MS = 8_640_000_000_000_000n;
/** 64-bit ids have at most 20 digits; the cap keeps a hostile megabyte of digits away from BigInt. */
const ID_DIGITS = /^\d{1,20}$/;

function dateFromMs(ms: bigint): Date | null {
  if (ms > MAX_DATE_MS) return null;
  const d = new Date(Number(ms));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The creation time encoded in an X status id (exact to the millisecond), or null for a non-id. */
export function xIdToDate(id: string): Date | null {
  if (!ID_DIGITS.test(id)) return null;
  return dateFromMs((BigInt(id) >> 22n) + X_EPOCH_MS);
}

/** The creation time encoded in a LinkedIn activity, ugcPost, comment or reply id (Unix epoch), or null. */
export function linkedinIdToDate(id: string): Date | null {
  if (!ID_DIGITS.test(id)) return null;
  return dateFromMs(BigInt(id) >> 22n);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** Sites floor a label to the unit, so a calendar-free month/year is as exact as the label itself. */
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

// Order matters: `mo` must be tried before `m`, or "1mo" would read as one minute if the unit
// patterns are ever loosened. Each pattern is anchored at both ends so that foreign units
// (Spanish "3 sem", "1 mes") match nothing instead of a prefix (seconds, minutes).
const UNITS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:mo|mos|mth|mths|months?)$/, MONTH],
  [/^(?:m|mins?|minutes?)$/, MINUTE],
  [/^(?:s|secs?|seconds?)$/, SECOND],
  [/^(?:h|hrs?|hours?)$/, HOUR],
  [/^(?:d|days?)$/, DAY],
  [/^(?:w|wks?|weeks?)$/, WEEK],
  [/^(?:y|yrs?|years?)$/, YEAR],
];

/** "3h", "2 d", "1mo", "2 hours ago", "a day ago": a count (digits, or a/an before a word unit) and a unit. */
const AGE_LABEL = /^(?:(\d{1,4})\s*|(an?)\s+)([a-z]+)(?:\s+ago)?$/;
const NOW_LABEL = /^(?:just\s+)?now$/;
/** Labels are short; anything longer is not one, and is not worth running regexes over. */
const MAX_LABEL = 40;

/**
 * The age in milliseconds that a relative label states ("3h" → 10 800 000, "Just now" → 0),
 * or null when the form is unknown (other locales included): callers then fall back, they do not guess.
 */
export function parseRelativeAge(label: string): number | null {
  if (label.length > MAX_LABEL) return null;
  const s = label.trim().toLowerCase().replace(/\s+/g, ' ');
  if (NOW_LABEL.test(s)) return 0;
  const m = AGE_LABEL.exec(s);
  if (!m) return null;
  const [, digits, article, unit = ''] = m;
  // "a h" is no site's label: the article form only comes with a spelled-out unit ("a day ago").
  if (article !== undefined && unit.length < 3) return null;
  const count = digits !== undefined ? Number(digits) : 1;
  for (const [pattern, ms] of UNITS) {
    if (pattern.test(unit)) return count * ms;
  }
  return null;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A page's machine time (`time[datetime]`) as ISO-8601 UTC, or null when it is not a strict, sane one. */
export function machineTime(el: Element | null | undefined): string | null {
  const attr = el?.getAttribute('datetime')?.trim() ?? '';
  if (!ISO_DATETIME.test(attr)) return null;
  const d = new Date(attr);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() > 9999 ? null : d.toISOString();
}

/** `now` minus the age a relative label states ("3h", "2 days ago"), or null when it states none. */
export function approxTime(label: string, now: Date): string | null {
  const age = parseRelativeAge(label);
  if (age === null) return null;
  const d = new Date(now.getTime() - age);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
