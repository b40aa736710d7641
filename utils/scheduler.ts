// The SLA scheduler: one pass wakes snoozed items, records misses, decides which alerts are due
// and says when it must run next. The background runs it from ONE chrome.alarms alarm re-armed
// to that time (MV3 caps alarms at 500, and the worker sleeps after 30 s idle), so clocks and
// alerts keep running while the worker is stopped.
import { type ItemView, recordMisses, setItemStatus, toView } from '@/utils/backlog';
import { refreshSlaStates } from '@/utils/counters';
import { type ItemRecord, itemRowKey, RESOLUTION_SCAN_KEY, type ReplylineDb } from '@/utils/db';
import type { AlertSettings, ItemStatus, RetentionSettings } from '@/utils/schema';

export interface SchedulerResult {
  /** Items whose status changed (woken from snooze) or whose stored SLA state moved on. */
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

/** Runs `work` on `list` a slice of `size` at a time, one after the other (each in its own transaction), and sums what it returns. */
async function sumInBatches<T>(list: readonly T[], size: number, work: (batch: T[]) => Promise<number>): Promise<number> {
  let sum = 0;
  for (let start = 0; start < list.length; start += size) sum += await work(list.slice(start, start + size));
  return sum;
}

/**
 * Items marked per transaction: the first pass over an imported backlog marks thousands, and each
 * item write costs ~0.4 ms in Chromium, so one transaction held the popup's reads for seconds.
 */
const MARK_BATCH = 500;

/** Marks items as alerted for their current deadline, re-read in each batch so a change made since is kept. */
async function markAlerted(db: ReplylineDb, items: readonly ItemRecord[], field: 'alertedSoonFor' | 'alertedBreachFor') {
  await sumInBatches(items.map(itemRowKey), MARK_BATCH, (keys) =>
    db.transaction('rw', db.items, async () => {
      const rows = (await db.items.bulkGet(keys)).filter((r): r is ItemRecord => !!r && r.status === 'pending');
      await db.items.bulkPut(rows.map((r) => ({ ...r, [field]: r.firstResponseDueAt })));
      return rows.length;
    }),
  );
}

export async function runScheduler(db: ReplylineDb, now: Date, alerts: AlertSettings): Promise<SchedulerResult> {
  const iso = now.toISOString();
  const changed: ItemView[] = [];

  const wake = await db.items.where('[status+snoozedUntil]').between(['snoozed', ''], ['snoozed', iso], true, true).toArray();
  for (const item of wake) changed.push(await setItemStatus(db, item, 'pending', now));
  // This pass runs at each due-soon point and deadline: the stored SLA states (popup counts) move on.
  changed.push(...(await refreshSlaStates(db)).map(toView));

  let dueSoon: ItemRecord[] = [];
  let breached: ItemRecord[] = [];
  const quiet = alerts.enabled ? quietUntil(alerts, now) : null;
  // One read of the overdue items serves both the miss log and the breach alert.
  await db.transaction('rw', db.items, db.slaEvents, db.state, async () => {
    const late = await pendingBetween(db, '', iso, true).toArray();
    // Only deadlines that passed since the last pass: resolved items keep theirs, and re-reading
    // every passed one made each pass grow with the whole history.
    const checked = (await db.state.get(RESOLUTION_SCAN_KEY))?.value;
    const since = typeof checked === 'string' && checked <= iso ? checked : '';
    const unresolved = (await db.items.where('resolutionDueAt').between(since, iso, false, true).toArray()).filter(
      (r) => r.status !== 'resolved' && r.status !== 'ignored',
    );
    await recordMisses(db, [...late, ...unresolved], now);
    await db.state.put({ key: RESOLUTION_SCAN_KEY, value: iso });
    if (!alerts.enabled || quiet) return;
    if (alerts.beforeMinutes > 0) {
      const horizon = new Date(now.getTime() + alerts.beforeMinutes * MINUTE).toISOString();
      dueSoon = (await pendingBetween(db, iso, horizon).toArray()).filter((r) => r.alertedSoonFor !== r.firstResponseDueAt);
    }
    if (alerts.atBreach) breached = late.filter((r) => r.alertedBreachFor !== r.firstResponseDueAt);
  });
  // Remember per deadline: a worker restart never repeats an alert, a new deadline gets its own.
  await markAlerted(db, dueSoon, 'alertedSoonFor');
  await markAlerted(db, breached, 'alertedBreachFor');

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

const DAY = 86_400_000;
const RETENTION_BATCH = 500;
/** How often the background runs the retention pass. */
const RETENTION_EVERY_MS = 3_600_000;

/**
 * Drops the text of items posted more than `textDays` ago, and nothing else: every timing field
 * stays for the metrics, and notes are the user's own. Short transactions of a few hundred items
 * keep captures flowing meanwhile. Returns how many items lost their text.
 */
export async function dropExpiredText(db: ReplylineDb, now: Date, textDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - textDays * DAY).toISOString();
  const keys = await db.items.where('postedAt').below(cutoff).primaryKeys();
  return sumInBatches(keys, RETENTION_BATCH, (batch) =>
    db.transaction('rw', db.items, async () => {
      const rows = await db.items.bulkGet(batch);
      const expired = rows.filter((r): r is ItemRecord => r?.text !== undefined && r.postedAt < cutoff);
      await db.items.bulkPut(expired.map(({ text: _text, ...rest }) => rest));
      return expired.length;
    }),
  );
}

/** The statuses a purge may delete: the user is done with these items; pending and snoozed ones stay at any age. */
const PURGEABLE: ReadonlySet<ItemStatus> = new Set(['answered', 'resolved', 'ignored']);
/**
 * Items per purge transaction. Chromium's IndexedDB spends ~0.1–0.2 ms per deleted key whatever
 * the batch (measured, BENCHMARKS.md), so batches only bound how long captures wait behind one.
 */
const PURGE_BATCH = 2_000;

/**
 * Deletes handled items posted before `cutoff` (ISO time), with their history and SLA events;
 * customers, their identities and notes stay (erase a person from the customer panel). Each batch
 * re-reads its items inside its transaction, so an item reopened meanwhile is kept. Returns how
 * many items were deleted.
 */
export async function purgeHandledItems(db: ReplylineDb, cutoff: string): Promise<number> {
  const keys = await db.items.where('postedAt').below(cutoff).primaryKeys();
  return sumInBatches(keys, PURGE_BATCH, (batch) =>
    db.transaction('rw', [db.items, db.history, db.slaEvents], async () => {
      const rows = await db.items.bulkGet(batch);
      const gone = rows.filter((r): r is ItemRecord => !!r && r.postedAt < cutoff && PURGEABLE.has(r.status)).map(itemRowKey);
      if (!gone.length) return 0;
      await db.items.bulkDelete(gone);
      await db.history.where('[platform+externalId]').anyOf(gone).delete();
      await db.slaEvents.where('[platform+externalId]').anyOf(gone).delete();
      return gone.length;
    }),
  );
}

/**
 * The retention pass the scheduler runs: at most hourly, and at once when the settings change.
 * Returns when it is next due (the alarm must fire then even if no deadline does), null when off.
 */
export function retentionPass(db: ReplylineDb) {
  let dueAt = 0;
  let ranFor: string | undefined;
  return async (now: Date, retention: RetentionSettings | undefined): Promise<number | null> => {
    const { textDays, itemDays } = retention ?? {};
    if (!textDays && !itemDays) return null;
    const settings = `${textDays}|${itemDays}`;
    if (now.getTime() >= dueAt || settings !== ranFor) {
      dueAt = now.getTime() + RETENTION_EVERY_MS;
      ranFor = settings;
      if (itemDays) await purgeHandledItems(db, new Date(now.getTime() - itemDays * DAY).toISOString());
      if (textDays) await dropExpiredText(db, now, textDays);
    }
    return dueAt;
  };
}
