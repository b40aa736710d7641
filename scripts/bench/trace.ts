// Chromium traces for `npm run bench`: what ran on the page's main thread and on whose behalf.
// Script events carry their script URL, so the extension's own work (chrome-extension://…) is told
// apart from the page's. Long animation frames cannot be attributed in the page itself: LoAF
// entries leave content scripts (isolated worlds) out of their `scripts`, so frames are joined
// with the trace here.
import type { CDPSession, Page } from '@playwright/test';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string }; fileName?: string } & Record<string, unknown>;
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute'];
/** Events that run script: the extension's carry its URL. */
const SCRIPT = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'V8.Execute', 'v8.run', 'v8.callFunction']);
const LONG_US = 50_000;
const GC = new Set(['MinorGC', 'MajorGC', 'V8.GCScavenger', 'V8.GCFinalizeMC', 'V8.GCCompactor']);
export const SYNC_MARK = 'replyline-bench-sync';

export interface Tracer {
  stop(): Promise<TraceEvent[]>;
}

export async function startTrace(cdp: CDPSession): Promise<Tracer> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    events.push(...(e.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: CATEGORIES },
  });
  return {
    async stop() {
      const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', onData);
      return events;
    },
  };
}

/** A user-timing mark whose page time and trace time tie the two clocks together (and name the thread). */
export async function syncMark(page: Page): Promise<number> {
  return page.evaluate((name) => performance.mark(name).startTime, SYNC_MARK);
}

const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.fileName ?? '';
const isExtension = (e: TraceEvent) => SCRIPT.has(e.name) && urlOf(e).startsWith('chrome-extension://');

type Span = [number, number];

