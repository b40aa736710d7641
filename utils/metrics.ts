// The dashboard's figures, computed from stored items and the miss log. Pure: the background reads
// the rows (by the postedAt and at indexes) and passes them in with the SLA context and `now`.
//
// Definitions (docs/charts.md repeats them for readers of the dashboard):
// - First-response time of an item: answeredAt − postedAt, in business minutes of the item's policy's
//   calendar when that policy has business hours, else in wall-clock minutes. Only first responses
//   count: a follow-up (responseTarget "next") is timed by the next-response target, so it is left out
//   of response times and compliance (its misses still show in breaches).
// - Percentiles interpolate linearly between closest ranks (R-7, as MEDIAN and PERCENTILE.INC do in
//   spreadsheets), so figures re-computed from the exported CSV match.
// - Compliance: of the items with a first-response target that are DUE (answered, or unanswered with
//   the deadline passed while pending), the share answered by the deadline. STILL OPEN items (pending
//   and not yet due, or snoozed: a snoozed clock is paused) and items closed without a reply
//   (resolved or ignored with no answeredAt: no reply was owed) are not counted either way.
// - Days, weekdays and hours are local to the requested time zone (the browser's); an item belongs to
//   the day it was posted, a miss to the day it happened (its `at`).
import type { SlaContext } from '@/utils/backlog';
import { businessMinutesBetween } from '@/utils/business-hours';
import type { ItemRecord } from '@/utils/db';
import { SLA_METRICS, type SlaEvent, type SlaMetric, type SlaPolicy } from '@/utils/schema';
import { PLATFORMS, type Platform } from '@/utils/schema-core';
import { sentimentLabel } from '@/utils/sentiment';
import { DEFAULT_POLICY, matchPolicy } from '@/utils/sla';

export type MetricsItem = Pick<
  ItemRecord,
  | 'platform'
  | 'externalId'
  | 'kind'
  | 'priority'
  | 'postedAt'
  | 'answeredAt'
  | 'status'
  | 'firstResponseDueAt'
  | 'responseTarget'
  | 'sentiment'
  | 'policyId'
>;

export interface MetricsRange {
  /** Inclusive start, ms. */
  from: number;
  /** Exclusive end, ms. */
  to: number;
  timeZone: string;
  /** None or empty: every platform. */
  platforms?: readonly Platform[];
}

export interface ResponseSummary {
  /** Items with a first-response time. */
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface ComplianceSummary {
  onTime: number;
  late: number;
  /** Not due yet or snoozed: neither on time nor late. */
  open: number;
  /** onTime / (onTime + late); null when nothing was due. */
  rate: number | null;
}

export interface GroupMetrics {
  volume: number;
  response: ResponseSummary;
  compliance: ComplianceSummary;
}

export interface DayMetrics {
  /** Local date, YYYY-MM-DD. */
  day: string;
  volume: Record<Platform, number>;
  response: ResponseSummary;
  breaches: Record<SlaMetric, number>;
}

export const SENTIMENT_BUCKETS = ['negative', 'neutral', 'positive', 'unknown'] as const;
export type SentimentBucket = (typeof SENTIMENT_BUCKETS)[number];

export interface MetricsReport {
  from: string;
  to: string;
  timeZone: string;
  platforms: Platform[];
  /** Response times measured in business minutes (their policy has business hours); the rest are wall-clock. */
  businessTimeCount: number;
  total: GroupMetrics;
  byPlatform: Record<Platform, GroupMetrics>;
  days: DayMetrics[];
  sentiment: Record<SentimentBucket, number>;
  /** Items posted per local weekday (0 = Monday) and hour: 7 rows of 24. */
  busiestHours: number[][];
}

/** The scorer's own cut (utils/sentiment.ts), so the mix agrees with what badges and people show. */
const sentimentBucketOf = (score: number | undefined): SentimentBucket => (score === undefined ? 'unknown' : sentimentLabel(score));

/** The p-th percentile (0–100) of ascending values, interpolated between closest ranks; null when empty. */
export function percentileLinear(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const h = ((sorted.length - 1) * Math.min(100, Math.max(0, p))) / 100;
  const lo = Math.floor(h);
  const low = sorted[lo] ?? 0;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)] ?? low;
  return low + (h - lo) * (high - low);
}

export function summarizeResponseTimes(minutes: readonly number[]): ResponseSummary {
  const sorted = [...minutes].sort((a, b) => a - b);
  return { count: sorted.length, medianMinutes: percentileLinear(sorted, 50), p90Minutes: percentileLinear(sorted, 90) };
}

