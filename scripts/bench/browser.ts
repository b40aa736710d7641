// Browser sessions for `npm run bench`: the same Chromium, flags, viewport and routing in every
// mode; the extension modes only add the two extension flags and import the demo seed.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, importThroughOptions } from '../../test/e2e/launch.ts';
import { routeSites } from '../../test/pages/site-server.ts';
import { routeBenchPages } from './synthetic.ts';

/** `before`: another build of the extension (--before-dir), measured in the same runs for before/after. */
/**
 * `floor`: no extension; a page script gives each item a marked span (`c3Floor` in scenarios.ts),
 * what contract C3 costs the browser before any extension code runs.
 */
export type Mode = 'baseline' | 'extension' | 'before' | 'floor';
/** The modes that load an extension build. */
export const runsExtension = (mode: Mode) => mode === 'extension' || mode === 'before';

export interface Session {
  mode: Mode;
  context: BrowserContext;
  extensionId: string | null;
  worker: Worker | null;
  close(): Promise<void>;
}

export async function launch(
  mode: Mode,
  options: { now: Date; benchPages: ReadonlyMap<string, string>; extensionDir: string | null; profile?: string },
): Promise<Session> {
  const profile = options.profile ?? (await mkdtemp(join(tmpdir(), `replyline-bench-${mode}-`)));
  const dir = options.extensionDir;
  const extensionArgs = dir ? [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`] : [];
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: CHROMIUM,
    args: [...extensionArgs, ...CHROMIUM_ARGS],
    viewport: { width: 1280, height: 900 },
  });
  const close = async () => {
    await context.close().catch(() => {});
    // A profile passed in is kept (the IndexedDB scenario's cached databases).
    if (!options.profile) await rm(profile, { recursive: true, force: true }).catch(() => {});
  };
  try {
    await routeSites(context, { now: options.now });
    await routeBenchPages(context, options.benchPages);
    let worker: Worker | null = null;
    let extensionId: string | null = null;
    if (dir) {
      worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      extensionId = new URL(worker.url()).host;
      const seed = JSON.parse(await readFile(resolve('test/pages/demo-seed.json'), 'utf8'));
      await importThroughOptions(context, extensionId, seed, 'bench-seed.json');
    } else {
      // Prove the baseline really runs without any extension.
      await new Promise((done) => setTimeout(done, 300));
      const workers = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
      if (workers.length) throw new Error(`bench: the baseline browser runs an extension (${workers[0]?.url()})`);
    }
    return { mode, context, extensionId, worker, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export type Metrics = Record<string, number>;

export async function cdpFor(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return cdp;
}

export async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/**
 * Seconds of work between two snapshots. Chromium restarts the counters when a navigation changes
 * the renderer, so a counter that went down started from zero after `before`.
 */
export function delta(before: Metrics, after: Metrics, name: string): number {
  const b = before[name] ?? 0;
  const a = after[name];
  if (a === undefined) throw new Error(`bench: Performance.getMetrics has no ${name}`);
  return a >= b ? a - b : a;
}

/** JS heap (all worlds of the page's isolate, so the content script too) and Blink heap, after a forced GC. */
export async function heapAfterGc(cdp: CDPSession): Promise<{ jsUsedMB: number; domUsedMB: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  if (!(usage.usedSize > 0)) throw new Error('bench: Runtime.getHeapUsage returned no heap');
  return { jsUsedMB: usage.usedSize / 2 ** 20, domUsedMB: (usage.embedderHeapUsedSize ?? 0) / 2 ** 20 };
}

type WorkerCall = (method: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>>;

/**
 * A CDP line to the extension's service worker, through the browser's CDP session (a Playwright
 * Worker has no CDP session of its own). Null when the target cannot be reached.
 */
async function workerCdp(session: Session): Promise<{ call: WorkerCall; close(): Promise<void> } | null> {
  const browser = session.context.browser();
  if (!browser || !session.extensionId) return null;
  const cdp = await browser.newBrowserCDPSession();
  const close = () => cdp.detach().catch(() => {});
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.extensionId}/`));
    if (!target) {
      await close();
      return null;
    }
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    let nextId = 0;
    const waiting = new Map<number, (message: { result?: Record<string, unknown>; error?: { message: string } }) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message);
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
    });
    const call: WorkerCall = (method, params = {}) =>
      new Promise((done, fail) => {
        const id = ++nextId;
        const timer = setTimeout(() => fail(new Error(`${method} timed out`)), 10_000);
        waiting.set(id, (m) => {
          clearTimeout(timer);
          if (m.error) fail(new Error(m.error.message));
          else done(m.result ?? {});
        });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(fail);
      });
    return { call, close };
  } catch {
    await close();
    return null;
  }
}

/** The extension service worker's JS heap after a forced GC; null when the worker cannot be reached. */
export async function serviceWorkerHeapMB(session: Session): Promise<number | null> {
  const worker = await workerCdp(session);
  if (!worker) return null;
  try {
    await worker.call('HeapProfiler.collectGarbage');
    const usage = await worker.call('Runtime.getHeapUsage');
    return typeof usage.usedSize === 'number' ? usage.usedSize / 2 ** 20 : null;
  } catch {
    return null;
  } finally {
    await worker.close();
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Samples the service worker's CPU from now; `stop()` gives the milliseconds it was busy (samples
 * outside idle and the engine's own "(program)").
 */
export async function profileWorker(session: Session): Promise<{ stop(): Promise<number> }> {
  const worker = await workerCdp(session);
  if (!worker) throw new Error('bench: the service worker cannot be profiled (no CDP target)');
  try {
    await worker.call('Profiler.enable');
    await worker.call('Profiler.setSamplingInterval', { interval: 200 });
    await worker.call('Profiler.start');
  } catch (error) {
    await worker.close();
    throw error;
  }
  return {
    async stop() {
      try {
        const { profile } = (await worker.call('Profiler.stop')) as { profile: CpuProfile };
        const idle = new Set(
          profile.nodes.filter((n) => n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)').map((n) => n.id),
        );
        let busyUs = 0;
        profile.samples.forEach((node, i) => {
          if (!idle.has(node)) busyUs += profile.timeDeltas[i] ?? 0;
        });
        return busyUs / 1000;
      } finally {
        await worker.close();
      }
    },
  };
}
