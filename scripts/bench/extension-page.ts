// Runs inside an extension page added to a copy of the built extension (bench.html), so the
// database is the extension origin's real Chromium IndexedDB and the functions measured are the
// background's own. Bundled by scripts/bench/extension.ts with Vite; driven through page.evaluate.
// The backlog queries and counters of the popup rewrite are used when they exist (import.meta.glob
// yields nothing for a missing file); otherwise the older pendingItems / urgentCount.
import { browser } from 'wxt/browser';
import { captureItems, loadSlaContext, pendingItems, urgentCount, withDeadlines } from '@/utils/backlog';
import { customerKeyOf, type ItemRecord, ReplylineDb } from '@/utils/db';
import { purgeHandledItems } from '@/utils/scheduler';
import type { ItemStatus } from '@/utils/schema';
import { type CapturedItem, PLATFORMS, type Platform } from '@/utils/schema-core';

type QueryModule = { queryBacklog?: (db: ReplylineDb, q: { limit: number }) => Promise<{ items: unknown[] }> };
type CountersModule = { backlogCounts?: (db: ReplylineDb) => Promise<unknown> };
const optional = import.meta.glob(['/utils/backlog-query.ts', '/utils/counters.ts'], { eager: true });
const { queryBacklog } = (optional['/utils/backlog-query.ts'] ?? {}) as QueryModule;
const { backlogCounts } = (optional['/utils/counters.ts'] ?? {}) as CountersModule;

const MINUTE = 60_000;
/** Posting times spread over the last 30 days; about five items per customer at a million. */
const SPREAD_MINUTES = 30 * 24 * 60;
const CUSTOMERS = 200_000;
const NEXT_FILL = 'bench-next-fill';
const TEXT = 'My order has been stuck at the sorting hub for four days, can you check what is going on?';

/** One database per size, kept between runs in the bench's cached profile (filling a million rows takes minutes). */
const open = (() => {
  const dbs = new Map<string, ReplylineDb>();
  return (name: string) => {
    let db = dbs.get(name);
    if (!db) {
      db = new ReplylineDb(name);
      dbs.set(name, db);
    }
    return db;
  };
})();

const platformOf = (i: number): Platform => PLATFORMS[i % PLATFORMS.length] as Platform;
/** 5 % pending, the rest answered or resolved: a backlog kept for months. */
const statusOf = (i: number): ItemStatus => (i % 20 === 0 ? 'pending' : i % 2 ? 'answered' : 'resolved');

function captured(i: number, now: number, prefix: string): CapturedItem {
  const handle = `c${i % CUSTOMERS}`;
  return {
    platform: platformOf(i),
    externalId: `${prefix}${i}`,
    kind: 'comment',
    permalink: `https://x.com/${handle}/status/${i}`,
    author: { name: `Customer ${i % CUSTOMERS}`, handle },
    text: TEXT,
    postedAt: new Date(now - ((i * 7919) % SPREAD_MINUTES) * MINUTE).toISOString(),
    postedAtApproximate: false,
    byBrand: false,
  };
}

const timed = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
};

