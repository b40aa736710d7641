import { captureItems, recordMisses, setItemStatus } from '@/utils/backlog';
import { recountAll } from '@/utils/counters';
import { saveNote } from '@/utils/customers';
import { importData } from '@/utils/data-transfer';
import { rankTemplates } from '@/utils/engine/palette';
import { compileRuleMatch, hasNestedRepeat, ruleMatches, ruleMatchProblem } from '@/utils/keyword-match';
import { compilePriorityRules, DEFAULT_PRIORITY_RULES, priorityFor, setItemPriority } from '@/utils/priority';
import { dropExpiredText, purgeHandledItems, retentionPass } from '@/utils/scheduler';
import { type Item, type PriorityRule, settingsSchema, type Template } from '@/utils/schema';
import { templateOrderFor } from '@/utils/templates';
import { captured, freshDb } from './helpers';

const now = new Date('2026-07-01T12:10:00.000Z');
const matches = (match: string, text: string) => ruleMatches(compileRuleMatch(match), text);

test.each([
  ['refund', 'I want a REFUND now', true],
  ['refund', 'refunds', false],
  ['refund*', 'Where are my refunds?', true],
  ['refund*', 'prerefund', false],
  ['cafe', 'Le café est froid', true],
  ['café', 'the cafe is closed', true],
  ['remboursé', 'Pas encore REMBOURSE', true],
  ['legal action', 'we will take legal\n action', true],
  ['legal action', 'legal-action', false],
  ['down', 'download failed', false],
  ['sue, lawyer*', 'my lawyers will call', true],
  ['c++', 'I love c++ a lot', true],
  ['/\\border #\\d{4,}\\b/i', 'Order #12345 is late', true],
  ['/Refund/', 'refund', false],
  ['/rembours[eé]/i', 'remboursé', true],
])('%s matches %j: %s', (match, text, expected) => {
  expect(matches(match, text)).toBe(expected);
});

test('regexes only see the first 5000 characters of a message', () => {
  expect(matches('/needle/', `${'x'.repeat(5000)} needle`)).toBe(false);
  expect(matches('/needle/', `${'x'.repeat(4000)} needle`)).toBe(true);
});

test.each([
  ['(a+)+$', true],
  ['(a*)*', true],
  ['(a|ab)*c', true],
  ['((a+))+', true],
  ['((a+)?)+', true],
  ['(?:x+y)+', true],
  ['(a+)?', false],
  ['(?:refund|cancel)', false],
  ['(?<name>a+)b', false],
  ['[(+)]+', false],
  ['\\(a+\\)+', false],
  ['order #\\d+', false],
  ['a{2,5}b+', false],
])('nested repeat in %s: %s', (source, risky) => {
  expect(hasNestedRepeat(source)).toBe(risky);
});

test.each([
  ['/(a+)+/', 'freeze'],
  ['/[unclosed/', 'Not a valid regular expression'],
  ['/refund/g', 'Unsupported regular expression flags "g"'],
  [' , ', 'at least one word'],
  ['*', 'at least one letter'],
  ['ref*und', 'may only end a word'],
  [`/${'a'.repeat(400)}/`, 'at most 300'],
])('%s is refused: %s', (match, message) => {
  expect(ruleMatchProblem(match)).toContain(message);
});

test('a bad rule is refused on save and on import, at its path', async () => {
  const rules: PriorityRule[] = [
    { id: 'ok', match: 'refund*', priority: 'high' },
    { id: 'bad', match: '/(x+)+y/', priority: 'urgent' },
  ];
  const parsed = settingsSchema.safeParse({ priorityRules: rules });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0]?.path).toEqual(['priorityRules', 1, 'match']);
  const db = freshDb();
  const result = await importData(db, { format: 'replyline-export', version: 1, settings: { priorityRules: rules } });
  expect(result).toMatchObject({ ok: false, problem: { path: 'settings.priorityRules[1].match' } });
  expect(await db.settings.count()).toBe(0);
});