/** The policy that timed the item: the one recorded on it, else the one that fits it now. */
function policyOfItem(item: MetricsItem, ctx: SlaContext, byId: Map<string, SlaPolicy>): SlaPolicy {
  const recorded = item.policyId
    ? (byId.get(item.policyId) ?? (item.policyId === DEFAULT_POLICY.id ? DEFAULT_POLICY : undefined))
    : undefined;
  return recorded ?? matchPolicy(ctx.policies, item);
}

export interface ResponseTime {
  minutes: number;
  /** Counted in the policy's business hours rather than on the wall clock. */
  business: boolean;
}

/** A reusable timer for many items against one SLA context. */
export function responseTimer(ctx: SlaContext) {
  const byId = new Map(ctx.policies.map((p) => [p.id, p]));
  return (item: MetricsItem): ResponseTime | null => {
    if (!item.answeredAt || item.responseTarget === 'next') return null;
    const policy = policyOfItem(item, ctx, byId);
    const calendar = policy.businessHoursId ? ctx.calendars.get(policy.businessHoursId) : undefined;
    // A reply stamped before the message (an approximate postedAt) counts as 0, never negative.
    const minutes = businessMinutesBetween(Date.parse(item.postedAt), Date.parse(item.answeredAt), calendar);
    return { minutes, business: !!calendar };
  };
}

export type FirstResponseOutcome = 'on-time' | 'late' | 'open' | 'not-counted';

/** How the item stands against its first-response target at `now` (see the definitions above). */
export function firstResponseOutcome(item: MetricsItem, now: number): FirstResponseOutcome {
  if (!item.firstResponseDueAt || item.responseTarget === 'next') return 'not-counted';
  const due = Date.parse(item.firstResponseDueAt);
  if (item.answeredAt) return Date.parse(item.answeredAt) <= due ? 'on-time' : 'late';
  if (item.status === 'snoozed') return 'open';
  if (item.status !== 'pending') return 'not-counted';
  return now >= due ? 'late' : 'open';
}

// Constructing a DateTimeFormat costs far more than formatting with one.
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The local date, weekday (0 = Monday) and hour of an instant in a time zone. */
function zonedMoment(ms: number, timeZone: string): { day: string; weekday: number; hour: number } {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
    });
    zoneFormatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const { type, value } of f.formatToParts(ms)) p[type] = value;
  return { day: `${p.year}-${p.month}-${p.day}`, weekday: WEEKDAY_INDEX[p.weekday ?? ''] ?? 0, hour: Number(p.hour) };
}

/** Every local date from the one containing `from` to the one containing the last instant before `to`. */
function localDaysOf(range: MetricsRange): string[] {
  if (!(range.to > range.from)) return [];
  const first = zonedMoment(range.from, range.timeZone).day;
  const last = zonedMoment(range.to - 1, range.timeZone).day;
  const days: string[] = [];
  // Calendar dates step the same in every zone: walk them as UTC dates.
  for (let d = Date.parse(`${first}T00:00:00Z`); ; d += 86_400_000) {
    const day = new Date(d).toISOString().slice(0, 10);
    days.push(day);
    if (day >= last) return days;
  }
}

const perPlatform = <T>(make: (p: Platform) => T) => Object.fromEntries(PLATFORMS.map((p) => [p, make(p)])) as Record<Platform, T>;
const perMetric = () => Object.fromEntries(SLA_METRICS.map((m) => [m, 0])) as Record<SlaMetric, number>;

/** Whether an ISO instant lies in the range and on a selected platform. */
export function metricsRangeFilter(range: MetricsRange) {
  const selected = new Set(range.platforms?.length ? range.platforms : PLATFORMS);
  return (row: { platform: Platform }, iso: string) => {
    const ms = Date.parse(iso);
    return ms >= range.from && ms < range.to && selected.has(row.platform);
  };
}

interface Tally {
  volume: number;
  minutes: number[];
  compliance: ComplianceSummary;
}
const newTally = (): Tally => ({ volume: 0, minutes: [], compliance: { onTime: 0, late: 0, open: 0, rate: null } });
const OUTCOME_FIELD = { 'on-time': 'onTime', late: 'late', open: 'open' } as const;

function closeTally(t: Tally): GroupMetrics {
  const { onTime, late } = t.compliance;
  return {
    volume: t.volume,
    response: summarizeResponseTimes(t.minutes),
    compliance: { ...t.compliance, rate: onTime + late ? onTime / (onTime + late) : null },
  };
}

/**
 * The dashboard report. `items` and `events` may be a superset: rows outside the range or the
 * selected platforms are ignored (items by postedAt, misses by at).
 */
