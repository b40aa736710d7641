// Chart library candidates for the dashboard (docs/charts.md): bundle size (minified + gzip, JS and
// CSS) and time to draw the dashboard's three time charts over 90 days in headless Chromium.
// Candidates are installed into a scratch folder, never into the project:
//   npx node scripts/chart-bench.ts            (installs them with npm into a temp folder)
//   CHART_BENCH_DEPS=/path npx node scripts/chart-bench.ts   (reuses a folder that has them)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/e2e/launch.ts';

const PACKAGES = ['uplot@1.6.32', 'chart.js@4.6.1', 'chartist@1.5.0'];
const WARM_RUNS = 30;
const ROUNDS = 5;
/** The default 90-day preset, and a year (custom ranges go up to 400 days). */
const DAY_COUNTS = [90, 365];

const deps = process.env.CHART_BENCH_DEPS ?? mkdtempSync(join(tmpdir(), 'chart-bench-'));
if (!existsSync(join(deps, 'node_modules', 'uplot'))) {
  writeFileSync(join(deps, 'package.json'), '{"name":"chart-bench-deps","private":true}');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', ...PACKAGES], { cwd: deps, stdio: 'inherit' });
}

// Each candidate exports `draw(root, data)`, resolving once all three charts are on screen.
// data: { t: unix seconds per day, labels, median, p90, volume: [4][days], breaches: [3][days] }.
const PALETTE = "['#0369a1', '#b45309', '#15803d', '#7c3aed']";
const CANDIDATES: Record<string, string> = {
  uplot: `
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
const C = ${PALETTE};
export function draw(root, d) {
  const box = () => root.appendChild(document.createElement('div'));
  const bars = uPlot.paths.bars({ size: [0.8, 40] });
  let pending = 3;
  return new Promise((resolve) => {
    const hooks = { draw: [() => { if (--pending === 0) resolve(); }] };
    new uPlot({ width: 640, height: 240, hooks, series: [{}, { label: 'Median', stroke: C[0], width: 2 }, { label: 'p90', stroke: C[1], width: 2 }] },
      [d.t, d.median, d.p90], box());
    // Stacked: cumulative sums, the top series drawn first so the lower ones cover their share.
    const sums = d.volume.map((_, i) => d.t.map((__, j) => d.volume.slice(0, i + 1).reduce((s, row) => s + row[j], 0)));
    new uPlot({ width: 640, height: 240, hooks,
      series: [{}, ...sums.map((_, i) => ({ label: 'P' + i, fill: C[i], stroke: C[i], paths: bars })).reverse()] },
      [d.t, ...sums.slice().reverse()], box());
    new uPlot({ width: 640, height: 240, hooks,
      series: [{}, ...d.breaches.map((_, i) => ({ label: 'M' + i, fill: C[i], stroke: C[i], paths: uPlot.paths.bars({ size: [0.3, 12], align: i - 1 }) }))] },
      [d.t, ...d.breaches], box());
  });
}`,
  chartjs: `
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement } from 'chart.js';
Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement);
const C = ${PALETTE};
export function draw(root, d) {
  const canvas = () => { const c = document.createElement('canvas'); c.width = 640; c.height = 240; root.appendChild(c); return c; };
  const base = { animation: false, responsive: false };
  new Chart(canvas(), { type: 'line', options: { ...base, elements: { point: { radius: 0 } } },
    data: { labels: d.labels, datasets: [{ label: 'Median', data: d.median, borderColor: C[0] }, { label: 'p90', data: d.p90, borderColor: C[1] }] } });
  new Chart(canvas(), { type: 'bar', options: { ...base, scales: { x: { stacked: true }, y: { stacked: true } } },
    data: { labels: d.labels, datasets: d.volume.map((v, i) => ({ label: 'P' + i, data: v, backgroundColor: C[i] })) } });
  new Chart(canvas(), { type: 'bar', options: base,
    data: { labels: d.labels, datasets: d.breaches.map((v, i) => ({ label: 'M' + i, data: v, backgroundColor: C[i] })) } });
  return Promise.resolve();
}`,
  chartist: `
import { BarChart, LineChart } from 'chartist';
import 'chartist/dist/index.css';
export function draw(root, d) {
  const box = () => root.appendChild(document.createElement('div'));
  const size = { width: 640, height: 240 };
  const charts = [
    new LineChart(box(), { labels: d.labels, series: [d.median, d.p90] }, { ...size, showPoint: false }),
    new BarChart(box(), { labels: d.labels, series: d.volume }, { ...size, stackBars: true }),
    new BarChart(box(), { labels: d.labels, series: d.breaches }, size),
  ];
  return Promise.all(charts.map((c) => new Promise((r) => c.on('created', r))));
}`,
  'hand-written SVG': `
const C = ${PALETTE};
const NS = 'http://www.w3.org/2000/svg';
const W = 640, H = 240, L = 40, B = 20;
function el(name, attrs, parent) { const e = document.createElementNS(NS, name); for (const k in attrs) e.setAttribute(k, attrs[k]); parent.appendChild(e); return e; }
function frame(root, max, n) {
  const svg = el('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H }, root);
  for (let i = 0; i <= 4; i++) {
    const y = H - B - ((H - B - 10) * i) / 4;
    el('line', { x1: L, x2: W, y1: y, y2: y, stroke: '#ccc' }, svg);
    el('text', { x: L - 4, y: y + 4, 'text-anchor': 'end', 'font-size': 10 }, svg).textContent = Math.round((max * i) / 4);
  }
  for (let j = 0; j < n; j += 14) el('text', { x: L + ((W - L) * (j + 0.5)) / n, y: H - 4, 'font-size': 10, 'text-anchor': 'middle' }, svg).textContent = j;
  return { svg, x: (j) => L + ((W - L) * (j + 0.5)) / n, y: (v) => H - B - ((H - B - 10) * v) / (max || 1), band: (W - L) / n };
}
export function draw(root, d) {
  const n = d.t.length;
  let f = frame(root, Math.max(...d.p90), n);
  [d.median, d.p90].forEach((s, i) => el('path', { d: s.map((v, j) => (j ? 'L' : 'M') + f.x(j) + ' ' + f.y(v)).join(''), fill: 'none', stroke: C[i], 'stroke-width': 2 }, f.svg));
  const totals = d.t.map((_, j) => d.volume.reduce((s, row) => s + row[j], 0));
  f = frame(root, Math.max(...totals), n);
  d.t.forEach((_, j) => { let base = 0; d.volume.forEach((row, i) => { el('rect', { x: f.x(j) - f.band * 0.4, width: f.band * 0.8, y: f.y(base + row[j]), height: f.y(base) - f.y(base + row[j]), fill: C[i] }, f.svg); base += row[j]; }); });
  f = frame(root, Math.max(...d.breaches.flat()), n);
  d.breaches.forEach((row, i) => row.forEach((v, j) => el('rect', { x: f.x(j) - f.band * 0.45 + (i * f.band * 0.9) / 3, width: (f.band * 0.9) / 3, y: f.y(v), height: f.y(0) - f.y(v), fill: C[i] }, f.svg)));
  return Promise.resolve();
}`,
};

