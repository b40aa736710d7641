import Dexie from 'dexie';
import { captureItems, setItemStatus } from '@/utils/backlog';
import {
  customerProfile,
  deleteNote,
  dismissSuggestion,
  eraseCustomer,
  linkCustomers,
  linkSuggestions,
  listCustomers,
  nameKeyOf,
  saveCustomer,
  saveNote,
  unlinkIdentity,
} from '@/utils/customers';
import { exportAll, importData } from '@/utils/data-transfer';
import { type ReplylineDb as Db, ReplylineDb, SCHEMA_VERSIONS } from '@/utils/db';
import { captured, freshDb } from './helpers';

const now = new Date('2026-07-01T12:10:00.000Z');
const later = new Date('2026-07-02T09:00:00.000Z');

const maya = (overrides: Parameters<typeof captured>[0] = {}) => captured(overrides);
const mayaOnInstagram = (overrides: Parameters<typeof captured>[0] = {}) =>
  captured({
    platform: 'instagram',
    externalId: '18040000000000001',
    permalink: 'https://www.instagram.com/p/Cabc/c/18040000000000001/',
    author: { name: 'Maya Ortiz', handle: 'maya.ortiz', profileUrl: 'https://www.instagram.com/maya.ortiz/' },
    text: 'Still no parcel, and nobody answers on X either',
    postedAt: '2026-07-01T15:00:00.000Z',
    ...overrides,
  });

const raviSays = (overrides: Parameters<typeof captured>[0] = {}) =>
  captured({ externalId: '7', permalink: 'https://x.com/ravi/status/7', author: { name: 'Ravi Shah', handle: 'ravi' }, ...overrides });

const customerIdOf = async (db: Db, key: string) => {
  const identity = await db.identities.get(key);
  if (!identity) throw new Error(`no identity ${key}`);
  return identity.customerId;
};

test('names compare without case, accents, punctuation or emoji', () => {
  expect(nameKeyOf("Zoë  O'Brien 🚲")).toBe('zoe o brien');
  expect(nameKeyOf('MAYA ortiz')).toBe(nameKeyOf('Maya Ortiz'));
});

test('a captured item attaches to its platform identity, which gets a customer of its own', async () => {
  const db = freshDb();
  await captureItems(db, [maya(), maya({ externalId: '2' })], now);
  expect(await db.identities.toArray()).toEqual([
    expect.objectContaining({
      key: 'x:maya_rides',
      platform: 'x',
      handle: 'maya_rides',
      name: 'Maya Ortiz',
      nameKey: 'maya ortiz',
      profileUrl: 'https://x.com/maya_rides',
      firstSeenAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
    }),
  ]);
  const [customer] = await db.customers.toArray();
  expect(customer).toMatchObject({ name: 'Maya Ortiz', createdAt: now.toISOString() });
  expect(await customerIdOf(db, 'x:maya_rides')).toBe(customer?.id);

  // Seen again under a new display name: the identity follows, the person stays one.
  await captureItems(db, [maya({ externalId: '3', author: { name: 'Maya O.', handle: 'Maya_Rides' } })], later);
  expect(await db.identities.get('x:maya_rides')).toMatchObject({
    name: 'Maya O.',
    nameKey: 'maya o',
    firstSeenAt: now.toISOString(),
    lastSeenAt: later.toISOString(),
  });
  expect(await db.customers.count()).toBe(1);
});

test('the same name on another platform is suggested, never merged automatically', async () => {
  const db = freshDb();
  await captureItems(db, [maya(), mayaOnInstagram()], now);
  expect(await db.customers.count()).toBe(2);
  const onX = await customerIdOf(db, 'x:maya_rides');
  const onInstagram = await customerIdOf(db, 'instagram:maya.ortiz');
  expect(onX).not.toBe(onInstagram);
  const [suggestion, ...rest] = await linkSuggestions(db, onX);
  expect(rest).toEqual([]);
  expect(suggestion).toMatchObject({ customerId: onInstagram, name: 'Maya Ortiz', reasons: ['same name'] });
  expect(suggestion?.identities.map((i) => i.key)).toEqual(['instagram:maya.ortiz']);
});

test('a one-word name is no evidence; the same website is', async () => {
  const db = freshDb();
  await captureItems(
    db,
    [maya({ author: { name: 'Maya', handle: 'maya_rides' } }), mayaOnInstagram({ author: { name: 'Maya', handle: 'maya.ortiz' } })],
    now,
  );
  expect(await linkSuggestions(db, await customerIdOf(db, 'x:maya_rides'))).toEqual([]);

  // Pages that show a profile's website give `site` (here through an import).
  const file = await exportAll(db, now);
  for (const c of file.customers ?? []) for (const i of c.identities ?? []) i.site = 'https://www.maya-rides.example/';
  expect(await importData(db, file)).toMatchObject({ ok: true });
  const [suggestion] = await linkSuggestions(db, await customerIdOf(db, 'x:maya_rides'));
  expect(suggestion).toMatchObject({
    customerId: await customerIdOf(db, 'instagram:maya.ortiz'),
    reasons: ['same website maya-rides.example'],
  });
});

