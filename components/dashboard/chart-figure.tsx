// A dashboard panel: a heading, a one-line summary, the chart, its data as a table, and a CSV download.
import { type ReactNode, useId } from 'react';
import type { DashboardTable } from '@/components/dashboard/dashboard-tables';
import { downloadCsvFile } from '@/components/download-file';
import { quietClass } from '@/components/ui';
import { toCsv } from '@/utils/csv';

export const cellText = (value: string | number | boolean | null | undefined) =>
  value === null || value === undefined || value === '' ? '—' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);

/** A wide table scrolls sideways; the region takes focus so keyboard users can scroll it too. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="overflow-x-auto" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

export function DataTable<Row>({ table, caption }: { table: DashboardTable<Row>; caption: string }) {
  return (
    <ScrollRegion label={caption}>
      <table className="w-full border-collapse text-left text-[13px] tabular-nums">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.header} scope="col" className="border-b border-slate-300 px-2 py-1 font-semibold dark:border-slate-600">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i} className="border-b border-slate-100 dark:border-slate-800">
              {table.columns.map((c, j) =>
                j === 0 ? (
                  <th key={c.header} scope="row" className="px-2 py-0.5 font-normal whitespace-nowrap">
                    {cellText(c.value(row))}
                  </th>
                ) : (
                  <td key={c.header} className="px-2 py-0.5">
                    {cellText(c.value(row))}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function CsvButton<Row>({ table, fileStem, label }: { table: DashboardTable<Row>; fileStem: string; label: string }) {
  return (
    <button
      type="button"
      className={quietClass}
      aria-label={`Download CSV: ${label}`}
      onClick={() => downloadCsvFile(`${fileStem}-${table.id}.csv`, toCsv(table.rows, table.columns))}
    >
      Download CSV
    </button>
  );
}

/**
 * Where the data table goes: `disclosure` under the chart, for screen readers and anyone who wants the
 * numbers; `shown` when the table is the panel's content; `none` when the chart is itself a table.
 */
export function ChartFigure<Row>({
  title,
  summary,
  table,
  fileStem,
  children,
  tableDisplay = 'disclosure',
}: {
  title: string;
  summary: string;
  table: DashboardTable<Row>;
  fileStem: string;
  children?: ReactNode;
  tableDisplay?: 'disclosure' | 'shown' | 'none';
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <div className="mb-2 flex items-start justify-between gap-3">
        <h2 id={headingId} className="text-[16px] font-bold">
          {title}
        </h2>
        <CsvButton table={table} fileStem={fileStem} label={title} />
      </div>
      <p className="mb-3 text-[13px] text-slate-600 dark:text-slate-300">{summary}</p>
      {children}
      {tableDisplay === 'shown' && <DataTable table={table} caption={title} />}
      {tableDisplay === 'disclosure' && (
        <details className="mt-2">
          <summary className="cursor-pointer text-[13px] font-semibold">Data table</summary>
          <DataTable table={table} caption={title} />
        </details>
      )}
    </section>
  );
}
