// `npm run bench`: what Replyline costs, measured in Chromium on this machine. Page costs are RATIOS
// against a baseline measured in the same run without the extension (same Chromium, flags, pages),
// runs alternated (which mode goes first too), each figure the median over runs.
//
//   npm run bench                          builds the current tree into its own folder, 5 runs (~15 min;
//                                          the first run also writes 1.1 M IndexedDB rows, ~25 min, kept)
//   npm run bench -- --quick               2 runs, smaller pages, 10k rows only (~3 min, for iteration)
//   npm run bench -- --runs 3              another number of runs
//   npm run bench -- --extension-dir DIR   measure that build instead of building
//   npm run bench -- --before-dir DIR      also measure another build in the same runs (before/after)
//   npm run bench -- --only page,insert    some sections: page, insert, idb, popup, worker, bundle
//   npm run bench -- --no-report           leave BENCHMARKS.md alone (comparison runs)
//
// Sections: 1. page overhead on a Facebook-like thread of 1,000 comments (loaded whole) and an X-like
// timeline streaming 2,000 tweets (X keeps a window of cells), at their real URLs: CDP TaskDuration
// and ScriptDuration, long tasks and long animation frames the extension caused (trace-attributed),
// forced layouts per batch; 2. extension time per item; 3. Tab → template in the editor's model
// (Draft.js, Lexical) and typing; 4. IndexedDB at 10k / 100k / 1M rows in an extension page;
// 5. the popup with 10,000 pending items; 6. service worker cold start; 7. bundle sizes.
// Writes bench-results/<date>.json and the results part of BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../test/e2e/launch.ts';
import { launch, type Mode, runsExtension, type Session, serviceWorkerHeapMB } from './bench/browser.ts';
import { BUNDLE_BUDGETS, bundleSizes } from './bench/bundles.ts';
import {
  benchExtensionCopy,
  type CaptureWorkResult,
  FILL_VERSION,
  type IdbResult,
  idbScenario,
  openBenchPage,
  type PopupResult,
  popupScenario,
  type WorkerResult,
  workerCaptureScenario,
  workerScenario,
} from './bench/extension.ts';
import { markdownTables, type Row, summarize, textTables } from './bench/report.ts';
import {
  INSERTION_TARGETS,
  type InsertionResult,
  insertionScenario,
  type PageResult,
  pageScenario,
  type TypingResult,
  typingScenario,
  warmUp,
} from './bench/scenarios.ts';
import { median, percentile } from './bench/stats.ts';
import {
  appendChunks,
  benchUrl,
  FACEBOOK_POST_URL,
  FIRST_ITEM,
  facebookThreadPage,
  loadTweetTemplate,
  MENTIONS_URL,
  streamShellPage,
} from './bench/synthetic.ts';

const started = Date.now();
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'extension-dir': { type: 'string' },
    'before-dir': { type: 'string' },
    only: { type: 'string' },
    'no-report': { type: 'boolean', default: false },
  },
});
const quick = args.quick;
const runs = args.runs ? Number(args.runs) : quick ? 2 : 5;
if (!Number.isInteger(runs) || runs < 1) throw new Error('bench: --runs needs a whole number ≥ 1');
const SECTIONS = ['page', 'insert', 'idb', 'popup', 'worker', 'bundle'] as const;
type Section = (typeof SECTIONS)[number];
const only = new Set((args.only?.split(',') ?? SECTIONS).map((s) => s.trim()));
for (const s of only)
  if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`bench: unknown section ${s} (${SECTIONS.join(', ')})`);
const wants = (s: Section) => only.has(s);

