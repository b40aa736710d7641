import { captureItems } from '@/utils/backlog';
import { customerProfile, linkCustomers, saveNote } from '@/utils/customers';
import { exportAll, formatPath, importData } from '@/utils/data-transfer';
import { captured, freshDb } from './helpers';

const now = new Date('2026-07-01T12:10:00.000Z');
const template = (id: string, shortcut: string) => ({ id, name: `T ${id}`, shortcut, body: 'Hi {{customer.firstName || "there"}}' });

async function seeded() {
  const db = freshDb();
  const result = await importData(db, {
    format: 'replyline-export',
    version: 1,
    settings: { agentName: 'Riley' },
    accounts: [{ platform: 'x', handle: '@NorthwindCo', displayName: 'Northwind' }],
    templates: [template('a', ';thanks'), template('b', ';dm')],
    slaPolicies: [{ id: 'dm', name: 'DMs', order: 1, match: { kinds: ['dm'] }, firstResponseMinutes: 30, dueSoonPercent: 50 }],
    businessHours: [{ id: 'office', timezone: 'Europe/Paris' }],
    customers: [{ id: 'c1', name: 'Maya' }],
    notes: [{ id: 'n1', customerId: 'c1', text: 'VIP' }],
  });
  expect(result.ok).toBe(true);
  await captureItems(db, [captured(), captured({ externalId: '5', kind: 'dm' })], now);
  return db;
}

test('formatPath writes bracket notation', () => {
  expect(formatPath(['templates', 2, 'shortcut'])).toBe('templates[2].shortcut');
  expect(formatPath([])).toBe('');
  expect(formatPath([0])).toBe('[0]');
});

test('export → import → export round-trips to the same content', async () => {
  const db = await seeded();
  const first = await exportAll(db, now);
  expect(first.accounts).toEqual([{ platform: 'x', handle: 'northwindco', displayName: 'Northwind' }]);
  expect(first.items?.find((i) => i.externalId === '5')?.firstResponseDueAt).toBe('2026-07-01T12:30:00.000Z');
  const other = freshDb();
  expect(await importData(other, JSON.parse(JSON.stringify(first)))).toMatchObject({ ok: true });
  const second = await exportAll(other, new Date('2027-01-01T00:00:00Z'));
  expect({ ...second, exportedAt: undefined }).toEqual({ ...first, exportedAt: undefined });
  // Importing into the same store replaces by key and duplicates nothing.
  await importData(db, first);
  expect(await db.items.count()).toBe(2);
});

test.each([
  [{ format: 'other', version: 1 }, 'format'],
  [{ format: 'replyline-export', version: 2 }, 'version'],
  [
    { format: 'replyline-export', version: 1, templates: [template('a', ';a'), template('b', ';b'), { id: 'c', name: 'C', body: 'x' }] },
    'templates[2].shortcut',
  ],
  [
    { format: 'replyline-export', version: 1, items: [{ ...captured(), byBrand: undefined, capturedAt: 'yesterday', status: 'pending' }] },
    'items[0].capturedAt',
  ],
  [{ format: 'replyline-export', version: 1, accounts: [{ platform: 'myspace', handle: 'a' }] }, 'accounts[0].platform'],
  [{ format: 'replyline-export', version: 1, templates: [template('a', ';same'), template('b', ';same')] }, 'templates[1].shortcut'],
  [
    {
      format: 'replyline-export',
      version: 1,
      items: [{ ...captured(), byBrand: undefined, capturedAt: now.toISOString(), status: 'pending', permalink: 'javascript:alert(1)' }],
    },
    'items[0].permalink',
  ],
  ['not an object', ''],
])('an invalid file is refused at its first problem (%#) and writes nothing', async (file, path) => {
  const db = freshDb();
  const result = await importData(db, file);
  expect(result.ok).toBe(false);
  expect(!result.ok && result.problem.path).toBe(path);
  expect(!result.ok && result.problem.message.length).toBeGreaterThan(3);
  for (const table of db.tables) expect(await table.count()).toBe(0);
});

test('a shortcut already used by another stored template is refused and nothing is written', async () => {
  const db = await seeded();
  const before = await exportAll(db, now);
  const result = await importData(db, {
    format: 'replyline-export',
    version: 1,
    settings: { agentName: 'Sam' },
    templates: [template('z', ';thanks')],
  });
  expect(result).toEqual({ ok: false, problem: { path: 'templates[0].shortcut', message: 'already used by the template "T a"' } });
  expect(await exportAll(db, now)).toEqual(before);
});

test('every top-level array is optional and merging keeps what the file does not name', async () => {
  const db = await seeded();
  expect(
    await importData(db, { format: 'replyline-export', version: 1, templates: [{ ...template('a', ';thanks'), name: 'Renamed' }] }),
  ).toMatchObject({
    ok: true,
  });
  expect((await db.templates.get('a'))?.name).toBe('Renamed');
  expect(await db.templates.count()).toBe(2);
  expect(await db.items.count()).toBe(2);
});

test('customers travel with their identities inside, and notes beside them; the round trip keeps the links', async () => {
  const db = await seeded();
  await captureItems(
    db,
    [captured({ platform: 'instagram', externalId: '18', author: { name: 'Maya Ortiz', handle: 'maya.ortiz' }, permalink: undefined })],
    now,
  );
  const customerOf = async (key: string) => (await db.identities.get(key))?.customerId ?? '';
  const onX = await customerOf('x:maya_rides');
  const onInstagram = await customerOf('instagram:maya.ortiz');
  await linkCustomers(db, onX, onInstagram);
  await saveNote(db, { customerId: onX, body: 'Prefers DMs' }, now);

  const first = await exportAll(db, now);
  const maya = first.customers?.find((c) => c.id === onX);
  expect(maya?.identities).toEqual([
    { platform: 'instagram', handle: 'maya.ortiz', name: 'Maya Ortiz' },
    { platform: 'x', handle: 'maya_rides', name: 'Maya Ortiz', profileUrl: 'https://x.com/maya_rides' },
  ]);
  expect(first.notes?.find((n) => n.customerId === onX)).toMatchObject({ body: 'Prefers DMs', createdAt: now.toISOString() });

  const other = freshDb();
  expect(await importData(other, JSON.parse(JSON.stringify(first)))).toMatchObject({ ok: true });
  expect((await other.identities.get('instagram:maya.ortiz'))?.customerId).toBe(onX);
  expect((await customerProfile(other, { item: { platform: 'instagram', externalId: '18' } }, now)).items).toHaveLength(3);
  const second = await exportAll(other, now);
  expect(second).toEqual(first);
});

test('a file from an older version, with items and no customers, imports into a usable state', async () => {
  const db = await seeded();
  const { customers: _c, notes: _n, ...older } = await exportAll(db, now);
  const fresh = freshDb();
  expect(await importData(fresh, JSON.parse(JSON.stringify(older)))).toMatchObject({ ok: true });
  expect((await fresh.identities.toArray()).map((i) => i.key)).toEqual(['x:maya_rides']);
  const profile = await customerProfile(fresh, { item: { platform: 'x', externalId: '5' } }, now);
  expect(profile).toMatchObject({ customer: { name: 'Maya Ortiz' }, itemTotal: 2, openCount: 2 });
  // Importing it again finds the identity it made and creates nobody new.
  await importData(fresh, JSON.parse(JSON.stringify(older)));
  expect(await fresh.customers.count()).toBe(1);
});
