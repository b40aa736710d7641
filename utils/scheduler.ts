// The SLA scheduler: one pass wakes snoozed items, records misses, decides which alerts are due
// and says when it must run next. The background runs it from ONE chrome.alarms alarm re-armed
// to that time (MV3 caps alarms at 500, and the worker sleeps after 30 s idle), so clocks and
// alerts keep running while the worker is stopped.
import { type ItemView, recordMisses, setItemStatus, toView } from '@/utils/backlog';
import type { ItemRecord, ReplylineDb } from '@/utils/db';
import type { AlertSettings } from '@/utils/schema';

export interface SchedulerResult {
  /** Items whose status changed (woken from snooze). */
  changed: ItemView[];
  /** Grouped alerts to show now: replies due within `beforeMinutes`, and replies overdue. */
  dueSoon: ItemView[];
  breached: ItemView[];
  /** When to run again; null when nothing can change on its own. */
  nextAt: number | null;
}

const MINUTE = 60_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `now` is inside the quiet hours, in the browser's time zone; the window may wrap midnight. */
export function quietUntil(alerts: AlertSettings, now: Date): Date | null {
  if (!alerts.quietStart || !alerts.quietEnd || alerts.quietStart === alerts.quietEnd) return null;
  const start = minutesOf(alerts.quietStart);
  const end = minutesOf(alerts.quietEnd);
  const current = now.getHours() * 60 + now.getMinutes();
  const inside = start < end ? current >= start && current < end : current >= start || current < end;
  if (!inside) return null;
  const until = new Date(now);
  until.setHours(Math.floor(end / 60), end % 60, 0, 0);
  if (until <= now) until.setDate(until.getDate() + 1);
  return until;
}

const pendingBetween = (db: ReplylineDb, from: string, to: string, includeFrom = false) =>
  db.items.where('[status+firstResponseDueAt]').between(['pending', from], ['pending', to], includeFrom, true);

const firstAfter = async (query: () => Promise<ItemRecord | undefined>, field: (r: ItemRecord) => string | undefined) => {
  const row = await query();
  const value = row && field(row);
  return value ? Date.parse(value) : null;
};

export async function runScheduler(db: ReplylineDb, now: Date, alerts: AlertSettings): Promise<SchedulerResult> {
  const iso = now.toISOString();
  const changed: ItemView[] = [];

  const wake = await db.items.where('[status+snoozedUntil]').between(['snoozed', ''], ['snoozed', iso], true, true).toArray();
  for (const item of wake) changed.push(await setItemStatus(db, item, 'pending', now));

  let dueSoon: ItemRecord[] = [];
  let breached: ItemRecord[] = [];
  const quiet = alerts.enabled ? quietUntil(alerts, now) : null;
  // One read of the overdue items serves both the miss log and the breach alert.
  await db.transaction('rw', db.items, db.slaEvents, async () => {
    const late = await pendingBetween(db, '', iso, true).toArray();
    const unresolved = (await db.items.where('resolutionDueAt').belowOrEqual(iso).toArray()).filter(
      (r) => r.status !== 'resolved' && r.status !== 'ignored',
    );
    await recordMisses(db, [...late, ...unresolved], now);
    if (!alerts.enabled || quiet) return;
    if (alerts.beforeMinutes > 0) {
      const horizon = new Date(now.getTime() + alerts.beforeMinutes * MINUTE).toISOString();
      dueSoon = (await pendingBetween(db, iso, horizon).toArray()).filter((r) => r.alertedSoonFor !== r.firstResponseDueAt);
    }
    if (alerts.atBreach) breached = late.filter((r) => r.alertedBreachFor !== r.firstResponseDueAt);
    // Remember per deadline: a worker restart never repeats an alert, a new deadline gets its own.
    await db.items.bulkPut([
      ...dueSoon.map((r) => ({ ...r, alertedSoonFor: r.firstResponseDueAt })),
      ...breached.map((r) => ({ ...r, alertedBreachFor: r.firstResponseDueAt })),
    ]);
  });

  const candidates = await Promise.all([
    firstAfter(
      () => db.items.where('[status+dueSoonAt]').between(['pending', iso], ['pending', '\uffff'], false, true).first(),
      (r) => r.dueSoonAt,
    ),
    firstAfter(
      () => pendingBetween(db, iso, '\uffff').first(),
      (r) => r.firstResponseDueAt,
    ),
    alerts.enabled && alerts.beforeMinutes > 0
      ? firstAfter(
          () => pendingBetween(db, new Date(now.getTime() + alerts.beforeMinutes * MINUTE).toISOString(), '\uffff').first(),
          (r) => r.firstResponseDueAt && new Date(Date.parse(r.firstResponseDueAt) - alerts.beforeMinutes * MINUTE).toISOString(),
        )
      : null,
    firstAfter(
      () => db.items.where('[status+snoozedUntil]').between(['snoozed', iso], ['snoozed', '\uffff'], false, true).first(),
      (r) => r.snoozedUntil,
    ),
    firstAfter(
      () =>
        db.items
          .where('resolutionDueAt')
          .above(iso)
          .filter((r) => r.status !== 'resolved' && r.status !== 'ignored')
          .first(),
      (r) => r.resolutionDueAt,
    ),
  ]);
  // Alerts held back by quiet hours go out, grouped, when the quiet hours end.
  if (quiet) candidates.push(quiet.getTime());
  const future = candidates.filter((t): t is number => t !== null && t > now.getTime());

  return {
    changed,
    dueSoon: dueSoon.map(toView),
    breached: breached.map(toView),
    nextAt: future.length ? Math.min(...future) : null,
  };
}
