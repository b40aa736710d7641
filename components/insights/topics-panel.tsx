// Dashboard panel: recurring complaint and question topics over a chosen period, with the trend
// against the previous period of the same length, example items and a CSV download.
import { useState } from 'react';
import { Alert, Field, inputClass, quietClass } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { toCsv } from '@/utils/csv';
import type { Topic } from '@/utils/topics';

const PERIODS = [7, 30, 90] as const;
const DAY_MS = 86_400_000;

const trendText = (t: Topic) => {
  const delta = t.count - t.previous;
  return delta === 0 ? '=' : delta > 0 ? `▲ ${delta}` : `▼ ${-delta}`;
};

function downloadTopicsCsv(topics: Topic[], days: number) {
  const csv = toCsv(topics, [
    { header: 'kind', value: (t) => t.kind },
    { header: 'topic', value: (t) => t.phrase },
    { header: 'count', value: (t) => t.count },
    { header: 'previous period', value: (t) => t.previous },
    { header: 'example', value: (t) => t.examples[0]?.text },
  ]);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  link.download = `replyline-topics-${days}d-${new Date().toISOString().slice(0, 10)}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}

function TopicTable({ title, topics }: { title: string; topics: Topic[] }) {
  return (
    <table className="w-full text-[13px]">
      <caption className="text-left font-semibold">{title}</caption>
      <thead>
        <tr className="text-left">
          <th>Topic</th>
          <th>Items</th>
          <th>Trend</th>
          <th>Example</th>
        </tr>
      </thead>
      <tbody>
        {topics.length === 0 && (
          <tr>
            <td colSpan={4}>None in this period.</td>
          </tr>
        )}
        {topics.map((t) => (
          <tr key={t.phrase} data-replyline-topic={t.phrase}>
            <td className="font-semibold">{t.phrase}</td>
            <td>{t.count}</td>
            <td title={`previous period: ${t.previous}`}>{trendText(t)}</td>
            <td className="max-w-[280px] truncate">{t.examples[0]?.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Mount in the dashboard; it asks the background for its own data. */
export function TopicsPanel() {
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  // Whole days, so the query (and useRemote's identity of it) is stable across renders.
  const to = new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS);
  const from = new Date(to.getTime() - days * DAY_MS);
  const topics = useRemote('insights/topics', { from: from.toISOString(), to: to.toISOString() });
  const all = [...(topics.data?.complaints ?? []), ...(topics.data?.questions ?? [])];
  return (
    <section aria-label="Recurring issues" className="flex flex-col gap-3">
      <div className="flex items-end gap-2">
        <Field label="Period">
          {(id) => (
            <select
              id={id}
              className={inputClass}
              value={days}
              onChange={(e) => setDays(Number(e.target.value) as (typeof PERIODS)[number])}
            >
              {PERIODS.map((d) => (
                <option key={d} value={d}>
                  Last {d} days
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className={quietClass} disabled={!all.length} onClick={() => downloadTopicsCsv(all, days)}>
          Download topics CSV
        </button>
      </div>
      <TopicTable title="Top complaints" topics={topics.data?.complaints ?? []} />
      <TopicTable title="Top questions" topics={topics.data?.questions ?? []} />
      {topics.error && <Alert text={`Could not load topics: ${topics.error}`} />}
    </section>
  );
}
