// The popup's backlog queries against a brute-force filter and sort of the same rows: order, every
// filter, cursor paging without gaps or repeats, the scan cap, and what a page costs deep down.
import type { DBCore, DBCoreQueryRequest, DBCoreTable } from 'dexie';
import type { BacklogQuery } from '@/utils/backlog-filter';
import { BACKLOG_SCAN_CAP, backlogTotal, queryBacklog } from '@/utils/backlog-query';
import { backlogCounts } from '@/utils/counters';
import type { ItemRecord, ReplylineDb } from '@/utils/db';
import { type ItemStatus, PRIORITIES, STATUSES } from '@/utils/schema';
import { PLATFORMS } from '@/utils/schema-core';
import { slaState } from '@/utils/sla';
import { type Rng, seededRng } from './fuzz-kit';
import { freshDb } from './helpers';

const NOW = Date.parse('2026-07-01T12:00:00.000Z');
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

function item(over: Partial<ItemRecord> & Pick<ItemRecord, 'externalId'>): ItemRecord {
  return {
    platform: 'x',
    kind: 'comment',
    author: { name: 'Maya Ortiz', handle: 'maya_rides' },
    text: 'My order has not arrived',
    postedAt: iso(NOW - 30 * MINUTE),
    capturedAt: iso(NOW - 29 * MINUTE),
    status: 'pending',
    ...over,
  };
}

/** Deadlines on a few minutes only, so ties are common; a tenth have none. */
function randomItems(rng: Rng, n: number): ItemRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const due = NOW + (rng.int(12) - 6) * 10 * MINUTE;
    const author = rng.pick(['Maya Ortiz', 'Leo Park', 'Ana Lima', 'Søren Ø']);
    return item({
      platform: rng.pick(PLATFORMS),
      // Ids of several lengths: the tie-break is a string order.
      externalId: String(rng.int(3) === 0 ? i : 1000 + i),
      author: { name: author, handle: author.split(' ')[0]?.toLowerCase() },
      text: rng.chance(0.1) ? 'Where is my REFUND?' : `order ${i}`,
      status: rng.chance(0.6) ? 'pending' : rng.pick(STATUSES),
      ...(rng.chance(0.9) ? { firstResponseDueAt: iso(due), dueSoonAt: iso(due - 15 * MINUTE) } : {}),
      ...(rng.chance(0.5) ? { priority: rng.pick(PRIORITIES) } : {}),
      ...(rng.chance(0.3) ? { tags: rng.chance(0.5) ? ['vip'] : ['vip', 'refund'] } : {}),
    });
  });
}

/** The expected answer, written plainly: filter every row, sort by deadline (none last), platform, id. */
function bruteForce(rows: readonly ItemRecord[], q: BacklogQuery): string[] {
  const statuses: ItemStatus[] = q.statuses ?? ['pending'];
  const needle = q.search?.trim().toLowerCase();
  const due = (r: ItemRecord) => (r.firstResponseDueAt ? Date.parse(r.firstResponseDueAt) : Number.POSITIVE_INFINITY);
  return rows
    .filter(
      (r) =>
        statuses.includes(r.status) &&
        (!q.platforms || q.platforms.includes(r.platform)) &&
        (!q.priorities || q.priorities.includes(r.priority ?? 'normal')) &&
        (!q.tag || !!r.tags?.includes(q.tag)) &&
        (!q.sla || (r.status === 'pending' && (q.sla as string[]).includes(slaState(r, NOW)))) &&
        (!needle || [r.text, r.author.name, `@${r.author.handle}`].some((s) => s?.toLowerCase().includes(needle))),
    )
    .sort(
      (a, b) =>
        due(a) - due(b) || (a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : 0) || (a.externalId < b.externalId ? -1 : 1),
    )
    .map((r) => `${r.platform}:${r.externalId}`);
}

async function allPages(db: ReplylineDb, q: BacklogQuery, scanCap?: number) {
  const keys: string[] = [];
  let after = q.after;
  for (let calls = 1; ; calls++) {
    const page = await queryBacklog(db, { ...q, after }, scanCap);
    expect(page.items.length).toBeLessThanOrEqual(q.limit);
    keys.push(...page.items.map((i) => `${i.platform}:${i.externalId}`));
    if (!page.next) return { keys, calls };
    after = page.next;
  }
}

