// The extension's own pages and worker, for `npm run bench`: IndexedDB at scale, the popup with a
// large backlog, the service worker's cold start. They run in a COPY of the built extension with one
// more page (bench.html + bench.js, built here from scripts/bench/extension-page.ts), so the database
// is the extension origin's real Chromium IndexedDB and the functions are the background's own.
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { build } from 'vite';
import { profileWorker, type Session } from './browser.ts';
import type { ExtensionBenchApi } from './extension-page.ts';
import { median, percentile } from './stats.ts';

type BenchWindow = Window & { replylineBench: ExtensionBenchApi };

/** Bump when extension-page.ts generates different rows: the cached databases are then rebuilt. */
export const FILL_VERSION = 1;

/** Copies the build to `dir` and adds bench.html with the bundled extension-page.ts. */
export async function benchExtensionCopy(extensionDir: string, dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(extensionDir, dir, { recursive: true });
  const root = resolve('.');
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    resolve: { alias: { '@': root } },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: dir,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      reportCompressedSize: false,
      lib: { entry: resolve('scripts/bench/extension-page.ts'), formats: ['iife'], name: 'ReplylineBench', fileName: () => 'bench.js' },
    },
  });
  await writeFile(
    join(dir, 'bench.html'),
    '<!doctype html><meta charset="utf-8"><title>Replyline bench</title><script src="bench.js"></script>\n',
  );
  return dir;
}

