// The customer history panel's wording and drawing maths, kept pure so they are unit-tested.
import type { HistoryItem } from '@/utils/customers';
import { isBackgroundUnreachable } from '@/utils/protocol';
import type { SlaMetric } from '@/utils/schema';
import { PLATFORMS, type Platform } from '@/utils/schema-core';
import { formatSpan, slaState } from '@/utils/sla';

/** `?item=x:123` → the item the panel was opened on; null when missing or malformed. */
export function panelItemFromSearch(search: string): { platform: Platform; externalId: string } | null {
  const raw = new URLSearchParams(search).get('item') ?? '';
  const colon = raw.indexOf(':');
  const platform = raw.slice(0, colon);
  const externalId = raw.slice(colon + 1);
  if (colon < 1 || !externalId || externalId.length > 200 || !(PLATFORMS as readonly string[]).includes(platform)) return null;
  return { platform: platform as Platform, externalId };
}

/** "Answered in 12 min"; "No reply yet" while the brand has not answered. */
export function firstResponseText(minutes: number | undefined): string {
  if (minutes === undefined) return 'No reply yet';
  return `Answered in ${formatSpan(Math.max(0, minutes) * 60_000)}`;
}

const METRIC_NAMES: Record<SlaMetric, string> = {
  'first-response': 'first response',
  'next-response': 'next response',
  resolution: 'resolution',
};

export type SlaOutcomeTone = 'met' | 'missed' | 'open' | 'none';

/** How an item's clock ended, or where it stands while it runs. */
export function slaOutcome(item: HistoryItem, now: number): { tone: SlaOutcomeTone; text: string } {
  if (item.missed.length) {
    const names = item.missed.map((m) => METRIC_NAMES[m]);
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
    return { tone: 'missed', text: `Missed ${list}` };
  }
  const target = item.responseTarget === 'next' ? 'next response' : 'first response';
  switch (slaState(item, now)) {
    case 'breached':
      // The miss log catches up at the scheduler's next pass; the clock already says it.
      return { tone: 'missed', text: `Overdue: ${target}` };
    case 'on-track':
    case 'due-soon': {
      const due = item.firstResponseDueAt ? Date.parse(item.firstResponseDueAt) : undefined;
      return { tone: 'open', text: due === undefined ? 'Open, no SLA' : `Open: ${target} due in ${formatSpan(due - now)}` };
    }
    case 'paused':
      return { tone: 'open', text: 'Snoozed: the clock is paused' };
    case 'answered':
      if (item.firstResponseMinutes !== undefined) return { tone: 'met', text: 'SLA met' };
      return { tone: 'none', text: item.status === 'ignored' ? 'Ignored' : 'Closed without a reply' };
  }
}

/** "3 h ago", "<1 min ago". */
export const agoText = (iso: string, now: number) => `${formatSpan(Math.max(0, now - Date.parse(iso)))} ago`;

/** "12 May 2026, 14:05" in the user's locale. */
export const dateTimeText = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * SVG polyline points for sentiment values (−1…1, oldest first) in a width × height box with `pad`
 * px kept free at the top and bottom; one value sits in the middle.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 2): string {
  const span = height - 2 * pad;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? i * step : width / 2;
      const y = pad + (1 - (Math.min(1, Math.max(-1, v)) + 1) / 2) * span;
      return `${Math.round(x * 10) / 10},${Math.round(y * 10) / 10}`;
    })
    .join(' ');
}

/** Where the trend went, for the sparkline's accessible name: last third against first third. */
export function trendDirection(values: readonly number[]): 'improving' | 'worsening' | 'steady' {
  if (values.length < 2) return 'steady';
  const third = Math.max(1, Math.floor(values.length / 3));
  const mean = (list: readonly number[]) => list.reduce((a, b) => a + b, 0) / list.length;
  const delta = mean(values.slice(-third)) - mean(values.slice(0, third));
  return delta > 0.15 ? 'improving' : delta < -0.15 ? 'worsening' : 'steady';
}

/** The load error as the user should read it. */
export function profileErrorText(message: string): string {
  if (isBackgroundUnreachable(message)) {
    return 'Replyline’s background is not responding. Reload this page (or the extension) and open the panel again.';
  }
  return `Could not load this customer’s history: ${message}`;
}
