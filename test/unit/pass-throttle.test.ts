import { passThrottle } from '@/utils/background/pass-throttle';

afterEach(() => vi.useRealTimers());

/** A throttled pass (50 ms delay, 1 s gap) on fake timers from 0, that the test ends by hand, recording when each one starts. */
function passes() {
  vi.useFakeTimers({ now: 0 });
  const starts: number[] = [];
  let finish: (() => void) | null = null;
  const pass = () =>
    new Promise<void>((done) => {
      starts.push(Date.now());
      finish = done;
    });
  return {
    starts,
    request: passThrottle(pass, { name: 'SLA pass', delayMs: 50, gapMs: 1000 }),
    end: async () => {
      finish?.();
      finish = null;
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

test('a burst of requests runs one pass after the delay, later ones no sooner than the gap after its start', async () => {
  const p = passes();
  const { request } = p;
  for (let i = 0; i < 20; i++) request();
  await vi.advanceTimersByTimeAsync(49);
  expect(p.starts).toEqual([]);
  await vi.advanceTimersByTimeAsync(1);
  expect(p.starts).toEqual([50]);
  await p.end();
  // Captures every 100 ms for two seconds: one pass a second, not one per capture.
  for (let t = 0; t < 2000; t += 100) {
    request();
    await vi.advanceTimersByTimeAsync(100);
    await p.end();
  }
  expect(p.starts).toEqual([50, 1050, 2050]);
});

test('never two passes at once: a request during a pass runs one more after it', async () => {
  const p = passes();
  const { request } = p;
  request();
  await vi.advanceTimersByTimeAsync(50);
  expect(p.starts).toEqual([50]);
  // The pass is slow; asked again meanwhile, and again.
  request();
  request();
  await vi.advanceTimersByTimeAsync(3000);
  expect(p.starts).toEqual([50]);
  await p.end();
  await vi.advanceTimersByTimeAsync(50);
  expect(p.starts).toEqual([50, 3100]);
  await p.end();
  // Nothing asked since: no more passes.
  await vi.advanceTimersByTimeAsync(10_000);
  expect(p.starts).toHaveLength(2);
});

test('a request long after the last pass waits only the delay', async () => {
  const p = passes();
  const { request } = p;
  request();
  await vi.advanceTimersByTimeAsync(50);
  await p.end();
  await vi.advanceTimersByTimeAsync(5000);
  request();
  await vi.advanceTimersByTimeAsync(50);
  expect(p.starts).toEqual([50, 5100]);
});

test('a pass that throws is reported and does not stop later ones', async () => {
  vi.useFakeTimers({ now: 0 });
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  let calls = 0;
  const request = passThrottle(
    async () => {
      calls++;
      if (calls === 1) throw new Error('database closed');
    },
    { name: 'SLA pass', delayMs: 50, gapMs: 1000 },
  );
  request();
  await vi.advanceTimersByTimeAsync(50);
  expect(warn).toHaveBeenCalledWith('[Replyline] SLA pass failed', expect.any(Error));
  request();
  await vi.advanceTimersByTimeAsync(1000);
  expect(calls).toBe(2);
  warn.mockRestore();
});
