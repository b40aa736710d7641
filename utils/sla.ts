import { addBusinessMinutes, businessMinutesBetween } from '@/utils/business-hours';
import type { BusinessHours, Item, SlaEvent, SlaMetric, SlaPolicy } from '@/utils/schema';

export type ResponseTarget = NonNullable<Item['responseTarget']>;

export const SLA_STATES = ['on-track', 'due-soon', 'breached', 'answered', 'paused'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const SLA_LABELS: Record<SlaState, string> = {
  'on-track': 'On track',
  'due-soon': 'Due soon',
  breached: 'Overdue',
  answered: 'Answered',
  paused: 'Snoozed',
};

/** Replaceable built-in policy (contract C4): first response within 60 minutes, due-soon at 75 %. */
export const DEFAULT_POLICY: SlaPolicy = {
  id: 'default',
  name: 'Default: first response within 60 minutes',
  order: Number.MAX_SAFE_INTEGER,
  match: {},
  firstResponseMinutes: 60,
  dueSoonPercent: 75,
};

type Matchable = Pick<Item, 'platform' | 'kind' | 'priority'>;

const fits = <T>(allowed: readonly T[] | undefined, value: T | undefined) =>
  !allowed?.length || (value !== undefined && allowed.includes(value));

/** The lowest-order policy whose match fits the item; the default when none does. */
export function matchPolicy(policies: readonly SlaPolicy[], item: Matchable): SlaPolicy {
  const sorted = [...policies].sort((a, b) => a.order - b.order);
  const found = sorted.find(
    (p) => fits(p.match.platforms, item.platform) && fits(p.match.kinds, item.kind) && fits(p.match.priorities, item.priority ?? 'normal'),
  );
  return found ?? policies.find((p) => p.id === DEFAULT_POLICY.id) ?? DEFAULT_POLICY;
}

export interface Clock {
  firstResponseDueAt?: string;
  dueSoonAt?: string;
  resolutionDueAt?: string;
}

/**
 * The item's deadlines, walked in the policy's business hours from the platform's time, so an
 * item captured late is already late. A calendar that never opens gives no deadline at all.
 */
export function clockFor(
  policy: SlaPolicy,
  calendar: BusinessHours | undefined,
  postedAt: string,
  target: ResponseTarget = 'first',
): Clock {
  const start = Date.parse(postedAt);
  const minutes = target === 'next' ? (policy.nextResponseMinutes ?? policy.firstResponseMinutes) : policy.firstResponseMinutes;
  const iso = (ms: number) => (Number.isFinite(ms) ? new Date(Math.round(ms)).toISOString() : undefined);
  return {
    firstResponseDueAt: iso(addBusinessMinutes(start, minutes, calendar)),
    dueSoonAt: iso(addBusinessMinutes(start, (minutes * policy.dueSoonPercent) / 100, calendar)),
    resolutionDueAt: policy.resolutionMinutes ? iso(addBusinessMinutes(start, policy.resolutionMinutes, calendar)) : undefined,
  };
}

/**
 * Paused clocks resume where they stopped: each deadline still ahead at `pausedAt` keeps the
 * business time it had left, counted again from `resumeAt`.
 */
export function resumeClock(clock: Clock, calendar: BusinessHours | undefined, pausedAt: number, resumeAt: number): Clock {
  const shift = (iso?: string) => {
    if (!iso || Date.parse(iso) <= pausedAt) return iso;
    const left = businessMinutesBetween(pausedAt, Date.parse(iso), calendar);
    const due = addBusinessMinutes(resumeAt, left, calendar);
    return Number.isFinite(due) ? new Date(Math.round(due)).toISOString() : undefined;
  };
  return {
    firstResponseDueAt: shift(clock.firstResponseDueAt),
    dueSoonAt: shift(clock.dueSoonAt),
    resolutionDueAt: shift(clock.resolutionDueAt),
  };
}

type Evaluated = Pick<
  Item,
  'platform' | 'externalId' | 'status' | 'firstResponseDueAt' | 'answeredAt' | 'resolvedAt' | 'resolutionDueAt' | 'responseTarget'
> & { policyId?: string };

/**
 * The targets this item has missed by `now`. Only the brand's reply (answeredAt) satisfies a
 * response target and only resolving satisfies resolution; a paused clock misses nothing new.
 * Ids make each miss unique per message and metric, so evaluating twice records it once.
 */
export function missesOf(item: Evaluated, now: number): SlaEvent[] {
  const events: SlaEvent[] = [];
  const miss = (metric: SlaMetric, dueAt: string, satisfiedAt: string | undefined) => {
    const due = Date.parse(dueAt);
    const seen = satisfiedAt ? Date.parse(satisfiedAt) : now;
    if (seen <= due || (!satisfiedAt && item.status === 'snoozed')) return;
    events.push({
      id: `${metric}|${item.platform}|${item.externalId}`,
      platform: item.platform,
      externalId: item.externalId,
      metric,
      dueAt,
      at: new Date(Math.max(due, Math.min(seen, now))).toISOString(),
      policyId: item.policyId,
    });
  };
  const closedWithoutReply = !item.answeredAt && (item.status === 'resolved' || item.status === 'ignored');
  if (item.firstResponseDueAt && !closedWithoutReply) {
    miss(item.responseTarget === 'next' ? 'next-response' : 'first-response', item.firstResponseDueAt, item.answeredAt);
  }
  if (item.resolutionDueAt && item.status !== 'ignored') miss('resolution', item.resolutionDueAt, item.resolvedAt);
  return events;
}

export interface SlaView {
  status: Item['status'];
  firstResponseDueAt?: string;
  dueSoonAt?: string;
}

export function slaState(view: SlaView, now: number): SlaState {
  switch (view.status) {
    case 'answered':
    case 'resolved':
    case 'ignored':
      return 'answered';
    case 'snoozed':
      return 'paused';
    case 'pending': {
      if (view.firstResponseDueAt && now >= Date.parse(view.firstResponseDueAt)) return 'breached';
      if (view.dueSoonAt && now >= Date.parse(view.dueSoonAt)) return 'due-soon';
      return 'on-track';
    }
  }
}

/** When the state of `view` changes next on its own, or null if it never does. */
export function nextSlaChange(view: SlaView, now: number): number | null {
  if (view.status !== 'pending') return null;
  const times = [view.dueSoonAt, view.firstResponseDueAt]
    .filter((t): t is string => !!t)
    .map(Date.parse)
    .filter((t) => t > now);
  return times.length ? Math.min(...times) : null;
}

/** Built once: a formatter costs about 0.3 ms to make, and every badge on a page formats its due time. */
let dueFormat: Intl.DateTimeFormat | undefined;
/**
 * Due times as the formatter wrote them, by minute (what it shows): a format is 15–35 µs, and a
 * page's badges share minutes. Dropped whole when full, never stale (the locale is the browser's).
 */
const dueText = new Map<number, string>();
const DUE_TEXT_MAX = 512;

function formatDue(due: number): string {
  const minute = Math.floor(due / 60_000);
  let text = dueText.get(minute);
  if (text === undefined) {
    dueFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    text = dueFormat.format(minute * 60_000);
    if (dueText.size >= DUE_TEXT_MAX) dueText.clear();
    dueText.set(minute, text);
  }
  return text;
}

/** "in 12 min", "3 h 5 min overdue": the badge tooltip and popup wording. */
export function describeDue(view: SlaView, now: number): string {
  const state = slaState(view, now);
  if (state === 'answered') return view.status === 'answered' ? 'Answered' : `Closed (${view.status})`;
  if (state === 'paused') return 'Snoozed: the clock is paused';
  if (!view.firstResponseDueAt) return 'No SLA';
  const due = Date.parse(view.firstResponseDueAt);
  const at = formatDue(due);
  const span = formatSpan(Math.abs(due - now));
  return due >= now ? `Due ${at} (in ${span})` : `Due ${at} (${span} overdue)`;
}

export function formatSpan(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}