test('"not the same person" is never suggested again, either way round', async () => {
  const db = freshDb();
  await captureItems(db, [maya(), mayaOnInstagram()], now);
  const onX = await customerIdOf(db, 'x:maya_rides');
  const onInstagram = await customerIdOf(db, 'instagram:maya.ortiz');
  await dismissSuggestion(db, onX, onInstagram);
  expect(await linkSuggestions(db, onX)).toEqual([]);
  expect(await linkSuggestions(db, onInstagram)).toEqual([]);
  await expect(dismissSuggestion(db, onX, onX)).rejects.toThrow();
});

test('linking moves identities, notes and tags into one person and deletes the other', async () => {
  const db = freshDb();
  await captureItems(db, [maya(), mayaOnInstagram()], now);
  const onX = await customerIdOf(db, 'x:maya_rides');
  const onInstagram = await customerIdOf(db, 'instagram:maya.ortiz');
  await saveCustomer(db, { id: onX, tags: ['vip'] });
  await saveCustomer(db, { id: onInstagram, tags: ['VIP', 'cyclist'] });
  const note = await saveNote(db, { customerId: onInstagram, body: 'Prefers DMs' }, now);

  await linkCustomers(db, onX, onInstagram);
  expect(await db.customers.get(onInstagram)).toBeUndefined();
  expect(await customerIdOf(db, 'instagram:maya.ortiz')).toBe(onX);
  expect(await db.notes.get(note.id)).toMatchObject({ customerId: onX });
  expect((await db.customers.get(onX))?.tags).toEqual(['vip', 'VIP', 'cyclist']);

  const profile = await customerProfile(db, { item: { platform: 'instagram', externalId: '18040000000000001' } }, now);
  expect(profile.customer.id).toBe(onX);
  expect(profile.identities.map((i) => i.key)).toEqual(['instagram:maya.ortiz', 'x:maya_rides']);
  expect(profile.items.map((i) => i.platform)).toEqual(['instagram', 'x']);
  expect(profile.notes.map((n) => n.body)).toEqual(['Prefers DMs']);
  expect(profile.suggestions).toEqual([]);
  await expect(linkCustomers(db, onX, onX)).rejects.toThrow();
  await expect(linkCustomers(db, onX, 'nobody')).rejects.toThrow('No customer');
});

test('unlinking gives the identity a fresh person that is not suggested back', async () => {
  const db = freshDb();
  await captureItems(db, [maya(), mayaOnInstagram()], now);
  const onX = await customerIdOf(db, 'x:maya_rides');
  await linkCustomers(db, onX, await customerIdOf(db, 'instagram:maya.ortiz'));

  const fresh = await unlinkIdentity(db, onX, 'instagram:maya.ortiz', later);
  expect(fresh).not.toBe(onX);
  expect(await customerIdOf(db, 'instagram:maya.ortiz')).toBe(fresh);
  expect(await db.customers.get(fresh)).toMatchObject({ name: 'Maya Ortiz', createdAt: later.toISOString() });
  expect((await customerProfile(db, { customerId: onX }, now)).items.map((i) => i.platform)).toEqual(['x']);
  expect(await linkSuggestions(db, onX)).toEqual([]);
  expect(await linkSuggestions(db, fresh)).toEqual([]);

  await expect(unlinkIdentity(db, onX, 'x:maya_rides', later)).rejects.toThrow('only identity');
  await expect(unlinkIdentity(db, onX, 'instagram:maya.ortiz', later)).rejects.toThrow('not an identity of this person');
});