test('the built-in rules: refund, cancel, broken, outage → high; a lawyer → urgent', () => {
  const rules = compilePriorityRules({});
  expect(rules.rules).toHaveLength(DEFAULT_PRIORITY_RULES.length);
  expect(priorityFor(rules, 'Can I get a refund?', undefined)).toBe('high');
  expect(priorityFor(rules, 'I cancelled yesterday', undefined)).toBe('high');
  expect(priorityFor(rules, 'The app is down again', undefined)).toBe('high');
  expect(priorityFor(rules, 'Refund me or my lawyer will', undefined)).toBe('urgent');
  expect(priorityFor(rules, 'Please write it down', undefined)).toBeUndefined();
  expect(priorityFor(compilePriorityRules({ priorityRules: [] }), 'refund', undefined)).toBeUndefined();
});

test('negative sentiment raises priority only when known, and a rule can raise it further', () => {
  const rules = compilePriorityRules({ priorityRules: [{ id: 'l', match: 'lawyer', priority: 'urgent' }] });
  expect(priorityFor(rules, 'meh', -0.3)).toBe('high');
  expect(priorityFor(rules, 'meh', -0.29)).toBeUndefined();
  expect(priorityFor(rules, 'meh', undefined)).toBeUndefined();
  expect(priorityFor(rules, 'my lawyer', -0.9)).toBe('urgent');
  expect(priorityFor(compilePriorityRules({ negativeSentimentPriority: 'urgent', priorityRules: [] }), 'meh', -0.5)).toBe('urgent');
  const off = compilePriorityRules({ priorityRules: [{ id: 'l', match: 'lawyer', priority: 'urgent', enabled: false }] });
  expect(priorityFor(off, 'my lawyer', undefined)).toBeUndefined();
});

test('a capture scores the message: a negative one takes the negative-sentiment priority', async () => {
  const db = freshDb();
  await importData(db, { format: 'replyline-export', version: 1, settings: { priorityRules: [], negativeSentimentPriority: 'urgent' } });
  const [angry, happy] = await captureItems(
    db,
    [
      captured({ externalId: '1', text: 'This is terrible, I hate it. Worst service ever!' }),
      captured({ externalId: '2', text: 'Thanks so much, love it' }),
    ],
    now,
  );
  expect(angry?.sentiment).toBeLessThanOrEqual(-0.3);
  expect(angry?.priority).toBe('urgent');
  expect(happy?.sentiment).toBeGreaterThan(0);
  expect(happy?.priority).toBeUndefined();
  // A new text is scored again.
  const [calmer] = await captureItems(db, [captured({ externalId: '1', text: 'Thanks so much, love it' })], now);
  expect(calmer?.sentiment).toBeGreaterThan(0);
  expect(calmer?.priority).toBeUndefined();
});

async function withUrgentPolicy() {
  const db = freshDb();
  const result = await importData(db, {
    format: 'replyline-export',
    version: 1,
    settings: { priorityRules: [{ id: 'r', match: 'refund*', priority: 'high' }] },
    slaPolicies: [
      { id: 'hot', name: 'Hot', order: 1, match: { priorities: ['high', 'urgent'] }, firstResponseMinutes: 15, dueSoonPercent: 50 },
    ],
  });
  expect(result.ok).toBe(true);
  return db;
}

test('rules set the priority on capture, before the SLA policy is matched', async () => {
  const db = await withUrgentPolicy();
  const [hot, calm] = await captureItems(
    db,
    [captured({ externalId: '1', text: 'Refunds please' }), captured({ externalId: '2', text: 'Thanks!' })],
    now,
  );
  expect(hot).toMatchObject({ priority: 'high', firstResponseDueAt: '2026-07-01T12:15:00.000Z' });
  expect(calm).toMatchObject({ firstResponseDueAt: '2026-07-01T13:00:00.000Z' });
  expect(calm?.priority).toBeUndefined();
  expect((await db.items.get(['x', '1']))?.policyId).toBe('hot');

  // The customer edits the text: the rule no longer applies and the default policy does again.
  const [edited] = await captureItems(db, [captured({ externalId: '1', text: 'All good now' })], now);
  expect(edited).toMatchObject({ firstResponseDueAt: '2026-07-01T13:00:00.000Z' });
  expect(edited?.priority).toBeUndefined();
});

