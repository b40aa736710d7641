// @vitest-environment jsdom
import {
  type BatchScheduler,
  COMMIT_EVERY_MS,
  createBatcher,
  PIGGYBACK_MS,
  QUIET_HOLD_MS,
  SLICE_MS,
  WRITE_SLICE_MS,
} from '@/utils/engine/batcher';

/** A scheduler the test drives by hand: a virtual clock, a task queue and timers. */
function manualScheduler() {
  let clock = 0;
  const tasks: (() => void)[] = [];
  const timers = new Set<{ fn: () => void; ms: number }>();
  const scheduler: BatchScheduler = {
    now: () => clock,
    task: (fn) => tasks.push(fn),
    timer: (fn, ms) => {
      const t = { fn, ms };
      timers.add(t);
      return () => timers.delete(t);
    },
  };
  return {
    scheduler,
    advance: (ms: number) => {
      clock += ms;
    },
    pending: () => ({ tasks: tasks.length, timers: [...timers].map((t) => t.ms) }),
    runTask: () => tasks.shift()?.(),
    fireTimers: () => {
      for (const t of [...timers]) {
        timers.delete(t);
        t.fn();
      }
    },
  };
}

/** A write phase that always finishes within its slice. */
const whole = (fn: () => unknown) => () => {
  fn();
  return true;
};

test('reads are never synchronous and run in slices of at most SLICE_MS, one task each', () => {
  const s = manualScheduler();
  const read: number[] = [];
  let writes = 0;
  const batcher = createBatcher<number>(
    {
      read: (n) => {
        read.push(n);
        s.advance(1.5); // each read costs 1.5 ms
      },
      write: whole(() => writes++),
    },
    s.scheduler,
  );
  for (let i = 0; i < 10; i++) batcher.add(i);
  batcher.add(3); // merged with the queued one
  expect(read).toEqual([]);
  expect(s.pending()).toEqual({ tasks: 1, timers: [] });

  const slices: number[][] = [];
  while (s.pending().tasks) {
    const before = read.length;
    s.runTask();
    slices.push(read.slice(before));
  }
  expect(read).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // 1.5 ms each: the third read crosses 4 ms, so a slice holds three.
  expect(slices).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
  expect(SLICE_MS).toBeLessThanOrEqual(5);
  // One write phase for the whole batch, in a task: on a quiet page, one of its own after PIGGYBACK_MS.
  expect(writes).toBe(0);
  expect(s.pending()).toEqual({ tasks: 0, timers: [PIGGYBACK_MS] });
  s.fireTimers();
  expect(s.pending()).toEqual({ tasks: 1, timers: [] });
  s.runTask();
  expect(writes).toBe(1);
});

test('a due write runs in the task right after the page’s next change, before that change is read', () => {
  const s = manualScheduler();
  const order: string[] = [];
  const batcher = createBatcher<string>({ read: (w) => order.push(`read ${w}`), write: whole(() => order.push('write')) }, s.scheduler);
  batcher.add('first');
  s.runTask();
  expect(s.pending()).toEqual({ tasks: 0, timers: [PIGGYBACK_MS] });
  // The page changes again (the engine's MutationObserver queues it): its frame is coming.
  batcher.add('second');
  expect(s.pending()).toEqual({ tasks: 2, timers: [] });
  s.runTask();
  expect(order).toEqual(['read first', 'write']);
  s.runTask();
  expect(order).toEqual(['read first', 'write', 'read second']);
  // Work queued by a read (a scan's items) is not a page change: it books no write.
  const q = manualScheduler();
  const read: string[] = [];
  let writes = 0;
  const reader = createBatcher<string>(
    {
      read: (w) => {
        read.push(w);
        if (w === 'root') reader.add('item');
      },
      write: whole(() => writes++),
    },
    q.scheduler,
  );
  reader.add('root');
  reader.requestWrite();
  while (q.pending().tasks) q.runTask();
  expect(read).toEqual(['root', 'item']);
  expect(writes).toBe(0);
  expect(q.pending()).toEqual({ tasks: 0, timers: [PIGGYBACK_MS] });
});