test('the profile: first-response time, misses, open count, last contact, sentiment and notes with times', async () => {
  const db = freshDb();
  // The brand answered item 1 after 25 minutes; item 2 is overdue (60-minute policy) and item 3 snoozed.
  await captureItems(
    db,
    [
      maya({ externalId: '1', postedAt: '2026-07-01T10:00:00.000Z' }),
      captured({ externalId: '99', byBrand: true, answersExternalId: '1', postedAt: '2026-07-01T10:25:00.000Z' }),
    ],
    now,
  );
  await captureItems(db, [maya({ externalId: '2', postedAt: '2026-07-01T10:30:00.000Z' })], now);
  await captureItems(db, [maya({ externalId: '3', postedAt: '2026-07-01T12:05:00.000Z' })], now);
  await setItemStatus(db, { platform: 'x', externalId: '3' }, 'snoozed', now, later);
  const sentiments = { '1': -0.8, '2': 0, '3': 0.4 } as const;
  for (const [externalId, sentiment] of Object.entries(sentiments)) await db.items.update(['x', externalId], { sentiment });

  const profile = await customerProfile(db, { item: { platform: 'x', externalId: '2' } }, now);
  expect(profile.items.map((i) => [i.externalId, i.status, i.firstResponseMinutes, i.missed])).toEqual([
    ['3', 'snoozed', undefined, []],
    ['2', 'pending', undefined, ['next-response']],
    ['1', 'answered', 25, []],
  ]);
  expect(profile).toMatchObject({ openCount: 2, itemTotal: 3, lastContactAt: '2026-07-01T12:05:00.000Z' });
  expect(profile.items[0]?.permalink).toBe('https://x.com/maya_rides/status/2072289111045169728');
  // Item 2 is neutral: the mean and the trend are of items 1 and 3.
  expect(profile.sentiment).toBeCloseTo(-0.2);
  expect(profile.sentimentTrend).toEqual([
    { at: '2026-07-01T10:00:00.000Z', value: -0.8 },
    { at: '2026-07-01T12:05:00.000Z', value: 0.4 },
  ]);

  const customerId = profile.customer.id;
  const first = await saveNote(db, { customerId, body: '  Ships to Lisbon  ' }, now);
  expect(first).toMatchObject({ body: 'Ships to Lisbon', createdAt: now.toISOString() });
  expect(first.updatedAt).toBeUndefined();
  const second = await saveNote(db, { customerId, body: 'Asked for a refund' }, later);
  const edited = await saveNote(db, { id: first.id, customerId, body: 'Ships to Porto' }, later);
  expect(edited).toMatchObject({ id: first.id, body: 'Ships to Porto', createdAt: now.toISOString(), updatedAt: later.toISOString() });
  expect((await customerProfile(db, { customerId }, now)).notes.map((n) => n.id)).toEqual([second.id, first.id]);
  await deleteNote(db, second.id);
  expect((await customerProfile(db, { customerId }, now)).notes.map((n) => n.body)).toEqual(['Ships to Porto']);
  await expect(saveNote(db, { customerId, body: '   ' }, now)).rejects.toThrow('needs some text');
  await expect(saveNote(db, { id: first.id, customerId: 'someone-else', body: 'x' }, now)).rejects.toThrow();
});

test('the sentiment is the mean of the last five non-neutral items', async () => {
  const db = freshDb();
  const values = [-1, 0.5, 0, 0.5, 0.5, 0.5, 0.5];
  await captureItems(
    db,
    values.map((_, i) => maya({ externalId: String(i + 1), postedAt: `2026-07-01T0${i}:00:00.000Z` })),
    now,
  );
  for (const [i, sentiment] of values.entries()) await db.items.update(['x', String(i + 1)], { sentiment });
  const profile = await customerProfile(db, { customerId: await customerIdOf(db, 'x:maya_rides') }, now);
  expect(profile.sentiment).toBe(0.5);
  expect(profile.sentimentTrend).toHaveLength(6);
});

test('saving a customer renames and re-tags without duplicates', async () => {
  const db = freshDb();
  await captureItems(db, [maya()], now);
  const id = await customerIdOf(db, 'x:maya_rides');
  expect(await saveCustomer(db, { id, name: ' Maya Ortiz-Lee ', tags: [' vip ', 'VIP', '', 'refund'] })).toMatchObject({
    name: 'Maya Ortiz-Lee',
    tags: ['vip', 'refund'],
  });
  expect(await saveCustomer(db, { id, tags: [] })).not.toHaveProperty('tags');
  await expect(saveCustomer(db, { id: 'nobody', name: 'x' })).rejects.toThrow('No customer');
});

test('the list finds people by name, handle or tag, most recently seen first, with open counts', async () => {
  const db = freshDb();
  await captureItems(db, [maya()], now);
  await captureItems(db, [mayaOnInstagram(), raviSays()], later);
  await saveCustomer(db, { id: await customerIdOf(db, 'x:ravi'), tags: ['Wholesale'] });

  const all = await listCustomers(db, { limit: 10 });
  expect(all.total).toBe(3);
  expect(all.customers.at(-1)).toMatchObject({
    name: 'Maya Ortiz',
    openCount: 1,
    suggestionCount: 1,
    lastContactAt: '2026-07-01T12:00:00.000Z',
  });
  expect((await listCustomers(db, { query: '@MAYA_rides', limit: 10 })).customers.map((c) => c.identities[0]?.key)).toEqual([
    'x:maya_rides',
  ]);
  expect((await listCustomers(db, { query: 'wholesale', limit: 10 })).customers.map((c) => c.name)).toEqual(['Ravi Shah']);
  expect((await listCustomers(db, { query: 'ortíz', limit: 10 })).total).toBe(2);
  const page = await listCustomers(db, { limit: 1, offset: 2 });
  expect(page).toMatchObject({ total: 3, customers: [{ name: 'Maya Ortiz' }] });
});

