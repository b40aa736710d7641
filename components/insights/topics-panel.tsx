// Dashboard panel: recurring complaint and question topics over a chosen period, with the trend
// against the previous period of the same length, example items and a CSV download.
import { downloadCsvFile } from '@/components/download-file';
import { Alert, quietClass } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { toCsv } from '@/utils/csv';
import type { Topic } from '@/utils/topics';

const trendText = (t: Topic) => {
  const delta = t.count - t.previous;
  return delta === 0 ? '=' : delta > 0 ? `▲ ${delta}` : `▼ ${-delta}`;
};

const topicsCsv = (topics: Topic[]) =>
  toCsv(topics, [
    { header: 'kind', value: (t) => t.kind },
    { header: 'topic', value: (t) => t.phrase },
    { header: 'count', value: (t) => t.count },
    { header: 'previous period', value: (t) => t.previous },
    { header: 'example', value: (t) => t.examples[0]?.text },
  ]);

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

/** The dashboard's range; the background compares it with the period of the same length before it. */
export function TopicsPanel({ from, to, fileStem }: { from: string; to: string; fileStem: string }) {
  const topics = useRemote('insights/topics', { from, to });
  const all = [...(topics.data?.complaints ?? []), ...(topics.data?.questions ?? [])];
  return (
    <section aria-labelledby="topics-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="topics-heading" className="text-[18px] font-bold">
          Recurring issues
        </h2>
        <button
          type="button"
          className={quietClass}
          disabled={!all.length}
          onClick={() => downloadCsvFile(`${fileStem}-topics.csv`, topicsCsv(all))}
        >
          Download topics CSV
        </button>
      </div>
      <TopicTable title="Top complaints" topics={topics.data?.complaints ?? []} />
      <TopicTable title="Top questions" topics={topics.data?.questions ?? []} />
      {topics.error && <Alert text={`Could not load topics: ${topics.error}`} />}
    </section>
  );
}
