// The backlog counters: after any sequence of writes, by any code path, they equal a brute-force
// recount of the rows, with each pending item's SLA state as the clock says.
import Dexie from 'dexie';
import { captureItems, reapplyPolicies, setItemStatus } from '@/utils/backlog';
import { backlogCounts, recountAll, refreshSlaStates } from '@/utils/counters';
import { eraseCustomer } from '@/utils/customers';
import { eraseData } from '@/utils/data-erase';
import { exportAll, importData } from '@/utils/data-transfer';
import { type ItemRecord, ReplylineDb, SCHEMA_VERSIONS } from '@/utils/db';
import { runScheduler } from '@/utils/scheduler';
import { DEFAULT_ALERTS, PRIORITIES, STATUSES } from '@/utils/schema';
import { PLATFORMS, type Platform } from '@/utils/schema-core';
import { slaState } from '@/utils/sla';
import { type Rng, seededRng } from './fuzz-kit';
import { captured, freshDb, wrapTables } from './helpers';

const START = Date.parse('2026-07-01T12:00:00.000Z');
const MINUTE = 60_000;

beforeEach(() => {
  // Only Date: fake-indexeddb schedules with real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

const now = () => new Date();

/** What the counters must say: every row counted by platform, status and, if pending, its SLA state now. */
async function bruteForce(db: ReplylineDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of await db.items.toArray()) {
    const key = r.status === 'pending' ? `${r.platform}|pending|${slaState(r, Date.now())}` : `${r.platform}|${r.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function stored(db: ReplylineDb): Promise<Record<string, number>> {
  return Object.fromEntries((await db.counters.toArray()).filter((c) => c.count !== 0).map((c) => [c.key, c.count]));
}

async function expectExact(db: ReplylineDb, context = '') {
  expect(await stored(db), context).toEqual(await bruteForce(db));
  // And every row's stored fields are what its deadlines say now.
  for (const r of await db.items.toArray()) {
    expect(r.slaState, `${context} ${r.platform}:${r.externalId}`).toBe(r.status === 'pending' ? slaState(r, Date.now()) : undefined);
  }
}

const key = (platform: Platform, externalId: string) => ({ platform, externalId });

test('a capture counts its items by platform and SLA state; status changes move them', async () => {
  const db = freshDb();
  await captureItems(
    db,
    [
      captured({ externalId: '1', postedAt: new Date(START - 70 * MINUTE).toISOString() }),
      captured({ externalId: '2', postedAt: new Date(START - 50 * MINUTE).toISOString(), author: { name: 'Leo', handle: 'leo' } }),
      captured({ externalId: '3', platform: 'linkedin', postedAt: new Date(START - 5 * MINUTE).toISOString(), author: { name: 'Ana' } }),
    ],
    now(),
  );
  expect(await stored(db)).toEqual({ 'x|pending|breached': 1, 'x|pending|due-soon': 1, 'linkedin|pending|on-track': 1 });
  await setItemStatus(db, key('x', '1'), 'resolved', now());
  await setItemStatus(db, key('x', '2'), 'snoozed', now(), new Date(START + 60 * MINUTE));
  expect(await stored(db)).toEqual({ 'x|resolved': 1, 'x|snoozed': 1, 'linkedin|pending|on-track': 1 });
  const counts = await backlogCounts(db);
  expect(counts.byStatus).toEqual({ pending: 1, answered: 0, resolved: 1, snoozed: 1, ignored: 0 });
  expect(counts.pendingBySla).toEqual({ 'on-track': 1, 'due-soon': 0, breached: 0 });
  expect(counts.byPlatform.x).toMatchObject({ pending: 0, resolved: 1, snoozed: 1 });
  expect(counts.pendingSla.linkedin['on-track']).toBe(1);
});

test('the stored SLA state moves on when a threshold passes and the scheduler runs', async () => {
  const db = freshDb();
  await captureItems(db, [captured({ externalId: '1', postedAt: new Date(START - 40 * MINUTE).toISOString() })], now());
  expect(await stored(db)).toEqual({ 'x|pending|on-track': 1 });
  // Due soon at 45 min, breached at 60.
  vi.setSystemTime(START + 6 * MINUTE);
  expect(await stored(db)).toEqual({ 'x|pending|on-track': 1 }); // nothing moves by itself…
  const pass = await runScheduler(db, now(), DEFAULT_ALERTS);
  expect(pass.changed.map((i) => i.externalId)).toEqual(['1']); // …the scheduler moves it, and says so
  expect(await stored(db)).toEqual({ 'x|pending|due-soon': 1 });
  vi.setSystemTime(START + 21 * MINUTE);
  expect((await refreshSlaStates(db)).map((r) => r.slaState)).toEqual(['breached']);
  expect(await stored(db)).toEqual({ 'x|pending|breached': 1 });
  // A breached item never changes by itself again: nothing left to refresh.
  vi.setSystemTime(START + 600 * MINUTE);
  expect(await refreshSlaStates(db)).toEqual([]);
});

test('writes racing in one transaction, and the same key twice in one bulkPut, count once', async () => {
  const db = freshDb();
  await captureItems(db, [captured({ externalId: '1' })], now());
  const row = (await db.items.get(['x', '1'])) as ItemRecord;
  await db.transaction('rw', db.items, async () => {
    await Promise.all([
      db.items.put({ ...row, status: 'resolved' }),
      db.items.put({ ...row, status: 'ignored' }),
      db.items.put({ ...row, externalId: '2' }),
      db.items.delete(['x', '404']),
    ]);
  });
  await db.items.bulkPut([
    { ...row, externalId: '3', status: 'answered' },
    { ...row, externalId: '3', status: 'pending' },
  ]);
  await expectExact(db);
  expect(await stored(db)).toEqual({ 'x|ignored': 1, 'x|pending|on-track': 2 });
});

test('a put of rows the transaction read is counted from that read: no second read, even if the caller changed the rows', async () => {
  const db = freshDb();
  // Counts the item reads that reach the database, beneath the counters middleware (a lower level).
  let itemReads = 0;
  wrapTables(db, 'count-item-reads', 1, (table, name) =>
    name !== 'items'
      ? table
      : {
          ...table,
          getMany: (req) => {
            itemReads++;
            return table.getMany(req);
          },
        },
  );
  await captureItems(db, [captured({ externalId: '1' }), captured({ externalId: '2' })], now());
  itemReads = 0;
  await db.transaction('rw', db.items, async () => {
    const rows = (await db.items.bulkGet([
      ['x', '1'],
      ['x', '2'],
    ])) as ItemRecord[];
    expect(itemReads).toBe(1);
    // Changed in place, as a caller may: the counters still subtract what was stored.
    for (const row of rows) row.status = 'resolved';
    await db.items.bulkPut(rows);
    expect(itemReads).toBe(1);
    // A row the transaction has not read is read before it is replaced.
    await db.items.put({ ...(rows[0] as ItemRecord), externalId: '3', status: 'ignored' });
    expect(itemReads).toBe(2);
    // Its own writes are known too: the second put of '3' reads nothing.
    await db.items.put({ ...(rows[0] as ItemRecord), externalId: '3', status: 'pending' });
    await db.items.delete(['x', '1']);
    expect(itemReads).toBe(2);
  });
  await expectExact(db);
  expect(await stored(db)).toEqual({ 'x|resolved': 1, 'x|pending|on-track': 1 });
  // Another transaction starts from nothing: it reads what it replaces.
  await db.items.put({ ...((await db.items.get(['x', '2'])) as ItemRecord), status: 'ignored' });
  await expectExact(db);
});

test('a failed add counts nothing; a failed transaction leaves the counters as they were', async () => {
  const db = freshDb();
  await captureItems(db, [captured({ externalId: '1' })], now());
  const row = (await db.items.get(['x', '1'])) as ItemRecord;
  await expect(db.items.bulkAdd([row, { ...row, externalId: '2' }])).rejects.toThrow();
  await expectExact(db);
  const before = await stored(db);
  await expect(
    db.transaction('rw', db.items, async () => {
      await db.items.put({ ...row, externalId: '9', status: 'ignored' });
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  expect(await stored(db)).toEqual(before);
});

test('query fields are derived on write, stale ones dropped, and none of them reach the export', async () => {
  const db = freshDb();
  await importData(db, {
    format: 'replyline-export',
    version: 1,
    items: [
      {
        platform: 'facebook',
        externalId: 'c1',
        kind: 'comment',
        author: { name: 'Ana' },
        postedAt: '2026-07-01T11:30:00+02:00',
        firstResponseDueAt: '2026-07-01T12:30:00+02:00',
        capturedAt: '2026-07-01T11:00:00Z',
        status: 'pending',
        tags: ['refund', 'refund', 'vip'],
      },
    ],
  });
  const row = (await db.items.get(['facebook', 'c1'])) as ItemRecord;
  // The offset is normalised for the index, which compares strings.
  expect(row).toMatchObject({ dueKey: '2026-07-01T10:30:00.000Z', priorityKey: 'normal', slaState: 'breached' });
  expect(row.tagKeys).toEqual([
    ['pending', 'refund', '2026-07-01T10:30:00.000Z', 'facebook', 'c1'].join('\u0000'),
    ['pending', 'vip', '2026-07-01T10:30:00.000Z', 'facebook', 'c1'].join('\u0000'),
  ]);
  await setItemStatus(db, key('facebook', 'c1'), 'resolved', now());
  const resolved = (await db.items.get(['facebook', 'c1'])) as ItemRecord;
  expect(resolved.slaState).toBeUndefined();
  expect(resolved.slaNextAt).toBeUndefined();
  expect(resolved.tagKeys?.[0]?.startsWith('resolved\u0000refund')).toBe(true);
  const file = await exportAll(db, now());
  expect(
    Object.keys(file.items?.[0] ?? {}).filter((k) => ['slaState', 'slaNextAt', 'dueKey', 'priorityKey', 'tagKeys'].includes(k)),
  ).toEqual([]);
});

test('erasing a person (one transaction with other tables) and erasing customer data keep the counts exact', async () => {
  const db = freshDb();
  await captureItems(
    db,
    [
      captured({ externalId: '1' }),
      captured({ externalId: '2', postedAt: new Date(START - 10 * MINUTE).toISOString() }),
      captured({ externalId: '3', author: { name: 'Leo Park', handle: 'leo' } }),
    ],
    now(),
  );
  const maya = await db.identities.get('x:maya_rides');
  await eraseCustomer(db, maya?.customerId ?? '');
  expect(await db.items.count()).toBe(1);
  await expectExact(db);
  await eraseData(db, 'customer-data');
  expect(await stored(db)).toEqual({});
});

test('recountAll repairs counters that were tampered with', async () => {
  const db = freshDb();
  await captureItems(db, [captured({ externalId: '1' }), captured({ externalId: '2', platform: 'instagram' })], now());
  await db.counters.bulkPut([
    { key: 'x|pending|breached', count: 40 },
    { key: 'facebook|ignored', count: 3 },
  ]);
  await recountAll(db);
  await expectExact(db);
});

test('a database from schema v2 gets its query fields and counts at the upgrade', async () => {
  const name = `v2-${Math.random()}`;
  const v2 = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS.slice(0, 2)) v2.version(version).stores(stores);
  const base = { kind: 'comment', author: { name: 'Maya' }, capturedAt: '2026-07-01T11:00:00.000Z' };
  await v2.table('items').bulkPut([
    {
      ...base,
      platform: 'x',
      externalId: '1',
      postedAt: '2026-07-01T10:00:00.000Z',
      firstResponseDueAt: '2026-07-01T11:00:00.000Z',
      status: 'pending',
    },
    {
      ...base,
      platform: 'x',
      externalId: '2',
      postedAt: '2026-07-01T11:50:00.000Z',
      firstResponseDueAt: '2026-07-01T12:50:00.000Z',
      status: 'pending',
    },
    { ...base, platform: 'linkedin', externalId: '3', postedAt: '2026-07-01T11:50:00.000Z', status: 'resolved' },
  ]);
  v2.close();
  const db = new ReplylineDb(name);
  expect(await stored(db)).toEqual({ 'x|pending|breached': 1, 'x|pending|on-track': 1, 'linkedin|resolved': 1 });
  await expectExact(db);
  // A v2 row has no due-soon point: its next change is the deadline.
  expect((await db.items.get(['x', '2']))?.slaNextAt).toBe('2026-07-01T12:50:00.000Z');
});

/** A small world, so random writes keep landing on the same items and the same customers. */
function randomCapture(rng: Rng) {
  const platform = rng.pick(PLATFORMS);
  const author = rng.pick(['maya', 'leo', 'ana', 'sam']);
  const byBrand = rng.chance(0.15);
  return captured({
    platform,
    externalId: String(rng.int(25)),
    author: byBrand ? { name: 'Northwind', handle: 'northwindco' } : { name: author, handle: author },
    postedAt: new Date(Date.now() - rng.int(120) * MINUTE).toISOString(),
    byBrand,
    answersExternalId: byBrand ? String(rng.int(25)) : undefined,
    text: rng.chance(0.3) ? 'refund please, this is broken' : 'hello',
  });
}

function randomImport(rng: Rng) {
  return {
    format: 'replyline-export',
    version: 1,
    items: Array.from({ length: 1 + rng.int(8) }, (_, i) => {
      const c = randomCapture(rng);
      const postedAt = new Date(Date.now() - rng.int(120) * MINUTE).toISOString();
      return {
        platform: c.platform,
        externalId: `${c.externalId}${i % 2 ? '' : 'i'}`,
        kind: 'comment',
        author: c.author,
        postedAt,
        capturedAt: postedAt,
        status: rng.pick(STATUSES),
        ...(rng.chance(0.5) ? { priority: rng.pick(PRIORITIES) } : {}),
        ...(rng.chance(0.3) ? { tags: ['vip'] } : {}),
        ...(rng.chance(0.3) ? { firstResponseDueAt: new Date(Date.parse(postedAt) + rng.int(90) * MINUTE).toISOString() } : {}),
      };
    }),
  };
}

async function randomKey(db: ReplylineDb, rng: Rng) {
  const keys = await db.items.toCollection().primaryKeys();
  return keys.length ? rng.pick(keys) : (['x', '0'] as [Platform, string]);
}

/** Each step writes through another path of the app (or Dexie's own API), as the app does. */
const STEPS: ((db: ReplylineDb, rng: Rng) => Promise<unknown>)[] = [
  (db, rng) =>
    captureItems(
      db,
      Array.from({ length: 1 + rng.int(6) }, () => randomCapture(rng)),
      now(),
    ),
  // Two tabs capturing at once: two transactions queue on the same stores.
  (db, rng) => Promise.all([captureItems(db, [randomCapture(rng)], now()), captureItems(db, [randomCapture(rng)], now())]),
  async (db, rng) => {
    const [platform, externalId] = await randomKey(db, rng);
    const status = rng.pick(STATUSES);
    const until = status === 'snoozed' ? new Date(Date.now() + (1 + rng.int(90)) * MINUTE) : undefined;
    return setItemStatus(db, { platform, externalId }, status, now(), until).catch(() => 'refused');
  },
  (db, rng) => importData(db, randomImport(rng)),
  async (db, rng) => db.items.bulkDelete([await randomKey(db, rng), await randomKey(db, rng), ['x', 'missing']]),
  // A primary-key range: Dexie deletes it with one deleteRange.
  (db, rng) => {
    const platform = rng.pick(PLATFORMS);
    return db.items.where(':id').between([platform, '1'], [platform, '2'], true, false).delete();
  },
  async (db, rng) => {
    const identities = await db.identities.toArray();
    return identities.length ? eraseCustomer(db, rng.pick(identities).customerId) : null;
  },
  (db, rng) =>
    db.items
      .where('status')
      .equals(rng.pick(STATUSES))
      .modify((r) => {
        r.priority = rng.pick(PRIORITIES);
      }),
  async (db, rng) => {
    await db.slaPolicies.put({
      id: 'fast',
      name: 'Fast',
      order: 1,
      match: { platforms: [rng.pick(PLATFORMS)] },
      firstResponseMinutes: 5 + rng.int(60),
      dueSoonPercent: 50,
    });
    return reapplyPolicies(db);
  },
  // Time passes; the scheduler runs, as its alarm would at the next threshold.
  (db, rng) => {
    vi.setSystemTime(Date.now() + (1 + rng.int(40)) * MINUTE);
    return runScheduler(db, now(), DEFAULT_ALERTS);
  },
  (db, rng) => (rng.chance(0.2) ? db.items.clear() : eraseData(db, rng.chance(0.5) ? 'customer-data' : 'everything').then(() => null)),
];

test.each([
  20260701, 7, 1234567,
])('random sequences of writes: counts equal a brute-force recount after every step (seed %i)', async (seed) => {
  const rng = seededRng(seed);
  const db = freshDb();
  await db.accounts.put({ platform: 'x', handle: 'northwindco' });
  const steps: number[] = [];
  for (let i = 0; i < 80; i++) {
    // The erasing step (the last one) once, late, so the backlog has time to grow.
    const step = i === 60 ? STEPS.length - 1 : rng.int(STEPS.length - 1);
    steps.push(step);
    await STEPS[step]?.(db, rng);
    await expectExact(db, `seed ${seed}, steps ${steps.join(',')}`);
  }
  // Every kind of write ran.
  expect(new Set(steps).size).toBe(STEPS.length);
});

test('counts of a status no item has are zero, and unknown counter keys are ignored', async () => {
  const db = freshDb();
  await db.counters.put({ key: 'myspace|pending|breached', count: 5 });
  const counts = await backlogCounts(db);
  expect(counts.byStatus).toEqual({ pending: 0, answered: 0, resolved: 0, snoozed: 0, ignored: 0 });
  expect(counts.pendingBySla).toEqual({ 'on-track': 0, 'due-soon': 0, breached: 0 });
});
