// Busiest hours: a weekday × hour table whose cells are shaded by count. The table is the chart, so
// it reads the same to everyone; five fixed shades keep the text contrast readable in both schemes.
import { ScrollRegion } from '@/components/dashboard/chart-figure';
import { busiestHoursTable, WEEKDAY_SHORT } from '@/components/dashboard/dashboard-tables';
import type { MetricsReport } from '@/utils/metrics';

const SHADES = [
  'bg-white text-slate-600 dark:bg-slate-900 dark:text-slate-400',
  'bg-sky-100 text-slate-900 dark:bg-sky-950 dark:text-slate-100',
  'bg-sky-300 text-slate-900 dark:bg-sky-800 dark:text-white',
  'bg-sky-700 text-white dark:bg-sky-600 dark:text-slate-950',
  'bg-sky-900 text-white dark:bg-sky-300 dark:text-slate-950',
];

export function HoursHeatmap({ report }: { report: MetricsReport }) {
  const max = Math.max(0, ...report.busiestHours.flat());
  const shade = (n: number) => SHADES[n === 0 ? 0 : Math.min(SHADES.length - 1, Math.ceil((n / max) * (SHADES.length - 1)))];
  const { columns } = busiestHoursTable(report);
  return (
    <ScrollRegion label="Items posted by weekday and hour">
      <table className="border-collapse text-center text-[11px] tabular-nums">
        <caption className="sr-only">Items posted by weekday (rows) and local hour (columns)</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className="px-0.5 font-semibold">
                {c.header === 'Weekday' ? <span className="sr-only">Weekday</span> : c.header.slice(0, 2)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.busiestHours.map((hours, day) => (
            <tr key={WEEKDAY_SHORT[day]}>
              <th scope="row" className="pr-1 text-left font-semibold">
                {WEEKDAY_SHORT[day]}
              </th>
              {hours.map((n, hour) => (
                <td key={hour} className={`h-6 min-w-6 border border-slate-200 px-0.5 dark:border-slate-700 ${shade(n)}`}>
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