test('a priority set by hand re-applies the policy and is never changed by the rules again', async () => {
  const db = await withUrgentPolicy();
  await captureItems(db, [captured({ externalId: '1', text: 'Thanks!' })], now);
  const view = await setItemPriority(db, { platform: 'x', externalId: '1' }, 'urgent');
  expect(view).toMatchObject({ priority: 'urgent', firstResponseDueAt: '2026-07-01T12:15:00.000Z' });
  expect(await db.items.get(['x', '1'])).toMatchObject({ priorityManual: true, policyId: 'hot' });

  await expect(setItemPriority(db, { platform: 'x', externalId: 'nope' }, 'low')).rejects.toThrow('No item');
  const [recaptured] = await captureItems(db, [captured({ externalId: '1', text: 'no refund words here' })], now);
  expect(recaptured?.priority).toBe('urgent');
  await setItemPriority(db, { platform: 'x', externalId: '1' }, 'low');
  const [again] = await captureItems(db, [captured({ externalId: '1', text: 'I want a refund' })], now);
  expect(again).toMatchObject({ priority: 'low', firstResponseDueAt: '2026-07-01T13:00:00.000Z' });
});

test('retention drops old text and nothing else; notes stay', async () => {
  const db = freshDb();
  await captureItems(
    db,
    [
      captured({ externalId: 'old', postedAt: '2026-05-01T10:00:00.000Z', text: 'my card number is…' }),
      captured({ externalId: 'new', postedAt: '2026-06-25T10:00:00.000Z', text: 'recent' }),
    ],
    now,
  );
  await setItemStatus(db, { platform: 'x', externalId: 'old' }, 'resolved', now);
  const customerId = (await db.identities.get('x:maya_rides'))?.customerId ?? '';
  await saveNote(db, { customerId, body: 'Called on May 1st' }, now);
  const before = await db.items.get(['x', 'old']);

  expect(await dropExpiredText(db, now, 30)).toBe(1);
  const { text: _text, ...timing } = before ?? {};
  expect(await db.items.get(['x', 'old'])).toEqual(timing);
  expect(await db.items.get(['x', 'new'])).toMatchObject({ text: 'recent' });
  expect((await db.notes.toArray()).map((n) => n.body)).toEqual(['Called on May 1st']);
  expect(await db.history.where('[platform+externalId]').equals(['x', 'old']).count()).toBe(2);
  expect(await dropExpiredText(db, now, 30)).toBe(0);
  expect(await dropExpiredText(db, now, 5)).toBe(1);
});

test('the retention pass runs at most hourly, at once when the setting changes, and keeps the alarm coming', async () => {
  const db = freshDb();
  await captureItems(db, [captured({ externalId: '1', postedAt: '2026-06-20T10:00:00.000Z' })], now);
  const pass = retentionPass(db);
  expect(await pass(now, undefined)).toBeNull();
  expect(await pass(now, { textDays: 30 })).toBe(now.getTime() + 3_600_000);
  expect((await db.items.get(['x', '1']))?.text).toBeDefined();
  await captureItems(db, [captured({ externalId: '2', postedAt: '2026-05-01T10:00:00.000Z' })], now);
  // Within the hour and with the same setting: not run again.
  expect(await pass(new Date(now.getTime() + 60_000), { textDays: 30 })).toBe(now.getTime() + 3_600_000);
  expect((await db.items.get(['x', '2']))?.text).toBeDefined();
  const changed = new Date(now.getTime() + 120_000);
  expect(await pass(changed, { textDays: 10 })).toBe(changed.getTime() + 3_600_000);
  expect((await db.items.get(['x', '1']))?.text).toBeUndefined();
  expect((await db.items.get(['x', '2']))?.text).toBeUndefined();
});

