// The page scenarios of `npm run bench`. Each one checks that it measured what it claims (item
// counts, badges, typed and inserted text) and throws otherwise. Functions passed to page.evaluate /
// addInitScript run in the page and must stay self-contained.
import type { Page } from '@playwright/test';
import { cdpFor, delta, heapAfterGc, type Metrics, metrics, runsExtension, type Session } from './browser.ts';
import { MENTIONS_URL, STATUS_URL } from './synthetic.ts';
import { type Frame, startTrace, summarizeTrace, syncMark, type TraceSummary } from './trace.ts';

const BADGE = '[data-replyline-item]';

interface BenchState {
  expected: number;
  /** Every badge key ever seen, with the page time it appeared (cells may be recycled later). */
  seen: Map<string, number>;
  doneAt: number | null;
  longtasks: [number, number][];
  frames: { startTime: number; duration: number; blockingDuration: number }[];
  /** Stream scenario: when each appended item went into the page, by its badge key. */
  appendedAt: Map<string, number>;
}
type BenchWindow = Window & { __bench: BenchState };

/**
 * Installed before any page script, identically in every mode: long tasks and long animation frames
 * (PerformanceObserver), and when badges appear (a MutationObserver started at DOMContentLoaded that
 * only looks at the nodes each mutation adds).
 */
function benchInit(expected: number) {
  const state = {
    expected,
    seen: new Map<string, number>(),
    doneAt: null as number | null,
    longtasks: [] as [number, number][],
    frames: [] as { startTime: number; duration: number; blockingDuration: number }[],
    appendedAt: new Map<string, number>(),
  };
  (window as unknown as { __bench: typeof state }).__bench = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { blockingDuration: number })[])
      state.frames.push({ startTime: e.startTime, duration: e.duration, blockingDuration: e.blockingDuration });
  }).observe({ type: 'long-animation-frame', buffered: true });
  const attr = 'data-replyline-item';
  const note = (el: Element) => {
    const key = el.getAttribute(attr);
    if (key && !state.seen.has(key)) state.seen.set(key, performance.now());
  };
  const check = () => {
    if (state.doneAt === null && state.expected > 0 && state.seen.size >= state.expected) state.doneAt = performance.now();
  };
  const start = () => {
    for (const el of document.querySelectorAll(`[${attr}]`)) note(el);
    check();
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && (n as Element).hasAttribute(attr)) note(n as Element);
      check();
    }).observe(document, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

/**
 * The `floor` mode's page script: contract C3's least, with no extension. One span per item, carrying
 * the two markers and the words of a badge, inserted where the extension puts its badge, in the
 * same task as the item (at DOMContentLoaded for a loaded page, in a MutationObserver callback for
 * streamed items): no extraction, no messaging, no extra frame. What the browser then spends on
 * style, layout and paint is what any extension meeting C3 adds at the least.
 */
function c3Floor(where: { item: string; anchor: string; position: InsertPosition }) {
  const done = new WeakSet<Element>();
  let n = 0;
  const mark = (item: Element) => {
    if (done.has(item)) return;
    done.add(item);
    const span = document.createElement('span');
    span.setAttribute('data-replyline-item', `floor:${n++}`);
    span.setAttribute('data-replyline-sla', 'on-track');
    span.textContent = 'On track';
    (item.querySelector(where.anchor) ?? item).insertAdjacentElement(where.position, span);
  };
  const scan = (root: Element | Document) => {
    if (root instanceof Element && root.matches(where.item)) mark(root);
    for (const el of root.querySelectorAll(where.item)) mark(el);
  };
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      scan(document);
      new MutationObserver((records) => {
        for (const r of records) for (const node of r.addedNodes) if (node instanceof Element) scan(node);
      }).observe(document, { childList: true, subtree: true });
    },
    { once: true },
  );
}

const inPageNow = (page: Page) => page.evaluate(() => performance.now());

async function waitInPageUntil(page: Page, t: number) {
  const now = await inPageNow(page);
  if (t > now) await page.waitForTimeout(t - now);
}

const ms = (before: Metrics, after: Metrics, name: string) => delta(before, after, name) * 1000;

export interface PageResult {
  name: string;
  items: number;
  loadEventMs: number;
  /** Extension modes: the page time the expected badges were all in (null when they never were). */
  badgesDoneMs: number | null;
  badged: number;
  /** Stream: appended item → its badge, per item (ms). */
  badgeLatencyMs: number[];
  windowMs: number;
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  layoutCount: number;
  /** Page-side long tasks (no attribution) in the window. */
  longTasks: { count: number; totalMs: number; maxMs: number };
  longFrames: number;
  trace: TraceSummary;
  heapAfter: { jsUsedMB: number; domUsedMB: number };
  /** How many batches of items the page received (stream chunks; 1 for a page loaded whole). */
  batches: number;
  /** Capture messages the background refused or failed (the engine logs each): their badges never get a state. */
  captureFailures: number;
}

