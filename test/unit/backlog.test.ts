import Dexie from 'dexie';
import { captureItems, pendingItems, setItemStatus, urgentCount } from '@/utils/backlog';
import { ReplylineDb, SCHEMA_VERSIONS } from '@/utils/db';
import { captured, freshDb, wrapTables } from './helpers';

const now = new Date('2026-07-01T12:10:00.000Z');

test('a new item is pending with its deadline counted from the platform time', async () => {
  const db = freshDb();
  const [view] = await captureItems(db, [captured()], now);
  expect(view).toMatchObject({ status: 'pending', firstResponseDueAt: '2026-07-01T13:00:00.000Z', dueSoonAt: '2026-07-01T12:45:00.000Z' });
  const row = await db.items.get(['x', '2072289111045169728']);
  expect(row?.capturedAt).toBe(now.toISOString());
  expect(row?.postedAt).toBe('2026-07-01T12:00:00.000Z');
});

test('the same item captured by five tabs at once is one row', async () => {
  const db = freshDb();
  await Promise.all([1, 2, 3, 4, 5].map((i) => captureItems(db, [captured({ text: `edit ${i}` })], new Date(now.getTime() + i))));
  expect(await db.items.count()).toBe(1);
  const row = await db.items.get(['x', '2072289111045169728']);
  expect(row?.capturedAt).toBe(new Date(now.getTime() + 1).toISOString());
});

test('a recapture keeps status and capture time, refreshes text, and never loses an answer', async () => {
  const db = freshDb();
  await captureItems(db, [captured()], now);
  await setItemStatus(db, { platform: 'x', externalId: '2072289111045169728' }, 'snoozed', now, new Date(now.getTime() + 3_600_000));
  await captureItems(db, [captured({ text: 'Still waiting' })], new Date('2026-07-01T14:00:00Z'));
  const row = await db.items.get(['x', '2072289111045169728']);
  expect(row).toMatchObject({ status: 'snoozed', text: 'Still waiting', capturedAt: now.toISOString() });
});

test('a reload that captures the same items again rewrites nothing; what changed is written', async () => {
  const db = freshDb();
  // The writes that reach the database, beneath the counters middleware.
  const writes: string[] = [];
  wrapTables(db, 'log-writes', 1, (table, name) => ({
    ...table,
    mutate: (req) => {
      const rows = 'values' in req ? req.values.length : 'keys' in req ? req.keys.length : 1;
      if (rows) writes.push(`${name} ${req.type}`);
      return table.mutate(req);
    },
  }));
  const lea = { name: 'Léa Martin', handle: 'lea_m', profileUrl: 'https://x.com/lea_m' };
  const page = [captured({ externalId: '1' }), captured({ externalId: '2', author: lea })];
  await captureItems(db, page, now);
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  writes.length = 0;
  const views = await captureItems(db, page, at(1));
  expect(views.map((v) => [v.externalId, v.status])).toEqual([
    ['1', 'pending'],
    ['2', 'pending'],
  ]);
  expect(writes).toEqual([]);

  // An edited text is written; its author, seen a minute ago under the same name, is not.
  await captureItems(db, [captured({ externalId: '1', text: 'Edited: still not here' })], at(2));
  expect(writes).toEqual(['items put']);
  expect((await db.items.get(['x', '1']))?.text).toBe('Edited: still not here');

  // Ten minutes on, the unchanged item stays as it is and its author is seen again.
  writes.length = 0;
  await captureItems(db, [captured({ externalId: '2', author: lea })], at(12));
  expect(writes).toEqual(['identities put']);
  expect((await db.identities.get('x:lea_m'))?.lastSeenAt).toBe(at(12).toISOString());
  // A new display name is written at once.
  writes.length = 0;
  await captureItems(db, [captured({ externalId: '2', author: { ...lea, name: 'Léa M.' } })], at(13));
  expect(writes).toEqual(['identities put', 'items put']);
});

