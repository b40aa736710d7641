import type { DBCoreTable, Dexie } from 'dexie';
import { type BackgroundDeps, createHandlers } from '@/utils/background/handlers';
import { ReplylineDb } from '@/utils/db';
import type { CapturedItem } from '@/utils/schema-core';

let n = 0;
/** A fresh database per test (fake-indexeddb is process-wide). */
export const freshDb = () => new ReplylineDb(`test-${++n}-${Math.random()}`);

/** The background's handlers over `db` at a fixed `now`, every notification a no-op unless given. */
export const quietHandlers = (db: ReplylineDb, now: Date, deps: Partial<BackgroundDeps> = {}) =>
  createHandlers({
    db,
    now: () => now,
    itemsChanged: () => {},
    configChanged: () => {},
    healthChanged: () => {},
    openItem: async () => ({ focusedTab: false }),
    ...deps,
  });

export const captured = (overrides: Partial<CapturedItem> = {}): CapturedItem => ({
  platform: 'x',
  externalId: '2072289111045169728',
  kind: 'comment',
  permalink: 'https://x.com/maya_rides/status/2072289111045169728',
  author: { name: 'Maya Ortiz', handle: 'maya_rides', profileUrl: 'https://x.com/maya_rides' },
  text: 'My order has not arrived yet',
  postedAt: '2026-07-01T12:00:00.000Z',
  byBrand: false,
  ...overrides,
});

/**
 * A DBCore middleware that gives each table through `wrap`, at `level`: 0 is beneath everything
 * (what IndexedDB itself does), 1 beneath the app's counters middleware (what reaches the database).
 */
export function wrapTables(db: Dexie, name: string, level: number, wrap: (table: DBCoreTable, tableName: string) => DBCoreTable) {
  db.use({ stack: 'dbcore', name, level, create: (down) => ({ ...down, table: (tableName) => wrap(down.table(tableName), tableName) }) });
}