export interface PageSpec {
  name: string;
  url: string;
  /** Item roots the page holds once loaded (or appended), and badges the extension must show. */
  items: number;
  badges: number;
  /** Item roots, to check the page. */
  itemSelector: string;
  /** Where the extension puts an item's badge (inside the item root): the `floor` mode's span goes there too. */
  badgeAnchor: { selector: string; position: InsertPosition };
  /** Streams `chunks` into `[data-bench-timeline]` every `everyMs`, keeping at most `keep` cells (as X does). */
  stream?: { chunks: { html: string; keys: string[] }[]; everyMs: number; keep: number };
  /** Quiet time measured after the load (or the last streamed chunk), longer when the badges come later. */
  settleMs: number;
}

/** Loads the page (and streams into it), waits for the badges, and measures the whole window. */
export async function pageScenario(session: Session, spec: PageSpec): Promise<PageResult> {
  /** The page gets badges: from an extension, or from the floor's page script. */
  const ext = session.mode !== 'baseline';
  const what = `${session.mode} ${spec.name}`;
  const expected = ext ? spec.badges : 0;
  const page = await session.context.newPage();
  let captureFailures = 0;
  page.on('console', (m) => {
    if (m.text().startsWith('[Replyline] capture failed')) captureFailures++;
  });
  try {
    await page.addInitScript(benchInit, expected);
    if (session.mode === 'floor')
      await page.addInitScript(c3Floor, {
        item: spec.itemSelector,
        anchor: spec.badgeAnchor.selector,
        position: spec.badgeAnchor.position,
      });
    const cdp = await cdpFor(page);
    const tracer = await startTrace(cdp);
    const m0 = await metrics(cdp);
    await page.goto(spec.url, { waitUntil: 'load', timeout: 120_000 });
    const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart);
    if (!(load > 0)) throw new Error(`bench: ${what}: no load event time`);
    let windowStart = 0;
    let quietFrom = load;
    if (spec.stream) {
      const s = spec.stream;
      const span = await page.evaluate(
        async ({ chunks, every, keep }) => {
          const list = document.querySelector('[data-bench-timeline]');
          if (!list) throw new Error('no [data-bench-timeline]');
          const appended = (window as unknown as { __bench: { appendedAt: Map<string, number> } }).__bench.appendedAt;
          const t0 = performance.now();
          for (let i = 0; i < chunks.length; i++) {
            // Always a task of its own, as a network response would be, even when behind schedule:
            // appending back to back in one task starves every other task and frame.
            const wait = t0 + i * every - performance.now();
            if (i) await new Promise((done) => setTimeout(done, Math.max(0, wait)));
            const chunk = chunks[i] as { html: string; keys: string[] };
            list.insertAdjacentHTML('beforeend', chunk.html);
            const at = performance.now();
            for (const key of chunk.keys) appended.set(key, at);
            // X keeps a window of cells: the oldest leave the DOM as new ones arrive.
            while (list.childElementCount > keep) list.firstElementChild?.remove();
            const root = document.scrollingElement ?? document.documentElement;
            root.scrollTop = root.scrollHeight;
          }
          return { t0, t1: performance.now() };
        },
        { chunks: s.chunks, every: s.everyMs, keep: s.keep },
      );
      windowStart = span.t0;
      quietFrom = span.t1;
    } else {
      const found = await page.locator(spec.itemSelector).count();
      if (found !== spec.items) throw new Error(`bench: ${what}: the page holds ${found} items, expected ${spec.items}`);
    }
    let doneAt: number | null = null;
    if (ext) {
      try {
        const timeout = spec.stream ? spec.settleMs : 60_000;
        await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.doneAt !== null, null, { polling: 100, timeout });
        doneAt = await page.evaluate(() => (window as unknown as BenchWindow).__bench.doneAt);
      } catch {
        // A streamed item may leave the page before it is read: judged below by how many got a badge.
      }
    }
    const windowEnd = Math.max(quietFrom + spec.settleMs, (doneAt ?? 0) + 1000);
    await waitInPageUntil(page, windowEnd);
    const m1 = await metrics(cdp);
    const markTime = await syncMark(page);
    const events = await tracer.stop();
    const seen = await page.evaluate(() => {
      const s = (window as unknown as BenchWindow).__bench;
      return {
        badged: s.seen.size,
        latency: [...s.appendedAt].flatMap(([key, at]) => {
          const t = s.seen.get(key);
          return t === undefined ? [] : [t - at];
        }),
        longtasks: s.longtasks,
        frames: s.frames,
      };
    });
    // Fewer is a result (a streamed item can leave before it is read; captures can fail), none a broken bench.
    if (ext && !seen.badged) throw new Error(`bench: ${what}: no item got a badge`);
    if (!ext && seen.badged) throw new Error(`bench: ${what}: the baseline page shows badges`);
    const inWindow = seen.longtasks.filter(([t]) => t >= windowStart);
    const taskMs = ms(m0, m1, 'TaskDuration');
    if (!(taskMs > 0)) throw new Error(`bench: ${what}: Performance.getMetrics reported no main-thread work`);
    return {
      name: spec.name,
      items: spec.items,
      loadEventMs: load,
      badgesDoneMs: doneAt,
      badged: seen.badged,
      badgeLatencyMs: seen.latency,
      windowMs: windowEnd,
      taskMs,
      scriptMs: ms(m0, m1, 'ScriptDuration'),
      layoutMs: ms(m0, m1, 'LayoutDuration'),
      styleMs: ms(m0, m1, 'RecalcStyleDuration'),
      layoutCount: delta(m0, m1, 'LayoutCount'),
      longTasks: {
        count: inWindow.length,
        totalMs: inWindow.reduce((s, [, d]) => s + d, 0),
        maxMs: Math.max(0, ...inWindow.map(([, d]) => d)),
      },
      longFrames: seen.frames.filter((f) => f.startTime >= windowStart).length,
      trace: summarizeTrace(events, markTime, seen.frames as Frame[]),
      heapAfter: await heapAfterGc(cdp),
      batches: spec.stream ? spec.stream.chunks.length : 1,
      captureFailures,
    };
  } finally {
    await page.close().catch(() => {});
  }
}

