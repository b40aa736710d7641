import { captureItems } from '@/utils/backlog';
import { classifyFollowUp, FOLLOW_UP_DAYS, followUpOf, type SatisfactionItem, satisfactionReport } from '@/utils/satisfaction';
import type { SatisfactionOutcome } from '@/utils/schema';
import { captured, freshDb, quietHandlers } from './helpers';

describe('classifyFollowUp', () => {
  test.each<[string, SatisfactionOutcome]>([
    ['Thanks, that worked!', 'positive'],
    ['thank you so much', 'positive'],
    ['Perfect, works now', 'positive'],
    ['All sorted, cheers', 'positive'],
    ['🙏', 'positive'],
    ['❤️', 'positive'],
    ['👍', 'positive'],
    ['Merci beaucoup, ça marche !', 'positive'],
    ["Parfait, c'est réglé", 'positive'],
    ['¡Muchas gracias! Ya funciona', 'positive'],
    ['Danke, klappt jetzt', 'positive'],
    ['Vielen Dank!', 'positive'],
    ['Thanks again for the quick help', 'positive'],
    ['Nothing else, thank you', 'positive'],
    // Still negative, whatever politeness comes with it.
    ['thanks for nothing', 'negative'],
    ["thanks but it's still broken", 'negative'],
    ['Thank you, but it is still not working', 'negative'],
    ['It crashed again', 'negative'],
    ['not fixed', 'negative'],
    ['Still waiting for my refund', 'negative'],
    ['Same problem as before', 'negative'],
    ["Doesn't work", 'negative'],
    ['great, another delay', 'negative'],
    ['Perfect. Yet another email with no answer', 'negative'],
    ['Thanks 🙄', 'negative'],
    ['Merci mais ça ne marche toujours pas', 'negative'],
    ['Gracias, pero sigue sin funcionar', 'negative'],
    ['Danke, aber es funktioniert immer noch nicht', 'negative'],
    ['This is the worst service I have ever had, absolutely terrible', 'negative'],
    // Neither: a refusal, a question, plain information.
    ['no thanks', 'neutral'],
    ['Non merci', 'neutral'],
    ['My order number is 4471', 'neutral'],
    ['Which address should I use?', 'neutral'],
  ])('%s → %s', (text, expected) => {
    expect(classifyFollowUp(text)).toBe(expected);
  });

  test('a stored sentiment is used instead of scoring again', () => {
    expect(classifyFollowUp('ok', 'en', -0.8)).toBe('negative');
    expect(classifyFollowUp('ok', 'en', 0.6)).toBe('positive');
    expect(classifyFollowUp('ok', 'en', 0)).toBe('neutral');
  });

  test('a hostile megabyte reads only its first lines', () => {
    expect(classifyFollowUp(`thanks ${'a '.repeat(500_000)} still broken`)).toBe('positive');
  });
});

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
let seq = 0;
const item = (over: Partial<SatisfactionItem>): SatisfactionItem => ({
  platform: 'x',
  externalId: String(++seq),
  kind: 'comment',
  customerKey: 'x:maya',
  postedAt: at(0),
  ...over,
});

describe('followUpOf', () => {
  const answered = item({ answeredAt: at(1) });
  test('the earliest message of the same customer after the answer, within the window', () => {
    const early = item({ postedAt: at(0.5), text: 'before the answer' });
    const second = item({ postedAt: at(3) });
    const first = item({ postedAt: at(2) });
    expect(followUpOf(answered, [answered, early, second, first])).toBe(first);
    expect(followUpOf(answered, [item({ postedAt: at(1 + FOLLOW_UP_DAYS + 0.1) })])).toBeUndefined();
  });
  test('DMs follow DMs; public items follow public items; other platforms never', () => {
    const dm = item({ kind: 'dm', answeredAt: at(1) });
    const publicNext = item({ postedAt: at(2) });
    const dmNext = item({ kind: 'dm', postedAt: at(3) });
    expect(followUpOf(dm, [publicNext, dmNext])).toBe(dmNext);
    expect(followUpOf(answered, [dmNext, publicNext])).toBe(publicNext);
    expect(followUpOf(answered, [item({ platform: 'facebook', postedAt: at(2) })])).toBeUndefined();
  });
});

