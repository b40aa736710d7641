// Protocol fuzzing: every request type in `requests` (whatever exists when this runs) gets random,
// mutated and adversarial payloads through the real router and handlers over fake-indexeddb.
// Set FUZZ_SEED to replay a failure.
import { dispatch, type Sender } from '@/utils/background/router';
import { captureItems } from '@/utils/backlog';
import { importData } from '@/utils/data-transfer';
import type { RequestName } from '@/utils/protocol';
import { requests } from '@/utils/protocol-requests';
import { demoSeed, OPTIONS_PAGE, TEST_ENV, X_TAB } from './background-kit';
import {
  adversarialValues,
  deeplyNested,
  MEGABYTE_STRING,
  mutate,
  prototypePolluted,
  randomValue,
  seededRng,
  snapshotDb,
} from './fuzz-kit';
import { captured, freshDb, quietHandlers } from './helpers';

// Fuzzing is CPU-bound: on a busy machine a round takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 60_000 });
const SEED = Number(process.env.FUZZ_SEED ?? 20260701);
const RANDOM_PER_TYPE = 40;
const NOW = new Date('2026-07-01T12:10:00.000Z');
const seedFile = demoSeed();

const NAMES = Object.keys(requests) as RequestName[];
const ERROR_CODES = ['bad-request', 'forbidden', 'not-found', 'failed', 'unknown-message'];

/**
 * What content scripts on the sites may send, and why each is safe to take from a page's world:
 * reading the page (capture, health), the data a badge and the palette need, and a use count.
 * Anything else that changes or exports data is for extension pages only.
 */
const CONTENT_REQUESTS = ['health/report', 'items/capture', 'items/get', 'page/context', 'templates/list', 'templates/used'];

/** Valid payloads where we know one, so mutations explore past the first field. */
const KEY = { platform: 'x', externalId: '2072289111045169728' };
const SAMPLES: Partial<Record<RequestName, unknown>> = {
  'items/capture': { items: [captured()] },
  'items/get': { keys: [KEY] },
  'items/list-pending': { limit: 10, offset: 0 },
  'items/set-status': { key: KEY, status: 'snoozed', snoozeUntil: '2026-07-02T09:00:00.000Z' },
  'items/history': KEY,
  'items/open': KEY,
  'page/context': { platform: 'x' },
  'policies/save': { id: 'fast', name: 'Fast', order: 1, match: { platforms: ['x'] }, firstResponseMinutes: 30, dueSoonPercent: 50 },
  'policies/delete': { id: 'fast' },
  'policies/reorder': { ids: ['default'] },
  'business-hours/save': { id: 'office', name: 'Office', timezone: 'Europe/Paris', week: { mon: [{ start: '09:00', end: '17:00' }] } },
  'business-hours/delete': { id: 'office' },
  'health/report': { platform: 'x', surface: 'status', expect: 'always', counters: { found: 1 }, visit: 'found', failures: [] },
  'accounts/save': { platform: 'x', handle: '@brand', displayName: 'Brand' },
  'accounts/delete': { platform: 'x', handle: 'brand' },
  'templates/save': { id: 'tpl-new', name: 'New', shortcut: ';new', body: 'Hi {{customer.firstName}}' },
  'templates/delete': { id: 'tpl-thanks' },
  'templates/used': { id: 'tpl-thanks' },
  'settings/save': { agentName: 'Riley', alerts: { enabled: true, beforeMinutes: 10, atBreach: true } },
  'data/import': { file: seedFile },
  'data/erase': { scope: 'customer-data', confirm: 'erase' },
};

async function setup() {
  const db = freshDb();
  const handlers = quietHandlers(db, NOW);
  // Data to lose: what a rejected message must leave exactly as it was.
  expect(await importData(db, seedFile)).toMatchObject({ ok: true });
  await captureItems(db, [captured(), captured({ externalId: '2072289111045169729', platform: 'x' })], NOW);
  return { db, call: (wire: unknown, sender: Sender) => dispatch(handlers, wire, sender, TEST_ENV) };
}

function expectEnvelope(reply: unknown, context: string) {
  const envelope = reply as { ok: unknown; error?: { code: unknown; message: unknown } };
  expect(typeof envelope.ok, context).toBe('boolean');
  if (envelope.ok) return;
  expect(ERROR_CODES, context).toContain(envelope.error?.code);
  expect(typeof envelope.error?.message, context).toBe('string');
  // The sender sees a short message, never its own megabytes echoed back.
  expect((envelope.error?.message as string).length, context).toBeLessThanOrEqual(300);
}

function payloadsFor(type: RequestName, seed: number): unknown[] {
  const rng = seededRng(seed);
  const sample = SAMPLES[type] ?? {};
  return [
    ...adversarialValues(),
    ...adversarialValues().map((value) =>
      typeof sample === 'object' ? { ...sample, [rng.pick(Object.keys(sample ?? {}).concat('x'))]: value } : value,
    ),
    ...Array.from({ length: RANDOM_PER_TYPE }, () => randomValue(rng)),
    ...Array.from({ length: RANDOM_PER_TYPE }, () => mutate(rng, mutate(rng, sample))),
  ];
}

