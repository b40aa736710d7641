// The schema ladder, driven by SCHEMA_VERSIONS so every later version is covered: a database written
// by the first release opens with every version since, one step at a time and in one jump, with every
// row kept and upgraded; an upgrade that fails half-way leaves the previous version and its data whole.
import Dexie, { type Transaction } from 'dexie';
import { customerKeyOf, ReplylineDb, SCHEMA_VERSIONS } from '@/utils/db';

const LATEST = SCHEMA_VERSIONS.at(-1)?.version ?? 0;
const T = (minutes: number) => new Date(Date.parse('2026-03-02T09:00:00.000Z') + minutes * 60_000).toISOString();

/** What the first release stored: every v1 table, items of every platform, kind and status. */
const V1_ROWS: Record<string, Record<string, unknown>[]> = {
  items: [
    {
      platform: 'x',
      externalId: '2029000000000000001',
      kind: 'comment',
      permalink: 'https://x.com/maya_rides/status/2029000000000000001',
      author: { name: 'Maya Ortiz', handle: '@Maya_Rides', profileUrl: 'https://x.com/maya_rides' },
      text: 'My order has not arrived yet',
      postedAt: T(0),
      capturedAt: T(2),
      status: 'pending',
      firstResponseDueAt: T(60),
      dueSoonAt: T(45),
      policyId: 'default',
    },
    {
      platform: 'x',
      externalId: '2029000000000000002',
      kind: 'reply',
      author: { name: 'Maya Ortiz', handle: 'maya_rides' },
      text: 'Any news?',
      postedAt: T(90),
      capturedAt: T(91),
      status: 'answered',
      answeredAt: T(120),
    },
    {
      platform: 'facebook',
      externalId: '1187465203918274_55512345',
      kind: 'comment',
      // No handle on Facebook comments: the customer is known by name.
      author: { name: '  Léa Dubois ' },
      postedAt: T(10),
      postedAtApproximate: true,
      capturedAt: T(30),
      status: 'resolved',
      resolvedAt: T(200),
      priority: 'high',
      tags: ['refund'],
    },
    {
      platform: 'instagram',
      externalId: 'mid.$gAAb1234',
      kind: 'dm',
      author: { name: 'Tomás Reyes', handle: 'tomas.reyes' },
      text: 'Hola, ¿mi pedido?',
      postedAt: T(20),
      capturedAt: T(21),
      status: 'snoozed',
      sentiment: -0.4,
    },
    {
      platform: 'linkedin',
      externalId: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAB,2-MTc0==)',
      kind: 'mention',
      author: { name: 'Priya Nair', handle: 'priya-nair' },
      postedAt: T(40),
      capturedAt: T(41),
      status: 'ignored',
    },
  ],
  customers: [{ id: 'c-maya', name: 'Maya Ortiz' }],
  templates: [{ id: 'tpl-thanks', name: 'Thanks', shortcut: ';thanks', body: 'Thanks {{customer.firstName || "there"}}!' }],
  slaPolicies: [{ id: 'dm', name: 'DMs', order: 1, match: { kinds: ['dm'] }, firstResponseMinutes: 30, dueSoonPercent: 50 }],
  accounts: [{ platform: 'x', handle: 'northwindco', displayName: 'Northwind' }],
  settings: [{ key: 'agentName', value: 'Riley' }],
  businessHours: [{ id: 'office', timezone: 'Europe/Paris', week: { mon: [{ start: '09:00', end: '17:00' }] } }],
  notes: [{ id: 'n1', customerId: 'c-maya', body: 'Prefers DMs' }],
};

let n = 0;
const dbName = () => `ladder-${++n}-${Math.random()}`;

/** A database declared with the ladder up to `version`; `wrap` may replace an upgrade. */
function ladderDb(
  name: string,
  version: number,
  wrap?: (v: number, upgrade?: (tx: Transaction) => Promise<void>) => ((tx: Transaction) => Promise<void>) | undefined,
) {
  const db = new Dexie(name);
  for (const step of SCHEMA_VERSIONS.filter((s) => s.version <= version)) {
    const upgrade = wrap ? wrap(step.version, step.upgrade) : step.upgrade;
    const declared = db.version(step.version).stores(step.stores);
    if (upgrade) declared.upgrade(upgrade);
  }
  return db;
}

