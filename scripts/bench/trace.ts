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
  for (const t of tasks) {
    const dur = t.dur ?? 0;
    const mine = overlap(ext, t.ts, t.ts + dur);
    if (mine > 0) extensionTasks++;
    extensionMaxTaskUs = Math.max(extensionMaxTaskUs, mine);
    if (dur < LONG_US) continue;
    long.count++;
    long.totalMs += dur / 1000;
    long.maxMs = Math.max(long.maxMs, dur / 1000);
    if (mine > 0) long.withExtension++;
    if (mine > 0 && dur - mine < LONG_US) long.causedByExtension++;
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
  };
}