export async function openBenchPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/bench.html`);
  await page.waitForFunction(() => 'replylineBench' in window);
  return page;
}

/** Calls the bench page's API; errors come back with their name, message and inner cause (Dexie's). */
const call = <K extends keyof ExtensionBenchApi>(page: Page, name: K, ...args: Parameters<ExtensionBenchApi[K]>) =>
  page.evaluate(
    async ([n, a]) => {
      try {
        const fn = (window as unknown as BenchWindow).replylineBench[n as K] as (...x: unknown[]) => unknown;
        return await fn(...(a as unknown[]));
      } catch (error) {
        const e = error as { name?: string; message?: string; inner?: { message?: string } };
        throw new Error(`${n}: ${e.name}: ${e.message}${e.inner ? ` (${e.inner.message})` : ''}`);
      }
    },
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<ExtensionBenchApi[K]>>>;

export interface IdbLevel {
  items: number;
  /** Bulk fill rate up to this level (records written straight through the same Dexie schema). */
  fillPerSec: number;
  storageMB: number | null;
  capturePerSec: number;
  topUrgentMs: { p50: number; p95: number };
  countsMs: { p50: number; p95: number };
}

export interface IdbResult {
  functions: { top: string; counts: string };
  levels: IdbLevel[];
  purge: { items: number; atLevel: number; ms: number };
}

const p50p95 = (xs: number[]) => ({ p50: median(xs), p95: percentile(xs, 95) });

/**
 * One database per size (kept in the cached profile: only what is missing is written), then at each
 * size capture throughput, the urgent query and the counts; the purge runs on the largest.
 */
export async function idbScenario(
  page: Page,
  options: { levels: number[]; captureItems: number; captureBatch: number; reps: number; purge: number },
  log: (line: string) => void,
): Promise<IdbResult> {
  const functions = await call(page, 'functions');
  const levels: IdbLevel[] = [];
  const nameOf = (level: number) => `replyline-bench-${level}`;
  for (const level of options.levels) {
    const name = nameOf(level);
    const missing = Math.max(0, level - (await call(page, 'rows', name)));
    if (missing) log(`IndexedDB: writing ${missing.toLocaleString('en-US')} rows into ${name} (kept for the next runs)`);
    const from = await call(page, 'nextFill', name);
    const fillMs = missing ? await call(page, 'fill', name, from, from + missing) : 0;
    const capturePerSec = await call(page, 'captureRate', name, options.captureItems, options.captureBatch);
    const top = await call(page, 'topUrgent', name, options.reps);
    const counts = await call(page, 'counts', name, options.reps);
    const r: IdbLevel = {
      items: await call(page, 'rows', name),
      fillPerSec: fillMs ? (missing / fillMs) * 1000 : Number.NaN,
      storageMB: await call(page, 'storageMB'),
      capturePerSec,
      topUrgentMs: p50p95(top),
      countsMs: p50p95(counts),
    };
    levels.push(r);
    log(
      `IndexedDB ${r.items.toLocaleString('en-US')} items: capture ${capturePerSec.toFixed(0)}/s, top 50 p95 ${r.topUrgentMs.p95.toFixed(1)} ms, ` +
        `counts p95 ${r.countsMs.p95.toFixed(1)} ms`,
    );
  }
  const largest = nameOf(options.levels.at(-1) ?? 0);
  const purged = await call(page, 'purgeOldest', largest, options.purge);
  // The cutoff is a posting time: about `purge` handled items lie before it, pending ones stay.
  if (Math.abs(purged.deleted - options.purge) > options.purge * 0.1)
    throw new Error(`bench: the purge deleted ${purged.deleted} items, expected about ${options.purge}`);
  const atLevel = levels.at(-1)?.items ?? 0;
  log(
    `IndexedDB purge of the ${purged.deleted.toLocaleString('en-US')} oldest handled of ${atLevel.toLocaleString('en-US')} items: ${purged.ms.toFixed(0)} ms`,
  );
  return { functions, levels, purge: { items: purged.deleted, atLevel, ms: purged.ms } };
}

export interface PopupResult {
  pending: number;
  /** Navigation → first backlog row in the DOM, per load. */
  firstRowsMs: number[];
  rowsShown: number;
  /** The import's end → the items store answers quickly again (the scheduler's catch-up), ms. */
  settledMs: number;
  scroll: { frames: number; maxFrameMs: number; p95FrameMs: number; longFrames: number; scrolledPx: number };
}

interface PopupProbe {
  firstRowAt: number | null;
  frames: number[];
  longFrames: number;
}
type ProbeWindow = Window & { __popupProbe: PopupProbe };

/** Installed before the popup's scripts: when the first backlog row appears, and long frames. */
function popupProbe() {
  const probe = { firstRowAt: null as number | null, frames: [] as number[], longFrames: 0 };
  (window as unknown as { __popupProbe: typeof probe }).__popupProbe = probe;
  new PerformanceObserver((list) => {
    probe.longFrames += list.getEntries().length;
  }).observe({ type: 'long-animation-frame', buffered: true });
  const seen = () => {
    if (probe.firstRowAt === null && document.querySelector('[data-replyline-item]')) probe.firstRowAt = performance.now();
    return probe.firstRowAt !== null;
  };
  const start = () => {
    if (seen()) return;
    const observer = new MutationObserver(() => seen() && observer.disconnect());
    observer.observe(document, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

/** Imports `pending` items, then opens the popup `loads` times and scrolls its list on the last. */
export async function popupScenario(
  context: BrowserContext,
  extensionId: string,
  bench: Page,
  options: { pending: number; loads: number; scrollMs: number },
): Promise<PopupResult> {
  const file = await call(bench, 'pendingFile', options.pending);
  await call(bench, 'importFile', file);
  // The import's after-work (the scheduler's first pass over the new overdue backlog, in batches)
  // keeps the items store busy for a few seconds: measure the popup as it opens on an ordinary day,
  // once backlog queries 300 ms apart have come back quickly for over a second.
  const afterImport = Date.now();
  for (let quick = 0, tries = 0; quick < 5 && tries < 300; tries++) {
    quick = (await call(bench, 'roundTrip', 'items/query')) < 50 ? quick + 1 : 0;
    await new Promise((done) => setTimeout(done, 300));
  }
  const settledMs = Date.now() - afterImport;
  const firstRowsMs: number[] = [];
  let rowsShown = 0;
  let scroll: PopupResult['scroll'] = { frames: 0, maxFrameMs: Number.NaN, p95FrameMs: Number.NaN, longFrames: 0, scrolledPx: 0 };
  for (let i = 0; i < options.loads; i++) {
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.addInitScript(popupProbe);
    try {
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await popup.waitForFunction(() => (window as unknown as ProbeWindow).__popupProbe.firstRowAt !== null, null, { timeout: 30_000 });
      firstRowsMs.push(await popup.evaluate(() => (window as unknown as ProbeWindow).__popupProbe.firstRowAt as number));
      rowsShown = await popup.locator('[data-replyline-item]').count();
      if (i === options.loads - 1) scroll = await scrollPopup(popup, options.scrollMs);
    } finally {
      await popup.close();
    }
  }
  return { pending: options.pending, firstRowsMs, rowsShown, settledMs, scroll };
}

/** Wheel-scrolls the popup's list for `ms`, recording every frame's length (rAF to rAF). */
async function scrollPopup(popup: Page, ms: number): Promise<PopupResult['scroll']> {
  const row = popup.locator('[data-replyline-item]').first();
  const box = await row.boundingBox();
  if (!box) throw new Error('bench: the popup row has no box to scroll over');
  await popup.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await popup.evaluate(() => {
    const probe = (window as unknown as ProbeWindow).__popupProbe;
    probe.frames = [];
    probe.longFrames = 0;
    let last = performance.now();
    const tick = (t: number) => {
      probe.frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const scrolled = () =>
    popup.evaluate(() => {
      let total = 0;
      for (const el of [document.scrollingElement, ...document.querySelectorAll('*')])
        if (el && el.scrollHeight > el.clientHeight) total += el.scrollTop;
      return total;
    });
  const before = await scrolled();
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await popup.mouse.wheel(0, 240);
    await popup.waitForTimeout(16);
  }
  await popup.waitForTimeout(200);
  const frames = await popup.evaluate(() => (window as unknown as ProbeWindow).__popupProbe.frames.slice(1));
  const longFrames = await popup.evaluate(() => (window as unknown as ProbeWindow).__popupProbe.longFrames);
  return {
    frames: frames.length,
    maxFrameMs: Math.max(...frames),
    p95FrameMs: percentile(frames, 95),
    longFrames,
    scrolledPx: (await scrolled()) - before,
  };
}

export interface WorkerResult {
  coldMs: number[];
  warmMs: number[];
}

/** Stops the worker from chrome://serviceworker-internals (as sla.spec.ts does), then times one message. */
export async function workerScenario(context: BrowserContext, extensionId: string, bench: Page, reps: number): Promise<WorkerResult> {
  const internals = await context.newPage();
  try {
    await internals.goto('chrome://serviceworker-internals/');
    const registration = internals.locator('.serviceworker-registration').filter({ hasText: extensionId });
    const coldMs: number[] = [];
    const warmMs: number[] = [];
    for (let r = 0; r < reps; r++) {
      await call(bench, 'roundTrip'); // running, so Stop is offered
      await registration.getByRole('button', { name: 'Stop' }).first().click();
      await registration.getByText('Running Status: STOPPED').first().waitFor({ timeout: 10_000 });
      coldMs.push(await call(bench, 'roundTrip'));
      warmMs.push(await call(bench, 'roundTrip'));
    }
    return { coldMs, warmMs };
  } finally {
    await internals.close();
  }
}

export interface CaptureWorkResult {
  /** The worker's busy milliseconds while the page's items were captured the first time. */
  firstMs: number[];
  /** The same page loaded again, every item already stored (a user's reload). */
  againMs: number[];
}

/**
 * What capturing a page costs the service worker, in a fresh profile each rep: its CPU profile while
 * the page loads and `settleMs` after, then the same for a reload. On a two-core machine this is
 * CPU the page does not get (BENCHMARKS.md: the stream's overhead is mostly the worker's captures).
 */
export async function workerCaptureScenario(
  open: () => Promise<Session>,
  url: string,
  reps: number,
  settleMs: number,
): Promise<CaptureWorkResult> {
  const result: CaptureWorkResult = { firstMs: [], againMs: [] };
  for (let r = 0; r < reps; r++) {
    const session = await open();
    try {
      const page = await session.context.newPage();
      for (const list of [result.firstMs, result.againMs]) {
        const profiler = await profileWorker(session);
        if (list === result.firstMs) await page.goto(url, { waitUntil: 'load' });
        else await page.reload({ waitUntil: 'load' });
        await page.waitForTimeout(settleMs);
        list.push(await profiler.stop());
      }
    } finally {
      await session.close();
    }
  }
  return result;
}