/** Polls the badge count until it has not changed for `quietMs`. */
async function stableBadgeCount(page: Page, quietMs = 1000, timeout = 20_000): Promise<number> {
  const start = Date.now();
  let last = -1;
  let since = Date.now();
  while (Date.now() - start < timeout) {
    const n = await page.locator(BADGE).count();
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return n;
    await page.waitForTimeout(100);
  }
  throw new Error('bench: the badge count on the status page never settled');
}

export interface TypingResult {
  chars: number;
  /** Per keystroke: keydown event time → the next animation frame, ms. */
  latencies: number[];
  /** The reply guard's checks (its own performance measure), one per typing burst, first after the page load first, ms. */
  guardChecksMs: number[];
}

/** utils/engine/reply-guard.ts's GUARD_MEASURE (its '@/' imports do not load in Node). */
const GUARD_MEASURE = 'replyline:reply-guard';
const TYPING_TEXT = 'thanks for the quick answer i will check the tracking link again tomorrow morning and get back to you ';
const DRAFT_EDITOR = '[data-testid="tweetTextarea_0"][contenteditable="true"]';

/** Before any other script: the extension's own window listener may stop the event (it consumes Tab). */
function recordTabPresses() {
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Tab') (window as unknown as { __tabAt: number }).__tabAt = e.timeStamp;
    },
    true,
  );
}

async function openComposer(session: Session, url: string, editor: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.addInitScript(recordTabPresses);
  await page.goto(url, { waitUntil: 'load' });
  try {
    await page.locator(editor).waitFor({ timeout: 15_000 });
  } catch {
    throw new Error(`bench: no composer on ${url}: build the test pages first (bash scripts/build-pages.sh)`);
  }
  if (runsExtension(session.mode)) {
    await page.locator(BADGE).first().waitFor({ state: 'attached', timeout: 30_000 });
    await stableBadgeCount(page);
  }
  await page.locator(editor).click();
  await page.waitForTimeout(300);
  return page;
}

/** Types into the X status page's Draft.js reply box and times every keystroke to the next frame. */
export async function typingScenario(session: Session, options: { chars: number; delayMs: number }): Promise<TypingResult> {
  const text = TYPING_TEXT.repeat(Math.ceil(options.chars / TYPING_TEXT.length)).slice(0, options.chars);
  const page = await openComposer(session, STATUS_URL, DRAFT_EDITOR);
  try {
    await page.evaluate(() => {
      const lat: number[] = [];
      (window as unknown as { __typing: number[] }).__typing = lat;
      window.addEventListener(
        'keydown',
        (e) => {
          const handled = performance.now();
          const t0 = e.timeStamp > 0 && e.timeStamp <= handled ? e.timeStamp : handled;
          requestAnimationFrame(() => lat.push(performance.now() - t0));
        },
        true,
      );
    });
    await page.evaluate((measure) => {
      const checks: number[] = [];
      (window as unknown as { __guard: number[] }).__guard = checks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.name === measure) checks.push(entry.duration);
      }).observe({ type: 'measure' });
    }, GUARD_MEASURE);
    // Bursts with pauses longer than the guard's debounce: one check after each.
    const bursts = text.match(/.{1,25}(?:\s|$)/g) ?? [text];
    for (const burst of bursts) {
      await page.keyboard.type(burst, { delay: options.delayMs });
      await page.waitForTimeout(500);
    }
    const got = await page.evaluate(() => ({
      lat: (window as unknown as { __typing: number[] }).__typing,
      model: (window as unknown as { __xComposer?: { text(): string } }).__xComposer?.text() ?? null,
      guard: (window as unknown as { __guard: number[] }).__guard,
    }));
    if (got.model !== text)
      throw new Error(`bench: ${session.mode} typing: the Draft.js model holds ${JSON.stringify(got.model?.slice(0, 60))}`);
    if (got.lat.length !== text.length)
      throw new Error(`bench: ${session.mode} typing: ${got.lat.length} keystrokes timed, expected ${text.length}`);
    return { chars: text.length, latencies: got.lat, guardChecksMs: got.guard };
  } finally {
    await page.close().catch(() => {});
  }
}

