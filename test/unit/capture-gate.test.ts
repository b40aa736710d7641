import { captureGate } from '@/utils/background/capture-gate';
import type { ItemView } from '@/utils/backlog';
import type { CapturedItem } from '@/utils/schema-core';
import { captured } from './helpers';

/** Each item by an author of its own (views are shared out by item and by author). */
const item = (id: string, extra: Partial<CapturedItem> = {}) =>
  captured({ externalId: id, author: { name: `Customer ${id}`, handle: `customer_${id}` }, ...extra });
const viewOf = (c: Pick<CapturedItem, 'platform' | 'author'>, externalId: string) =>
  ({ platform: c.platform, externalId, author: c.author, status: 'pending' }) as ItemView;
const ids = (views: ItemView[]) => views.map((v) => v.externalId);

/** A store that records each group and finishes when the test says. */
function fakeStore() {
  const groups: string[][] = [];
  const finish: (() => void)[] = [];
  let failNext: Error | null = null;
  const store = (items: CapturedItem[]) =>
    new Promise<ItemView[]>((done, fail) => {
      groups.push(items.map((c) => c.externalId));
      const error = failNext;
      failNext = null;
      finish.push(() =>
        error
          ? fail(error)
          : done(
              // As captureItems answers: a view per stored item, the item a brand reply answers, and
              // an earlier item of the same author that the new one woke (here: text "again").
              items.flatMap((c) => {
                if (c.answersExternalId) return [viewOf(item(c.answersExternalId), c.answersExternalId)];
                return c.text === 'again' ? [viewOf(c, c.externalId), viewOf(c, `${c.externalId}-earlier`)] : [viewOf(c, c.externalId)];
              }),
            ),
      );
    });
  return {
    store,
    groups,
    finishAll: () => {
      for (const f of finish.splice(0)) f();
    },
    failNextWith: (error: Error) => {
      failNext = error;
    },
  };
}

/** A gate whose first message (item 1) is being stored. */
async function gateStoringOne(maxItems = 1000) {
  const s = fakeStore();
  const capture = captureGate(s.store, { gapMs: 250, maxItems });
  const first = capture([item('1')]);
  await vi.advanceTimersByTimeAsync(0);
  return { s, capture, first };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test('a lone message is stored at once, with the views the store gave', async () => {
  const s = fakeStore();
  const capture = captureGate(s.store, { gapMs: 250, maxItems: 1000 });
  const reply = capture([item('1'), item('2')]);
  await vi.advanceTimersByTimeAsync(0);
  expect(s.groups).toEqual([['1', '2']]);
  s.finishAll();
  expect(ids(await reply)).toEqual(['1', '2']);
});

test('messages that come while a store runs share the next transaction; each gets its own views', async () => {
  const { s, capture, first } = await gateStoringOne();
  // A stream: a message every 50 ms while the first store runs. One answers item 1 (a brand reply).
  const later = [
    capture([item('2'), item('3')]),
    capture([item('4', { text: 'again' })]),
    capture([item('r', { byBrand: true, answersExternalId: '1' })]),
  ];
  await vi.advanceTimersByTimeAsync(100);
  s.finishAll();
  expect(ids(await first)).toEqual(['1']);
  // Not before the gap since the first store started.
  await vi.advanceTimersByTimeAsync(100);
  expect(s.groups).toEqual([['1']]);
  await vi.advanceTimersByTimeAsync(50);
  expect(s.groups).toEqual([['1'], ['2', '3', '4', 'r']]);
  s.finishAll();
  expect((await Promise.all(later)).map(ids)).toEqual([['2', '3'], ['4', '4-earlier'], ['1']]);
});

test('a failed transaction fails every message in it, and the next group still runs', async () => {
  const { s, capture, first } = await gateStoringOne();
  s.failNextWith(new Error('QuotaExceededError'));
  const grouped = [capture([item('2')]), capture([item('3')])].map((reply) => reply.then(ids, (error: Error) => error.message));
  s.finishAll();
  await first;
  await vi.advanceTimersByTimeAsync(250);
  const late = capture([item('4')]);
  s.finishAll();
  expect(await Promise.all(grouped)).toEqual(['QuotaExceededError', 'QuotaExceededError']);
  await vi.advanceTimersByTimeAsync(250);
  expect(s.groups).toEqual([['1'], ['2', '3'], ['4']]);
  s.finishAll();
  expect(ids(await late)).toEqual(['4']);
});

test('a group stops at maxItems; the rest goes in the next one, a message never split', async () => {
  const { s, capture, first } = await gateStoringOne(3);
  const rest = [capture([item('2'), item('3')]), capture([item('4'), item('5')]), capture([item('6')])];
  s.finishAll();
  await first;
  await vi.advanceTimersByTimeAsync(250);
  s.finishAll();
  await vi.advanceTimersByTimeAsync(250);
  s.finishAll();
  expect(s.groups).toEqual([['1'], ['2', '3'], ['4', '5', '6']]);
  expect((await Promise.all(rest)).map(ids)).toEqual([['2', '3'], ['4', '5'], ['6']]);
});

test('after a quiet gap a message is stored at once again', async () => {
  const { s, capture, first } = await gateStoringOne();
  s.finishAll();
  await first;
  await vi.advanceTimersByTimeAsync(1000);
  const second = capture([item('2')]);
  await vi.advanceTimersByTimeAsync(0);
  expect(s.groups).toEqual([['1'], ['2']]);
  s.finishAll();
  expect(ids(await second)).toEqual(['2']);
});