async function seedV1(name: string) {
  const v1 = ladderDb(name, 1);
  await v1.transaction('rw', v1.tables, async () => {
    for (const [table, rows] of Object.entries(V1_ROWS)) await v1.table(table).bulkPut(rows);
  });
  v1.close();
}

/** The native version and every row, straight from IndexedDB. */
async function rawState(name: string) {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const stores = [...idb.objectStoreNames];
  const rows: Record<string, unknown[]> = {};
  for (const store of stores) {
    rows[store] = await new Promise((resolve, reject) => {
      const req = idb.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  idb.close();
  return { version: idb.version / 10, stores: stores.sort(), rows };
}

/** Every v1 row is still there with every field it had: an upgrade may add fields and rows (customers), never lose one. */
async function expectV1RowsKept(db: Dexie) {
  for (const [table, rows] of Object.entries(V1_ROWS)) {
    const stored = await db.table(table).toArray();
    if (table === 'items') expect(stored).toHaveLength(rows.length);
    for (const row of rows) expect(stored, table).toContainEqual(expect.objectContaining(row));
  }
}

test('the ladder starts at v1 and climbs by one each step', () => {
  expect(SCHEMA_VERSIONS.map((s) => s.version)).toEqual(Array.from({ length: SCHEMA_VERSIONS.length }, (_, i) => i + 1));
});

test.each(
  SCHEMA_VERSIONS.filter((s) => s.version > 1).map((s) => s.version),
)('v1 data climbs one step at a time to v%i, every row kept', async (version) => {
  const name = dbName();
  await seedV1(name);
  for (let step = 2; step <= version; step++) {
    const db = ladderDb(name, step);
    await db.open();
    await expectV1RowsKept(db);
    db.close();
  }
  expect((await rawState(name)).version).toBe(version);
});

test('v1 data opened by the current code in one jump: every row kept and upgraded', async () => {
  const name = dbName();
  await seedV1(name);
  const db = new ReplylineDb(name);
  await db.open();
  expect(db.verno).toBe(LATEST);
  await expectV1RowsKept(db);

  // v2: each item knows its customer, case- and whitespace-insensitively.
  const items = await db.items.toArray();
  for (const item of items) expect(item.customerKey).toBe(customerKeyOf(item));
  expect(items.find((i) => i.platform === 'facebook')?.customerKey).toBe('facebook:léa dubois');
  expect(new Set(items.filter((i) => i.author.name === 'Maya Ortiz').map((i) => i.customerKey))).toEqual(new Set(['x:maya_rides']));
  // v3: one identity per customer key, each pointing at a stored customer.
  const identities = await db.identities.toArray();
  expect(identities.map((i) => i.key).sort()).toEqual([...new Set(items.map((i) => i.customerKey))].sort());
  for (const identity of identities) expect(await db.customers.get(identity.customerId), identity.key).toBeDefined();
  // The current code reads and writes the upgraded database as it does a new one.
  const first = await db.items.get(['x', '2029000000000000001']);
  await db.items.put({ ...(first as NonNullable<typeof first>), status: 'resolved', resolvedAt: T(300) });
  expect(await db.items.get(['x', '2029000000000000001'])).toMatchObject({ status: 'resolved', customerKey: 'x:maya_rides' });
  db.close();
});

test.each(
  SCHEMA_VERSIONS.filter((s) => s.upgrade).map((s) => s.version),
)('an upgrade to v%i that fails half-way leaves the previous version with its data whole; the next open succeeds', async (version) => {
  const name = dbName();
  await seedV1(name);
  if (version > 2) {
    const before = ladderDb(name, version - 1);
    await before.open();
    before.close();
  }
  const previous = await rawState(name);
  expect(previous.version).toBe(version - 1);

  // The real upgrade runs, more rows change, then the power goes.
  const interrupted = ladderDb(name, version, (v, upgrade) =>
    v === version
      ? async (tx) => {
          await upgrade?.(tx);
          await tx
            .table('items')
            .limit(2)
            .modify((item: { text?: string }) => {
              item.text = 'half-written';
            });
          throw new Error('power cut');
        }
      : upgrade,
  );
  await expect(interrupted.open()).rejects.toThrow(/power cut/);
  interrupted.close();
  expect(await rawState(name)).toEqual(previous);

  const db = new ReplylineDb(name);
  await db.open();
  expect(db.verno).toBe(LATEST);
  await expectV1RowsKept(db);
  db.close();
});