export interface InsertionResult {
  editor: string;
  /** Tab key press (event time) → the expanded template in the editor's own model, ms. */
  latencies: number[];
}

interface InsertionTarget {
  editor: string;
  url: string;
  selector: string;
}

export const INSERTION_TARGETS: InsertionTarget[] = [
  { editor: 'Draft.js (X status reply)', url: STATUS_URL, selector: DRAFT_EDITOR },
  {
    editor: 'Lexical (Facebook comment)',
    url: 'https://www.facebook.com/northwindco/posts/1187465203918274',
    selector: '[data-lexical-editor="true"][contenteditable="true"]',
  },
];

/**
 * Shortcut + Tab, `reps` times: from the Tab keydown's timestamp (recorded by a listener installed
 * before the extension's) to the moment the editor's own model (Draft ContentState, Lexical editor
 * state, read through the local pages' test hooks) holds the expansion, checked on each DOM change.
 */
export async function insertionScenario(
  session: Session,
  target: InsertionTarget,
  options: { shortcut: string; expect: string; reps: number },
): Promise<InsertionResult> {
  const page = await openComposer(session, target.url, target.selector);
  try {
    const latencies: number[] = [];
    const model = () =>
      page.evaluate((selector) => {
        const w = window as unknown as { __xComposer?: { text(): string }; __labEditors?: { textOf(el: Element): string } };
        const editor = document.querySelector(selector) as Element;
        return w.__xComposer?.text() ?? w.__labEditors?.textOf(editor) ?? '';
      }, target.selector);
    for (let r = 0; r < options.reps; r++) {
      // The extension places the caret at the template's stop after verifying: let it finish first.
      await page.waitForTimeout(300);
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.press('Backspace');
      if ((await model()).trim()) throw new Error(`bench: ${target.editor}: the editor did not clear`);
      await page.keyboard.type(options.shortcut, { delay: 10 });
      await page.waitForTimeout(150);
      if ((await model()).trim() !== options.shortcut) throw new Error(`bench: ${target.editor}: the shortcut was not typed`);
      await page.evaluate(
        ({ selector, expect }) => {
          const editor = document.querySelector(selector) as HTMLElement;
          const w = window as unknown as {
            __xComposer?: { text(): string };
            __labEditors?: { textOf(el: Element): string };
            __insertion?: Promise<number>;
            __tabAt: number;
          };
          const model = () => w.__xComposer?.text() ?? w.__labEditors?.textOf(editor) ?? '';
          w.__tabAt = 0;
          w.__insertion = new Promise<number>((done, fail) => {
            const observer = new MutationObserver(() => {
              if (w.__tabAt && model().includes(expect)) {
                observer.disconnect();
                done(performance.now() - w.__tabAt);
              }
            });
            observer.observe(editor, { childList: true, subtree: true, characterData: true });
            setTimeout(() => fail(new Error(`not inserted: the model holds ${JSON.stringify(model().slice(0, 80))}`)), 5000);
          });
        },
        { selector: target.selector, expect: options.expect },
      );
      await page.keyboard.press('Tab');
      latencies.push(await page.evaluate(() => (window as unknown as { __insertion: Promise<number> }).__insertion));
    }
    return { editor: target.editor, latencies };
  } finally {
    await page.close().catch(() => {});
  }
}

/** The same first page in every mode, so none pays the renderer's first start-up alone. */
export async function warmUp(session: Session): Promise<void> {
  const page = await session.context.newPage();
  try {
    await page.goto(MENTIONS_URL, { waitUntil: 'load' });
    if (runsExtension(session.mode)) await page.locator(BADGE).first().waitFor({ state: 'attached', timeout: 30_000 });
    else await page.waitForTimeout(500);
  } finally {
    await page.close().catch(() => {});
  }
}