const config = {
  runs,
  quick,
  facebookComments: quick ? 300 : 1000,
  stream: { items: quick ? 600 : 2000, chunk: 20, everyMs: 50, keep: 200 },
  settleMs: 3000,
  typeChars: quick ? 40 : 100,
  typeDelayMs: 20,
  insertReps: quick ? 4 : 10,
  idb: {
    levels: quick ? [10_000] : [10_000, 100_000, 1_000_000],
    captureItems: quick ? 300 : 1000,
    captureBatch: 100,
    reps: 20,
    purge: quick ? 1000 : 100_000,
  },
  popup: { pending: 10_000, loads: quick ? 2 : 5, scrollMs: 2000 },
  workerReps: quick ? 5 : 20,
  captureReps: quick ? 1 : 3,
};
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

// ---------------------------------------------------------------- builds

const work = join(tmpdir(), 'replyline-bench');
await mkdir(work, { recursive: true });
let built = args['extension-dir'] ? resolve(args['extension-dir']) : null;
if (!built) {
  log(`building the extension into ${join(work, 'build')}`);
  const r = spawnSync('npx', ['wxt', 'build'], {
    env: { ...process.env, REPLYLINE_OUT_DIR: join(work, 'build') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('bench: npx wxt build failed');
  built = join(work, 'build', 'chrome-mv3');
}
if (!existsSync(join(built, 'manifest.json'))) throw new Error(`bench: no extension build in ${built}`);
const beforeDir = args['before-dir'] ? resolve(args['before-dir']) : null;
if (beforeDir && !existsSync(join(beforeDir, 'manifest.json'))) throw new Error(`bench: no extension build in ${beforeDir}`);
// A fixed folder: the extension id follows from it, and the cached IndexedDB profile belongs to that id.
const extensionDir = await benchExtensionCopy(built, join(work, 'ext'));
const manifest = JSON.parse(await readFile(join(built, 'manifest.json'), 'utf8'));
if (!existsSync(resolve('test/pages/dist/x-composer.js'))) {
  log('test pages not built: bash scripts/build-pages.sh');
  if (spawnSync('bash', ['scripts/build-pages.sh'], { stdio: 'inherit' }).status !== 0)
    throw new Error('bench: bash scripts/build-pages.sh failed');
}

// ---------------------------------------------------------------- pages and machine

const now = new Date();
const probe = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const browserVersion = probe.version();
const template = await loadTweetTemplate(await probe.newPage());
await probe.close();
const FACEBOOK_URL = benchUrl(FACEBOOK_POST_URL, `thread-${config.facebookComments}`);
const STREAM_URL = benchUrl(MENTIONS_URL, 'stream');
const benchPages = new Map([
  [FACEBOOK_URL, facebookThreadPage(template, config.facebookComments, now)],
  [STREAM_URL, streamShellPage(template, now)],
]);
const streamChunks = appendChunks(template, FIRST_ITEM.stream, config.stream.items, config.stream.chunk, now);

const git = (a: string[]) => spawnSync('git', a, { encoding: 'utf8' }).stdout.trim();
const machine = {
  cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
  memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  os: `${process.platform} ${release()}`,
  node: process.version,
  chromium: `${browserVersion} (${CHROMIUM})`,
  extension: `${manifest.name} ${manifest.version}, ${built}`,
  before: beforeDir ?? undefined,
  commit: `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain']) ? ' + uncommitted changes' : ''}`,
};
console.log('Replyline bench');
for (const [k, v] of Object.entries(machine)) if (v !== undefined) console.log(`  ${k.padEnd(10)} ${v}`);
console.log(`  sections   ${[...only].join(', ')}; ${runs} runs${quick ? ' (quick)' : ''}\n`);

// ---------------------------------------------------------------- page runs

interface RunResult {
  run: number;
  mode: Mode;
  facebook: PageResult;
  stream: PageResult;
  typing: TypingResult;
  insertion: InsertionResult[];
  serviceWorkerHeapMB: number | null;
}
const results: RunResult[] = [];
const modes: Mode[] = [
  'baseline',
  'extension',
  ...(beforeDir ? (['before'] as const) : []),
  ...(wants('page') ? (['floor'] as const) : []),
];
const dirOf = (mode: Mode) => (mode === 'extension' ? extensionDir : mode === 'before' ? beforeDir : null);

if (wants('page') || wants('insert')) {
  for (let run = 0; run < runs; run++) {
    const order = run % 2 ? [...modes].reverse() : modes;
    for (const mode of order) {
      const at = `run ${run + 1}/${runs} ${mode.padEnd(9)}`;
      const session: Session = await launch(mode, { now, benchPages, extensionDir: dirOf(mode) });
      try {
        await warmUp(session);
        const insertion: InsertionResult[] = [];
        if (wants('insert') && runsExtension(mode))
          for (const target of INSERTION_TARGETS) {
            const r = await insertionScenario(session, target, { shortcut: ';thanks', expect: 'Thanks so much', reps: config.insertReps });
            insertion.push(r);
            log(
              `${at} insertion ${target.editor}: p50 ${median(r.latencies).toFixed(1)} ms, max ${Math.max(...r.latencies).toFixed(1)} ms`,
            );
          }
        let facebook = null as unknown as PageResult;
        let stream = null as unknown as PageResult;
        let typing: TypingResult = { chars: 0, latencies: [], guardChecksMs: [] };
        if (wants('page')) {
          if (mode !== 'floor') typing = await typingScenario(session, { chars: config.typeChars, delayMs: config.typeDelayMs });
          facebook = await pageScenario(session, {
            name: `Facebook thread, ${config.facebookComments} comments`,
            url: FACEBOOK_URL,
            items: config.facebookComments,
            badges: config.facebookComments,
            itemSelector: '[role="article"][aria-label^="Comment by "]',
            // After the author's name link (utils/sites/facebook.ts's badgeAnchor, on this page's comments).
            badgeAnchor: { selector: '.fb-c-author a', position: 'afterend' },
            settleMs: config.settleMs,
          });
          log(`${at} ${describe(facebook)}`);
          stream = await pageScenario(session, {
            name: `X timeline, ${config.stream.items} streamed`,
            url: STREAM_URL,
            items: config.stream.items,
            badges: config.stream.items,
            itemSelector: 'article[data-testid="tweet"]',
            badgeAnchor: { selector: '[data-testid="User-Name"]', position: 'beforeend' },
            stream: { chunks: streamChunks, everyMs: config.stream.everyMs, keep: config.stream.keep },
            // Longer than the engine's 5-second tick, which forgets the items that left the page.
            settleMs: 6000,
          });
          log(`${at} ${describe(stream)}`);
        }
        results.push({
          run,
          mode,
          facebook,
          stream,
          typing,
          insertion,
          serviceWorkerHeapMB: runsExtension(mode) ? await serviceWorkerHeapMB(session) : null,
        });
      } finally {
        await session.close();
      }
    }
  }
}

function describe(r: PageResult): string {
  const t = r.trace;
  return (
    `${r.name}: main thread ${r.taskMs.toFixed(0)} ms, script ${r.scriptMs.toFixed(0)} ms, extension script ${t.extensionScriptMs.toFixed(0)} ms ` +
    `(longest ${t.extensionMaxTaskMs.toFixed(1)} ms), long tasks ${t.longTasks.count} (${t.longTasks.causedByExtension} by the extension), ` +
    `forced layouts by the extension ${t.forcedLayoutsByExtension}, badged ${r.badged}`
  );
}

// ---------------------------------------------------------------- extension pages

/**
 * A section that throws is logged and the others still run: one failing near the end of a full run
 * lost its ten minutes of page runs. The raw file then keeps what was measured, and BENCHMARKS.md is
 * left as it was (its tables would lose the failed section's rows).
 */
const sectionErrors: { section: string; error: string }[] = [];
async function guarded<T>(section: string, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sectionErrors.push({ section, error: message });
    log(`${section}: FAILED, ${message}`);
    return null;
  }
}

const idb: IdbResult | null = !wants('idb')
  ? null
  : await guarded('idb', async () => {
      // Rows written once and kept: a million take minutes. Keyed by what shapes them: the schema
      // (db.ts's SCHEMA_VERSIONS, the tables, indexes and upgrades; not the rest of the file, whose
      // edits, an import path, would throw the rows away) and the generator's version.
      const dbSource = await readFile('utils/db.ts', 'utf8');
      const ladder = /export const SCHEMA_VERSIONS[\s\S]*?\n\];\n/.exec(dbSource)?.[0];
      if (!ladder) throw new Error('bench: utils/db.ts has no SCHEMA_VERSIONS list to key the cached databases by');
      const key = createHash('sha1');
      key.update(ladder);
      key.update(`fill ${FILL_VERSION}`);
      const profileName = `idb-profile-${key.digest('hex').slice(0, 12)}`;
      for (const old of await readdir(work))
        if (old.startsWith('idb-profile-') && old !== profileName) await rm(join(work, old), { recursive: true, force: true });
      const session = await launch('extension', { now, benchPages, extensionDir, profile: join(work, profileName) });
      try {
        const page = await openBenchPage(session.context, session.extensionId as string);
        return await idbScenario(page, config.idb, log);
      } finally {
        await session.close();
      }
    });
const workerAndPopup =
  !wants('popup') && !wants('worker')
    ? null
    : await guarded('popup and worker', async () => {
        const session = await launch('extension', { now, benchPages, extensionDir });
        try {
          const id = session.extensionId as string;
          const page = await openBenchPage(session.context, id);
          let worker: WorkerResult | null = null;
          let popup: PopupResult | null = null;
          if (wants('worker')) {
            worker = await workerScenario(session.context, id, page, config.workerReps);
            log(
              `service worker: cold start to a handled message p50 ${median(worker.coldMs).toFixed(0)} ms, p95 ${percentile(worker.coldMs, 95).toFixed(0)} ms`,
            );
          }
          if (wants('popup')) {
            popup = await popupScenario(session.context, id, page, config.popup);
            log(
              `popup with ${popup.pending} pending: first rows p50 ${median(popup.firstRowsMs).toFixed(0)} ms; scrolling: longest frame ${popup.scroll.maxFrameMs.toFixed(0)} ms`,
            );
          }
          return { worker, popup };
        } finally {
          await session.close();
        }
      });
const worker = workerAndPopup?.worker ?? null;
const popup = workerAndPopup?.popup ?? null;
const captureWork: CaptureWorkResult | null = !wants('worker')
  ? null
  : await guarded('worker captures', async () => {
      const r = await workerCaptureScenario(
        () => launch('extension', { now, benchPages, extensionDir }),
        FACEBOOK_URL,
        config.captureReps,
        4000,
      );
      log(
        `service worker: the thread's captures busy it ${median(r.firstMs).toFixed(0)} ms; loaded again ${median(r.againMs).toFixed(0)} ms`,
      );
      return r;
    });
const bundles = wants('bundle') ? await bundleSizes(built) : [];

// ---------------------------------------------------------------- rows

const of = (mode: Mode) => results.filter((r) => r.mode === mode);
const pick = (mode: Mode, f: (r: RunResult) => number | null | undefined) =>
  of(mode)
    .map(f)
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const all = (f: (r: RunResult) => number | null | undefined) => ({
  baseline: pick('baseline', f),
  extension: pick('extension', f),
  ...(beforeDir ? { before: pick('before', f) } : {}),
});
const extOnly = (f: (r: RunResult) => number | null | undefined) => ({
  baseline: [],
  extension: pick('extension', f),
  ...(beforeDir ? { before: pick('before', f) } : {}),
});
const rows: Row[] = [];

if (wants('page')) {
  const pages: [string, (r: RunResult) => PageResult][] = [
    [`Facebook thread, ${config.facebookComments} comments (loaded whole)`, (r) => r.facebook],
    [`X timeline, ${config.stream.items} tweets streamed (${config.stream.chunk} every ${config.stream.everyMs} ms)`, (r) => r.stream],
  ];
  for (const [section, p] of pages) {
    const items = (r: RunResult) => p(r).items;
    const baseTask = median(pick('baseline', (r) => p(r).taskMs));
    rows.push(
      {
        section,
        scenario: 'main thread (CDP TaskDuration)',
        unit: 'ms',
        ...all((r) => p(r).taskMs),
        budget: { on: 'ratio', max: 1.05, label: '≤ 1.05×' },
      },
      {
        section,
        scenario: 'C3 floor, no extension: main thread',
        unit: 'ms',
        baseline: pick('baseline', (r) => p(r).taskMs),
        extension: pick('floor', (r) => p(r).taskMs),
        note: 'the least contract C3 can cost: no extension; a page script gives each item one span with the two markers and “On track”, where the badge goes, in the same task as the item (c3Floor in scripts/bench/scenarios.ts). Its “extension” column is that page, its ratio what any extension meeting C3 adds at the least',
      },
      { section, scenario: 'script (CDP ScriptDuration)', unit: 'ms', ...all((r) => p(r).scriptMs) },
      { section, scenario: 'layout + style recalc', unit: 'ms', ...all((r) => p(r).layoutMs + p(r).styleMs) },
      { section, scenario: 'layouts (CDP LayoutCount)', unit: 'count', ...all((r) => p(r).layoutCount) },
      { section, scenario: 'long tasks (all, ≥ 50 ms)', unit: 'count', ...all((r) => p(r).trace.longTasks.count) },
      {
        section,
        scenario: 'long tasks caused by the extension',
        unit: 'count',
        ...extOnly((r) => p(r).trace.longTasks.causedByExtension),
        budget: { on: 'p95', max: 0, label: '0 in every run' },
        note: 'a long task in which the extension ran and without whose script it would be under 50 ms (trace, by chrome-extension:// script URL)',
      },
      { section, scenario: 'long tasks the extension ran in', unit: 'count', ...extOnly((r) => p(r).trace.longTasks.withExtension) },
      {
        section,
        scenario: 'long animation frames caused by the extension',
        unit: 'count',
        ...extOnly((r) => p(r).trace.longFrames.causedByExtension),
        note: 'LoAF entries (≥ 50 ms) joined with the trace: LoAF leaves content scripts out of its `scripts`',
      },
      { section, scenario: 'long animation frames (all)', unit: 'count', ...all((r) => p(r).trace.longFrames.count) },
      {
        section,
        scenario: 'forced layouts by the extension, per batch',
        unit: 'count',
        ...extOnly((r) => p(r).trace.forcedLayoutsByExtension / p(r).batches),
        budget: { on: 'p95', max: 1, label: '≤ 1' },
        note: 'Layout events inside the extension’s script (synchronous layout); batches: the page load, or each streamed chunk',
      },
      { section, scenario: 'longest extension stretch in one task', unit: 'ms', ...extOnly((r) => p(r).trace.extensionMaxTaskMs) },
      {
        section,
        scenario: 'extension script per item',
        unit: 'µs',
        ...extOnly((r) => (p(r).trace.extensionScriptMs * 1000) / items(r)),
        note: 'observe + extract + mount: the extension’s script time on the page (trace) over the items',
      },
      {
        section,
        scenario: 'main-thread cost per item (vs baseline)',
        unit: 'µs',
        ...extOnly((r) => ((p(r).taskMs - baseTask) * 1000) / items(r)),
        note: 'everything the extension adds, layout and paint included: (TaskDuration − baseline median) / items',
      },
      {
        section,
        scenario: section.startsWith('X') ? 'streamed tweet → its badge, p95 (per run)' : 'load → every badge shown',
        unit: 'ms',
        ...extOnly((r) =>
          section.startsWith('X') ? percentile(p(r).badgeLatencyMs, 95) : (p(r).badgesDoneMs ?? Number.NaN) - p(r).loadEventMs,
        ),
      },
      { section, scenario: 'items that got a badge', unit: 'count', ...extOnly((r) => p(r).badged), note: 'of every item the page showed' },
      {
        section,
        scenario: 'capture messages that failed',
        unit: 'count',
        ...extOnly((r) => p(r).captureFailures),
        note: 'the engine’s “capture failed” warnings: those badges stay “Waiting for Replyline…”',
      },
      { section, scenario: 'JS heap after (GC)', unit: 'MB', ...all((r) => p(r).heapAfter.jsUsedMB) },
      { section, scenario: 'DOM heap after (GC)', unit: 'MB', ...all((r) => p(r).heapAfter.domUsedMB) },
    );
  }
  rows.push(
    {
      section: 'Typing and insertion',
      scenario: 'typing in Draft.js: keystroke → next frame p95 (per run)',
      unit: 'ms',
      ...all((r) => percentile(r.typing.latencies, 95)),
    },
    {
      section: 'Typing and insertion',
      scenario: 'reply guard: first check after the page load',
      unit: 'ms',
      ...extOnly((r) => r.typing.guardChecksMs[0]),
      budget: { on: 'p95', max: 16, label: 'p95 ≤ 16 ms (a frame)' },
      note: 'the guard’s own performance measure (replyline:reply-guard) after the first typing burst in the Draft.js box',
    },
    {
      section: 'Typing and insertion',
      scenario: 'reply guard: slowest later check',
      unit: 'ms',
      ...extOnly((r) => (r.typing.guardChecksMs.length > 1 ? Math.max(...r.typing.guardChecksMs.slice(1)) : null)),
      budget: { on: 'p95', max: 16, label: 'p95 ≤ 16 ms (a frame)' },
      note: 'one check after each of the next typing bursts (pauses longer than its 150 ms debounce)',
    },
    {
      section: 'Typing and insertion',
      scenario: 'service worker JS heap at end of run',
      unit: 'MB',
      ...extOnly((r) => r.serviceWorkerHeapMB),
    },
  );
}
if (wants('insert'))
  for (const target of INSERTION_TARGETS) {
    const lat = (r: RunResult) => r.insertion.find((i) => i.editor === target.editor)?.latencies ?? [];
    const pooled = (mode: Mode) => of(mode).flatMap(lat);
    rows.push({
      section: 'Typing and insertion',
      scenario: `Tab → template in the ${target.editor} model (all insertions)`,
      unit: 'ms',
      baseline: [],
      extension: pooled('extension'),
      ...(beforeDir ? { before: pooled('before') } : {}),
      budget: { on: 'p95', max: 16, label: 'p95 ≤ 16 ms' },
      note: 'shortcut + Tab: the keydown’s timestamp → the editor’s own model holds the expansion (checked on each DOM change)',
    });
  }
if (idb) {
  const section = `IndexedDB (extension page, real Chromium IndexedDB): ${idb.functions.top}; ${idb.functions.counts}`;
  for (const level of idb.levels) {
    const n = level.items >= 1e6 ? `${(level.items / 1e6).toFixed(1)}M` : `${Math.round(level.items / 1000)}k`;
    rows.push(
      {
        section,
        scenario: `${n} items: capture throughput (batches of ${config.idb.captureBatch})`,
        unit: '/s',
        baseline: [],
        extension: [level.capturePerSec],
      },
      {
        section,
        scenario: `${n} items: 50 most urgent pending, p95 of ${config.idb.reps}`,
        unit: 'ms',
        baseline: [],
        extension: [level.topUrgentMs.p95],
        ...(level.items >= 90_000 && level.items < 900_000 ? { budget: { on: 'value' as const, max: 10, label: '≤ 10 ms at 100k' } } : {}),
      },
      {
        section,
        scenario: `${n} items: popup counts, p95 of ${config.idb.reps}`,
        unit: 'ms',
        baseline: [],
        extension: [level.countsMs.p95],
        ...(level.items >= 900_000 ? { budget: { on: 'value' as const, max: 5, label: '≤ 5 ms at 1M' } } : {}),
      },
    );
  }
  const storageMB = idb.levels.at(-1)?.storageMB;
  if (typeof storageMB === 'number')
    rows.push({
      section,
      scenario: 'storage used by the extension’s origin (every bench database)',
      unit: 'MB',
      baseline: [],
      extension: [storageMB],
    });
  rows.push({
    section,
    scenario: `purge: the ${idb.purge.items.toLocaleString('en-US')} oldest handled of ${idb.purge.atLevel.toLocaleString('en-US')} items`,
    unit: 'ms',
    baseline: [],
    extension: [idb.purge.ms],
    // Judged on the full run's purge (about 100,000 rows: fewer once earlier runs' refills moved the
    // oldest rows), never on --quick's 1,000.
    ...(quick ? {} : { budget: { on: 'value' as const, max: 2000, label: '≤ 2 s' } }),
    note: 'purgeHandledItems (utils/scheduler.ts, the retention setting “Delete finished items after”): batches of 2,000, history and SLA events included, counters middleware included',
  });
}
if (popup)
  rows.push(
    {
      section: `Popup with ${popup.pending.toLocaleString('en-US')} pending items`,
      scenario: 'navigation → first rows in the DOM',
      unit: 'ms',
      baseline: [],
      extension: popup.firstRowsMs,
      budget: { on: 'p95', max: 150, label: '≤ 150 ms' },
    },
    {
      section: `Popup with ${popup.pending.toLocaleString('en-US')} pending items`,
      scenario: `import of the ${popup.pending.toLocaleString('en-US')} → backlog queries quick again`,
      unit: 'ms',
      baseline: [],
      extension: [popup.settledMs],
      note: 'the scheduler’s first pass over the imported overdue backlog (misses, alerts); a one-row backlog query every 300 ms until five in a row answer within 50 ms',
    },
    {
      section: `Popup with ${popup.pending.toLocaleString('en-US')} pending items`,
      scenario: 'rows rendered',
      unit: 'count',
      baseline: [],
      extension: [popup.rowsShown],
    },
    {
      section: `Popup with ${popup.pending.toLocaleString('en-US')} pending items`,
      scenario: `scrolling ${config.popup.scrollMs / 1000} s: longest frame`,
      unit: 'ms',
      baseline: [],
      extension: [popup.scroll.maxFrameMs],
      budget: { on: 'value', max: 50, label: '≤ 50 ms' },
      note: `wheel steps every 16 ms; ${popup.scroll.frames} frames, ${popup.scroll.scrolledPx.toFixed(0)} px scrolled, ${popup.scroll.longFrames} long animation frames`,
    },
  );
if (worker)
  rows.push(
    {
      section: 'Service worker',
      scenario: 'cold start → first handled message (stopped from chrome://serviceworker-internals)',
      unit: 'ms',
      baseline: [],
      extension: worker.coldMs,
      budget: { on: 'p95', max: 150, label: 'p95 ≤ 150 ms' },
    },
    { section: 'Service worker', scenario: 'the same message, worker running', unit: 'ms', baseline: [], extension: worker.warmMs },
  );
if (captureWork)
  rows.push(
    {
      section: 'Service worker',
      scenario: `busy capturing the ${config.facebookComments}-comment thread: first load`,
      unit: 'ms',
      baseline: [],
      extension: captureWork.firstMs,
      note: 'the worker’s CPU profile, idle left out, from navigation to 4 s after the load; a fresh profile in each of the reps',
    },
    {
      section: 'Service worker',
      scenario: `busy capturing the ${config.facebookComments}-comment thread: loaded again`,
      unit: 'ms',
      baseline: [],
      extension: captureWork.againMs,
      note: 'the same, for a reload right after: every item and author already stored',
    },
  );
for (const b of bundles) {
  rows.push(
    {
      section: 'Bundles (raw)',
      scenario: b.entry,
      unit: 'kB',
      baseline: [],
      extension: [b.rawKB],
      ...(b.files.length > 1 ? { note: b.files.join(', ') } : {}),
    },
    {
      section: 'Bundles (gzip -9)',
      scenario: b.entry,
      unit: 'kB',
      baseline: [],
      extension: [b.gzipKB],
      ...(b.budgetGzipKB === null ? {} : { budget: { on: 'value' as const, max: b.budgetGzipKB, label: `≤ ${b.budgetGzipKB} kB` } }),
    },
  );
}

// ---------------------------------------------------------------- report

const summaries = rows.map(summarize);
console.log(textTables(summaries, !!beforeDir));
const failed = summaries.filter((s) => s.pass === false);
console.log(
  `\nBudgets: ${summaries.filter((s) => s.pass === true).length} pass, ${failed.length} fail${failed.length ? `: ${failed.map((s) => s.scenario).join('; ')}` : ''}.`,
);

const durationSec = Math.round((Date.now() - started) / 1000);
const stamp = new Date(started).toISOString().slice(0, 16).replace(':', '-');
const outDir = resolve('bench-results');
await mkdir(outDir, { recursive: true });
const outFile = join(outDir, `${stamp}.json`);
const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);
await writeFile(
  outFile,
  `${JSON.stringify(
    {
      startedAt: new Date(started).toISOString(),
      durationSec,
      machine,
      config,
      summary: summaries.map((s) => ({
        section: s.section,
        scenario: s.scenario,
        unit: s.unit,
        baselineMedian: round(s.baselineMedian),
        extensionMedian: round(s.extensionMedian),
        extensionP95: round(s.extensionP95),
        ratio: round(s.ratio),
        ...(beforeDir ? { beforeMedian: round(s.beforeMedian), afterOverBefore: round(s.change) } : {}),
        ...(s.budget ? { budget: s.budget.label, pass: s.pass } : {}),
        baseline: s.baseline.map(round),
        extension: s.extension.map(round),
        ...(s.before ? { before: s.before.map(round) } : {}),
      })),
      runs: results,
      idb,
      popup,
      worker,
      captureWork,
      bundles,
      sectionErrors,
    },
    null,
    1,
  )}\n`,
);
console.log(`Wrote ${outFile}. The bench took ${durationSec} s.`);

