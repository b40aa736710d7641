// IndexedDB faults injected under the real handlers: a full disk, a database closed under the
// worker (or an open that failed once), and an upgrade blocked by a connection to the old version.
import Dexie from 'dexie';
import { dispatch, type Handlers } from '@/utils/background/router';
import { createStorageGuard, DATABASE_BLOCKED_MESSAGE, isQuotaError, STORAGE_FULL_MESSAGE } from '@/utils/background/storage-guard';
import { ReplylineDb, SCHEMA_VERSIONS } from '@/utils/db';
import { demoSeed, OPTIONS_PAGE, TEST_ENV, X_TAB } from './background-kit';
import { snapshotDb } from './fuzz-kit';
import { captured, freshDb, quietHandlers, wrapTables } from './helpers';

vi.setConfig({ testTimeout: 30_000 });
/** vi.waitFor with room for a busy machine (its default gives up after 1 s). */
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000 });
const NOW = new Date('2026-07-01T12:10:00.000Z');
const seedFile = demoSeed();

/** The background's wiring: handlers over `db`, wrapped by the storage guard. */
function background(db: ReplylineDb) {
  const storage = createStorageGuard(db, () => NOW);
  const raw = quietHandlers(db, NOW, { storageWarnings: () => storage.warnings() });
  const handlers = storage.wrap(raw);
  return {
    storage,
    call: (type: string, payload: unknown, sender = OPTIONS_PAGE) => dispatch(handlers, { type, payload }, sender, TEST_ENV),
    callUnguarded: (type: string, payload: unknown) => dispatch(raw as Handlers, { type, payload }, OPTIONS_PAGE, TEST_ENV),
  };
}

/** Makes every write fail as Chrome does when the origin is out of quota, while `full()` says so. */
function injectQuotaFault(db: Dexie, full: () => boolean) {
  // Below every other middleware: the fault comes from IndexedDB itself.
  wrapTables(db, 'quota-fault', 0, (table) => ({
    ...table,
    mutate: (req) => (full() ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) : table.mutate(req)),
  }));
}

/** Fails the test instead of hanging when a call never answers. */
const answered = <T>(promise: Promise<T>, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} never answered`)), 10_000))]);

describe('QuotaExceededError', () => {
  test('writes fail with words the user can act on, a warning stays until an item write succeeds, and reading goes on', async () => {
    const db = freshDb();
    let full = false;
    injectQuotaFault(db, () => full);
    const { call } = background(db);
    expect(await call('data/import', { file: seedFile })).toMatchObject({ ok: true });
    expect(await call('items/capture', { items: [captured()] }, X_TAB)).toMatchObject({ ok: true });
    const before = await snapshotDb(db);

    full = true;
    expect(await call('items/capture', { items: [captured({ externalId: '2072289111045169730' })] }, X_TAB)).toEqual({
      ok: false,
      error: { code: 'failed', message: STORAGE_FULL_MESSAGE },
    });
    expect(await call('settings/save', { agentName: 'Sam' })).toMatchObject({ ok: false, error: { message: STORAGE_FULL_MESSAGE } });
    expect(await snapshotDb(db)).toBe(before);

    // Reading keeps working, and the popup and options show the warning with the sites' health.
    expect(await call('items/list-pending', { limit: 10 })).toMatchObject({ ok: true, data: { pending: 1 } });
    expect(await call('data/export', {})).toMatchObject({ ok: true, data: { items: [{ externalId: '2072289111045169728' }] } });
    expect(await call('page/context', { platform: 'x' }, X_TAB)).toMatchObject({ ok: true });
    expect(await call('health/list', {})).toMatchObject({
      ok: true,
      data: { warnings: [{ message: STORAGE_FULL_MESSAGE, since: NOW.toISOString() }] },
    });
    // A small write that fits does not clear it: only items prove there is room again.
    full = false;
    expect(
      await call('health/report', { platform: 'x', surface: 'home', expect: 'always', counters: { found: 1 }, failures: [] }, X_TAB),
    ).toMatchObject({
      ok: true,
    });
    expect((await call('health/list', {})) as { data: { warnings: unknown[] } }).toMatchObject({
      data: { warnings: [{ message: STORAGE_FULL_MESSAGE }] },
    });

    expect(await call('items/capture', { items: [captured({ externalId: '2072289111045169730' })] }, X_TAB)).toMatchObject({ ok: true });
    expect(await call('health/list', {})).toMatchObject({ ok: true, data: { warnings: [] } });
  });

  test('recognised however Dexie wraps it', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quota))).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.ConstraintError('dup'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });
});

describe('DatabaseClosedError', () => {
  test('a database closed under the worker is reopened for the next request; without the guard it stays closed', async () => {
    const db = freshDb();
    const { call, callUnguarded } = background(db);
    expect(await call('data/import', { file: seedFile })).toMatchObject({ ok: true });
    db.close();
    expect(await callUnguarded('templates/list', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/closed/i) } });
    expect(await call('templates/list', {})).toMatchObject({
      ok: true,
      data: expect.arrayContaining([expect.objectContaining({ id: 'tpl-thanks' })]),
    });
  });

  test('closed in the middle of a capture: the capture is retried once and stored once', async () => {
    const db = freshDb();
    const { call } = background(db);
    expect(await call('data/import', { file: seedFile })).toMatchObject({ ok: true });
    const reply = call('items/capture', { items: [captured()] }, X_TAB);
    db.close();
    expect(await reply).toMatchObject({ ok: true, data: [{ externalId: '2072289111045169728' }] });
    expect(await db.items.count()).toBe(1);
    expect(await db.history.where('[platform+externalId]').equals(['x', '2072289111045169728']).count()).toBe(1);
  });

  test('an open that failed once (Dexie keeps failing it) is retried by the next request', async () => {
    const db = freshDb();
    let failOpen = true;
    db.on('ready', () => {
      if (failOpen) {
        failOpen = false;
        throw new Error('UnknownError: the backing store hiccuped');
      }
    });
    const { call, callUnguarded } = background(db);
    expect(await callUnguarded('templates/list', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/backing store/) },
    });
    // Dexie keeps that failure: every later request fails too, though the fault is gone.
    expect(await callUnguarded('templates/list', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/backing store/) },
    });
    expect(await call('templates/list', {})).toEqual({ ok: true, data: [] });
    expect(await callUnguarded('templates/list', {})).toEqual({ ok: true, data: [] });
  });
});

describe('an upgrade blocked by a connection to the old version', () => {
  test('requests are refused with an explanation instead of hanging; the upgrade completes once the old connection closes', async () => {
    const name = `blocked-${Math.random()}`;
    // A v1 database with a row, then a raw connection that ignores versionchange (an old page that never closes).
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_VERSIONS[0]?.stores ?? {});
    await old.table('items').put({ ...captured(), capturedAt: NOW.toISOString(), status: 'pending' });
    old.close();
    const holder = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });

    const db = new ReplylineDb(name);
    const { call } = background(db);
    expect(await answered(call('items/list-pending', { limit: 10 }), 'the first request')).toEqual({
      ok: false,
      error: { code: 'failed', message: DATABASE_BLOCKED_MESSAGE },
    });
    expect(await answered(call('templates/list', {}), 'a later request')).toMatchObject({
      ok: false,
      error: { message: DATABASE_BLOCKED_MESSAGE },
    });

    holder.close();
    await eventually(async () => expect(await call('items/list-pending', { limit: 10 })).toMatchObject({ ok: true, data: { pending: 1 } }));
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
    expect((await db.items.toArray())[0]?.customerKey).toBe('x:maya_rides');
  });
});
