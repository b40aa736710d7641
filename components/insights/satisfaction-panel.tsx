// Dashboard panel: the "resolved positively" rate of the brand's answers over the dashboard's range, per
// platform and per agent, with the counts behind it and a CSV download.
import { downloadCsvFile } from '@/components/download-file';
import { Alert, quietClass } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { toCsv } from '@/utils/csv';
import { FOLLOW_UP_DAYS, type SatisfactionRow } from '@/utils/satisfaction';
import { PLATFORM_NAMES } from '@/utils/schema-core';

const rowLabel = (row: SatisfactionRow) =>
  row.platform ? PLATFORM_NAMES[row.platform] : row.agent === undefined ? 'All' : (row.agent ?? 'No agent name');
const rateText = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);

const satisfactionCsv = (rows: SatisfactionRow[]) =>
  toCsv(rows, [
    { header: 'by', value: (r) => (r.platform ? 'platform' : r.agent === undefined ? 'total' : 'agent') },
    { header: 'name', value: rowLabel },
    { header: 'answered', value: (r) => r.answered },
    { header: 'positive', value: (r) => r.positive },
    { header: 'negative', value: (r) => r.negative },
    { header: 'neutral', value: (r) => r.neutral },
    { header: 'no reply', value: (r) => r.noReply },
    { header: 'waiting', value: (r) => r.waiting },
    { header: 'resolved positively', value: (r) => (r.rate === null ? null : Math.round(r.rate * 1000) / 1000) },
  ]);

function RateTable({ title, first, rows }: { title: string; first: string; rows: SatisfactionRow[] }) {
  return (
    <table className="w-full text-[13px]">
      <caption className="text-left font-semibold">{title}</caption>
      <thead>
        <tr className="text-left">
          <th scope="col">{first}</th>
          <th scope="col">Resolved positively</th>
          <th scope="col">Answered</th>
          <th scope="col">Positive</th>
          <th scope="col">Negative</th>
          <th scope="col">Neutral</th>
          <th scope="col">No reply</th>
          <th scope="col">Waiting</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={8}>No answered items in this period.</td>
          </tr>
        )}
        {rows.map((row) => (
          <tr key={rowLabel(row)} data-replyline-satisfaction={rowLabel(row)} className="border-t border-slate-200 dark:border-slate-700">
            <th scope="row" className="text-left font-semibold">
              {rowLabel(row)}
            </th>
            <td className="font-semibold text-emerald-700 dark:text-emerald-300">{rateText(row.rate)}</td>
            <td>{row.answered}</td>
            <td>{row.positive}</td>
            <td>{row.negative}</td>
            <td>{row.neutral}</td>
            <td>{row.noReply}</td>
            <td>{row.waiting}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Mount in the dashboard under the topics panel, with the dashboard's range; it asks the background for its own data. */
export function SatisfactionPanel({ from, to, fileStem }: { from: string; to: string; fileStem: string }) {
  const report = useRemote('insights/satisfaction', { from, to });
  const rows = report.data ? [report.data.total, ...report.data.byPlatform, ...report.data.byAgent] : [];
  return (
    <section aria-labelledby="satisfaction-heading" className="flex flex-col gap-3 text-slate-900 dark:text-slate-100">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="satisfaction-heading" className="text-[18px] font-bold">
          Satisfaction
        </h2>
        <button
          type="button"
          className={quietClass}
          disabled={!report.data?.total.answered}
          onClick={() => downloadCsvFile(`${fileStem}-satisfaction.csv`, satisfactionCsv(rows))}
        >
          Download satisfaction CSV
        </button>
      </div>
      <p className="text-[13px] text-slate-600 dark:text-slate-300">
        Overall: <strong>{rateText(report.data?.total.rate ?? null)}</strong> resolved positively. Of the items answered in the period, the
        customer's next message (within {FOLLOW_UP_DAYS} days) or the outcome you tagged by hand: positive ÷ (positive + negative +
        neutral). No reply and waiting are not in the rate.
      </p>
      <RateTable title="By platform" first="Platform" rows={report.data?.byPlatform ?? []} />
      <RateTable title="By agent" first="Agent" rows={report.data?.byAgent ?? []} />
      {report.error && <Alert text={`Could not load satisfaction: ${report.error}`} />}
    </section>
  );
}