function randomQuery(rng: Rng): BacklogQuery {
  const some = <T>(values: readonly T[]) => values.filter(() => rng.chance(0.5)).slice(0, 1 + rng.int(values.length));
  const maybe = <T>(values: T[]) => (values.length && rng.chance(0.4) ? values : undefined);
  return {
    statuses: maybe(some(STATUSES)),
    platforms: maybe(some(PLATFORMS)),
    priorities: maybe(some(PRIORITIES)),
    sla: maybe(some(['on-track', 'due-soon', 'breached'] as const)),
    tag: rng.chance(0.2) ? rng.pick(['vip', 'refund', 'none']) : undefined,
    search: rng.chance(0.2) ? rng.pick(['refund', 'LEO', '@ana', 'nobody']) : undefined,
    limit: 1 + rng.int(25),
  };
}

test('most urgent first: earliest deadline, ties by platform then id, items without a deadline last', async () => {
  const db = freshDb();
  await db.items.bulkPut([
    item({ externalId: 'none', firstResponseDueAt: undefined }),
    item({ externalId: 'late', firstResponseDueAt: iso(NOW + 50 * MINUTE) }),
    item({ externalId: 'b', platform: 'x', firstResponseDueAt: iso(NOW) }),
    item({ externalId: 'a', platform: 'x', firstResponseDueAt: iso(NOW) }),
    item({ externalId: 'z', platform: 'facebook', firstResponseDueAt: iso(NOW) }),
    // Another offset, the same instant as the others at NOW - 10 min: ordered as that instant.
    item({ externalId: 'offset', firstResponseDueAt: '2026-07-01T13:50:00+02:00' }),
    item({ externalId: 'done', status: 'resolved', firstResponseDueAt: iso(NOW - 99 * MINUTE) }),
  ]);
  const page = await queryBacklog(db, { limit: 10 });
  expect(page.items.map((i) => i.externalId)).toEqual(['offset', 'z', 'a', 'b', 'late', 'none']);
  expect(page).toMatchObject({ next: null, total: 6 });
});

test('random filters, page sizes and scan caps: every page set equals the brute force, without gaps or repeats', async () => {
  const rng = seededRng(20260701);
  const db = freshDb();
  const rows = randomItems(rng, 250);
  await db.items.bulkPut(rows);
  for (let i = 0; i < 50; i++) {
    const q = randomQuery(rng);
    const cap = rng.chance(0.3) ? 5 + rng.int(40) : undefined;
    const { keys } = await allPages(db, q, cap);
    expect(keys, JSON.stringify({ q, cap })).toEqual(bruteForce(rows, q));
  }
}, 60_000);

test('the first page says how many match when the counters can tell, and only then', async () => {
  const rng = seededRng(7);
  const db = freshDb();
  const rows = randomItems(rng, 200);
  await db.items.bulkPut(rows);
  const counts = await backlogCounts(db);
  for (const q of [
    { limit: 5 },
    { limit: 5, platforms: ['x', 'linkedin'] },
    { limit: 5, sla: ['breached'] },
    { limit: 5, statuses: ['pending', 'resolved'], platforms: ['facebook'] },
    { limit: 5, statuses: ['resolved'], sla: ['breached'] },
  ] satisfies BacklogQuery[]) {
    expect(backlogTotal(counts, q), JSON.stringify(q)).toBe(bruteForce(rows, q).length);
    expect((await queryBacklog(db, q)).total).toBe(bruteForce(rows, q).length);
  }
  for (const q of [
    { limit: 5, tag: 'vip' },
    { limit: 5, search: 'refund' },
    { limit: 5, priorities: ['high'] },
  ] satisfies BacklogQuery[]) {
    expect((await queryBacklog(db, q)).total).toBeUndefined();
  }
  // A next page does not count again.
  const first = await queryBacklog(db, { limit: 5 });
  expect((await queryBacklog(db, { limit: 5, after: first.next ?? undefined })).total).toBeUndefined();
});