test('a brand reply marks the item it answers answered at the reply time; brand items are not stored', async () => {
  const db = freshDb();
  await db.accounts.put({ platform: 'x', handle: 'northwindco' });
  const reply = captured({
    externalId: '2072289111045169999',
    author: { name: 'Northwind', handle: 'NorthwindCo' },
    byBrand: false, // recognised by the configured handle, case-insensitively
    postedAt: '2026-07-01T12:20:00.000Z',
    answersExternalId: '2072289111045169728',
  });
  const views = await captureItems(db, [reply, captured()], now);
  expect(views).toHaveLength(1);
  expect(views[0]).toMatchObject({ status: 'answered', answeredAt: '2026-07-01T12:20:00.000Z' });
  expect(await db.items.count()).toBe(1);
  // An earlier answer wins over a later one.
  await captureItems(db, [{ ...reply, externalId: '3', postedAt: '2026-07-01T12:30:00.000Z' }], now);
  expect((await db.items.get(['x', '2072289111045169728']))?.answeredAt).toBe('2026-07-01T12:20:00.000Z');
});

test('a reply that answers an unknown item changes nothing', async () => {
  const db = freshDb();
  const views = await captureItems(db, [captured({ byBrand: true, answersExternalId: '42' })], now);
  expect(views).toEqual([]);
  expect(await db.items.count()).toBe(0);
});

test('pending items come most urgent first; urgent count and next due-soon follow the clock', async () => {
  const db = freshDb();
  await captureItems(
    db,
    [
      captured({ externalId: '1', postedAt: '2026-07-01T12:05:00.000Z' }),
      captured({ externalId: '2', postedAt: '2026-07-01T11:00:00.000Z' }),
      captured({ externalId: '3', postedAt: '2026-07-01T11:30:00.000Z' }),
    ],
    now,
  );
  await setItemStatus(db, { platform: 'x', externalId: '3' }, 'resolved', now);
  expect((await pendingItems(db, 10)).map((i) => i.externalId)).toEqual(['2', '1']);
  expect(await urgentCount(db, now)).toBe(1);
  expect(await urgentCount(db, new Date('2026-07-01T12:50:00.000Z'))).toBe(2);
});

test('status transitions are checked', async () => {
  const db = freshDb();
  await captureItems(db, [captured()], now);
  const key = { platform: 'x' as const, externalId: '2072289111045169728' };
  expect((await setItemStatus(db, key, 'resolved', now)).status).toBe('resolved');
  await expect(setItemStatus(db, key, 'snoozed', now)).rejects.toThrow('cannot go from resolved to snoozed');
  expect((await setItemStatus(db, key, 'pending', now)).status).toBe('pending');
  await expect(setItemStatus(db, { platform: 'x', externalId: 'nope' }, 'resolved', now)).rejects.toThrow('No item');
});

test('the latest schema opens with every table the export names, and health', async () => {
  const db = freshDb();
  await db.open();
  expect(db.verno).toBe(4);
  expect(db.tables.map((t) => t.name).sort()).toEqual([
    'accounts',
    'businessHours',
    'counters',
    'customers',
    'health',
    'history',
    'identities',
    'items',
    'notes',
    'settings',
    'slaEvents',
    'slaPolicies',
    'state',
    'templates',
  ]);
  expect(db.items.schema.primKey.keyPath).toEqual(['platform', 'externalId']);
  expect(db.templates.schema.idxByName.shortcut?.unique).toBe(true);
});

test('a database written by an earlier schema opens with the latest one and keeps every row', async () => {
  const name = `ladder-${Math.random()}`;
  const v1 = new Dexie(name);
  const first = SCHEMA_VERSIONS[0];
  if (!first) throw new Error('no schema versions');
  v1.version(first.version).stores(first.stores);
  await v1.table('items').put({ ...captured(), capturedAt: '2026-07-01T12:01:00.000Z', status: 'pending' });
  await v1.table('templates').put({ id: 't', name: 'Thanks', shortcut: ';t', body: 'Thanks' });
  v1.close();

  const latest = new ReplylineDb(name);
  await latest.open();
  expect(latest.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
  expect(await latest.items.count()).toBe(1);
  expect(await latest.templates.get('t')).toMatchObject({ shortcut: ';t' });
  expect(await latest.health.count()).toBe(0);
});
