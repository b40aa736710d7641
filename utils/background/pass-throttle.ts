/**
 * Runs a background pass soon after something asks for it, but never two at once and never more
 * often than every `gapMs`; asked for while it runs, it runs once more after. `name` words the
 * warning when a pass throws. Two passes use it: the SLA pass (misses, alerts, toolbar count, next
 * alarm) and the capture gate's group commit (utils/background/capture-gate.ts).
 *
 * The gap is kept on the monotonic clock: a wall clock set back would otherwise hold passes back.
 *
 * Every capture asks for a pass. Measured 2026-11-24 on the bench's streamed timeline (captures
 * every 50–100 ms): with a pass 50 ms after each, the service worker was busy 3.2 s of the 10 s
 * stream (the passes, their notifications and their reads among it), and on a 2-core machine that
 * time is taken from the page: the timeline's main thread was 1.43× with the database work and
 * 1.14× without it (BENCHMARKS.md fix 23). Badges keep their own clock (the content script turns
 * them due-soon and overdue from the views), so the pass only feeds alerts and the toolbar count.
 */
export function passThrottle(pass: () => Promise<void>, options: { name: string; delayMs: number; gapMs: number }) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  /** Asked for while a pass ran: one more after it, since it may have read too early. */
  let again = false;
  let lastStart = Number.NEGATIVE_INFINITY;

  const start = async () => {
    timer = null;
    running = true;
    lastStart = performance.now();
    try {
      await pass();
    } catch (error) {
      // The next change or alarm tries again.
      console.warn(`[Replyline] ${options.name} failed`, error);
    } finally {
      running = false;
      if (again) {
        again = false;
        request();
      }
    }
  };
  const request = () => {
    if (running) {
      again = true;
      return;
    }
    if (timer !== null) return;
    timer = setTimeout(start, Math.max(options.delayMs, lastStart + options.gapMs - performance.now()));
  };
  return request;
}
