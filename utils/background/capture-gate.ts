import { passThrottle } from '@/utils/background/pass-throttle';
import type { ItemView } from '@/utils/backlog';
import { customerKeyOf } from '@/utils/db';
import type { CapturedItem } from '@/utils/schema-core';

const keyOf = (item: { platform: string; externalId: string }) => `${item.platform}:${item.externalId}`;

/**
 * A message's share of its group's views, in the store's order: its own items, the items its brand
 * replies answer, and its authors' earlier items (a new message wakes them). Alone in its group, a
 * message gets every view.
 */
function viewsFor(items: readonly CapturedItem[], views: readonly ItemView[]): ItemView[] {
  const keys = new Set<string>();
  const customers = new Set<string>();
  for (const c of items) {
    keys.add(keyOf(c));
    if (c.answersExternalId) keys.add(keyOf({ platform: c.platform, externalId: c.answersExternalId }));
    customers.add(customerKeyOf(c));
  }
  return views.filter((v) => keys.has(keyOf(v)) || customers.has(customerKeyOf(v)));
}

/**
 * Stores capture messages together when they come close: one transaction for every message that
 * arrived while the last one ran or less than `gapMs` after it started (a group commit), up to
 * `maxItems` items. A lone message is stored at once.
 *
 * Measured 2026-11-24 on the bench's streamed timeline, 2,000 new items, a 20-item message every
 * 50 ms. With one transaction per message the worker was busy 1.84–1.91 s; when the same items came
 * 100 per message every 250 ms, 0.99–1.15 s. IndexedDB's cost per request falls in larger
 * transactions, and each transaction reads its context (policies, rules, brand handles, counters)
 * once. On a 2-core machine that time is taken from the page.
 *
 * The gap trades that against the badge's wait (BENCHMARKS.md fix 26): at 250 ms the stream's main
 * thread fell 6 % but 1–4 % of its tweets left the page before their badge; at 150 ms it fell 4 %,
 * the worker was busy 1.46–1.69 s (1.74–1.95 s before), the p95 tweet → badge rose from 317 to
 * 411 ms, and every tweet got its badge.
 */
export function captureGate(
  store: (items: CapturedItem[]) => Promise<ItemView[]>,
  options: { gapMs: number; maxItems: number },
): (items: readonly CapturedItem[]) => Promise<ItemView[]> {
  interface Waiting {
    items: readonly CapturedItem[];
    done(views: ItemView[]): void;
    fail(error: unknown): void;
  }
  const queue: Waiting[] = [];
  const storeGroup = async () => {
    const group: Waiting[] = [];
    let count = 0;
    for (let next = queue[0]; next && (!group.length || count + next.items.length <= options.maxItems); next = queue[0]) {
      group.push(next);
      count += next.items.length;
      queue.shift();
    }
    // What the cap left waits for the next pass.
    if (queue.length) request();
    try {
      const views = await store(group.flatMap((w) => w.items));
      for (const w of group) w.done(viewsFor(w.items, views));
    } catch (error) {
      // Every sender of the group hears of it; the engine sends its items again when it next reads them.
      for (const w of group) w.fail(error);
    }
  };
  const request = passThrottle(storeGroup, { name: 'capture group', delayMs: 0, gapMs: options.gapMs });
  return (items) =>
    new Promise<ItemView[]>((done, fail) => {
      queue.push({ items, done, fail });
      request();
    });
}