/** A deterministic 90-day dataset shaped like a busy brand's: weekly rhythm, four platforms. */
function dataset(days: number) {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const start = Date.UTC(2026, 2, 1) / 1000;
  const t = Array.from({ length: days }, (_, i) => start + i * 86400);
  const weekly = (i: number) => (i % 7 >= 5 ? 0.5 : 1);
  return {
    t,
    labels: t.map((s) => new Date(s * 1000).toISOString().slice(5, 10)),
    median: t.map((_, i) => Math.round(20 + 30 * rnd() * weekly(i))),
    p90: t.map((_, i) => Math.round(90 + 120 * rnd() * weekly(i))),
    volume: [120, 60, 80, 30].map((base) => t.map((_, i) => Math.round(base * weekly(i) * (0.7 + 0.6 * rnd())))),
    breaches: [8, 3, 2].map((base) => t.map(() => Math.round(base * rnd()))),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function bundle(name: string, source: string) {
  const dir = join(deps, 'entries');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, `${name.replace(/\W+/g, '-')}.js`);
  writeFileSync(entry, source);
  const out = await build({
    configFile: false,
    root: deps,
    logLevel: 'silent',
    build: { write: false, minify: true, cssCodeSplit: false, lib: { entry, formats: ['iife'], name: 'Bench', fileName: 'bench' } },
  });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
  const js = outputs
    .filter((o) => o.fileName.endsWith('.js'))
    .map((o) => ('code' in o ? o.code : ''))
    .join('\n');
  const css = outputs
    .filter((o) => o.fileName.endsWith('.css'))
    .map((o) => ('source' in o ? String(o.source) : ''))
    .join('\n');
  return { js, css, gzip: gzipSync(js, { level: 9 }).length + (css ? gzipSync(css, { level: 9 }).length : 0), min: js.length + css.length };
}

const bundles = new Map<string, Awaited<ReturnType<typeof bundle>>>();
for (const [name, source] of Object.entries(CANDIDATES)) bundles.set(name, await bundle(name, source));

async function measure(page: import('@playwright/test').Page, js: string, css: string, data: ReturnType<typeof dataset>) {
  await page.setContent(`<!doctype html><style>${css}</style><div id="root"></div>`);
  return page.evaluate(
    async ({ js, data, runs }) => {
      // The dashboard formats dates itself, so the engine's first-Intl cost (locale data) is not the library's.
      new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }).format(0);
      const script = document.createElement('script');
      script.textContent = js;
      const t0 = performance.now();
      // An inline script runs as it is inserted: this is the bundle's parse and evaluation.
      document.head.append(script);
      const evalMs = performance.now() - t0;
      const root = document.getElementById('root') as HTMLElement;
      const draw = (window as unknown as { Bench: { draw: (root: HTMLElement, d: unknown) => Promise<void> } }).Bench.draw;
      const once = async () => {
        root.replaceChildren();
        const start = performance.now();
        await draw(root, data);
        // Layout included: the charts are measured until the browser knows where every box goes.
        root.getBoundingClientRect();
        return performance.now() - start;
      };
      const first = await once();
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) warm.push(await once());
      return { evalMs, first, warm: [...warm].sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN };
    },
    { js, data, runs: WARM_RUNS },
  );
}

