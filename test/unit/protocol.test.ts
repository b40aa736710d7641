import { createHandlers } from '@/utils/background/handlers';
import { dispatch, type RouterEnv, type Sender } from '@/utils/background/router';
import { requests } from '@/utils/protocol-requests';
import { captured, freshDb } from './helpers';

const env: RouterEnv = { extensionId: 'abcdef', extensionOrigin: 'chrome-extension://abcdef/' };
const page: Sender = { id: 'abcdef', url: 'chrome-extension://abcdef/options.html' };
const xTab: Sender = { id: 'abcdef', url: 'https://x.com/notifications/mentions', tab: { id: 7 } };

function setup() {
  const db = freshDb();
  const changed: unknown[] = [];
  const handlers = createHandlers({
    db,
    now: () => new Date('2026-07-01T12:10:00.000Z'),
    itemsChanged: (items, sender) => changed.push({ items, sender }),
    configChanged: () => {},
    healthChanged: () => {},
    openItem: async () => ({ focusedTab: false }),
  });
  return { db, changed, call: (wire: unknown, sender: Sender) => dispatch(handlers, wire, sender, env) };
}

test('a valid capture from a content script on x.com is stored and answered in an envelope', async () => {
  const { call, db, changed } = setup();
  const reply = await call({ type: 'items/capture', payload: { items: [captured()] } }, xTab);
  expect(reply).toMatchObject({ ok: true, data: [{ externalId: '2072289111045169728', status: 'pending' }] });
  expect(await db.items.count()).toBe(1);
  expect(changed).toHaveLength(1);
});

test.each<[string, Sender]>([
  ['another extension', { id: 'evil', url: 'chrome-extension://evil/page.html' }],
  ['a page on another site', { id: 'abcdef', url: 'https://evil.example/x.com', tab: { id: 3 } }],
  ['an http page on x.com', { id: 'abcdef', url: 'http://x.com/home', tab: { id: 3 } }],
  ['no url', { id: 'abcdef' }],
])('messages from %s are refused', async (_, sender) => {
  const { call, db } = setup();
  const reply = await call({ type: 'items/capture', payload: { items: [captured()] } }, sender);
  expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(await db.items.count()).toBe(0);
});