describe('satisfactionReport', () => {
  const range = { from: new Date(at(0)), to: new Date(at(10)) };
  const now = T0 + 30 * DAY;

  test('rate = positive / judged; silence and open windows are counted apart; manual outcome wins', () => {
    const items: SatisfactionItem[] = [
      item({ customerKey: 'x:a', answeredAt: at(1), answeredBy: 'Riley' }),
      item({ customerKey: 'x:a', postedAt: at(1.5), text: 'Thanks, works now' }),
      item({ customerKey: 'x:b', answeredAt: at(1), answeredBy: 'Riley' }),
      item({ customerKey: 'x:b', postedAt: at(2), text: "thanks but it's still broken" }),
      item({ customerKey: 'x:c', answeredAt: at(2), answeredBy: 'Sam' }),
      item({ customerKey: 'x:c', postedAt: at(3), text: 'My order number is 4471' }),
      // No follow-up at all: no reply.
      item({ customerKey: 'x:d', answeredAt: at(2), answeredBy: 'Sam' }),
      // Negative follow-up, but the user tagged it positive by hand.
      item({ platform: 'facebook', customerKey: 'facebook:e', answeredAt: at(3), outcome: 'positive' }),
      item({ platform: 'facebook', customerKey: 'facebook:e', postedAt: at(4), text: 'not fixed' }),
      // Answered outside the period: not counted.
      item({ customerKey: 'x:f', answeredAt: at(11), answeredBy: 'Riley' }),
      // Pending, never answered.
      item({ customerKey: 'x:g' }),
    ];
    const report = satisfactionReport(items, range, now);
    expect(report.total).toMatchObject({ answered: 5, positive: 2, negative: 1, neutral: 1, noReply: 1, waiting: 0, rate: 0.5 });
    expect(report.byPlatform).toEqual([
      { platform: 'x', answered: 4, positive: 1, negative: 1, neutral: 1, noReply: 1, waiting: 0, rate: 1 / 3 },
      { platform: 'facebook', answered: 1, positive: 1, negative: 0, neutral: 0, noReply: 0, waiting: 0, rate: 1 },
    ]);
    expect(report.byAgent).toEqual([
      { agent: 'Riley', answered: 2, positive: 1, negative: 1, neutral: 0, noReply: 0, waiting: 0, rate: 0.5 },
      { agent: 'Sam', answered: 2, positive: 0, negative: 0, neutral: 1, noReply: 1, waiting: 0, rate: 0 },
      { agent: null, answered: 1, positive: 1, negative: 0, neutral: 0, noReply: 0, waiting: 0, rate: 1 },
    ]);
  });

  test('an answer whose window is still open is waiting, then no reply; no judged follow-up gives no rate', () => {
    const items = [item({ answeredAt: at(5) })];
    expect(satisfactionReport(items, range, T0 + 6 * DAY).total).toMatchObject({ waiting: 1, noReply: 0, rate: null });
    expect(satisfactionReport(items, range, T0 + (5 + FOLLOW_UP_DAYS) * DAY).total).toMatchObject({ waiting: 0, noReply: 1, rate: null });
  });
});

describe('background', () => {
  const NOW = new Date('2026-07-03T12:00:00.000Z');
  const brandReply = (answers: string, postedAt: string) =>
    captured({
      externalId: `r${answers}`,
      author: { name: 'Northwind', handle: 'northwindco' },
      byBrand: true,
      answersExternalId: answers,
      postedAt,
      text: 'Sorry about that, fixed now',
    });

  test('a brand reply stores the agent named at that time; the follow-up gives the rate; a manual outcome overrides it', async () => {
    const db = freshDb();
    const handlers = quietHandlers(db, NOW);
    await handlers['settings/save']({ agentName: 'Riley' }, undefined as never);
    await captureItems(db, [captured({ externalId: '1', postedAt: '2026-07-01T09:00:00.000Z' })], NOW);
    await captureItems(db, [brandReply('1', '2026-07-01T09:30:00.000Z')], NOW);
    expect(await db.items.get(['x', '1'])).toMatchObject({ status: 'answered', answeredBy: 'Riley' });
    // A later agent in this browser does not take the earlier answer over.
    await handlers['settings/save']({ agentName: 'Sam' }, undefined as never);
    await captureItems(db, [brandReply('1', '2026-07-01T09:40:00.000Z')], NOW);
    expect((await db.items.get(['x', '1']))?.answeredBy).toBe('Riley');
    await captureItems(db, [captured({ externalId: '2', postedAt: '2026-07-01T10:00:00.000Z', text: 'Still broken, same error' })], NOW);

    const range = { from: '2026-07-01T00:00:00.000Z', to: '2026-07-02T00:00:00.000Z' };
    const before = await handlers['insights/satisfaction'](range, undefined as never);
    expect(before.byAgent).toEqual([expect.objectContaining({ agent: 'Riley', answered: 1, negative: 1, rate: 0 })]);
    expect(before.byPlatform).toEqual([expect.objectContaining({ platform: 'x', answered: 1, negative: 1, rate: 0 })]);

    const view = await handlers['items/set-outcome']({ key: { platform: 'x', externalId: '1' }, outcome: 'positive' }, undefined as never);
    expect(view).toMatchObject({ externalId: '1', outcome: 'positive' });
    expect((await handlers['insights/satisfaction'](range, undefined as never)).total).toMatchObject({ positive: 1, negative: 0, rate: 1 });

    await handlers['items/set-outcome']({ key: { platform: 'x', externalId: '1' }, outcome: null }, undefined as never);
    const cleared = await db.items.get(['x', '1']);
    expect(cleared && 'outcome' in cleared).toBe(false);
    expect((await handlers['insights/satisfaction'](range, undefined as never)).total).toMatchObject({ negative: 1, rate: 0 });
  });

  test('set-outcome refuses an unknown item and tells open views about a change', async () => {
    const db = freshDb();
    const changed: string[] = [];
    const handlers = quietHandlers(db, NOW, { itemsChanged: (views) => changed.push(...views.map((v) => v.externalId)) });
    await expect(
      handlers['items/set-outcome']({ key: { platform: 'x', externalId: 'nope' }, outcome: 'negative' }, undefined as never),
    ).rejects.toThrow(/No item/);
    await captureItems(db, [captured({ externalId: '7' })], NOW);
    await handlers['items/set-outcome']({ key: { platform: 'x', externalId: '7' }, outcome: 'negative' }, undefined as never);
    expect(changed).toEqual(['7']);
  });

  test('without an agent name, answered items have no answeredBy', async () => {
    const db = freshDb();
    await captureItems(db, [captured({ externalId: '1', postedAt: '2026-07-01T09:00:00.000Z' })], NOW);
    await captureItems(db, [brandReply('1', '2026-07-01T09:30:00.000Z')], NOW);
    const stored = await db.items.get(['x', '1']);
    expect(stored?.status).toBe('answered');
    expect(stored && 'answeredBy' in stored).toBe(false);
  });
});