// Each round gets a fresh browser and a different candidate order, so none always pays the
// browser's own warm-up; the table gives the median over rounds.
const names = [...bundles.keys()];
const results = new Map(
  names.map((n) => [n, { evalMs: [] as number[], first: [] as number[], warm: [] as number[], warmYear: [] as number[] }]),
);
for (let round = 0; round < ROUNDS; round++) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const warmup = await browser.newPage();
  await measure(warmup, 'window.Bench = { draw: async () => {} }', '', dataset(1));
  await warmup.close();
  for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
    const b = bundles.get(name);
    const r = results.get(name);
    if (!b || !r) continue;
    for (const days of DAY_COUNTS) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const t = await measure(page, b.js, b.css, dataset(days));
      await page.close();
      if (days === DAY_COUNTS[0]) {
        r.evalMs.push(t.evalMs);
        r.first.push(t.first);
        r.warm.push(t.warm);
      } else r.warmYear.push(t.warm);
    }
  }
  await browser.close();
}
console.log(
  `| candidate | min kB (JS+CSS) | gzip kB | script eval ms | first draw ms, ${DAY_COUNTS[0]} days | redraw ms, ${DAY_COUNTS[0]} days | redraw ms, ${DAY_COUNTS[1]} days |`,
);
console.log('|---|---|---|---|---|---|---|');
for (const name of names) {
  const b = bundles.get(name);
  const r = results.get(name);
  if (!b || !r) continue;
  const ms = (xs: number[]) => median(xs).toFixed(1);
  console.log(
    `| ${name} | ${(b.min / 1024).toFixed(1)} | ${(b.gzip / 1024).toFixed(1)} | ${ms(r.evalMs)} | ${ms(r.first)} | ${ms(r.warm)} | ${ms(r.warmYear)} |`,
  );
}
