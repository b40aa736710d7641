// The engine sends up to 100 items per capture message (a first scan has hundreds): one call must
// store them all in its one transaction, and answer each with its view.
import { captureItems } from '@/utils/backlog';
import { captured, freshDb } from './helpers';

const now = new Date('2026-07-01T12:10:00.000Z');

test('a capture of hundreds of items, customers and brand replies mixed, is one transaction that stores them all', async () => {
  const db = freshDb();
  await db.accounts.put({ platform: 'x', handle: 'northwindco' });
  const customers = Array.from({ length: 300 }, (_, i) =>
    captured({
      externalId: String(2072289111045169728n + BigInt(i)),
      author: { name: `Customer ${i % 40}`, handle: `c${i % 40}` },
      postedAt: new Date(now.getTime() - (i % 50) * 60_000).toISOString(),
    }),
  );
  // A reply by the brand's handle (not flagged by the page) answers the first customer item.
  const reply = captured({
    externalId: '2072289111045199999',
    author: { name: 'Northwind', handle: 'northwindco' },
    answersExternalId: customers[0]?.externalId,
    postedAt: now.toISOString(),
  });
  const views = await captureItems(db, [...customers, reply], now);
  expect(await db.items.count()).toBe(300);
  expect(views).toHaveLength(300);
  expect(views.filter((v) => v.status === 'answered').map((v) => v.externalId)).toEqual([customers[0]?.externalId]);
  expect((await db.history.toArray()).filter((h) => h.type === 'captured')).toHaveLength(300);
});