test('work queued while reading joins the same batch', () => {
  const s = manualScheduler();
  const read: string[] = [];
  let writes = 0;
  const batcher = createBatcher<string>(
    {
      read: (w) => {
        read.push(w);
        s.advance(3);
        // A root expands into its items, as the engine's scan does.
        if (w === 'root') for (const item of ['a', 'b', 'c']) batcher.add(item);
      },
      write: whole(() => writes++),
    },
    s.scheduler,
  );
  batcher.add('root');
  while (s.pending().tasks) s.runTask();
  expect(read).toEqual(['root', 'a', 'b', 'c']);
  s.fireTimers();
  s.runTask();
  expect(writes).toBe(1);
});

test('a long batch writes every COMMIT_EVERY_MS of reading, so a huge first scan shows badges as it goes', () => {
  const s = manualScheduler();
  let writes = 0;
  const batcher = createBatcher<number>(
    {
      read: () => s.advance(2),
      write: whole(() => writes++),
    },
    s.scheduler,
  );
  const count = 200; // 400 ms of reads
  for (let i = 0; i < count; i++) batcher.add(i);
  while (s.pending().tasks) {
    s.runTask();
    // A write asked for runs in its own task, between the slices.
    s.fireTimers();
  }
  expect(writes).toBeGreaterThanOrEqual(Math.floor((count * 2) / COMMIT_EVERY_MS));
  expect(writes).toBeLessThanOrEqual(Math.ceil((count * 2) / COMMIT_EVERY_MS) + 1);
});

test('requestWrite without work asks for one write; repeated requests share it', () => {
  const s = manualScheduler();
  let writes = 0;
  const batcher = createBatcher<number>({ read: () => {}, write: whole(() => writes++) }, s.scheduler);
  batcher.requestWrite();
  batcher.requestWrite();
  expect(s.pending()).toEqual({ tasks: 0, timers: [PIGGYBACK_MS] });
  s.fireTimers();
  expect(s.pending()).toEqual({ tasks: 1, timers: [] });
  s.runTask();
  expect(writes).toBe(1);
});

test('flushNow reads everything and writes at once', () => {
  const s = manualScheduler();
  const read: number[] = [];
  let writes = 0;
  const batcher = createBatcher<number>({ read: (n) => read.push(n), write: whole(() => writes++) }, s.scheduler);
  batcher.add(1);
  batcher.add(2);
  batcher.flushNow();
  expect(read).toEqual([1, 2]);
  expect(writes).toBe(1);
});

test('a disposed batcher does nothing', () => {
  const s = manualScheduler();
  const read: number[] = [];
  let writes = 0;
  const batcher = createBatcher<number>({ read: (n) => read.push(n), write: whole(() => writes++) }, s.scheduler);
  batcher.add(1);
  batcher.dispose();
  while (s.pending().tasks) s.runTask();
  s.fireTimers();
  while (s.pending().tasks) s.runTask();
  expect(read).toEqual([]);
  expect(writes).toBe(0);
});

test('the browser scheduler yields to a later task and writes without an animation frame', async () => {
  const order: string[] = [];
  const batcher = createBatcher<number>({ read: (n) => order.push(`read ${n}`), write: whole(() => order.push('write')) });
  const raf = vi.spyOn(window, 'requestAnimationFrame');
  batcher.add(1);
  order.push('sync');
  await Promise.resolve();
  expect(order).toEqual(['sync']);
  await vi.waitFor(() => expect(order).toEqual(['sync', 'read 1', 'write']));
  expect(raf).not.toHaveBeenCalled();
});