test('data-changing and exporting messages are accepted only from extension pages', async () => {
  const { call } = setup();
  for (const type of ['data/export', 'data/import', 'templates/save', 'accounts/save', 'settings/save', 'items/set-status'] as const) {
    expect(requests[type].audience).toBe('extension');
    expect(await call({ type, payload: {} }, xTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }
  expect(await call({ type: 'data/export', payload: {} }, page)).toMatchObject({
    ok: true,
    data: { format: 'replyline-export', version: 1 },
  });
});

test.each([
  [{ type: 'items/capture', payload: { items: [{ ...captured(), externalId: '<script>' }] } }, 'bad-request'],
  [{ type: 'items/capture', payload: { items: 'all of them' } }, 'bad-request'],
  [{ type: 'items/capture' }, 'bad-request'],
  [{ type: 'items/drop-table', payload: {} }, 'unknown-message'],
  [{ type: 'toString', payload: {} }, 'unknown-message'],
  [{ type: '__proto__', payload: {} }, 'unknown-message'],
  [null, 'unknown-message'],
  ['items/capture', 'unknown-message'],
])('bad payload %# is rejected with %s', async (wire, code) => {
  const { call } = setup();
  expect(await call(wire, xTab)).toMatchObject({ ok: false, error: { code } });
});

test('handler failures come back as errors, not exceptions', async () => {
  const { call } = setup();
  expect(await call({ type: 'items/set-status', payload: { key: { platform: 'x', externalId: '1' }, status: 'resolved' } }, page)).toEqual({
    ok: false,
    error: { code: 'failed', message: 'No item x:1' },
  });
  await call({ type: 'templates/save', payload: { id: 'a', name: 'A', shortcut: ';a', body: 'x' } }, page);
  expect(await call({ type: 'templates/save', payload: { id: 'b', name: 'B', shortcut: ';a', body: 'y' } }, page)).toMatchObject({
    ok: false,
    error: { message: 'The shortcut ;a is already used by "A"' },
  });
});

test('random payloads to every handler never escape as exceptions', async () => {
  const { call } = setup();
  const samples: unknown[] = [
    undefined,
    null,
    0,
    -1,
    1e308,
    '',
    'x'.repeat(10_000),
    [],
    [null],
    {},
    { items: [{}] },
    { key: {} },
    { file: 1 },
    true,
  ];
  for (const type of Object.keys(requests)) {
    for (const payload of samples) {
      const reply = await call({ type, payload }, page);
      expect(typeof reply.ok).toBe('boolean');
    }
  }
});

test('page context gives the platform brand handles and its templates only', async () => {
  const { call } = setup();
  await call({ type: 'accounts/save', payload: { platform: 'x', handle: '@NorthwindCo', displayName: 'Northwind' } }, page);
  await call({ type: 'accounts/save', payload: { platform: 'facebook', handle: 'northwind.shop' } }, page);
  await call({ type: 'templates/save', payload: { id: 'a', name: 'A', shortcut: ';a', body: 'x', platforms: ['facebook'] } }, page);
  await call({ type: 'templates/save', payload: { id: 'b', name: 'B', shortcut: ';b', body: 'y' } }, page);
  await call({ type: 'settings/save', payload: { agentName: 'Riley' } }, page);
  expect(await call({ type: 'page/context', payload: { platform: 'x' } }, xTab)).toMatchObject({
    ok: true,
    data: {
      brandHandles: ['northwindco'],
      brandName: 'Northwind',
      agentName: 'Riley',
      templates: [{ id: 'b' }],
      paletteShortcut: 'Ctrl+Shift+Space',
    },
  });
});

test('templates are listed by name', async () => {
  const { call } = setup();
  await call({ type: 'templates/save', payload: { id: '1', name: 'Zebra', shortcut: ';z', body: 'z' } }, page);
  await call({ type: 'templates/save', payload: { id: '2', name: 'Apology', shortcut: ';a', body: 'a' } }, page);
  expect(await call({ type: 'templates/list', payload: {} }, xTab)).toMatchObject({
    ok: true,
    data: [{ name: 'Apology' }, { name: 'Zebra' }],
  });
});

test('adapter health: reports from content scripts add up per platform and surface, listed for extension pages only', async () => {
  const { call, db } = setup();
  const report = (extra: object) =>
    call(
      { type: 'health/report', payload: { platform: 'x', surface: 'status', expect: 'always', counters: {}, failures: [], ...extra } },
      xTab,
    );
  await report({ counters: { found: 3, extracted: 2, rejected: 1 }, failures: [{ reason: 'no-time', count: 2 }] });
  await report({ counters: { found: 1, extracted: 1 }, failures: [{ reason: 'no-time', count: 3 }] });
  expect(await report({ counters: { found: -1 } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  const listed = await call({ type: 'health/list', payload: {} }, page);
  expect(listed).toMatchObject({
    ok: true,
    data: {
      warnings: [{ platform: 'x', message: 'no-time (5×)', since: '2026-07-01T12:10:00.000Z' }],
      platforms: [{ platform: 'x', surfaces: { status: { counters: { found: 4, extracted: 3, rejected: 1, skipped: 0 } } } }],
    },
  });
  // Kept in the database: the service worker sleeping does not forget it.
  expect(await db.health.get('x')).toMatchObject({ surfaces: { status: { counters: { found: 4 } } } });
  await call({ type: 'health/clear', payload: {} }, page);
  expect(await call({ type: 'health/list', payload: {} }, page)).toEqual({ ok: true, data: { warnings: [], platforms: [] } });
  expect(await call({ type: 'health/list', payload: {} }, xTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});

test('policies and business hours: saved, listed in order, refused with a reason, and pending clocks follow them', async () => {
  const { call, db } = setup();
  await call({ type: 'items/capture', payload: { items: [captured({ kind: 'dm' })] } }, xTab);
  const office = {
    id: 'office',
    name: 'Office',
    timezone: 'UTC',
    week: {
      mon: [{ start: '09:00', end: '17:00' }],
      tue: [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '14:00' },
      ],
    },
  };
  expect(await call({ type: 'business-hours/save', payload: office }, page)).toMatchObject({
    ok: false,
    error: { message: 'Tuesday: 09:00–12:00 overlaps 11:00–14:00' },
  });
  const weekdays = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]));
  expect(await call({ type: 'business-hours/save', payload: { ...office, week: weekdays } }, page)).toMatchObject({ ok: true });

  const dm = { id: 'dm', name: 'DMs', order: 1, match: { kinds: ['dm'] }, firstResponseMinutes: 30, dueSoonPercent: 50 };
  expect(await call({ type: 'policies/save', payload: { ...dm, businessHoursId: 'nope' } }, page)).toMatchObject({
    ok: false,
    error: { message: 'No business hours with id "nope"' },
  });
  await call({ type: 'policies/save', payload: { ...dm, businessHoursId: 'office' } }, page);
  await call({ type: 'policies/save', payload: { ...dm, id: 'all', name: 'All', order: 0, match: {}, firstResponseMinutes: 90 } }, page);
  expect(await call({ type: 'policies/list', payload: {} }, page)).toMatchObject({ ok: true, data: [{ id: 'all' }, { id: 'dm' }] });
  expect(await call({ type: 'policies/list', payload: {} }, xTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

  // The DM posted Wed 2026-07-01 12:00 UTC now runs on "All" (order 0): 90 minutes.
  expect((await db.items.toArray())[0]).toMatchObject({ policyId: 'all', firstResponseDueAt: '2026-07-01T13:30:00.000Z' });
  await call({ type: 'policies/delete', payload: { id: 'all' } }, page);
  expect((await db.items.toArray())[0]).toMatchObject({ policyId: 'dm', firstResponseDueAt: '2026-07-01T12:30:00.000Z' });
  expect(await call({ type: 'business-hours/delete', payload: { id: 'office' } }, page)).toMatchObject({
    ok: false,
    error: { message: 'Used by the policy "DMs": choose other hours there first' },
  });
});

test('snooze through the protocol needs a future wake-up time; history lists what happened', async () => {
  const { call } = setup();
  await call({ type: 'items/capture', payload: { items: [captured()] } }, xTab);
  const key = { platform: 'x', externalId: captured().externalId };
  expect(await call({ type: 'items/set-status', payload: { key, status: 'snoozed' } }, page)).toMatchObject({
    ok: false,
    error: { message: 'A snooze needs a wake-up time in the future' },
  });
  expect(
    await call({ type: 'items/set-status', payload: { key, status: 'snoozed', snoozeUntil: '2026-07-01T15:00:00.000Z' } }, page),
  ).toMatchObject({
    ok: true,
    data: { status: 'snoozed', snoozedUntil: '2026-07-01T15:00:00.000Z' },
  });
  expect(await call({ type: 'items/history', payload: key }, page)).toMatchObject({
    ok: true,
    data: { history: [{ type: 'captured' }, { type: 'snoozed', note: 'until 2026-07-01T15:00:00.000Z' }], events: [] },
  });
});

test('policies/reorder numbers the policies in the order given, in one step, or refuses an unknown id', async () => {
  const { call } = setup();
  const policy = (id: string, order: number) => ({ id, name: id, order, match: {}, firstResponseMinutes: 60, dueSoonPercent: 75 });
  for (const [id, order] of [
    ['a', 0],
    ['b', 1],
    ['c', 1],
  ] as const)
    await call({ type: 'policies/save', payload: policy(id, order) }, page);
  expect(await call({ type: 'policies/reorder', payload: { ids: ['c', 'a', 'b'] } }, page)).toMatchObject({
    ok: true,
    data: [
      { id: 'c', order: 0 },
      { id: 'a', order: 1 },
      { id: 'b', order: 2 },
    ],
  });
  expect(await call({ type: 'policies/reorder', payload: { ids: ['b', 'zz'] } }, page)).toMatchObject({
    ok: false,
    error: { message: 'No policy with id "zz"' },
  });
  expect(await call({ type: 'policies/list', payload: {} }, page)).toMatchObject({ data: [{ id: 'c' }, { id: 'a' }, { id: 'b' }] });
});

test('templates/used counts uses from content scripts and dates the last one', async () => {
  const { call, db } = setup();
  await call({ type: 'templates/save', payload: { id: 't', name: 'Thanks', shortcut: ';t', body: 'Thanks' } }, page);
  await call({ type: 'templates/used', payload: { id: 't' } }, xTab);
  await call({ type: 'templates/used', payload: { id: 't' } }, xTab);
  await call({ type: 'templates/used', payload: { id: 'gone' } }, xTab);
  expect(await db.templates.get('t')).toMatchObject({ usageCount: 2, lastUsedAt: '2026-07-01T12:10:00.000Z' });
});
