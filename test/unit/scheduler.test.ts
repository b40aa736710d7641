import { captureItems, reapplyPolicies, setItemStatus } from '@/utils/backlog';
import { exportAll, importData } from '@/utils/data-transfer';
import { RESOLUTION_SCAN_KEY } from '@/utils/db';
import { quietUntil, runScheduler } from '@/utils/scheduler';
import { type AlertSettings, DEFAULT_ALERTS } from '@/utils/schema';
import { DEFAULT_POLICY } from '@/utils/sla';
import { captured, freshDb } from './helpers';

const T = (hhmm: string, day = '01') => new Date(`2026-07-${day}T${hhmm}:00.000Z`);
const maya = captured({ externalId: '101', postedAt: T('12:00').toISOString() });
const key = { platform: 'x' as const, externalId: '101' };

test('one pass: misses recorded once, grouped alerts once per deadline, and the next wake-up time', async () => {
  const db = freshDb();
  await captureItems(
    db,
    [maya, captured({ externalId: '102', author: { name: 'Leo Park', handle: 'leo' }, postedAt: T('12:30').toISOString() })],
    T('12:05'),
  );

  // 12:10: nothing due; the next change is Maya's due-soon point (12:45).
  let pass = await runScheduler(db, T('12:10'), DEFAULT_ALERTS);
  expect(pass).toMatchObject({ dueSoon: [], breached: [], nextAt: T('12:45').getTime() });

  // 12:52: Maya is due within 10 min → one due-soon alert; next: her breach at 13:00.
  pass = await runScheduler(db, T('12:52'), DEFAULT_ALERTS);
  expect(pass.dueSoon.map((i) => i.externalId)).toEqual(['101']);
  expect(pass.nextAt).toBe(T('13:00').getTime());
  expect((await runScheduler(db, T('12:53'), DEFAULT_ALERTS)).dueSoon).toEqual([]);

  // 13:01: breached → one breach alert and one first-response miss, whatever the number of passes.
  pass = await runScheduler(db, T('13:01'), DEFAULT_ALERTS);
  expect(pass.breached.map((i) => i.externalId)).toEqual(['101']);
  await runScheduler(db, T('13:02'), DEFAULT_ALERTS);
  await runScheduler(db, T('13:30'), DEFAULT_ALERTS);
  expect(await db.slaEvents.toArray()).toEqual([
    {
      id: 'first-response|x|101',
      platform: 'x',
      externalId: '101',
      metric: 'first-response',
      dueAt: T('13:00').toISOString(),
      at: T('13:01').toISOString(),
      policyId: 'default',
    },
  ]);
  expect((await runScheduler(db, T('13:40'), DEFAULT_ALERTS)).breached).toEqual([]);
  // Leo's alerts come in their own time (due 13:30, alerted at 13:20 and 13:30 already passed above).
  expect((await db.items.get(['x', '102']))?.alertedBreachFor).toBe(T('13:30').toISOString());
});

test('alerts respect the settings: disabled, no due-soon alert, quiet hours that hold alerts until they end', async () => {
  const db = freshDb();
  await captureItems(db, [maya], T('12:05'));
  expect(await runScheduler(db, T('13:05'), { ...DEFAULT_ALERTS, enabled: false })).toMatchObject({ breached: [], dueSoon: [] });
  expect((await runScheduler(db, T('12:55'), { ...DEFAULT_ALERTS, beforeMinutes: 0 })).dueSoon).toEqual([]);

  // Quiet hours in the machine's local time: build them around 13:05 local.
  const now = T('13:05');
  const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const quiet: AlertSettings = {
    ...DEFAULT_ALERTS,
    quietStart: hhmm(new Date(now.getTime() - 3_600_000)),
    quietEnd: hhmm(new Date(now.getTime() + 3_600_000)),
  };
  const held = await runScheduler(db, now, quiet);
  expect(held.breached).toEqual([]);
  expect(held.nextAt).toBe(now.getTime() + 3_600_000 - now.getSeconds() * 1000);
  const after = await runScheduler(db, new Date(now.getTime() + 3_600_000), quiet);
  expect(after.breached.map((i) => i.externalId)).toEqual(['101']);
});

test('quiet hours may wrap midnight', () => {
  const local = (h: number, m = 0) => new Date(2026, 6, 1, h, m);
  const q: AlertSettings = { ...DEFAULT_ALERTS, quietStart: '22:00', quietEnd: '07:00' };
  expect(quietUntil(q, local(23, 30))).toEqual(new Date(2026, 6, 2, 7, 0));
  expect(quietUntil(q, local(6, 59))).toEqual(new Date(2026, 6, 1, 7, 0));
  expect(quietUntil(q, local(7, 0))).toBeNull();
  expect(quietUntil(q, local(12, 0))).toBeNull();
  expect(quietUntil({ ...DEFAULT_ALERTS, quietStart: '12:00', quietEnd: '13:00' }, local(12, 30))).toEqual(local(13, 0));
});