test('a purge deletes handled items posted before the cutoff with their history and SLA events, and nothing else', async () => {
  const db = freshDb();
  const old = '2026-05-01T10:00:00.000Z';
  await captureItems(
    db,
    ['resolved', 'answered', 'ignored', 'pending', 'snoozed'].map((id) => captured({ externalId: `old-${id}`, postedAt: old })),
    now,
  );
  await captureItems(db, [captured({ externalId: 'new-resolved', postedAt: '2026-06-30T10:00:00.000Z' })], now);
  await recordMisses(db, await db.items.toArray(), now);
  for (const status of ['resolved', 'answered', 'ignored'] as const)
    await setItemStatus(db, { platform: 'x', externalId: `old-${status}` }, status, now);
  await setItemStatus(db, { platform: 'x', externalId: 'old-snoozed' }, 'snoozed', now, new Date('2026-07-02T09:00:00.000Z'));
  await setItemStatus(db, { platform: 'x', externalId: 'new-resolved' }, 'resolved', now);
  const customerId = (await db.identities.get('x:maya_rides'))?.customerId ?? '';
  await saveNote(db, { customerId, body: 'Prefers e-mail' }, now);
  expect(await db.slaEvents.where('[platform+externalId]').equals(['x', 'old-resolved']).count()).toBeGreaterThan(0);

  expect(await purgeHandledItems(db, '2026-06-01T00:00:00.000Z')).toBe(3);
  expect((await db.items.toArray()).map((i) => i.externalId).sort()).toEqual(['new-resolved', 'old-pending', 'old-snoozed']);
  for (const gone of ['old-resolved', 'old-answered', 'old-ignored']) {
    expect(await db.history.where('[platform+externalId]').equals(['x', gone]).count(), gone).toBe(0);
    expect(await db.slaEvents.where('[platform+externalId]').equals(['x', gone]).count(), gone).toBe(0);
  }
  expect(await db.history.where('[platform+externalId]').equals(['x', 'old-pending']).count()).toBeGreaterThan(0);
  expect(await db.slaEvents.where('[platform+externalId]').equals(['x', 'old-pending']).count()).toBeGreaterThan(0);
  expect((await db.notes.toArray()).map((n) => n.body)).toEqual(['Prefers e-mail']);
  expect(await db.customers.get(customerId)).toBeDefined();
  // The popup's counts moved with the deletes: a full recount finds nothing to change.
  const counts = async () =>
    (await db.counters.toArray())
      .filter((c) => c.count)
      .map((c) => `${c.key}=${c.count}`)
      .sort();
  const kept = await counts();
  await recountAll(db);
  expect(await counts()).toEqual(kept);
  expect(await purgeHandledItems(db, '2026-06-01T00:00:00.000Z')).toBe(0);
});

test('the retention pass purges handled items after itemDays', async () => {
  const db = freshDb();
  await captureItems(db, [captured({ externalId: 'old', postedAt: '2026-05-01T10:00:00.000Z' })], now);
  await setItemStatus(db, { platform: 'x', externalId: 'old' }, 'answered', now);
  const pass = retentionPass(db);
  expect(await pass(now, { itemDays: 90 })).toBe(now.getTime() + 3_600_000);
  expect(await db.items.count()).toBe(1);
  expect(await pass(now, { itemDays: 30 })).toBe(now.getTime() + 3_600_000);
  expect(await db.items.count()).toBe(0);
});

const template = (id: string, extra: Partial<Template> = {}): Template => ({
  id,
  name: `T${id}`,
  shortcut: `;${id}`,
  body: 'Hi',
  ...extra,
});

test('a negative public item ranks the private-message templates first in the palette', () => {
  const library = [
    template('thanks', { usageCount: 9 }),
    template('move', { tags: ['Private-Message'], usageCount: 1 }),
    template('sorry', { usageCount: 5 }),
    template('dm', { tags: ['DM'] }),
  ];
  const ids = (item?: Pick<Item, 'kind' | 'sentiment'>, query = '') =>
    rankTemplates(library, query, templateOrderFor(item)).map((t) => t.id);
  expect(ids({ kind: 'comment', sentiment: -0.6 })).toEqual(['move', 'dm', 'thanks', 'sorry']);
  expect(ids({ kind: 'mention', sentiment: -0.31 })).toEqual(['move', 'dm', 'thanks', 'sorry']);
  // Match quality still comes first; among equal matches the private ones lead.
  expect(ids({ kind: 'comment', sentiment: -0.6 }, 'hi')).toEqual(['move', 'dm', 'thanks', 'sorry']);
  expect(ids({ kind: 'comment', sentiment: -0.6 }, ';s')).toEqual(['sorry']);
  for (const calm of [
    { kind: 'comment' as const, sentiment: -0.29 },
    { kind: 'comment' as const },
    { kind: 'dm' as const, sentiment: -0.9 },
    undefined,
  ]) {
    expect(ids(calm)).toEqual(['thanks', 'sorry', 'move', 'dm']);
  }
});