test('erasing a person leaves nothing of them in any table, nor in an export', async () => {
  const db = freshDb();
  await importData(db, {
    format: 'replyline-export',
    version: 1,
    slaPolicies: [{ id: 'fast', name: 'Fast', order: 1, match: {}, firstResponseMinutes: 5, dueSoonPercent: 50 }],
  });
  await captureItems(db, [maya(), mayaOnInstagram(), raviSays({ text: 'Hello' })], now);
  const onX = await customerIdOf(db, 'x:maya_rides');
  const onInstagram = await customerIdOf(db, 'instagram:maya.ortiz');
  const ravi = await customerIdOf(db, 'x:ravi');
  await linkCustomers(db, onX, onInstagram);
  await saveNote(db, { customerId: onX, body: 'Lives at 12 Rua Augusta' }, now);
  await saveNote(db, { customerId: ravi, body: 'Wholesale buyer' }, now);
  await dismissSuggestion(db, ravi, onX);
  // Misses and history for her items, too.
  await setItemStatus(db, { platform: 'x', externalId: '2072289111045169728' }, 'resolved', later);
  await captureItems(db, [mayaOnInstagram({ text: 'Hello again' })], later);
  expect(await db.slaEvents.count()).toBeGreaterThan(0);

  expect(await eraseCustomer(db, onX)).toEqual({ items: 2, notes: 1 });

  const traces = [
    onX,
    onInstagram,
    'maya',
    'Maya',
    'Ortiz',
    'parcel',
    'arrived',
    'Rua Augusta',
    '2072289111045169728',
    '18040000000000001',
  ];
  for (const table of db.tables) {
    const rows = JSON.stringify(await table.toArray());
    for (const trace of traces) expect(rows, `${table.name} still holds ${trace}`).not.toContain(trace);
  }
  const exported = JSON.stringify(await exportAll(db, later));
  for (const trace of traces) expect(exported).not.toContain(trace);
  // The backlog counts followed the deletes.
  expect((await db.counters.toArray()).reduce((sum, c) => sum + c.count, 0)).toBe(await db.items.count());
  // Everyone else is untouched.
  expect(await db.items.get(['x', '7'])).toMatchObject({ text: 'Hello' });
  expect(await db.notes.where('customerId').equals(ravi).count()).toBe(1);
  expect(await db.slaPolicies.get('fast')).toBeDefined();
  await expect(eraseCustomer(db, onX)).rejects.toThrow('No customer');
});

test('erasing is all or nothing', async () => {
  const db = freshDb();
  await captureItems(db, [maya()], now);
  const id = await customerIdOf(db, 'x:maya_rides');
  const before = await exportAll(db, now);
  db.items.hook('deleting', () => {
    throw new Error('disk full');
  });
  await expect(eraseCustomer(db, id)).rejects.toThrow('disk full');
  expect(await exportAll(db, now)).toEqual(before);
});

test('the v3 upgrade gives every stored item an identity and a customer', async () => {
  const name = `upgrade-${Math.random()}`;
  const v2 = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= 2)) v2.version(version).stores(stores);
  const row = (externalId: string, author: { name: string; handle?: string }, postedAt: string) => ({
    ...captured({ externalId, author, postedAt }),
    byBrand: undefined,
    capturedAt: postedAt,
    status: 'pending',
    customerKey: `x:${author.handle ?? author.name.toLowerCase()}`,
  });
  await v2
    .table('items')
    .bulkPut([
      row('1', { name: 'Maya', handle: 'maya_rides' }, '2026-06-01T10:00:00.000Z'),
      row('2', { name: 'Maya Ortiz', handle: 'maya_rides' }, '2026-06-02T10:00:00.000Z'),
      row('3', { name: 'Ravi Shah' }, '2026-06-03T10:00:00.000Z'),
    ]);
  v2.close();

  const db = new ReplylineDb(name);
  await db.open();
  expect((await db.identities.toArray()).map((i) => [i.key, i.name])).toEqual([
    ['x:maya_rides', 'Maya Ortiz'],
    ['x:ravi shah', 'Ravi Shah'],
  ]);
  expect(await db.customers.count()).toBe(2);
  expect((await customerProfile(db, { item: { platform: 'x', externalId: '1' } }, now)).items).toHaveLength(2);
});
