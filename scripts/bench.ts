// `npm run bench`: what the extension costs on pages, as RATIOS against a baseline measured in the
// same run (same machine, same Chromium, same pages, no extension). Never absolute budgets.
//
//   npm run bench                 5 runs per mode: synthetic X mentions pages with 200 and 1000 tweets,
//                                 a status thread with 1000 more replies (~5–6 min on 2 cores)
//   npm run bench -- --runs 3     another number of runs
//   npm run bench -- --quick      2 runs, smaller pages (a smoke test of the bench itself, ~1.5 min)
//
// Each run launches a fresh browser per mode, alternating baseline and extension (and which goes
// first). Scenarios: load → idle (load event; the extension's time until every tweet has its badge),
// main-thread cost (Performance.getMetrics over load + 3 s), infinite scroll (200 tweets appended in
// chunks of 20 every 50 ms: long tasks, layouts, time to badge them), JS heap after forced GC (and the
// service worker's), typing latency in X's Draft.js reply box, and a long status thread (the adapter
// looks for the focal tweet per item there). Results: a table on stdout and bench-results/latest.json.
// Needs the extension build (REPLYLINE_EXTENSION_DIR, default .output/chrome-mv3) and the built
// test pages (bash scripts/build-pages.sh; built here when missing).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, EXTENSION_DIR } from '../test/e2e/launch.ts';
import { launch, type Mode, type Session, serviceWorkerHeapMB } from './bench/browser.ts';
import { type PageResult, pageScenario, type TypingResult, typingScenario, warmUp } from './bench/scenarios.ts';
import { fmt, fmtDelta, fmtRatio, median, percentile, ratio, table } from './bench/stats.ts';
import {
  benchMentionsUrl,
  benchStatusUrl,
  FIRST_TWEET,
  loadTweetTemplate,
  mentionsPage,
  STATUS_URL,
  statusThreadPage,
} from './bench/synthetic.ts';

const started = Date.now();
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const runsArg = argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(argv[runsArg + 1]) : quick ? 2 : 5;
if (!Number.isInteger(runs) || runs < 1) throw new Error('bench: --runs needs a whole number ≥ 1');
const config = {
  runs,
  quick,
  sizes: quick ? [100, 300] : [200, 1000],
  settleMs: 3000,
  scrollCount: quick ? 100 : 200,
  chunk: 20,
  everyMs: 50,
  typeChars: quick ? 40 : 100,
  /** Replies to the brand added under the status page's focal tweet (the thread scenario). */
  statusReplies: quick ? 300 : 1000,
  typeDelayMs: 20,
};
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);

// ---------------------------------------------------------------- preflight

const manifestFile = join(EXTENSION_DIR, 'manifest.json');
if (!existsSync(manifestFile))
  throw new Error(`bench: no extension build in ${EXTENSION_DIR}: run npx wxt build (or set REPLYLINE_EXTENSION_DIR)`);