export function computeMetricsReport(input: {
  items: readonly MetricsItem[];
  events: readonly SlaEvent[];
  ctx: SlaContext;
  range: MetricsRange;
  now: number;
}): MetricsReport {
  const { range, now } = input;
  const inRange = metricsRangeFilter(range);
  const timeOf = responseTimer(input.ctx);
  const days = localDaysOf(range);
  const dayRows = new Map(days.map((day) => [day, { day, volume: perPlatform(() => 0), minutes: [] as number[], breaches: perMetric() }]));
  const total = newTally();
  const byPlatform = perPlatform(newTally);
  const sentiment = Object.fromEntries(SENTIMENT_BUCKETS.map((b) => [b, 0])) as Record<SentimentBucket, number>;
  const busiestHours = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  let businessTimeCount = 0;

  for (const item of input.items) {
    if (!inRange(item, item.postedAt)) continue;
    const moment = zonedMoment(Date.parse(item.postedAt), range.timeZone);
    const dayRow = dayRows.get(moment.day);
    const tallies = [total, byPlatform[item.platform]];
    for (const t of tallies) t.volume++;
    if (dayRow) dayRow.volume[item.platform]++;
    const row = busiestHours[moment.weekday];
    if (row) row[moment.hour] = (row[moment.hour] ?? 0) + 1;
    sentiment[sentimentBucketOf(item.sentiment)]++;

    const time = timeOf(item);
    if (time) {
      for (const t of tallies) t.minutes.push(time.minutes);
      dayRow?.minutes.push(time.minutes);
      if (time.business) businessTimeCount++;
    }
    const outcome = firstResponseOutcome(item, now);
    if (outcome !== 'not-counted') for (const t of tallies) t.compliance[OUTCOME_FIELD[outcome]]++;
  }

  for (const event of input.events) {
    if (!inRange(event, event.at)) continue;
    const dayRow = dayRows.get(zonedMoment(Date.parse(event.at), range.timeZone).day);
    if (dayRow) dayRow.breaches[event.metric]++;
  }

  return {
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    timeZone: range.timeZone,
    platforms: range.platforms?.length ? PLATFORMS.filter((p) => range.platforms?.includes(p)) : [...PLATFORMS],
    businessTimeCount,
    total: closeTally(total),
    byPlatform: perPlatform((p) => closeTally(byPlatform[p])),
    days: [...dayRows.values()].map(({ minutes, ...row }) => ({ ...row, response: summarizeResponseTimes(minutes) })),
    sentiment,
    busiestHours,
  };
}

/** A row of the dashboard's items table (and its CSV). */
export interface MetricsItemRow {
  platform: Platform;
  externalId: string;
  kind: ItemRecord['kind'];
  author: string;
  text?: string;
  permalink?: string;
  postedAt: string;
  answeredAt?: string;
  status: ItemRecord['status'];
  priority?: ItemRecord['priority'];
  sentiment?: number;
  /** First-response time; null when unanswered or a follow-up. */
  responseMinutes: number | null;
  businessTime: boolean;
  outcome: FirstResponseOutcome;
}

export interface MetricsItemsPage {
  rows: MetricsItemRow[];
  /** Items in the range on the selected platforms. */
  total: number;
}

export function metricsItemRowOf(ctx: SlaContext, now: number) {
  const timeOf = responseTimer(ctx);
  return (item: MetricsItem & Pick<ItemRecord, 'author' | 'text' | 'permalink'>): MetricsItemRow => {
    const time = timeOf(item);
    return {
      platform: item.platform,
      externalId: item.externalId,
      kind: item.kind,
      author: item.author.handle ? `${item.author.name} (@${item.author.handle.replace(/^@/, '')})` : item.author.name,
      text: item.text,
      permalink: item.permalink,
      postedAt: item.postedAt,
      answeredAt: item.answeredAt,
      status: item.status,
      priority: item.priority,
      sentiment: item.sentiment,
      responseMinutes: time?.minutes ?? null,
      businessTime: time?.business ?? false,
      outcome: firstResponseOutcome(item, now),
    };
  };
}

/** No zone is more than 14 hours from UTC. */
const MAX_ZONE_OFFSET_MS = 14 * 3_600_000;

/**
 * postedAt / at index bounds that hold every row of [from, to): stored times may carry an offset
 * (imported files), and such strings sort by their local time, up to 14 hours from their instant.
 * Rows between the bounds but outside the range are dropped by `metricsRangeFilter`.
 */
export function metricsIndexBounds(range: Pick<MetricsRange, 'from' | 'to'>): [string, string] {
  return [new Date(range.from - MAX_ZONE_OFFSET_MS).toISOString(), new Date(range.to + MAX_ZONE_OFFSET_MS).toISOString()];
}

/** A dashboard query as a range; the zone defaults to the one this code runs in. */
export function metricsRangeOf(query: { from: string; to: string; timeZone?: string; platforms?: Platform[] }): MetricsRange {
  return {
    from: Date.parse(query.from),
    to: Date.parse(query.to),
    timeZone: query.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    platforms: query.platforms,
  };
}