test('snooze: the clock pauses, the scheduler wakes it on time, and the deadline moves by the time paused', async () => {
  const db = freshDb();
  await captureItems(db, [maya], T('12:05'));
  // Snoozed at 12:20 with 40 min left, until 14:00.
  await setItemStatus(db, key, 'snoozed', T('12:20'), T('14:00'));
  expect((await runScheduler(db, T('13:30'), DEFAULT_ALERTS)).breached).toEqual([]);
  expect(await db.slaEvents.count()).toBe(0);
  expect((await runScheduler(db, T('13:30'), DEFAULT_ALERTS)).nextAt).toBe(T('14:00').getTime());

  const pass = await runScheduler(db, T('14:00'), DEFAULT_ALERTS);
  expect(pass.changed).toMatchObject([
    { externalId: '101', status: 'pending', firstResponseDueAt: T('14:40').toISOString(), snoozedUntil: undefined },
  ]);
  expect((await db.history.where('[platform+externalId]').equals(['x', '101']).toArray()).map((h) => [h.type, h.from, h.to])).toEqual([
    ['captured', undefined, 'pending'],
    ['snoozed', 'pending', 'snoozed'],
    ['status', 'snoozed', 'pending'],
  ]);
  await expect(setItemStatus(db, key, 'snoozed', T('14:05'))).rejects.toThrow('wake-up time');
});

test('a new message from the customer: wakes their snoozed item, runs on the next-response target after a brand reply, reopens a resolved conversation', async () => {
  const db = freshDb();
  await db.slaPolicies.put({
    id: 'p',
    name: 'P',
    order: 1,
    match: {},
    firstResponseMinutes: 60,
    nextResponseMinutes: 20,
    dueSoonPercent: 50,
  });
  await captureItems(db, [maya, captured({ externalId: '201', postedAt: T('12:10').toISOString() })], T('12:11'));
  // The brand answered 101; 201 is snoozed.
  await captureItems(
    db,
    [
      captured({
        externalId: '900',
        byBrand: true,
        answersExternalId: '101',
        author: { name: 'Northwind', handle: 'northwindco' },
        postedAt: T('12:30').toISOString(),
      }),
    ],
    T('12:31'),
  );
  await setItemStatus(db, { platform: 'x', externalId: '201' }, 'snoozed', T('12:32'), T('18:00'));

  const [followUp] = await captureItems(db, [captured({ externalId: '301', postedAt: T('12:40').toISOString() })], T('12:41'));
  expect(followUp).toMatchObject({
    responseTarget: 'next',
    firstResponseDueAt: T('13:00').toISOString(),
    dueSoonAt: T('12:50').toISOString(),
  });
  expect(await db.items.get(['x', '201'])).toMatchObject({ status: 'pending' });
  expect((await db.history.where('[platform+externalId]').equals(['x', '201']).toArray()).at(-1)).toMatchObject({
    type: 'woke',
    note: 'the customer wrote again',
  });

  // Everything resolved; the customer writes again: the new item notes the reopened conversation.
  for (const id of ['101', '201', '301']) await setItemStatus(db, { platform: 'x', externalId: id }, 'resolved', T('12:45'));
  await captureItems(db, [captured({ externalId: '401', postedAt: T('13:10').toISOString() })], T('13:11'));
  expect((await db.history.where('[platform+externalId]').equals(['x', '401']).toArray()).map((h) => h.type)).toEqual([
    'captured',
    'reopened',
  ]);
  // Another customer's messages never count as Maya's conversation.
  const [other] = await captureItems(
    db,
    [captured({ externalId: '501', author: { name: 'Leo Park', handle: 'leo' }, postedAt: T('13:20').toISOString() })],
    T('13:21'),
  );
  expect(other?.responseTarget).toBeUndefined();
});

test('an item captured late is already late: the miss is recorded at capture, and both logs are exported', async () => {
  const db = freshDb();
  await captureItems(db, [maya], T('15:00'));
  expect(await db.slaEvents.get('first-response|x|101')).toMatchObject({ dueAt: T('13:00').toISOString(), at: T('15:00').toISOString() });
  // Answered later by the brand: the same miss, not a second one.
  await captureItems(
    db,
    [captured({ externalId: '900', byBrand: true, answersExternalId: '101', postedAt: T('15:10').toISOString() })],
    T('15:11'),
  );
  const file = await exportAll(db, T('16:00'));
  expect(file.slaEvents).toHaveLength(1);
  expect(file.history?.map((h) => h.type)).toEqual(expect.arrayContaining(['captured', 'answered']));
  expect(file.items?.[0]).not.toHaveProperty('customerKey');
});