test('search: text, name and @handle, any case; a rare match comes back in short pages of bounded work', async () => {
  const db = freshDb();
  const reads = countRowsRead(db);
  const rows = Array.from({ length: 300 }, (_, i) =>
    item({
      externalId: `r${String(i).padStart(3, '0')}`,
      firstResponseDueAt: iso(NOW + i * MINUTE),
      text: i === 290 ? 'Needle in the HAYSTACK' : 'hay',
    }),
  );
  await db.items.bulkPut(rows);
  expect((await queryBacklog(db, { limit: 5, search: 'haystack' })).items.map((i) => i.externalId)).toEqual(['r290']);
  expect((await queryBacklog(db, { limit: 3, search: '@MAYA_R' })).items).toHaveLength(3);
  expect((await queryBacklog(db, { limit: 3, search: 'ortiz' })).items).toHaveLength(3);

  reads.reset();
  const first = await queryBacklog(db, { limit: 5, search: 'haystack' }, 100);
  expect(first.items).toEqual([]);
  expect(first.next).not.toBeNull();
  // The cap bounds the rows read per call, reading ahead at most the chunk in hand.
  expect(reads.total()).toBeLessThanOrEqual(2 * 100);
  const { keys, calls } = await allPages(db, { limit: 5, search: 'haystack' }, 100);
  expect(keys).toEqual(['x:r290']);
  expect(calls).toBe(3);
  // The default cap: a search of the whole 300 in one call.
  expect(BACKLOG_SCAN_CAP).toBeGreaterThan(300);
  expect((await queryBacklog(db, { limit: 5, search: 'haystack' })).next).toBeNull();
});

/** Counts the rows Dexie reads from `items` through index queries. */
function countRowsRead(db: ReplylineDb) {
  let rows = 0;
  db.use({
    stack: 'dbcore',
    name: 'count-reads',
    create: (down: DBCore) => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        if (name !== 'items') return table;
        return {
          ...table,
          query: async (req: DBCoreQueryRequest) => {
            const res = await table.query(req);
            rows += res.result.length;
            return res;
          },
        };
      },
    }),
  });
  return {
    total: () => rows,
    reset: () => {
      rows = 0;
    },
  };
}

test('page 20 reads as many rows as page 1: the cursor starts in the index, never counts past rows', async () => {
  const db = freshDb();
  const reads = countRowsRead(db);
  await db.items.bulkPut(
    Array.from({ length: 1200 }, (_, i) =>
      item({ externalId: String(i), platform: PLATFORMS[i % 4], firstResponseDueAt: iso(NOW + i * 1000) }),
    ),
  );
  const perPage: number[] = [];
  for (const q of [
    { limit: 50 },
    { limit: 50, platforms: ['x', 'instagram'] },
    { limit: 50, sla: ['on-track'] },
  ] satisfies BacklogQuery[]) {
    let after: BacklogQuery['after'];
    perPage.length = 0;
    for (let page = 0; page < 20; page++) {
      reads.reset();
      const result = await queryBacklog(db, { ...q, after });
      perPage.push(reads.total());
      after = result.next ?? undefined;
      if (!after) break;
    }
    expect(Math.max(...perPage), JSON.stringify(q)).toBe(perPage[0]);
    expect(perPage[0]).toBeLessThanOrEqual(4 * 51);
  }
});

test('items without a deadline, tags and priorities each drive their own index, status by status', async () => {
  const db = freshDb();
  await db.items.bulkPut([
    item({ externalId: '1', tags: ['vip'], priority: 'urgent', firstResponseDueAt: iso(NOW + MINUTE) }),
    item({ externalId: '2', tags: ['vip'], status: 'resolved', firstResponseDueAt: iso(NOW) }),
    item({ externalId: '3', tags: ['refund', 'vip'] }),
    item({ externalId: '4', firstResponseDueAt: iso(NOW - MINUTE) }),
  ]);
  const ids = async (q: BacklogQuery) => (await queryBacklog(db, q)).items.map((i) => i.externalId);
  expect(await ids({ limit: 9, tag: 'vip' })).toEqual(['1', '3']);
  expect(await ids({ limit: 9, tag: 'vip', statuses: ['resolved', 'pending'] })).toEqual(['2', '1', '3']);
  expect(await ids({ limit: 9, priorities: ['normal'] })).toEqual(['4', '3']);
  expect(await ids({ limit: 9, priorities: ['urgent', 'low'] })).toEqual(['1']);
  expect(await ids({ limit: 9, sla: ['breached'] })).toEqual(['4']);
  expect(await ids({ limit: 9, sla: ['breached'], statuses: ['resolved'] })).toEqual([]);
});
