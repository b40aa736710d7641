// A day-by-day chart drawn with uPlot (chosen in docs/charts.md). The canvas is an image to assistive
// technology: its figure carries a summary and the same data as a table.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface DaySeries {
  label: string;
  /** A CSS custom property of style.css, e.g. `--chart-x`: canvas needs the resolved colour. */
  colorVar: string;
  values: (number | null)[];
}

/** Follows the system's colour scheme, so the canvas is redrawn in the page's colours. */
function usePrefersDark(): boolean {
  const query = '(prefers-color-scheme: dark)';
  const [dark, setDark] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const onChange = () => setDark(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return dark;
}

/** A local YYYY-MM-DD as the Unix seconds of its local midnight (uPlot's time axis is local). */
const localMidnight = (day: string) => {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d).getTime() / 1000;
};

const HEIGHT = 220;
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

/**
 * `line`: one line per series (gaps where a day has no value). `stacked`: bars stacked in series
 * order; drawn as running totals, the top one first, with the legend showing each series' own value.
 */
export function TimeChart({ days, series, kind, label }: { days: string[]; series: DaySeries[]; kind: 'line' | 'stacked'; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const dark = usePrefersDark();
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const css = getComputedStyle(el);
    const color = (name: string) => css.getPropertyValue(name).trim() || 'currentColor';
    const axis = { stroke: color('--chart-text'), grid: { stroke: color('--chart-grid') }, ticks: { stroke: color('--chart-grid') } };
    const x = days.map(localMidnight);
    let drawn: uPlot.Series[];
    let data: (number | null)[][];
    if (kind === 'line') {
      drawn = series.map((s) => ({ label: s.label, stroke: color(s.colorVar), width: 2, points: { show: days.length <= 31 } }));
      data = series.map((s) => s.values);
    } else {
      const bars = uPlot.paths.bars?.({ size: [0.8, 48] });
      const totals = series.map((_, i) => x.map((__, j) => series.slice(0, i + 1).reduce((sum, s) => sum + (s.values[j] ?? 0), 0)));
      drawn = series
        .map(
          (s): uPlot.Series => ({
            label: s.label,
            fill: color(s.colorVar),
            stroke: color(s.colorVar),
            paths: bars,
            points: { show: false },
            value: (_u, _v, _si, idx) => (idx === null ? '–' : String(s.values[idx] ?? 0)),
          }),
        )
        .reverse();
      data = totals.reverse();
    }
    const plot = new uPlot(
      {
        width: el.clientWidth || 600,
        height: HEIGHT,
        series: [{ label: 'Day', value: (_u, v) => (v === null ? '–' : new Date(v * 1000).toLocaleDateString()) }, ...drawn],
        // Counts step by whole numbers; minutes may take uPlot's own steps.
        axes: [axis, { ...axis, size: 48, ...(kind === 'stacked' ? { incrs: COUNT_STEPS } : {}) }],
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        cursor: { drag: { x: false, y: false } },
      },
      [x, ...data] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, series, kind, dark]);
  return <div ref={box} role="img" aria-label={label} className="dashboard-chart min-h-[220px] w-full" />;
}
