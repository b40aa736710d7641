// The range's items, newest first, a page at a time; the CSV has every item of the range.
import { useId, useState } from 'react';
import { cellText, ScrollRegion } from '@/components/dashboard/chart-figure';
import { itemColumns, OUTCOME_NAMES, roundMinutes } from '@/components/dashboard/dashboard-tables';
import type { DashboardQuery } from '@/components/dashboard/range-picker';
import { downloadCsvFile } from '@/components/download-file';
import { Alert, errorText, quietClass } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { toCsv } from '@/utils/csv';
import type { MetricsItemRow } from '@/utils/metrics';
import { send } from '@/utils/protocol';
import { PLATFORM_NAMES } from '@/utils/schema-core';

const PAGE_SIZE = 25;
/** Rows per request while collecting the CSV: well under a message's size limit at 5,000-character texts. */
const CSV_BATCH = 1000;
/** The table shows the start of a message; the CSV has all of it. */
const TEXT_PREVIEW = 140;

const rangeOf = ({ from, to, timeZone, platforms }: DashboardQuery) => ({ from, to, timeZone, ...(platforms ? { platforms } : {}) });

async function allItems(query: DashboardQuery): Promise<MetricsItemRow[]> {
  const rows: MetricsItemRow[] = [];
  for (;;) {
    const page = await send('metrics/items', { range: rangeOf(query), offset: rows.length, limit: CSV_BATCH });
    rows.push(...page.rows);
    if (!page.rows.length || rows.length >= page.total) return rows;
  }
}

function ItemRow({ row }: { row: MetricsItemRow }) {
  const text = row.text && row.text.length > TEXT_PREVIEW ? `${row.text.slice(0, TEXT_PREVIEW)}…` : row.text;
  return (
    <tr className="border-b border-slate-100 align-top dark:border-slate-800">
      <td className="px-2 py-1 whitespace-nowrap">
        {new Date(row.postedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
      </td>
      <td className="px-2 py-1">{PLATFORM_NAMES[row.platform]}</td>
      <td className="px-2 py-1">{row.author}</td>
      <td className="max-w-[28rem] px-2 py-1 break-words">
        {row.permalink ? (
          <a href={row.permalink} target="_blank" rel="noreferrer noopener" className="text-sky-800 underline dark:text-sky-300">
            {text || 'Open'}
          </a>
        ) : (
          cellText(text)
        )}
      </td>
      <td className="px-2 py-1">{row.status}</td>
      <td className="px-2 py-1 whitespace-nowrap tabular-nums">
        {row.responseMinutes === null ? '—' : `${roundMinutes(row.responseMinutes)} min${row.businessTime ? ' (business)' : ''}`}
      </td>
      <td className="px-2 py-1">{cellText(OUTCOME_NAMES[row.outcome])}</td>
    </tr>
  );
}

export function ItemsTable({ query, fileStem }: { query: DashboardQuery; fileStem: string }) {
  const [page, setPage] = useState({ key: '', offset: 0 });
  const queryKey = JSON.stringify(rangeOf(query));
  // A new range or platform choice starts at the first page.
  const offset = page.key === queryKey ? page.offset : 0;
  const items = useRemote('metrics/items', { range: rangeOf(query), offset, limit: PAGE_SIZE });
  const [csvError, setCsvError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const total = items.data?.total ?? 0;
  const download = async () => {
    setBusy(true);
    setCsvError(undefined);
    try {
      downloadCsvFile(`${fileStem}-items.csv`, toCsv(await allItems(query), itemColumns));
    } catch (e) {
      setCsvError(`The CSV could not be made: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const go = (to: number) => setPage({ key: queryKey, offset: to });
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <div className="mb-2 flex items-start justify-between gap-3">
        <h2 id={headingId} className="text-[16px] font-bold">
          Items
        </h2>
        <button
          type="button"
          className={quietClass}
          aria-label="Download CSV: all items in the range"
          onClick={download}
          disabled={busy || !total}
        >
          {busy ? 'Preparing CSV…' : 'Download CSV'}
        </button>
      </div>
      <Alert text={csvError ?? items.error} />
      {items.data && !total && <p className="text-[14px]">No items in this range.</p>}
      {items.data && total > 0 && (
        <>
          <ScrollRegion label="Items in the range">
            <table className="w-full border-collapse text-left text-[13px]">
              <caption className="sr-only">Items in the range, newest first</caption>
              <thead>
                <tr>
                  {['Posted', 'Platform', 'Author', 'Message', 'Status', 'First response', 'SLA'].map((h) => (
                    <th key={h} scope="col" className="border-b border-slate-300 px-2 py-1 font-semibold dark:border-slate-600">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.data.rows.map((row) => (
                  <ItemRow key={`${row.platform}:${row.externalId}`} row={row} />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <nav aria-label="Items pages" className="mt-3 flex items-center gap-3 text-[13px]">
            <button type="button" className={quietClass} disabled={offset === 0} onClick={() => go(Math.max(0, offset - PAGE_SIZE))}>
              Previous page
            </button>
            <span role="status">
              {offset + 1}–{Math.min(offset + PAGE_SIZE, total)} of {total}
            </span>
            <button type="button" className={quietClass} disabled={offset + PAGE_SIZE >= total} onClick={() => go(offset + PAGE_SIZE)}>
              Next page
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
