// Work that arrives from a MutationObserver is never done inside its callback: it is queued and
// split in two phases, the uBlock Origin discipline plus the read/write split of layout-friendly code.
//  - Reads (extract, validate, build detached badges) run in slices of at most SLICE_MS, each its
//    own low-priority task, so a page of 2,000 items never makes a long task.
//  - Writes (mount the batch's badges, update changed ones) run once per batch, in an animation
//    frame callback: they land in the frame the browser paints next, laid out once with it, and
//    no read ever follows a write in the same task (no forced layout).
export const SLICE_MS = 4;
/** A long first scan still shows its badges as it goes: its writes land at least this often. */
export const COMMIT_EVERY_MS = 100;
/** rAF does not run in hidden tabs (and is throttled in some visible ones): writes go out anyway. */
const FRAME_FALLBACK_MS = 500;
const HIDDEN_WRITE_MS = 50;

export interface Batcher<T> {
  /** Queues work for the read phase; never runs it synchronously. Duplicates are merged. */
  add(work: T): void;
  /** Asks for a write phase without new work (views arrived, the clock ticked). */
  requestWrite(): void;
  /** Runs everything queued now, then the write phase (navigation, tests). */
  flushNow(): void;
  dispose(): void;
}

export interface BatchPhases<T> {
  read(work: T): void;
  write(): void;
}

/** Where time and tasks come from; tests pass their own. */
export interface BatchScheduler {
  now(): number;
  /** Runs `fn` in a later task, after the page's own pending work where the browser can tell. */
  task(fn: () => void): void;
  /** Runs `fn` just before the next frame is rendered. */
  frame(fn: () => void): void;
}

interface TaskScheduler {
  postTask(fn: () => void, options: { priority: 'background' }): Promise<unknown>;
}

function browserScheduler(): BatchScheduler {
  const native = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  const prioritized = typeof native?.postTask === 'function' ? (native as TaskScheduler) : null;
  const channel = prioritized ? null : new MessageChannel();
  const waiting: (() => void)[] = [];
  if (channel)
    channel.port1.onmessage = () => {
      waiting.shift()?.();
    };
  return {
    now: () => performance.now(),
    // Background priority: the page's input, rendering and loading go first. MessageChannel
    // elsewhere: setTimeout chains are clamped to 4 ms after five levels.
    task: (fn) => {
      if (prioritized) void prioritized.postTask(fn, { priority: 'background' });
      else {
        waiting.push(fn);
        channel?.port2.postMessage(null);
      }
    },
    frame: (fn) => {
      if (document.visibilityState !== 'visible') {
        setTimeout(fn, HIDDEN_WRITE_MS);
        return;
      }
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        fn();
      };
      requestAnimationFrame(once);
      setTimeout(once, FRAME_FALLBACK_MS);
    },
  };
}

export function createBatcher<T>(phases: BatchPhases<T>, scheduler: BatchScheduler = browserScheduler()): Batcher<T> {
  const queue = new Set<T>();
  let readScheduled = false;
  let writeScheduled = false;
  let disposed = false;
  /** When the reads not yet followed by a write began. */
  let unwrittenSince: number | null = null;

  const scheduleRead = () => {
    if (readScheduled || disposed) return;
    readScheduled = true;
    scheduler.task(runReads);
  };
  const scheduleWrite = () => {
    if (writeScheduled || disposed) return;
    writeScheduled = true;
    scheduler.frame(runWrite);
  };

  const runReads = () => {
    readScheduled = false;
    if (disposed) return;
    const start = scheduler.now();
    unwrittenSince ??= start;
    // Work added while reading (a root's items) joins this batch, in later slices if need be.
    for (const work of queue) {
      queue.delete(work);
      phases.read(work);
      if (scheduler.now() - start >= SLICE_MS) break;
    }
    if (queue.size) {
      scheduleRead();
      if (scheduler.now() - unwrittenSince >= COMMIT_EVERY_MS) {
        unwrittenSince = null;
        scheduleWrite();
      }
      return;
    }
    unwrittenSince = null;
    scheduleWrite();
  };

  const runWrite = () => {
    writeScheduled = false;
    if (!disposed) phases.write();
  };

  return {
    add(work) {
      queue.add(work);
      scheduleRead();
    },
    requestWrite: scheduleWrite,
    flushNow() {
      for (const work of queue) {
        queue.delete(work);
        phases.read(work);
      }
      unwrittenSince = null;
      if (!disposed) phases.write();
    },
    dispose() {
      disposed = true;
      queue.clear();
    },
  };
}