const seedOf = (type: RequestName) => SEED + [...type].reduce((h, c) => h * 31 + c.charCodeAt(0), 0);

describe.each(NAMES)('%s', (type) => {
  test('random and adversarial payloads: always an envelope, never a throw, nothing written when refused', async () => {
    const { db, call } = await setup();
    const payloads = payloadsFor(type, seedOf(type));
    for (const [index, payload] of payloads.entries()) {
      const context = `${type} payload #${index} (FUZZ_SEED=${SEED})`;
      const before = await snapshotDb(db);
      const reply = await call({ type, payload }, OPTIONS_PAGE);
      expectEnvelope(reply, context);
      if (!(reply as { ok: boolean }).ok) expect(await snapshotDb(db), context).toBe(before);
    }
    expect(prototypePolluted()).toBe(false);
    // The worker still answers.
    expect(await call({ type: 'settings/get', payload: {} }, OPTIONS_PAGE)).toMatchObject({ ok: true });
  });
});

test('wires that are not requests: unknown-message, whatever their shape', async () => {
  const { db, call } = await setup();
  const before = await snapshotDb(db);
  const rng = seededRng(SEED);
  const wires: unknown[] = [
    ...adversarialValues(),
    ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'items/', 'ITEMS/CAPTURE', 'items/capture '].map(
      (type) => ({
        type,
        payload: {},
      }),
    ),
    { type: MEGABYTE_STRING, payload: {} },
    { type: ['items/capture'], payload: {} },
    { type: { toString: () => 'items/capture' }, payload: {} },
    // Cannot be turned into a string: describing it must not throw either.
    { type: Object.create(null), payload: {} },
    ...Array.from({ length: 50 }, () => randomValue(rng)),
  ];
  for (const [index, wire] of wires.entries()) {
    const reply = await call(wire, OPTIONS_PAGE);
    expectEnvelope(reply, `wire #${index}`);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
  }
  expect(await snapshotDb(db)).toBe(before);
});

test('content scripts may send only the requests they need; every other request is for extension pages', () => {
  const content = NAMES.filter((name) => requests[name].audience === 'content').sort();
  expect(content).toEqual(CONTENT_REQUESTS);
});

test('every extension-only request from a content script on a supported site is forbidden and writes nothing', async () => {
  const { db, call } = await setup();
  const before = await snapshotDb(db);
  for (const type of NAMES.filter((name) => requests[name].audience === 'extension')) {
    for (const payload of [SAMPLES[type] ?? {}, undefined, deeplyNested(100)]) {
      expect(await call({ type, payload }, X_TAB), type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  }
  expect(await snapshotDb(db)).toBe(before);
  // The content requests themselves are accepted from there (so the refusals above are about the audience).
  expect(await call({ type: 'page/context', payload: { platform: 'x' } }, X_TAB)).toMatchObject({ ok: true });
  expect(await call({ type: 'items/capture', payload: SAMPLES['items/capture'] }, X_TAB)).toMatchObject({ ok: true });
});

test.each<[string, Sender]>([
  ['another extension', { id: 'otherextension', url: 'chrome-extension://otherextension/page.html' }],
  ['another extension claiming our page url', { id: 'otherextension', url: 'chrome-extension://ourextension/options.html' }],
  ['our id with another extension’s url', { id: 'ourextension', url: 'chrome-extension://otherextension/options.html' }],
  ['our id with a look-alike origin', { id: 'ourextension', url: 'chrome-extension://ourextensionx/options.html', tab: { id: 2 } }],
  ['a tab on an unsupported site', { id: 'ourextension', url: 'https://evil.example/https://x.com/', tab: { id: 3 } }],
  ['a look-alike host', { id: 'ourextension', url: 'https://x.com.evil.example/home', tab: { id: 3 } }],
  ['plain http on a supported host', { id: 'ourextension', url: 'http://x.com/home', tab: { id: 3 } }],
  ['a supported site without a tab', { id: 'ourextension', url: 'https://x.com/home' }],
  ['a javascript: url', { id: 'ourextension', url: 'javascript:alert(1)', tab: { id: 3 } }],
  ['a data: url', { id: 'ourextension', url: 'data:text/html,x.com', tab: { id: 3 } }],
  ['no url', { id: 'ourextension' }],
  ['no id', { url: 'chrome-extension://ourextension/options.html' }],
  ['nothing', {}],
])('everything from %s is forbidden and writes nothing', async (_, sender) => {
  const { db, call } = await setup();
  const before = await snapshotDb(db);
  for (const type of NAMES) {
    expect(await call({ type, payload: SAMPLES[type] ?? {} }, sender), type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }
  expect(await snapshotDb(db)).toBe(before);
});
