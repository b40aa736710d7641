// Work that arrives from a MutationObserver is never done inside its callback: it is queued,
// run after the next frame, and cut into slices of a few milliseconds so one long page never
// makes a long task (the uBlock Origin discipline).
export const SLICE_MS = 4;

export interface Batcher<T> {
  add(work: T): void;
  /** Runs everything queued now (tests, navigation). */
  flushNow(): void;
  dispose(): void;
}

export function createBatcher<T>(process: (work: T) => void, afterBatch: () => void, now = () => performance.now()): Batcher<T> {
  const queue = new Set<T>();
  let scheduled = false;
  let disposed = false;

  const schedule = () => {
    if (scheduled || disposed) return;
    scheduled = true;
    // rAF does not fire in background tabs; a macrotask still does.
    if (document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(run, 0));
    else setTimeout(run, 50);
  };

  const run = () => {
    scheduled = false;
    if (disposed) return;
    const start = now();
    for (const work of queue) {
      queue.delete(work);
      process(work);
      if (now() - start > SLICE_MS && queue.size) {
        schedule();
        break;
      }
    }
    if (!queue.size) afterBatch();
  };

  return {
    add(work) {
      queue.add(work);
      schedule();
    },
    flushNow() {
      for (const work of queue) {
        queue.delete(work);
        process(work);
      }
      afterBatch();
    },
    dispose() {
      disposed = true;
      queue.clear();
    },
  };
}