test('a large overdue backlog: every miss logged once and every breach alerted once, across batches', async () => {
  const db = freshDb();
  const many = Array.from({ length: 1_234 }, (_, i) =>
    captured({ externalId: `b${i}`, author: { name: `Customer ${i}`, handle: `c${i}` }, postedAt: T('12:00').toISOString() }),
  );
  for (let i = 0; i < many.length; i += 100) await captureItems(db, many.slice(i, i + 100), T('12:05'));
  await setItemStatus(db, { platform: 'x', externalId: 'b7' }, 'answered', T('12:30'));

  const pass = await runScheduler(db, T('13:05'), DEFAULT_ALERTS);
  expect(pass.breached).toHaveLength(1_233);
  expect(await db.slaEvents.count()).toBe(1_233);
  const rows = await db.items.toArray();
  expect(rows.filter((r) => r.status === 'pending' && r.alertedBreachFor === T('13:00').toISOString())).toHaveLength(1_233);
  // The answered item is neither alerted nor logged, and keeps its status.
  const answered = await db.items.get(['x', 'b7']);
  expect([answered?.status, answered?.alertedBreachFor]).toEqual(['answered', undefined]);

  const again = await runScheduler(db, T('13:06'), DEFAULT_ALERTS);
  expect(again.breached).toEqual([]);
  expect(await db.slaEvents.count()).toBe(1_233);
});

describe('resolution misses: each pass reads only the deadlines that passed since the last one', () => {
  const policy = { ...DEFAULT_POLICY, id: 'care', name: 'Care', order: 1, resolutionMinutes: 240 };
  const resolutionMisses = async (db: ReturnType<typeof freshDb>) =>
    (await db.slaEvents.toArray()).filter((e) => e.metric === 'resolution').map((e) => e.externalId);

  test('an open item past its resolution deadline is logged once; the pass remembers how far it read', async () => {
    const db = freshDb();
    await db.slaPolicies.put(policy);
    await captureItems(db, [maya], T('12:05'));
    await setItemStatus(db, key, 'answered', T('12:10'));
    await runScheduler(db, T('15:00'), DEFAULT_ALERTS);
    expect(await resolutionMisses(db)).toEqual([]);
    expect((await db.state.get(RESOLUTION_SCAN_KEY))?.value).toBe(T('15:00').toISOString());
    await runScheduler(db, T('16:05'), DEFAULT_ALERTS);
    await runScheduler(db, T('16:10'), DEFAULT_ALERTS);
    expect(await resolutionMisses(db)).toEqual(['101']);
  });

  test('a policy change that moves a deadline behind the last pass is still checked', async () => {
    const db = freshDb();
    await db.slaPolicies.put(policy);
    await captureItems(db, [maya], T('12:05'));
    await runScheduler(db, T('12:50'), DEFAULT_ALERTS);
    await db.slaPolicies.put({ ...policy, resolutionMinutes: 30 });
    await reapplyPolicies(db);
    expect((await db.items.get(['x', '101']))?.resolutionDueAt).toBe(T('12:30').toISOString());
    // Not late on its first response yet (13:00): only the resolution scan can find it.
    await runScheduler(db, T('12:55'), DEFAULT_ALERTS);
    expect(await resolutionMisses(db)).toEqual(['101']);
  });

  test('a pending item past both deadlines is logged once per metric in one pass', async () => {
    const db = freshDb();
    await db.slaPolicies.put({ ...policy, resolutionMinutes: 30 });
    await captureItems(db, [maya], T('12:05'));
    await runScheduler(db, T('13:05'), DEFAULT_ALERTS);
    expect((await db.slaEvents.toArray()).map((e) => e.metric).sort()).toEqual(['first-response', 'resolution']);
  });

  test('imported items with deadlines behind the last pass are checked', async () => {
    const db = freshDb();
    await db.slaPolicies.put(policy);
    await runScheduler(db, T('18:00'), DEFAULT_ALERTS);
    const source = freshDb();
    await source.slaPolicies.put(policy);
    await captureItems(source, [maya], T('12:05'));
    await setItemStatus(source, key, 'answered', T('12:10'));
    expect((await importData(db, await exportAll(source, T('12:20')))).ok).toBe(true);
    await runScheduler(db, T('18:01'), DEFAULT_ALERTS);
    expect(await resolutionMisses(db)).toEqual(['101']);
  });
});
