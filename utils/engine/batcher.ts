// Work that arrives from a MutationObserver is never done inside its callback: it is queued and
// split in two phases, the uBlock Origin discipline plus the read/write split of layout-friendly code.
//  - Reads (extract, validate, build detached badges) run in slices of at most SLICE_MS, each its
//    own task, so a page of 2,000 items never makes a long task.
//  - A batch's reads end with its commit (the engine sends the captures to the background), still in
//    the read task: a message's serialization has no place in a frame.
//  - Writes (mount the batch's badges, update changed ones) run once per batch, in tasks of their
//    own, in slices of WRITE_SLICE_MS (1,000 badges once took 64 ms in one task on a busy machine),
//    each going on in the very next task; no read ever follows a write in the same task (no forced
//    layout). A write waits for the page's own next change and runs in the task right after it,
//    before the frame that change asks for: that frame then lays out our badges too (on a large page
//    a frame costs tens of milliseconds: one of our own per batch doubled the main-thread time of a
//    streaming timeline). Not in an animation frame callback: our script would then lengthen the
//    page's frame task, and the page's own frames on a large timeline already take 40–50 ms
//    (measured: page frames of 50.1–50.5 ms with 0.4–1 ms of our writes in them were long tasks the
//    extension caused; as a task, none in the same runs, and every streamed tweet got its badge, p95
//    1.16 s → 0.44 s). A quiet page gets a write of its own after PIGGYBACK_MS, or once the
//    captures in flight are back (at most QUIET_HOLD_MS): one frame for a load's badges. Tasks also
//    run in hidden tabs, where rAF does not.
export const SLICE_MS = 4;
/**
 * Larger than a read slice: the browser may render between two write slices, and on a large page
 * each such layout costs far more than the writes (4 ms slices took the Facebook thread from 9 to 14
 * layouts and its main thread 1.15×). Still far from a long task under load.
 */
export const WRITE_SLICE_MS = 16;
/** A long first scan still shows its badges as it goes: its writes land at least this often. */
export const COMMIT_EVERY_MS = 250;
/** How long a write waits for the page to change (and render a frame) anyway. */
export const PIGGYBACK_MS = 250;
/**
 * How long a quiet page's write may wait, from when it became due, for the rest of what is on its
 * way (`incoming`: a first scan's captures still in the background). On a large page every frame
 * that changes it costs the same whatever it changes (measured 2026-11-24 on the 1,000-comment
 * thread: 1,000 badges in one frame 50–70 ms of pre-paint, in ten frames 320–370 ms, one badge in
 * each of ten frames 530 ms), so the badges of one load land in one frame, not one per reply.
 */
export const QUIET_HOLD_MS = 1_000;

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
  /** Writes until `expired()` says the slice is used up; returns false if work is left for the next slice. */
  write(expired: () => boolean): boolean;
  /**
   * More to write was on its way when the write became due (`since`, the scheduler's clock): captures
   * sent by then and not answered yet. A quiet page's write waits for them (QUIET_HOLD_MS), never
   * for later ones, so a stream of captures does not keep pushing it back.
   */
  incoming?(since: number): boolean;
}

/** Where time and tasks come from; tests pass their own. */
export interface BatchScheduler {
  now(): number;
  /** Runs `fn` in a later task, after the tasks already asked for. */
  task(fn: () => void): void;
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
  /** A write is due (since `dueSince`); `booked` once its task is asked for. */
  let writeDue = false;
  let dueSince = 0;
  let booked = false;
  /** The quiet page's write is held for what is incoming. */
  let holding = false;
  let cancelFallback: (() => void) | null = null;
  let disposed = false;
  /** When the reads not yet followed by a write began. */
  let unwrittenSince: number | null = null;

  const scheduleRead = () => {
    if (readScheduled || disposed) return;
    readScheduled = true;
    scheduler.task(runReads);
  };
  const bookWrite = () => {
    if (!writeDue || booked || disposed) return;
    booked = true;
    holding = false;
    cancelFallback?.();
    cancelFallback = null;
    scheduler.task(runWrite);
  };
  const incoming = () => queue.size > 0 || !!phases.incoming?.(dueSince);
  /** No page change came to ride on: write now, or hold while more is on its way. */
  const quiet = () => {
    cancelFallback = null;
    const left = QUIET_HOLD_MS - (scheduler.now() - dueSince);
    if (left > 0 && incoming()) {
      holding = true;
      cancelFallback = scheduler.timer(quiet, left);
    } else bookWrite();
  };
  const scheduleWrite = () => {
    if (disposed) return;
    if (writeDue) {
      // What the held write waited for has arrived.
      if (holding && !incoming()) bookWrite();
      return;
    }
    writeDue = true;
    dueSince = scheduler.now();
    cancelFallback = scheduler.timer(quiet, PIGGYBACK_MS);
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
    booked = false;
    if (disposed) return;
    const start = scheduler.now();
    if (phases.write(() => scheduler.now() - start >= WRITE_SLICE_MS)) return;
    // The rest goes on at once, still ahead of the frame when the browser allows.
    writeDue = true;
    bookWrite();
  };

  return {
    add(work) {
      queue.add(work);
      // Not from a read: the page itself changed, so it is about to render; a due write goes just before that frame.
      if (!reading) bookWrite();
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
      booked = false;
      holding = false;
      if (disposed) return;
      phases.commit?.();
      phases.write(() => false);
    },
    dispose() {
      disposed = true;
      cancelFallback?.();
      queue.clear();
    },
  };
}
