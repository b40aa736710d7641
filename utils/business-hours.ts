// Business-time arithmetic for SLA clocks: deadlines that advance only while a calendar is open.
// Local days are walked in the calendar's own time zone with Intl alone (no date library), so
// daylight-saving days are exactly 23 or 25 hours long and a gap or repeated hour is never guessed at.

import type { BusinessHours, BusinessInterval } from '@/utils/schema';
import { WEEKDAY_NAMES, WEEKDAYS, type Weekday } from '@/utils/schema-core';

const MIN = 60_000;
const DAY = 1440 * MIN;
/** A deadline search gives up after this much time without a single open minute. */
const HORIZON = 3 * 366 * DAY;
/** addBusinessMinutes asks for open time a slice at a time, so a one-hour deadline never walks a year. */
const WINDOW = 14 * DAY;

// Constructing a DateTimeFormat costs far more than formatting with one.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    const n = 'numeric';
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: n, month: n, day: n, hour: n, minute: n, second: n });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's UTC offset in ms at an instant (local wall time minus UTC). */
function offsetAt(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(ms)) p[type] = Number(value);
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The local day (days since 1970-01-01 on the zone's calendar) that contains an instant. */
const localDay = (ms: number, tz: string) => Math.floor((ms + offsetAt(ms, tz)) / DAY);

/**
 * The instant of a local wall time, `minutes` after midnight of local day `day` (1440 = next midnight).
 * An ambiguous time (fall-back) is the earlier instant; a time inside a spring-forward gap is the
 * first instant after the gap, so an interval that opens in the gap opens when the clocks resume.
 */
function localToInstant(day: number, minutes: number, tz: string): number {
  const wall = day * DAY + minutes * MIN;
  // Offsets a day either side bracket any transition near `wall` (zones change at most twice a year).
  const before = offsetAt(wall - DAY, tz);
  const after = offsetAt(wall + DAY, tz);
  if (before === after) return wall - before;
  const valid = [wall - before, wall - after].filter((t) => offsetAt(t, tz) === wall - t);
  if (valid.length) return Math.min(...valid);
  // In the gap: the transition lies in (wall - after, wall - before]; find it to the second.
  let lo = wall - after;
  let hi = wall - before;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (offsetAt(mid, tz) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** A calendar's week with every day present; null for a record without a week (open around the clock). */
const weekOf = (calendar?: BusinessHours) =>
  calendar?.week ? (Object.fromEntries(WEEKDAYS.map((d) => [d, calendar.week?.[d] ?? []])) as Record<Weekday, BusinessInterval[]>) : null;

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const weekdayOf = (day: number): Weekday => WEEKDAYS[(new Date(day * DAY).getUTCDay() + 6) % 7] ?? 'mon';

/** The open intervals in [fromMs, toMs): sorted, merged, clipped, with holidays and closures removed. */
export function openIntervals(fromMs: number, toMs: number, calendar: BusinessHours): Array<[number, number]> {
  const week = weekOf(calendar);
  if (!week) return toMs > fromMs ? [[fromMs, toMs]] : [];
  const tz = calendar.timezone ?? 'UTC';
  // 'YYYY-MM-DD' for one-off holidays, 'MM-DD' for recurring ones: the two forms never collide.
  const holidays = new Set((calendar.holidays ?? []).map((h) => (h.recurring ? h.date.slice(5) : h.date)));

  const open: Array<[number, number]> = [];
  // The previous local day always ends by the first instant of `fromMs`'s local day, so start there.
  for (let day = localDay(fromMs, tz); localToInstant(day, 0, tz) < toMs; day++) {
    const date = isoDay(day);
    if (holidays.has(date) || holidays.has(date.slice(5))) continue;
    for (const { start, end } of week[weekdayOf(day)]) {
      const s = Math.max(fromMs, localToInstant(day, toMinutes(start), tz));
      const e = Math.min(toMs, localToInstant(day, toMinutes(end), tz));
      if (e > s) open.push([s, e]);
    }
  }

  let cut = open;
  for (const c of calendar.closures ?? []) {
    const cs = Date.parse(c.start);
    const ce = Date.parse(c.end);
    if (!(ce > cs)) continue;
    cut = cut.flatMap(([s, e]): Array<[number, number]> => {
      if (ce <= s || cs >= e) return [[s, e]];
      const parts: Array<[number, number]> = [];
      if (s < cs) parts.push([s, cs]);
      if (ce < e) parts.push([ce, e]);
      return parts;
    });
  }

  cut.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of cut) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/**
 * The instant at which `minutes` of open time have elapsed after `startMs` (24/7 without a calendar).
 * The clock starts at the next opening when `startMs` is closed; 0 minutes gives that opening.
 * Negative minutes count as 0. Infinity when the calendar stays closed for the whole horizon.
 */
export function addBusinessMinutes(startMs: number, minutes: number, calendar?: BusinessHours): number {
  let remaining = Math.max(0, minutes) * MIN;
  if (!weekOf(calendar) || !calendar || !Number.isFinite(startMs + remaining)) return startMs + remaining;
  let lastOpen = startMs;
  for (let cursor = startMs; cursor - lastOpen < HORIZON; cursor += WINDOW) {
    for (const [s, e] of openIntervals(cursor, cursor + WINDOW, calendar)) {
      if (remaining <= e - s) return s + remaining;
      remaining -= e - s;
      lastOpen = e;
    }
  }
  return Number.POSITIVE_INFINITY;
}

/** Open minutes in [fromMs, toMs); 0 when toMs <= fromMs. Wall-clock minutes without a calendar. */
export function businessMinutesBetween(fromMs: number, toMs: number, calendar?: BusinessHours): number {
  if (!(toMs > fromMs)) return 0;
  if (!calendar || !weekOf(calendar)) return (toMs - fromMs) / MIN;
  return openIntervals(fromMs, toMs, calendar).reduce((sum, [s, e]) => sum + (e - s), 0) / MIN;
}

/** Whether the calendar is open at an instant (always, without a calendar). */
export function isOpenAt(ms: number, calendar?: BusinessHours): boolean {
  return !calendar || openIntervals(ms, ms + 1, calendar).length > 0;
}

/** Problems the schema cannot see, as sentences for the settings page; empty when the calendar is usable. */
export function validateCalendar(calendar: BusinessHours): string[] {
  const problems: string[] = [];
  const week = weekOf(calendar);
  if (!week) return problems;
  for (const day of WEEKDAYS) {
    const intervals = [...week[day]].sort((a, b) => a.start.localeCompare(b.start));
    intervals.forEach((a, i) => {
      for (const b of intervals.slice(i + 1)) {
        if (b.start < a.end) problems.push(`${WEEKDAY_NAMES[day]}: ${a.start}–${a.end} overlaps ${b.start}–${b.end}`);
      }
    });
  }
  if (WEEKDAYS.every((day) => week[day].length === 0)) problems.push('The week has no open hours');
  for (const c of calendar.closures ?? []) {
    if (!(Date.parse(c.end) > Date.parse(c.start))) {
      problems.push(`Closure ${c.reason ? `“${c.reason}” ` : ''}(${c.start} – ${c.end}): the end is not after the start`);
    }
  }
  return problems;
}