if (sectionErrors.length) {
  console.error(`Sections that failed: ${sectionErrors.map((e) => `${e.section} (${e.error})`).join('; ')}. BENCHMARKS.md not updated.`);
  process.exitCode = 1;
} else if (!args['no-report']) {
  const file = resolve('BENCHMARKS.md');
  const start = '<!-- bench:results:start -->';
  const end = '<!-- bench:results:end -->';
  const text = existsSync(file) ? await readFile(file, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
  if (!text.includes(start) || !text.includes(end)) throw new Error(`bench: BENCHMARKS.md lacks the ${start} … ${end} markers`);
  const block = [
    start,
    `## Latest full results (\`npm run bench${quick ? ' -- --quick' : ''}\`)`,
    '',
    `${new Date(started).toISOString().slice(0, 10)}, ${runs} runs, ${durationSec} s. Machine: ${machine.cpu}, ${machine.memoryGB} GB, ${machine.os}; ` +
      `Node ${machine.node}; Chromium ${machine.chromium}; commit ${machine.commit}. Page figures are medians over runs; "ratio" is extension ÷ baseline ` +
      `in the same run; "ext p95" is the slowest-but-one run (nearest rank). Budgets: ${summaries.filter((s) => s.pass === true).length} pass, ` +
      `${failed.length} fail. Raw data: \`bench-results/${stamp}.json\`. Bundle budgets (content script ≤ ${BUNDLE_BUDGETS.contentScriptGzipKB} kB, ` +
      `background ≤ ${BUNDLE_BUDGETS.backgroundGzipKB} kB gzip) are the ones CI enforces; no test asserts a time.`,
    '',
    markdownTables(summaries, !!beforeDir),
    end,
  ].join('\n');
  await writeFile(file, text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length));
  console.log(`Updated ${file}.`);
}
