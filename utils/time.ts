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

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SEPARATOR =
  /^(?:(today|yesterday|(?:sun|mon|tue|wed|thu|fri|sat)[a-z]{0,6})|([a-z]{3})[a-z]{0,6}\.? (\d{1,2})(?:, (\d{4}))?)?,?(?: at)? ?(\d{1,2}):(\d{2}) ?(?:([ap])\.?m\.?)?$/;

/**
 * A message-list separator ("Today 9:14 AM", "Yesterday 4:12 PM", "Thu 6:14 PM", "Jul 1, 2026, 9:14 AM", "9:14 AM"), read in the
 * browser's local time as the page renders it; else a relative age. Unknown forms (other locales) are null.
 */
export function separatorTime(label: string, now: Date): string | null {
  const rel = approxTime(label, now);
  if (rel) return rel;
  const m = SEPARATOR.exec(label.trim().toLowerCase().replace(/\s+/g, ' '));
  if (!m) return null;
  const [, day, month, date, year, hh, mm, ampm] = m;
  let h = Number(hh);
  const min = Number(mm);
  if (h > 23 || min > 59 || (ampm && (h < 1 || h > 12))) return null;
  if (ampm) h = (h % 12) + (ampm === 'p' ? 12 : 0);
  const d = new Date(now.getTime());
  if (month) {
    const mi = MONTHS.indexOf(month);
    if (mi < 0) return null;
    d.setFullYear(year ? Number(year) : d.getFullYear(), mi, Number(date));
    if (!year && d.getTime() > now.getTime()) d.setFullYear(d.getFullYear() - 1);
  } else if (day === 'yesterday') {
    d.setDate(d.getDate() - 1);
  } else if (day && day !== 'today') {
    const wi = WEEKDAYS.indexOf(day.slice(0, 3));
    d.setDate(d.getDate() - ((d.getDay() - wi + 7) % 7 || 7));
  }
  d.setHours(h, min, 0, 0);
  return d.getTime() <= now.getTime() && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

/**
 * A message's clock time under its thread's day heading ("9:14 AM" under "Yesterday", "Monday",
 * "Jul 29"), read like a separator. A bare or "Today" clock later than now (allowing a minute of
 * clock skew between the page and this machine) is from yesterday: a late-night message read after
 * midnight. Other forms later than now are not a time.
 */
export function threadClockTime(clock: string, heading: string, now: Date): string | null {
  const day = heading.trim();
  const label = `${day} ${clock.trim()}`.trim();
  const exact = separatorTime(label, now);
  if (exact || (day && day.toLowerCase() !== 'today')) return exact;
  return separatorTime(label, new Date(now.getTime() + 60_000)) ?? separatorTime(`yesterday ${clock.trim()}`, now);
}