test('a batch commits once, in the task of its last read, before its write is booked', () => {
  const s = manualScheduler();
  const order: string[] = [];
  const batcher = createBatcher<number>(
    {
      read: (n) => {
        order.push(`read ${n}`);
        s.advance(3);
      },
      commit: () => order.push(`commit (tasks: ${s.pending().tasks}, timers: ${s.pending().timers.length})`),
      write: whole(() => order.push('write')),
    },
    s.scheduler,
  );
  for (const n of [1, 2, 3]) batcher.add(n);
  s.runTask();
  expect(order).toEqual(['read 1', 'read 2']);
  s.runTask();
  expect(order).toEqual(['read 1', 'read 2', 'read 3', 'commit (tasks: 0, timers: 0)']);
  s.fireTimers();
  s.runTask();
  expect(order.at(-1)).toBe('write');
  expect(order.filter((o) => o.startsWith('commit'))).toHaveLength(1);
  // flushNow (navigation) commits before it writes too.
  batcher.add(4);
  batcher.flushNow();
  expect(order.slice(-3).map((o) => o.replace(/ \(.*/, ''))).toEqual(['read 4', 'commit', 'write']);
});

test('a write phase longer than a slice goes on in the next task, with nothing read in between', () => {
  const s = manualScheduler();
  const order: string[] = [];
  let left = 10; // badges to mount, each 0.4 of a write slice
  const batcher = createBatcher<string>(
    {
      read: (w) => order.push(`read ${w}`),
      write: (expired) => {
        while (left > 0) {
          left--;
          s.advance(WRITE_SLICE_MS * 0.4);
          order.push('mount');
          if (expired()) return left === 0;
        }
        return true;
      },
    },
    s.scheduler,
  );
  batcher.requestWrite();
  s.fireTimers();
  s.runTask();
  // The third crosses WRITE_SLICE_MS, and the rest is booked at once.
  expect(order).toEqual(['mount', 'mount', 'mount']);
  expect(s.pending()).toEqual({ tasks: 1, timers: [] });
  batcher.add('page change');
  // A page change meanwhile does not book a second write: the slice already booked goes first.
  expect(s.pending()).toEqual({ tasks: 2, timers: [] });
  s.runTask();
  expect(order.slice(3)).toEqual(['mount', 'mount', 'mount']);
  while (s.pending().tasks) s.runTask();
  expect(order.filter((o) => o === 'mount')).toHaveLength(10);
  expect(order.indexOf('read page change')).toBe(6);
  // That read's batch needed no write of its own: the slices still booked after it wrote it.
  expect(s.pending()).toEqual({ tasks: 0, timers: [] });
});

test('on a quiet page a write waits for what is incoming, up to QUIET_HOLD_MS; a page change still books it at once', () => {
  /** Each case starts from a held write: due, PIGGYBACK_MS passed without a page change, captures still in flight. */
  const run = (
    script: (h: {
      s: ReturnType<typeof manualScheduler>;
      batcher: ReturnType<typeof createBatcher<string>>;
      setIncoming(v: boolean): void;
      writes(): number;
    }) => void,
  ) => {
    const s = manualScheduler();
    s.advance(10);
    let incoming = true;
    let writes = 0;
    const asked: number[] = [];
    const batcher = createBatcher<string>(
      {
        read: () => {},
        write: whole(() => writes++),
        incoming: (since) => {
          asked.push(since);
          return incoming;
        },
      },
      s.scheduler,
    );
    // The views of the first replies are back; more captures are in flight: no write of its own yet.
    batcher.requestWrite();
    s.advance(PIGGYBACK_MS);
    s.fireTimers();
    expect(s.pending()).toEqual({ tasks: 0, timers: [QUIET_HOLD_MS - PIGGYBACK_MS] });
    script({ s, batcher, setIncoming: (v) => (incoming = v), writes: () => writes });
    // Always about what was on its way when the write became due, never what came after.
    expect(new Set(asked)).toEqual(new Set([10]));
  };
  run(({ s, batcher, setIncoming, writes }) => {
    // The last reply lands: its request books the held write.
    s.advance(100);
    batcher.requestWrite();
    expect(s.pending().timers).toEqual([QUIET_HOLD_MS - PIGGYBACK_MS]);
    setIncoming(false);
    batcher.requestWrite();
    expect(s.pending()).toEqual({ tasks: 1, timers: [] });
    s.runTask();
    expect(writes()).toBe(1);
  });
  // Replies that never come: the write goes after QUIET_HOLD_MS anyway.
  run(({ s, writes }) => {
    s.advance(QUIET_HOLD_MS - PIGGYBACK_MS);
    s.fireTimers();
    expect(s.pending()).toEqual({ tasks: 1, timers: [] });
    s.runTask();
    expect(writes()).toBe(1);
  });
  // The page changes meanwhile: its frame is coming, so the held write rides on it.
  run(({ s, batcher, writes }) => {
    batcher.add('cell');
    expect(s.pending()).toEqual({ tasks: 2, timers: [] });
    s.runTask();
    expect(writes()).toBe(1);
  });
});
