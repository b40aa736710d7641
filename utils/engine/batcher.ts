// Work that arrives from a MutationObserver is never done inside its callback: it is queued and
// split in two phases, the uBlock Origin discipline plus the read/write split of layout-friendly code.
//  - Reads (extract, validate, build detached badges) run in slices of at most SLICE_MS, each its
//    own task, so a page of 2,000 items never makes a long task.
//  - A batch's reads end with its commit (the engine sends the captures to the background), still in
//    the read task: a message's serialization has no place in a frame.
//  - Writes (mount the batch's badges, update changed ones) run once per batch, in an animation
//    frame callback, and no read ever follows a write in the same task (no forced layout). A write
//    waits for the page's own next change: the frame the page renders anyway then lays out our
//    badges too (on a large page a frame costs tens of milliseconds: one of our own per batch
//    doubled the main-thread time of a streaming timeline). A quiet page gets a frame of its own
//    after PIGGYBACK_MS.
export const SLICE_MS = 4;
/** A long first scan still shows its badges as it goes: its writes land at least this often. */
export const COMMIT_EVERY_MS = 250;
/** How long a write waits for the page to render a frame anyway. */
export const PIGGYBACK_MS = 250;
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
  /** After the reads of a batch (or of a long scan's stretch), in their task, before its write is booked. */
  commit?(): void;
  write(): void;
}

/** Where time and tasks come from; tests pass their own. */
export interface BatchScheduler {
  now(): number;
  /** Runs `fn` in a later task. */
  task(fn: () => void): void;
  /** Runs `fn` just before the next frame is rendered. */
  frame(fn: () => void): void;
  /** Runs `fn` after `ms` unless the returned function cancels it. */
  timer(fn: () => void, ms: number): () => void;
}

function browserScheduler(): BatchScheduler {
  // A message to ourselves is a fresh task: the browser runs input and rendering between two of
  // them, and unlike setTimeout chains it is never clamped to 4 ms. (scheduler.postTask's
  // background priority starved the reads while a page streamed items: cells left before they
  // were read.)
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => {
    waiting.shift()?.();
  };
  return {
    now: () => performance.now(),
    task: (fn) => {
      waiting.push(fn);
      channel.port2.postMessage(null);
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
    timer: (fn, ms) => {
      const id = setTimeout(fn, ms);
      return () => clearTimeout(id);
    },
  };
}

export function createBatcher<T>(phases: BatchPhases<T>, scheduler: BatchScheduler = browserScheduler()): Batcher<T> {
  const queue = new Set<T>();
  let readScheduled = false;
  let reading = false;
  /** A write is due; `framed` once its frame callback is booked. */
  let writeDue = false;
  let framed = false;
  let cancelFallback: (() => void) | null = null;
  let disposed = false;
  /** When the reads not yet followed by a write began. */
  let unwrittenSince: number | null = null;

  const scheduleRead = () => {
    if (readScheduled || disposed) return;
    readScheduled = true;
    scheduler.task(runReads);
  };
  const bookFrame = () => {
    if (!writeDue || framed || disposed) return;
    framed = true;
    cancelFallback?.();
    cancelFallback = null;
    scheduler.frame(runWrite);
  };
  const scheduleWrite = () => {
    if (writeDue || disposed) return;
    writeDue = true;
    cancelFallback = scheduler.timer(bookFrame, PIGGYBACK_MS);
  };

  const runReads = () => {
    readScheduled = false;
    if (disposed) return;
    const start = scheduler.now();
    unwrittenSince ??= start;
    reading = true;
    try {
      // Work added while reading (a root's items) joins this batch, in later slices if need be.
      for (const work of queue) {
        queue.delete(work);
        phases.read(work);
        if (scheduler.now() - start >= SLICE_MS) break;
      }
    } finally {
      reading = false;
    }
    if (queue.size) {
      scheduleRead();
      if (scheduler.now() - unwrittenSince >= COMMIT_EVERY_MS) {
        unwrittenSince = null;
        phases.commit?.();
        scheduleWrite();
      }
      return;
    }
    unwrittenSince = null;
    phases.commit?.();
    scheduleWrite();
  };

  const runWrite = () => {
    writeDue = false;
    framed = false;
    if (!disposed) phases.write();
  };

  return {
    add(work) {
      queue.add(work);
      // Not from a read: the page itself changed, so it is about to render; a due write joins that frame.
      if (!reading) bookFrame();
      scheduleRead();
    },
    requestWrite: scheduleWrite,
    flushNow() {
      for (const work of queue) {
        queue.delete(work);
        phases.read(work);
      }
      unwrittenSince = null;
      cancelFallback?.();
      cancelFallback = null;
      writeDue = false;
      framed = false;
      if (disposed) return;
      phases.commit?.();
      phases.write();
    },
    dispose() {
      disposed = true;
      cancelFallback?.();
      queue.clear();
    },
  };
}
