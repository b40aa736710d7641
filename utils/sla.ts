import type { Item, SlaPolicy } from '@/utils/schema';

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

export interface Deadlines {
  dueAt: string;
  dueSoonAt: string;
}

/** The clock starts at the platform's time, so an item captured late is already late. */
export function firstResponseDeadlines(policy: SlaPolicy, postedAt: string): Deadlines {
  const start = Date.parse(postedAt);
  const windowMs = policy.firstResponseMinutes * 60_000;
  return {
    dueAt: new Date(start + windowMs).toISOString(),
    dueSoonAt: new Date(start + Math.round((windowMs * policy.dueSoonPercent) / 100)).toISOString(),
  };
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

/** "in 12 min", "3 h 5 min overdue": the badge tooltip and popup wording. */
export function describeDue(view: SlaView, now: number): string {
  const state = slaState(view, now);
  if (state === 'answered') return view.status === 'answered' ? 'Answered' : `Closed (${view.status})`;
  if (state === 'paused') return 'Snoozed: the clock is paused';
  if (!view.firstResponseDueAt) return 'No SLA';
  const due = Date.parse(view.firstResponseDueAt);
  const at = new Date(due).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
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
