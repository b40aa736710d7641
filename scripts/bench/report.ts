// Rows, medians, budgets and the Markdown/plain-text tables of `npm run bench`.
import { fmt, fmtRatio, median, percentile, ratio, table } from './stats.ts';

export type Unit = 'ms' | 'µs' | 'MB' | 'kB' | 'count' | '/s';

/** A budget on the extension's median (`value`) or on its ratio to the baseline (`ratio`). */
export interface Budget {
  on: 'value' | 'ratio' | 'p95';
  max: number;
  label: string;
}

export interface Row {
  section: string;
  scenario: string;
  unit: Unit;
  baseline: number[];
  extension: number[];
  /** The --before-dir build, when measured. */
  before?: number[];
  budget?: Budget;
  note?: string;
}

export interface Summary extends Row {
  baselineMedian: number;
  extensionMedian: number;
  extensionP95: number;
  beforeMedian: number;
  ratio: number;
  /** After / before, when a before build was measured. */
  change: number;
  pass: boolean | null;
}

export function summarize(row: Row): Summary {
  const baselineMedian = median(row.baseline);
  const extensionMedian = median(row.extension);
  const extensionP95 = percentile(row.extension, 95);
  const beforeMedian = median(row.before ?? []);
  const r = ratio(extensionMedian, baselineMedian);
  const judged = !row.budget ? null : row.budget.on === 'ratio' ? r : row.budget.on === 'p95' ? extensionP95 : extensionMedian;
  return {
    ...row,
    baselineMedian,
    extensionMedian,
    extensionP95,
    beforeMedian,
    ratio: r,
    change: ratio(extensionMedian, beforeMedian),
    pass: judged === null || !row.budget ? null : Number.isFinite(judged) && judged <= row.budget.max,
  };
}

const fmtUnit = (v: number, unit: Unit) => {
  if (!Number.isFinite(v)) return '—';
  if (unit === 'µs') return `${v.toFixed(v >= 100 ? 0 : 1)} µs`;
  if (unit === 'kB') return `${v.toFixed(1)} kB`;
  if (unit === '/s') return `${v.toFixed(0)}/s`;
  return fmt(v, unit);
};

const verdict = (s: Summary) => (s.pass === null ? '' : `${s.pass ? 'pass' : 'FAIL'} (${s.budget?.label})`);

function columns(summaries: Summary[], withBefore: boolean) {
  const header = ['scenario', 'baseline', 'extension', 'ext p95', 'ratio', ...(withBefore ? ['before', 'after/before'] : []), 'budget'];
  const rows = summaries.map((s) => [
    s.scenario,
    s.baseline.length ? fmtUnit(s.baselineMedian, s.unit) : '—',
    fmtUnit(s.extensionMedian, s.unit),
    s.extension.length > 1 ? fmtUnit(s.extensionP95, s.unit) : '—',
    s.baseline.length ? fmtRatio(s.ratio) : '—',
    ...(withBefore ? [fmtUnit(s.beforeMedian, s.unit), fmtRatio(s.change)] : []),
    verdict(s),
  ]);
  return { header, cells: rows };
}

/** Per section, in order of first appearance: its summaries and their table. */
function sections(summaries: Summary[], withBefore: boolean) {
  return [...new Set(summaries.map((s) => s.section))].map((section) => {
    const rows = summaries.filter((s) => s.section === section);
    return { section, rows, ...columns(rows, withBefore) };
  });
}

export function textTables(summaries: Summary[], withBefore: boolean): string {
  return sections(summaries, withBefore)
    .map((s) => `\n${s.section}\n${table(s.header, s.cells)}`)
    .join('\n');
}

const escapeCell = (s: string) => s.replaceAll('|', '\\|');

export function markdownTables(summaries: Summary[], withBefore: boolean): string {
  const out: string[] = [];
  const explained = new Set<string>();
  for (const { section, header, cells, rows } of sections(summaries, withBefore)) {
    out.push(`### ${section}\n`);
    out.push(`| ${header.join(' | ')} |`);
    out.push(`|${header.map((_, i) => (i ? '---:' : '---')).join('|')}|`);
    for (const r of cells) out.push(`| ${r.map(escapeCell).join(' | ')} |`);
    // Each explanation once, where its figure first appears.
    const notes = rows.filter((s) => s.note && !explained.has(`${s.scenario}|${s.note}`));
    for (const s of notes) explained.add(`${s.scenario}|${s.note}`);
    if (notes.length) out.push('', ...notes.map((s) => `- *${s.scenario}*: ${s.note}`));
    out.push('');
  }
  return out.join('\n');
}