const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
if (!existsSync(resolve('test/pages/dist/x-composer.js'))) {
  log('test pages not built: bash scripts/build-pages.sh');
  const built = spawnSync('bash', ['scripts/build-pages.sh'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('bench: bash scripts/build-pages.sh failed');
}

const now = new Date();
const probe = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const browserVersion = probe.version();
const prepared = await (async () => {
  const page = await probe.newPage();
  try {
    return { template: await loadTweetTemplate(page), userAgent: await page.evaluate(() => navigator.userAgent) };
  } finally {
    await probe.close();
  }
})();
const { template } = prepared;
const benchPages = new Map<string, string>([
  ...config.sizes.map((n): [string, string] => [benchMentionsUrl(n), mentionsPage(template, n, now)]),
  [benchStatusUrl(config.statusReplies), statusThreadPage(template, config.statusReplies, now)],
]);

const git = (args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout.trim();
const playwrightVersion = JSON.parse(await readFile(resolve('node_modules/@playwright/test/package.json'), 'utf8')).version;
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  os: `${process.platform} ${release()}`,
  node: process.version,
  chromium: `${CHROMIUM} ${browserVersion}`,
  userAgent: prepared.userAgent,
  playwright: playwrightVersion,
  extension: `${manifest.name} ${manifest.version} from ${EXTENSION_DIR}`,
  commit: `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain']) ? ' (dirty tree)' : ''}`,
};
console.log('Replyline bench: extension cost as ratios against a no-extension baseline in the same run');
for (const [k, v] of Object.entries(machine)) console.log(`  ${k.padEnd(10)} ${v}`);
console.log(
  `  config     ${config.runs} runs × 2 modes; mentions pages N=${config.sizes.join(' and ')} (+${config.scrollCount} on scroll), ` +
    `status thread +${config.statusReplies} replies, ${config.typeChars} keystrokes; ` +
    `template tweet @${template.source.handle} from test/pages/sites/x/notifications-mentions.html`,
);
for (const [url, html] of benchPages) console.log(`  ${url}: ${(html.length / 2 ** 20).toFixed(1)} MB of HTML`);
console.log('');

// ---------------------------------------------------------------- runs

interface RunResult {
  run: number;
  mode: Mode;
  /** The mentions pages, in config.sizes order. */
  pages: PageResult[];
  thread: PageResult;
  typing: TypingResult;
  serviceWorkerHeapMB: { afterImport: number | null; atEnd: number | null } | null;
}
const results: RunResult[] = [];

const describe = (r: PageResult) =>
  `load ${r.loadEventMs.toFixed(0)} ms` +
  (r.badgesMs === null ? '' : `, badges done at ${r.badgesMs.toFixed(0)} ms`) +
  `, main thread ${r.taskMs.toFixed(0)} ms, longest task ${r.loadLongTasks.maxMs.toFixed(0)} ms` +
  (r.scroll ? `, scroll long tasks ${r.scroll.longTasks.count} (${r.scroll.longTasks.totalMs.toFixed(0)} ms)` : '') +
  (r.scroll?.badgesMs == null ? '' : `, +${r.scroll.appended} badged in ${r.scroll.badgesMs.toFixed(0)} ms`);

for (let run = 0; run < config.runs; run++) {
  const order: Mode[] = run % 2 === 0 ? ['baseline', 'extension'] : ['extension', 'baseline'];
  for (const mode of order) {
    const at = `run ${run + 1}/${config.runs} ${mode.padEnd(9)}`;
    const session: Session = await launch(mode, { now, benchPages });
    try {
      const swAfterImport = mode === 'extension' ? await serviceWorkerHeapMB(session) : null;
      await warmUp(session);
      const typing = await typingScenario(session, { chars: config.typeChars, delayMs: config.typeDelayMs });
      log(`${at} typing: p50 ${typing.p50.toFixed(1)} ms, p95 ${typing.p95.toFixed(1)} ms`);
      const pages: PageResult[] = [];
      for (const size of config.sizes) {
        const spec = {
          name: `mentions N=${size}`,
          url: benchMentionsUrl(size),
          tweets: size,
          badges: size,
          scroll: {
            first: FIRST_TWEET.mentions(size) + size,
            count: config.scrollCount,
            chunk: config.chunk,
            everyMs: config.everyMs,
            now,
            template,
          },
        };
        const r = await pageScenario(session, spec, config);
        pages.push(r);
        log(`${at} ${spec.name}: ${describe(r)}`);
      }
      // The unmodified status page's own tweets and badges (typing loaded it) plus the generated replies.
      const thread = await pageScenario(
        session,
        {
          name: `status thread +${config.statusReplies}`,
          url: benchStatusUrl(config.statusReplies),
          tweets: typing.page.tweets + config.statusReplies,
          badges: typing.page.badges + config.statusReplies,
        },
        config,
      );
      log(`${at} ${thread.name} (${STATUS_URL}): ${describe(thread)}`);
      const swAtEnd = mode === 'extension' ? await serviceWorkerHeapMB(session) : null;
      results.push({
        run,
        mode,
        pages,
        thread,
        typing,
        serviceWorkerHeapMB: mode === 'extension' ? { afterImport: swAfterImport, atEnd: swAtEnd } : null,
      });
    } finally {
      await session.close();
    }
  }
}

// ---------------------------------------------------------------- report

interface Row {
  scenario: string;
  unit: 'ms' | 'MB' | 'count';
  baseline: number[];
  extension: number[];
  note?: string;
}
const of = (mode: Mode) => results.filter((r) => r.mode === mode);
const pick = (mode: Mode, f: (r: RunResult) => number | null | undefined) =>
  of(mode)
    .map(f)
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const both = (f: (r: RunResult) => number | null | undefined) => ({ baseline: pick('baseline', f), extension: pick('extension', f) });

const rows: Row[] = [];
const chunks = Math.ceil(config.scrollCount / config.chunk);
config.sizes.forEach((size, i) => {
  const p = (r: RunResult) => r.pages[i] as PageResult;
  const tag = `N=${size}`;
  rows.push(
    { scenario: `${tag} DOMContentLoaded`, unit: 'ms', ...both((r) => p(r).domContentLoadedMs) },
    { scenario: `${tag} load event`, unit: 'ms', ...both((r) => p(r).loadEventMs) },
    {
      scenario: `${tag} all badges (ext) vs load (base)`,
      unit: 'ms',
      baseline: pick('baseline', (r) => p(r).loadEventMs),
      extension: pick('extension', (r) => p(r).badgesMs),
      note: 'extension: navigation → N-th badge; baseline: its load event',
    },
    { scenario: `${tag} main thread TaskDuration (load+settle)`, unit: 'ms', ...both((r) => p(r).taskMs) },
    { scenario: `${tag} ScriptDuration (load+settle)`, unit: 'ms', ...both((r) => p(r).scriptMs) },
    { scenario: `${tag} Layout+RecalcStyle (load+settle)`, unit: 'ms', ...both((r) => p(r).layoutMs + p(r).styleMs) },
    { scenario: `${tag} long tasks during load (total)`, unit: 'ms', ...both((r) => p(r).loadLongTasks.totalMs) },
    { scenario: `${tag} longest task during load`, unit: 'ms', ...both((r) => p(r).loadLongTasks.maxMs) },
    { scenario: `${tag} JS heap after load (GC)`, unit: 'MB', ...both((r) => p(r).heapAfterLoad.jsUsedMB) },
    { scenario: `${tag} DOM (Blink) heap after load`, unit: 'MB', ...both((r) => p(r).heapAfterLoad.domUsedMB) },
    { scenario: `${tag} scroll +${config.scrollCount}: long tasks (count)`, unit: 'count', ...both((r) => p(r).scroll?.longTasks.count) },
    { scenario: `${tag} scroll: long tasks (total)`, unit: 'ms', ...both((r) => p(r).scroll?.longTasks.totalMs) },
    { scenario: `${tag} scroll: longest task`, unit: 'ms', ...both((r) => p(r).scroll?.longTasks.maxMs) },
    { scenario: `${tag} scroll: main thread TaskDuration`, unit: 'ms', ...both((r) => p(r).scroll?.taskMs) },
    { scenario: `${tag} scroll: ScriptDuration`, unit: 'ms', ...both((r) => p(r).scroll?.scriptMs) },
    {
      scenario: `${tag} scroll: layouts (LayoutCount)`,
      unit: 'count',
      ...both((r) => p(r).scroll?.layoutCount),
      note: 'frames that had to lay the page out again; each also repaints this large page',
    },
    {
      scenario: `${tag} scroll: append span (ideal ${(chunks - 1) * config.everyMs} ms)`,
      unit: 'ms',
      ...both((r) => p(r).scroll?.appendSpanMs),
      note: `${chunks} chunks of ${config.chunk} every ${config.everyMs} ms; longer means the appends were held up`,
    },
    {
      scenario: `${tag} scroll: new tweets badged (ext)`,
      unit: 'ms',
      baseline: [],
      extension: pick('extension', (r) => p(r).scroll?.badgesMs),
      note: 'first append → every appended tweet has its badge',
    },
    { scenario: `${tag} JS heap after scroll (GC)`, unit: 'MB', ...both((r) => p(r).heapAfterScroll?.jsUsedMB) },
  );
});
{
  const tag = `thread +${config.statusReplies}`;
  rows.push(
    { scenario: `${tag} load event`, unit: 'ms', ...both((r) => r.thread.loadEventMs) },
    {
      scenario: `${tag} all badges (ext) vs load (base)`,
      unit: 'ms',
      baseline: pick('baseline', (r) => r.thread.loadEventMs),
      extension: pick('extension', (r) => r.thread.badgesMs),
    },
    { scenario: `${tag} main thread TaskDuration (load+settle)`, unit: 'ms', ...both((r) => r.thread.taskMs) },
    { scenario: `${tag} ScriptDuration (load+settle)`, unit: 'ms', ...both((r) => r.thread.scriptMs) },
    { scenario: `${tag} long tasks during load (total)`, unit: 'ms', ...both((r) => r.thread.loadLongTasks.totalMs) },
    { scenario: `${tag} longest task during load`, unit: 'ms', ...both((r) => r.thread.loadLongTasks.maxMs) },
    { scenario: `${tag} JS heap after load (GC)`, unit: 'MB', ...both((r) => r.thread.heapAfterLoad.jsUsedMB) },
  );
}
rows.push(
  { scenario: 'typing: keystroke → next frame p50', unit: 'ms', ...both((r) => r.typing.p50) },
  { scenario: 'typing: keystroke → next frame p95', unit: 'ms', ...both((r) => r.typing.p95) },
  {
    scenario: 'service worker JS heap after import',
    unit: 'MB',
    baseline: [],
    extension: pick('extension', (r) => r.serviceWorkerHeapMB?.afterImport),
  },
  {
    scenario: 'service worker JS heap at end of run',
    unit: 'MB',
    baseline: [],
    extension: pick('extension', (r) => r.serviceWorkerHeapMB?.atEnd),
  },
);

const summary = rows.map((row) => {
  const b = median(row.baseline);
  const e = median(row.extension);
  return {
    ...row,
    baselineMedian: b,
    extensionMedian: e,
    ratio: ratio(e, b),
    baselineP95: percentile(row.baseline, 95),
    extensionP95: percentile(row.extension, 95),
  };
});
const pooled = (mode: Mode) => of(mode).flatMap((r) => r.typing.latencies);
const typingPooled = {
  baseline: { p50: percentile(pooled('baseline'), 50), p95: percentile(pooled('baseline'), 95), n: pooled('baseline').length },
  extension: { p50: percentile(pooled('extension'), 50), p95: percentile(pooled('extension'), 95), n: pooled('extension').length },
};

console.log('');
console.log(
  table(
    ['scenario', 'baseline med', 'extension med', 'ratio', 'ext − base', 'base p95', 'ext p95'],
    summary.map((s) => [
      s.scenario,
      fmt(s.baselineMedian, s.unit),
      fmt(s.extensionMedian, s.unit),
      fmtRatio(s.ratio),
      fmtDelta(s.extensionMedian - s.baselineMedian, s.unit),
      fmt(s.baselineP95, s.unit),
      fmt(s.extensionP95, s.unit),
    ]),
  ),
);
console.log(
  `\nTyping, all keystrokes pooled: p50 ${fmt(typingPooled.baseline.p50, 'ms')} → ${fmt(typingPooled.extension.p50, 'ms')} ` +
    `(${fmtRatio(ratio(typingPooled.extension.p50, typingPooled.baseline.p50))}), p95 ${fmt(typingPooled.baseline.p95, 'ms')} → ` +
    `${fmt(typingPooled.extension.p95, 'ms')} (${fmtRatio(ratio(typingPooled.extension.p95, typingPooled.baseline.p95))}); ` +
    `${typingPooled.baseline.n} + ${typingPooled.extension.n} keystrokes.`,
);
console.log(
  'Medians over runs; p95 = nearest-rank over runs (with 5 runs: the slowest). Ratio = extension median / baseline median; ' +
    'ext − base = the same difference in absolute terms (ratios over a near-zero baseline, e.g. ScriptDuration on a static page, look huge).',
);

const durationSec = Math.round((Date.now() - started) / 100) / 10;
const outDir = resolve('bench-results');
await mkdir(outDir, { recursive: true });
const outFile = join(outDir, 'latest.json');
const jsonNumber = (v: number) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);
await writeFile(
  outFile,
  `${JSON.stringify(
    {
      startedAt: new Date(started).toISOString(),
      durationSec,
      config,
      machine,
      summary: summary.map((s) => ({
        scenario: s.scenario,
        unit: s.unit,
        ...(s.note ? { note: s.note } : {}),
        baselineMedian: jsonNumber(s.baselineMedian),
        extensionMedian: jsonNumber(s.extensionMedian),
        ratio: jsonNumber(s.ratio),
        baselineP95: jsonNumber(s.baselineP95),
        extensionP95: jsonNumber(s.extensionP95),
        baseline: s.baseline.map(jsonNumber),
        extension: s.extension.map(jsonNumber),
      })),
      typingPooled,
      runs: results,
    },
    null,
    1,
  )}\n`,
);
console.log(`\nWrote ${outFile}. The whole bench took ${durationSec} s.`);