/** Sorted, merged spans (µs). */
function union(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function overlap(spans: readonly Span[], a: number, b: number): number {
  let total = 0;
  for (const [s, e] of spans) {
    if (e <= a) continue;
    if (s >= b) break;
    total += Math.min(b, e) - Math.max(a, s);
  }
  return total;
}

const inside = (spans: readonly Span[], t: number) => spans.some(([s, e]) => t >= s && t < e);

export interface Frame {
  /** Page time, ms. */
  startTime: number;
  duration: number;
  blockingDuration: number;
}

export interface TraceSummary {
  /** The extension's script on the page's main thread (merged, so nested calls count once). */
  extensionScriptMs: number;
  /** Tasks during which the extension's script ran. */
  extensionTasks: number;
  /** The longest extension script stretch inside one task. */
  extensionMaxTaskMs: number;
  longTasks: {
    count: number;
    totalMs: number;
    maxMs: number;
    /** Long tasks in which the extension's script ran at all. */
    withExtension: number;
    /** Long tasks the extension made long: without its script they would be under 50 ms. */
    causedByExtension: number;
  };
  /** Layouts on the page's main thread, and the forced (synchronous, inside script) ones by the extension. */
  layouts: number;
  forcedLayouts: number;
  forcedLayoutsByExtension: number;
  forcedStyleByExtension: number;
  longFrames: { count: number; causedByExtension: number; withExtension: number; maxMs: number };
  /** The tasks with the most extension script, and every long task it caused: what it was doing there. */
  extensionStretches: ExtensionStretch[];
}

export interface ExtensionStretch {
  /** Page time the task began, ms. */
  atMs: number;
  taskMs: number;
  extensionMs: number;
  caused: boolean;
  /** The extension's outermost script events in the task: `evaluate`, or the called function's name; `@frame` when inside an animation frame callback. */
  doing: string[];
}

const TOP_STRETCHES = 5;

function describeExtensionWork(main: readonly TraceEvent[], ext: readonly Span[], t: TraceEvent): string[] {
  const end = t.ts + (t.dur ?? 0);
  const within = main.filter((e) => e.ts >= t.ts && e.ts < end);
  const frames = within.filter((e) => e.name === 'FireAnimationFrame');
  const out = new Map<string, number>();
  let coveredUntil = -1;
  for (const e of within) {
    if (!isExtension(e) || e.ts < coveredUntil) continue;
    coveredUntil = e.ts + (e.dur ?? 0);
    const data = e.args?.data as { functionName?: string } | undefined;
    const name = e.name === 'EvaluateScript' || e.name === 'v8.compile' ? 'evaluate' : data?.functionName || e.name;
    const inFrame = frames.some((f) => e.ts >= f.ts && e.ts < f.ts + (f.dur ?? 0));
    const key = inFrame ? `${name}@frame` : name;
    out.set(key, (out.get(key) ?? 0) + (e.dur ?? 0));
  }
  // For a long task, what else it did (its outermost events).
  if (t.dur && t.dur >= LONG_US) {
    let until = -1;
    for (const e of within) {
      if (e === t || e.ts < until || isExtension(e)) continue;
      until = e.ts + (e.dur ?? 0);
      const key = `page ${e.name}`;
      out.set(key, (out.get(key) ?? 0) + (e.dur ?? 0));
    }
  }
  // Garbage collection inside the extension's script counts as its script time.
  const gc = within.filter((e) => GC.has(e.name) && inside(ext, e.ts)).reduce((sum, e) => sum + (e.dur ?? 0), 0);
  if (gc) out.set('of which gc', gc);
  return [...out].sort((a, b) => b[1] - a[1]).map(([k, us]) => `${k} ${(us / 1000).toFixed(1)} ms`);
}

/**
 * Summarises the page's main thread: the one that recorded the sync mark. `frames` are the page's
 * long animation frames (PerformanceObserver), `markTime` the sync mark's page time.
 */
export function summarizeTrace(events: readonly TraceEvent[], markTime: number, frames: readonly Frame[]): TraceSummary {
  const mark = events.find((e) => e.name === SYNC_MARK);
  if (!mark) throw new Error('bench: the trace holds no sync mark (is blink.user_timing recorded?)');
  const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && typeof e.dur === 'number');
  const offsetUs = mark.ts - markTime * 1000;
  const spans = (filter: (e: TraceEvent) => boolean) => union(main.filter(filter).map((e): Span => [e.ts, e.ts + (e.dur ?? 0)]));
  const ext = spans(isExtension);
  const script = spans((e) => SCRIPT.has(e.name));
  const tasks = main.filter((e) => e.name === 'RunTask');

  let extensionTasks = 0;
  let extensionMaxTaskUs = 0;
  const long = { count: 0, totalMs: 0, maxMs: 0, withExtension: 0, causedByExtension: 0 };
  const stretches: { task: TraceEvent; mine: number; caused: boolean }[] = [];
  for (const t of tasks) {
    const dur = t.dur ?? 0;
    const mine = overlap(ext, t.ts, t.ts + dur);
    const caused = mine > 0 && dur >= LONG_US && dur - mine < LONG_US;
    if (mine > 0) {
      extensionTasks++;
      stretches.push({ task: t, mine, caused });
    }
    extensionMaxTaskUs = Math.max(extensionMaxTaskUs, mine);
    if (dur < LONG_US) continue;
    long.count++;
    long.totalMs += dur / 1000;
    long.maxMs = Math.max(long.maxMs, dur / 1000);
    if (mine > 0) long.withExtension++;
    if (caused) long.causedByExtension++;
  }

  const layouts = main.filter((e) => e.name === 'Layout');
  const styles = main.filter((e) => e.name === 'UpdateLayoutTree');
  const longFrames = { count: 0, causedByExtension: 0, withExtension: 0, maxMs: 0 };
  for (const f of frames) {
    if (f.duration < LONG_US / 1000) continue;
    const a = offsetUs + f.startTime * 1000;
    const mine = overlap(ext, a, a + f.duration * 1000);
    longFrames.count++;
    longFrames.maxMs = Math.max(longFrames.maxMs, f.duration);
    if (mine > 0) longFrames.withExtension++;
    if (mine > 0 && f.duration * 1000 - mine < LONG_US) longFrames.causedByExtension++;
  }

  return {
    extensionScriptMs: ext.reduce((s, [a, b]) => s + (b - a), 0) / 1000,
    extensionTasks,
    extensionMaxTaskMs: extensionMaxTaskUs / 1000,
    longTasks: long,
    layouts: layouts.length,
    forcedLayouts: layouts.filter((e) => inside(script, e.ts)).length,
    forcedLayoutsByExtension: layouts.filter((e) => inside(ext, e.ts)).length,
    forcedStyleByExtension: styles.filter((e) => inside(ext, e.ts)).length,
    longFrames,
    extensionStretches: stretches
      .sort((a, b) => b.mine - a.mine)
      .filter((s, i) => i < TOP_STRETCHES || s.caused)
      .map(({ task, mine, caused }) => ({
        atMs: (task.ts - offsetUs) / 1000,
        taskMs: (task.dur ?? 0) / 1000,
        extensionMs: mine / 1000,
        caused,
        doing: describeExtensionWork(main, ext, task),
      })),
  };
}
