// @vitest-environment jsdom
import { createBatcher, SLICE_MS } from '@/utils/engine/batcher';

test('work is never done synchronously and is cut into slices', async () => {
  let clock = 0;
  const done: number[] = [];
  const batches: number[] = [];
  const batcher = createBatcher(
    (n: number) => {
      done.push(n);
      clock += 3; // each unit costs 3 ms
    },
    () => batches.push(done.length),
    () => clock,
  );
  for (let i = 0; i < 10; i++) batcher.add(i);
  batcher.add(3); // duplicates are merged
  expect(done).toEqual([]);
  await vi.waitFor(() => expect(batches).toEqual([10]));
  expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(SLICE_MS).toBeLessThanOrEqual(5);
});

test('a disposed batcher does nothing', async () => {
  const done: number[] = [];
  const batcher = createBatcher(
    (n: number) => done.push(n),
    () => {},
  );
  batcher.add(1);
  batcher.dispose();
  await new Promise((r) => setTimeout(r, 60));
  expect(done).toEqual([]);
});
