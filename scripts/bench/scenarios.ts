// The measured scenarios of `npm run bench`. Each one checks that it measured what it claims
// (page size, badge counts, typed text) and throws otherwise. Functions passed to
// page.evaluate / addInitScript run in the page and must stay self-contained.
import type { Page } from '@playwright/test';
import { cdpFor, delta, heapAfterGc, type Metrics, metrics, type Session } from './browser.ts';
import { appendChunks, MENTIONS_URL, STATUS_URL, type TweetTemplate } from './synthetic.ts';

const BADGE = '[data-replyline-item]';
const TWEET = 'article[data-testid="tweet"]';

interface BenchState {
  expected: number;
  hosts: Set<Element>;
  doneAt: number | null;
  longtasks: [number, number][];
  longtaskSupported: boolean;
}
type BenchWindow = Window & { __bench: BenchState; __typing?: { lat: number[]; fromHandler: number[] } };

/**
 * Installed before any page script, identically in both modes: long tasks (PerformanceObserver) and
 * the moment the page holds `expected` badge hosts (a MutationObserver started at DOMContentLoaded,
 * so the parse itself is not observed; it only looks at the nodes each mutation adds or removes).
 */
function benchInit(expected: number) {
  const state = {
    expected,
    hosts: new Set<Element>(),
    doneAt: null as number | null,
    longtasks: [] as [number, number][],
    longtaskSupported: PerformanceObserver.supportedEntryTypes.includes('longtask'),
  };
  (window as unknown as { __bench: typeof state }).__bench = state;
  if (state.longtaskSupported)
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  const attr = 'data-replyline-item';
  const check = () => {
    if (state.doneAt === null && state.hosts.size >= state.expected) state.doneAt = performance.now();
  };
  const start = () => {
    for (const el of document.querySelectorAll(`[${attr}]`)) state.hosts.add(el);
    check();
    new MutationObserver((records) => {
      let changed = false;
      for (const r of records) {
        for (const n of r.addedNodes)
          if (n.nodeType === 1 && (n as Element).hasAttribute(attr)) {
            state.hosts.add(n as Element);
            changed = true;
          }
        for (const n of r.removedNodes)
          if (n.nodeType === 1 && (n as Element).hasAttribute(attr) && !n.isConnected) {
            state.hosts.delete(n as Element);
            changed = true;
          }
      }
      if (changed) check();
    }).observe(document, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

const counts = (page: Page) =>
  page.evaluate(
    ([badge, tweet]) => ({
      badges: document.querySelectorAll(badge as string).length,
      tweets: document.querySelectorAll(tweet as string).length,
    }),
    [BADGE, TWEET],
  );

const inPageNow = (page: Page) => page.evaluate(() => performance.now());

async function waitInPageUntil(page: Page, t: number) {
  const now = await inPageNow(page);
  if (t > now) await page.waitForTimeout(t - now);
}

/** Waits until the page holds its expected badge count; returns the in-page time it happened. */
async function waitForBadges(page: Page, what: string, timeout = 90_000): Promise<number> {
  try {
    await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.doneAt !== null, null, { polling: 100, timeout });
  } catch {
    const c = await counts(page);
    const expected = await page.evaluate(() => (window as unknown as BenchWindow).__bench.expected);
    throw new Error(`bench: ${what}: only ${c.badges} of ${expected} badges mounted after ${timeout / 1000} s`);
  }
  return page.evaluate(() => (window as unknown as BenchWindow).__bench.doneAt as number);
}

const longTasksIn = async (page: Page, from: number, to: number) => {
  const all = await page.evaluate(() => (window as unknown as BenchWindow).__bench.longtasks);
  const inside = all.filter(([start]) => start >= from && start < to);
  return { count: inside.length, totalMs: inside.reduce((s, [, d]) => s + d, 0), maxMs: Math.max(0, ...inside.map(([, d]) => d)) };
};

const ms = (before: Metrics, after: Metrics, name: string) => delta(before, after, name) * 1000;

export interface PageResult {
  name: string;
  tweets: number;
  loadEventMs: number;
  domContentLoadedMs: number;
  /** Extension only: navigation start → the N-th badge host in the page. */
  badgesMs: number | null;
  loadWindowMs: number;
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  loadLongTasks: { count: number; totalMs: number; maxMs: number };
  heapAfterLoad: { jsUsedMB: number; domUsedMB: number };
  scroll: null | {
    appended: number;
    appendSpanMs: number;
    /** Extension only: first append → every new tweet has its badge. */
    badgesMs: number | null;
    windowMs: number;
    taskMs: number;
    scriptMs: number;
    layoutMs: number;
    styleMs: number;
    /** How many layouts / style recalculations ran in the window (Performance.getMetrics counters). */
    layoutCount: number;
    styleCount: number;
    longTasks: { count: number; totalMs: number; maxMs: number };
  };
  heapAfterScroll: null | { jsUsedMB: number; domUsedMB: number };
}

export interface PageSpec {
  name: string;
  url: string;
  /** Tweets the page holds, and badges the extension must mount on it (0 for the baseline). */
  tweets: number;
  badges: number;
  /** Infinite scroll after the load: tweets numbered from `first`, appended in chunks; none when absent. */
  scroll?: { first: number; count: number; chunk: number; everyMs: number; now: Date; template: TweetTemplate };
}

/**
 * Load → idle, main-thread cost over load + settle, memory, then (when asked) infinite scroll and
 * memory again.
 */
export async function pageScenario(session: Session, spec: PageSpec, options: { settleMs: number }): Promise<PageResult> {
  const ext = session.mode === 'extension';
  const what = `${session.mode} ${spec.name}`;
  const expectedBadges = ext ? spec.badges : 0;
  const page = await session.context.newPage();
  try {
    await page.addInitScript(benchInit, expectedBadges);
    const cdp = await cdpFor(page);
    const m0 = await metrics(cdp);
    await page.goto(spec.url, { waitUntil: 'load', timeout: 120_000 });
    const nav = await page.evaluate(() => {
      const e = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        load: e.loadEventStart,
        dcl: e.domContentLoadedEventEnd,
        supported: (window as unknown as BenchWindow).__bench.longtaskSupported,
      };
    });
    if (!nav.supported) throw new Error('bench: this Chromium has no longtask PerformanceObserver');
    if (!(nav.load > 0)) throw new Error(`bench: ${what}: no load event time`);
    const before = await counts(page);
    if (before.tweets !== spec.tweets) throw new Error(`bench: ${what}: the page holds ${before.tweets} tweets, expected ${spec.tweets}`);
    const badgesAt = ext ? await waitForBadges(page, `${what} load`) : null;
    // Settle: load + settleMs, stretched when the badges came later, so the window holds all their work.
    const windowEnd = Math.max(nav.load + options.settleMs, badgesAt === null ? 0 : badgesAt + 500);
    await waitInPageUntil(page, windowEnd);
    const m1 = await metrics(cdp);
    const loaded = await counts(page);
    if (loaded.badges !== expectedBadges)
      throw new Error(`bench: ${what}: ${loaded.badges} badges after load, expected ${expectedBadges} (one per customer tweet)`);
    const loadLongTasks = await longTasksIn(page, 0, windowEnd);
    const heapAfterLoad = await heapAfterGc(cdp);
    const taskMs = ms(m0, m1, 'TaskDuration');
    if (!(taskMs > 0)) throw new Error(`bench: ${what}: Performance.getMetrics reported no main-thread work`);
    const result: PageResult = {
      name: spec.name,
      tweets: spec.tweets,
      loadEventMs: nav.load,
      domContentLoadedMs: nav.dcl,
      badgesMs: badgesAt,
      loadWindowMs: windowEnd,
      taskMs,
      scriptMs: ms(m0, m1, 'ScriptDuration'),
      layoutMs: ms(m0, m1, 'LayoutDuration'),
      styleMs: ms(m0, m1, 'RecalcStyleDuration'),
      loadLongTasks,
      heapAfterLoad,
      scroll: null,
      heapAfterScroll: null,
    };
    if (!spec.scroll) return result;

    // Infinite scroll: chunks appended on a fixed schedule, the window scrolled to the end each time.
    const sc = spec.scroll;
    const total = spec.tweets + sc.count;
    const totalBadges = ext ? spec.badges + sc.count : 0;
    const chunks = appendChunks(sc.template, sc.first, sc.count, sc.chunk, sc.now);
    await page.evaluate((n) => {
      const s = (window as unknown as BenchWindow).__bench;
      s.expected = n;
      s.doneAt = null;
    }, totalBadges);
    const s0 = await metrics(cdp);
    const span = await page.evaluate(
      async ({ chunks, every }) => {
        const list = document.querySelector('[data-bench-timeline]');
        if (!list) throw new Error('no [data-bench-timeline]');
        const t0 = performance.now();
        for (let i = 0; i < chunks.length; i++) {
          const wait = t0 + i * every - performance.now();
          if (i && wait > 0) await new Promise((done) => setTimeout(done, wait));
          list.insertAdjacentHTML('beforeend', chunks[i] as string);
          const root = document.scrollingElement ?? document.documentElement;
          root.scrollTop = root.scrollHeight;
        }
        return { t0, t1: performance.now() };
      },
      { chunks, every: sc.everyMs },
    );
    const scrollBadgesAt = ext ? await waitForBadges(page, `${what} scroll`) : null;
    const scrollEnd = Math.max(span.t1, scrollBadgesAt ?? 0) + 1000;
    await waitInPageUntil(page, scrollEnd);
    const s1 = await metrics(cdp);
    const scrolled = await counts(page);
    if (scrolled.tweets !== total) throw new Error(`bench: ${what}: ${scrolled.tweets} tweets after the scroll, expected ${total}`);
    if (scrolled.badges !== totalBadges)
      throw new Error(`bench: ${what}: ${scrolled.badges} badges after the scroll, expected ${totalBadges}`);
    result.scroll = {
      appended: sc.count,
      appendSpanMs: span.t1 - span.t0,
      badgesMs: scrollBadgesAt === null ? null : scrollBadgesAt - span.t0,
      windowMs: scrollEnd - span.t0,
      taskMs: ms(s0, s1, 'TaskDuration'),
      scriptMs: ms(s0, s1, 'ScriptDuration'),
      layoutMs: ms(s0, s1, 'LayoutDuration'),
      styleMs: ms(s0, s1, 'RecalcStyleDuration'),
      layoutCount: delta(s0, s1, 'LayoutCount'),
      styleCount: delta(s0, s1, 'RecalcStyleCount'),
      longTasks: await longTasksIn(page, span.t0, scrollEnd),
    };
    result.heapAfterScroll = await heapAfterGc(cdp);
    return result;
  } finally {
    await page.close().catch(() => {});
  }
}

export interface TypingResult {
  chars: number;
  /** Per keystroke: keydown event time → the next animation frame, ms. */
  latencies: number[];
  p50: number;
  p95: number;
  /** The unmodified status page: its tweets, and the badges the extension settled on (0 for the baseline). */
  page: { tweets: number; badges: number };
}

/** Polls the badge count until it has not changed for `quietMs`. */
async function stableBadgeCount(page: Page, quietMs = 1000, timeout = 20_000): Promise<number> {
  const start = Date.now();
  let last = -1;
  let since = Date.now();
  while (Date.now() - start < timeout) {
    const n = (await counts(page)).badges;
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return n;
    await page.waitForTimeout(100);
  }
  throw new Error('bench: the badge count on the status page never settled');
}

const TYPING_TEXT = 'thanks for the quick answer i will check the tracking link again tomorrow morning and get back to you ';

/** Types into the X status page's Draft.js reply box and times every keystroke to the next frame. */
export async function typingScenario(session: Session, options: { chars: number; delayMs: number }): Promise<TypingResult> {
  const ext = session.mode === 'extension';
  const text = TYPING_TEXT.repeat(Math.ceil(options.chars / TYPING_TEXT.length)).slice(0, options.chars);
  const page = await session.context.newPage();
  try {
    await page.goto(STATUS_URL, { waitUntil: 'load' });
    const editor = page.locator('[data-testid="tweetTextarea_0"][contenteditable="true"]');
    try {
      await editor.waitFor({ timeout: 15_000 });
    } catch {
      throw new Error(`bench: no Draft.js composer on ${STATUS_URL}: build the test pages first (bash scripts/build-pages.sh)`);
    }
    if (ext) await page.locator(BADGE).first().waitFor({ state: 'attached', timeout: 30_000 });
    const onPage = { tweets: (await counts(page)).tweets, badges: ext ? await stableBadgeCount(page) : (await counts(page)).badges };
    if (!ext && onPage.badges) throw new Error('bench: baseline status page shows badges');
    await editor.click();
    await page.waitForTimeout(300);
    await page.evaluate(() => {
      const rec = { lat: [] as number[], fromHandler: [] as number[] };
      (window as unknown as BenchWindow).__typing = rec;
      window.addEventListener(
        'keydown',
        (e) => {
          const handled = performance.now();
          const t0 = e.timeStamp > 0 && e.timeStamp <= handled ? e.timeStamp : handled;
          requestAnimationFrame(() => {
            const t1 = performance.now();
            rec.lat.push(t1 - t0);
            rec.fromHandler.push(t1 - handled);
          });
        },
        true,
      );
    });
    await page.keyboard.type(text, { delay: options.delayMs });
    await page.waitForTimeout(300);
    const got = await page.evaluate(() => ({
      lat: (window as unknown as BenchWindow).__typing?.lat ?? [],
      model: (window as unknown as { __xComposer?: { text(): string } }).__xComposer?.text() ?? null,
    }));
    if (got.model !== text)
      throw new Error(
        `bench: ${session.mode} typing: the Draft.js model holds ${JSON.stringify(got.model?.slice(0, 60))}, not the typed text`,
      );
    if (got.lat.length !== text.length)
      throw new Error(`bench: ${session.mode} typing: ${got.lat.length} keystrokes timed, expected ${text.length}`);
    if (ext && (await page.locator(BADGE).count()) < 1) throw new Error('bench: extension typing: the focal tweet lost its badge');
    const s = [...got.lat].sort((a, b) => a - b);
    const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
    return { chars: text.length, latencies: got.lat, p50: at(50), p95: at(95), page: onPage };
  } finally {
    await page.close().catch(() => {});
  }
}

/** The same first page in both modes, so neither pays the first renderer/page start-up alone. */
export async function warmUp(session: Session): Promise<void> {
  const page = await session.context.newPage();
  try {
    await page.goto(MENTIONS_URL, { waitUntil: 'load' });
    if (session.mode === 'extension') await page.locator(BADGE).first().waitFor({ state: 'attached', timeout: 30_000 });
    else await page.waitForTimeout(500);
  } finally {
    await page.close().catch(() => {});
  }
}