const api = {
  /** Which query and count functions this build has. */
  functions: () => ({
    top: queryBacklog ? 'queryBacklog (utils/backlog-query.ts)' : 'pendingItems (utils/backlog.ts)',
    counts: backlogCounts ? 'backlogCounts (utils/counters.ts)' : 'urgentCount + pending count (utils/backlog.ts)',
  }),

  /** Adds items `from`…`to - 1` as stored records (deadlines from the policies), in bulk. */
  async fill(name: string, from: number, to: number, chunk = 10_000): Promise<number> {
    const d = open(name);
    const ctx = await loadSlaContext(d);
    const now = Date.now();
    const t0 = performance.now();
    for (let start = from; start < to; start += chunk) {
      const rows: ItemRecord[] = [];
      for (let i = start; i < Math.min(to, start + chunk); i++) {
        const { byBrand: _, ...c } = captured(i, now, 'f');
        const status = statusOf(i);
        const answered = status === 'pending' ? {} : { answeredAt: c.postedAt };
        rows.push(withDeadlines({ ...c, capturedAt: c.postedAt, status, ...answered, customerKey: customerKeyOf(c) }, ctx));
      }
      await d.items.bulkAdd(rows);
    }
    await d.settings.put({ key: NEXT_FILL, value: to });
    return performance.now() - t0;
  },

  /**
   * New customer items (of existing customers) through captureItems, in the engine's batches: items
   * per second. They are deleted afterwards, so the database keeps its size from run to run.
   */
  async captureRate(name: string, count: number, batch: number): Promise<number> {
    const d = open(name);
    const now = Date.now();
    const prefix = `t${now}-`;
    let ms = 0;
    for (let start = 0; start < count; start += batch) {
      const items: CapturedItem[] = [];
      for (let i = start; i < Math.min(count, start + batch); i++) items.push(captured(i * 37 + 11, now, prefix));
      const [t] = await timed(() => captureItems(d, items, new Date()));
      ms += t;
    }
    const keys: [Platform, string][] = [];
    for (let i = 0; i < count; i++) keys.push([platformOf(i * 37 + 11), `${prefix}${i * 37 + 11}`]);
    await d.items.bulkDelete(keys);
    return count / (ms / 1000);
  },

  /** The 50 most urgent pending items, `reps` times: durations in ms. */
  async topUrgent(name: string, reps: number): Promise<number[]> {
    const d = open(name);
    const out: number[] = [];
    for (let r = 0; r < reps; r++) {
      const [t, n] = await timed(async () =>
        queryBacklog ? (await queryBacklog(d, { limit: 50 })).items.length : (await pendingItems(d, 50)).length,
      );
      if (n !== 50) throw new Error(`top urgent returned ${n} items, not 50`);
      out.push(t);
    }
    return out;
  },

  /** The popup's counts, `reps` times: durations in ms. */
  async counts(name: string, reps: number): Promise<number[]> {
    const d = open(name);
    const out: number[] = [];
    for (let r = 0; r < reps; r++) {
      const [t] = await timed(async () =>
        backlogCounts ? backlogCounts(d) : Promise.all([urgentCount(d, new Date()), d.items.where('status').equals('pending').count()]),
      );
      out.push(t);
    }
    return out;
  },

  /**
   * The background's purge (utils/scheduler.ts) with a cutoff that takes the `count` oldest handled
   * items: ms and how many it deleted.
   */
  async purgeOldest(name: string, count: number): Promise<{ ms: number; deleted: number }> {
    const d = open(name);
    // Counted over handled rows only: pending ones stay at any age, so after a few runs (each purge
    // followed by a top-up) the oldest rows hold more of them than the fill's 5 %.
    const cutoff = (
      await d.items
        .orderBy('postedAt')
        .filter((r) => r.status !== 'pending' && r.status !== 'snoozed')
        .offset(count)
        .first()
    )?.postedAt;
    if (!cutoff) throw new Error(`fewer than ${count} items to purge`);
    const [ms, deleted] = await timed(() => purgeHandledItems(d, cutoff));
    return { ms, deleted };
  },

  async rows(name: string): Promise<number> {
    return open(name).items.count();
  },

  /** Where a top-up continues: fill numbers already used (kept in the database's settings). */
  async nextFill(name: string): Promise<number> {
    const row = await open(name).settings.get(NEXT_FILL);
    return typeof row?.value === 'number' ? row.value : 0;
  },

  async storageMB(): Promise<number | null> {
    const { usage } = await navigator.storage.estimate();
    return typeof usage === 'number' ? usage / 2 ** 20 : null;
  },

  /** `count` pending items as an export file for the options' import (the popup scenario). */
  pendingFile(count: number): unknown {
    const now = Date.now();
    const items = [];
    for (let i = 0; i < count; i++) {
      const c = captured(i, now, 'p');
      // 1–119 minutes old: on track, due soon and overdue under the default policy.
      const postedAt = new Date(now - (1 + ((i * 7) % 119)) * MINUTE).toISOString();
      items.push({ ...c, byBrand: undefined, postedAtApproximate: undefined, postedAt, capturedAt: postedAt, status: 'pending' });
    }
    return { format: 'replyline-export', version: 1, items };
  },

  /** One message round trip to the background: ms. */
  async roundTrip(type: 'settings/get' | 'items/query' = 'settings/get'): Promise<number> {
    const t0 = performance.now();
    // items/query, one row: how long the items store keeps the popup's query waiting now.
    const payload = type === 'items/query' ? { limit: 1 } : {};
    const reply = (await browser.runtime.sendMessage({ type, payload })) as { ok?: boolean } | undefined;
    if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
    return performance.now() - t0;
  },

  /** Imports a file through the background, as the options page does. */
  async importFile(file: unknown): Promise<void> {
    const reply = (await browser.runtime.sendMessage({ type: 'data/import', payload: { file } })) as { ok?: boolean; error?: unknown };
    if (!reply?.ok) throw new Error(`data/import failed: ${JSON.stringify(reply?.error)}`);
  },
};

export type ExtensionBenchApi = typeof api;
(globalThis as unknown as { replylineBench: ExtensionBenchApi }).replylineBench = api;
