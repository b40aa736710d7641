import { forgetDepartedItems, REMEMBERED_ITEMS } from '@/utils/engine/item-memory';

const remember = (keys: string[]) => new Map(keys.map((k) => [k, { k }]));

test('items that left the page are forgotten oldest first, down to the cap, in every map', () => {
  const order = remember(['a', 'b', 'c', 'd', 'e', 'f']);
  const views = remember(['a', 'b', 'c', 'd', 'e', 'f']);
  const sent = remember(['b', 'c', 'e']);
  const onPage = new Set(['a', 'd']);
  const forgotten = forgetDepartedItems(order, [views, sent], (k) => onPage.has(k), 3);
  expect(forgotten).toBe(3);
  expect([...order.keys()]).toEqual(['a', 'd', 'f']);
  expect([...views.keys()]).toEqual(['a', 'd', 'f']);
  expect([...sent.keys()]).toEqual([]);
});

test('items still on the page are never forgotten, even above the cap', () => {
  const order = remember(['a', 'b', 'c']);
  expect(forgetDepartedItems(order, [], () => true, 1)).toBe(0);
  expect(order.size).toBe(3);
});

test('an item seen again (re-inserted) moves behind the ones that left earlier', () => {
  const order = remember(['a', 'b', 'c']);
  order.delete('a');
  order.set('a', { k: 'a' });
  forgetDepartedItems(order, [], () => false, 1);
  expect([...order.keys()]).toEqual(['a']);
});

test('a day of infinite scroll stays bounded', () => {
  const order = new Map<number, number>();
  const onPage = new Set<number>();
  for (let i = 0; i < 50_000; i++) {
    order.set(i, i);
    // A virtualised timeline keeps about 40 cells in the DOM.
    onPage.add(i);
    onPage.delete(i - 40);
    if (i % 100 === 0) forgetDepartedItems(order, [], (k) => onPage.has(k));
  }
  forgetDepartedItems(order, [], (k) => onPage.has(k));
  expect(order.size).toBe(REMEMBERED_ITEMS);
  for (const k of onPage) expect(order.has(k)).toBe(true);
});
