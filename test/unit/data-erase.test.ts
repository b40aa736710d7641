import { captureItems } from '@/utils/backlog';
import { eraseData, storageReport } from '@/utils/data-erase';
import { importData } from '@/utils/data-transfer';
import { captured, freshDb } from './helpers';

const now = new Date('2026-07-01T12:10:00.000Z');

async function seeded() {
  const db = freshDb();
  const result = await importData(db, {
    format: 'replyline-export',
    version: 1,
    settings: { agentName: 'Riley' },
    accounts: [{ platform: 'x', handle: 'northwindco' }],
    templates: [{ id: 't', name: 'Thanks', shortcut: ';t', body: 'Thanks!' }],
    notes: [{ id: 'n1', customerId: 'c1', body: 'VIP' }],
  });
  expect(result.ok).toBe(true);
  await captureItems(db, [captured(), captured({ externalId: '7', author: { name: 'Ana Lima', handle: 'ana' } })], now);
  return db;
}

test('the storage report counts the rows of every table and passes on the browser estimate', async () => {
  const db = await seeded();
  const report = await storageReport(db, async () => ({ usage: 2048, quota: 1 << 30 }));
  expect(report).toMatchObject({ usage: 2048, quota: 1 << 30 });
  expect(report.rows).toMatchObject({ items: 2, templates: 1, notes: 1, accounts: 1 });
  expect(Object.keys(report.rows).sort()).toEqual(db.tables.map((t) => t.name).sort());
  // Without the API the report still counts.
  expect((await storageReport(db)).usage).toBeUndefined();
});

test('erasing customer data clears items and people and keeps the setup', async () => {
  const db = await seeded();
  const removed = await eraseData(db, 'customer-data');
  expect(removed).toMatchObject({ items: 2, notes: 1 });
  for (const name of ['items', 'customers', 'identities', 'notes', 'slaEvents', 'history']) expect(await db.table(name).count()).toBe(0);
  expect(await db.templates.count()).toBe(1);
  expect(await db.accounts.count()).toBe(1);
  expect(await db.settings.get('agentName')).toMatchObject({ value: 'Riley' });
});

test('erasing everything leaves every table empty', async () => {
  const db = await seeded();
  await eraseData(db, 'everything');
  for (const table of db.tables) expect([table.name, await table.count()]).toEqual([table.name, 0]);
});
