// dashboard.html: first-response times, SLA compliance, breaches, volume, sentiment and busiest hours
// for a date range, each exportable as CSV (definitions in utils/metrics.ts).

import { useMemo, useState } from 'react';
import { ChartFigure } from '@/components/dashboard/chart-figure';
import {
  breachesTable,
  busiestHoursTable,
  METRIC_NAMES,
  platformTable,
  responseOverTimeTable,
  SENTIMENT_NAMES,
  sentimentTable,
  volumeTable,
} from '@/components/dashboard/dashboard-tables';
import { HoursHeatmap } from '@/components/dashboard/hours-heatmap';
import { ItemsTable } from '@/components/dashboard/items-table';
import { type DashboardFilters, type DashboardQuery, dashboardQueryOf, RangePicker } from '@/components/dashboard/range-picker';
import { type DaySeries, TimeChart } from '@/components/dashboard/time-chart';
import { fileDateStamp } from '@/components/download-file';
import { SatisfactionPanel } from '@/components/insights/satisfaction-panel';
import { TopicsPanel } from '@/components/insights/topics-panel';
import { Alert } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import type { MetricsReport, SentimentBucket } from '@/utils/metrics';
import { SLA_METRICS } from '@/utils/schema';
import { PLATFORM_NAMES, PLATFORMS } from '@/utils/schema-core';
import { SENTIMENT_CUT } from '@/utils/sentiment';

/** "25 min", "7.5 min", "3 h 5 min", "2 d 4 h": headline precision, never rounded to zero. */
export function formatMinutesFigure(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${Math.round(minutes * 10) / 10} min`;
  const whole = Math.round(minutes);
  if (whole < 48 * 60) return whole % 60 ? `${Math.floor(whole / 60)} h ${whole % 60} min` : `${whole / 60} h`;
  const hours = Math.round(whole / 60);
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${hours / 24} d`;
}

const percentFigure = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10} %`);

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 px-4 py-3 dark:border-slate-700">
      <dt className="text-[13px] font-semibold text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="text-[24px] font-bold tabular-nums">{value}</dd>
      {note && <dd className="text-[12px] text-slate-600 dark:text-slate-300">{note}</dd>}
    </div>
  );
}

function Headline({ report }: { report: MetricsReport }) {
  const { total } = report;
  const breaches = report.days.reduce((sum, d) => sum + SLA_METRICS.reduce((s, m) => s + d.breaches[m], 0), 0);
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-5" aria-label="Headline figures">
      <Figure label="Items" value={total.volume.toLocaleString()} />
      <Figure
        label="Median first response"
        value={formatMinutesFigure(total.response.medianMinutes)}
        note={`${total.response.count} answered`}
      />
      <Figure label="p90 first response" value={formatMinutesFigure(total.response.p90Minutes)} />
      <Figure
        label="SLA compliance"
        value={percentFigure(total.compliance.rate)}
        note={`${total.compliance.onTime} on time, ${total.compliance.late} late, ${total.compliance.open} still open`}
      />
      <Figure label="Breaches" value={breaches.toLocaleString()} />
    </dl>
  );
}

const SENTIMENT_CLASSES: Record<SentimentBucket, string> = {
  negative: 'bg-rose-600',
  neutral: 'bg-slate-400',
  positive: 'bg-emerald-600',
  unknown: 'bg-slate-200 dark:bg-slate-700',
};

function Charts({ report, fileStem }: { report: MetricsReport; fileStem: string }) {
  const days = useMemo(() => report.days.map((d) => d.day), [report]);
  const responseSeries = useMemo<DaySeries[]>(
    () => [
      { label: 'Median', colorVar: '--chart-median', values: report.days.map((d) => d.response.medianMinutes) },
      { label: 'p90', colorVar: '--chart-p90', values: report.days.map((d) => d.response.p90Minutes) },
    ],
    [report],
  );
  const volumeSeries = useMemo<DaySeries[]>(
    () =>
      report.platforms.map((p) => ({ label: PLATFORM_NAMES[p], colorVar: `--chart-${p}`, values: report.days.map((d) => d.volume[p]) })),
    [report],
  );
  const breachSeries = useMemo<DaySeries[]>(
    () => SLA_METRICS.map((m) => ({ label: METRIC_NAMES[m], colorVar: `--chart-${m}`, values: report.days.map((d) => d.breaches[m]) })),
    [report],
  );
  const sentiment = sentimentTable(report);
  const scored = report.total.volume || 1;
  const businessNote = report.businessTimeCount
    ? ` ${report.businessTimeCount} of ${report.total.response.count} response times are in business hours: their SLA policy has business hours.`
    : '';
  const span = `${days.length} day${days.length === 1 ? '' : 's'}`;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="lg:col-span-2">
        <ChartFigure
          title="By platform"
          summary={`First-response time and SLA compliance per platform. Compliance counts items whose first response was due: answered, or unanswered past the deadline.${businessNote}`}
          table={platformTable(report)}
          fileStem={fileStem}
          tableDisplay="shown"
        />
      </div>
      <ChartFigure
        title="First-response time per day"
        summary={`Median and 90th percentile, in minutes, of the items posted each day over ${span}.${businessNote}`}
        table={responseOverTimeTable(report)}
        fileStem={fileStem}
      >
        <TimeChart
          days={days}
          series={responseSeries}
          kind="line"
          label={`Line chart: median and p90 first-response minutes per day over ${span}.`}
        />
      </ChartFigure>
      <ChartFigure
        title="Volume by platform and day"
        summary={`Items posted each day, stacked by platform: ${report.total.volume} in all.`}
        table={volumeTable(report)}
        fileStem={fileStem}
      >
        <TimeChart days={days} series={volumeSeries} kind="stacked" label={`Stacked bar chart: items per day and platform over ${span}.`} />
      </ChartFigure>
      <ChartFigure
        title="Breaches per day"
        summary="Missed targets by the day they were missed: first response, next response and resolution."
        table={breachesTable(report)}
        fileStem={fileStem}
      >
        <TimeChart
          days={days}
          series={breachSeries}
          kind="stacked"
          label={`Stacked bar chart: missed targets per day and metric over ${span}.`}
        />
      </ChartFigure>
      <ChartFigure
        title="Sentiment mix"
        summary={`Items by the sentiment of their text (negative below ${SENTIMENT_CUT.negativeBelow}, positive above ${SENTIMENT_CUT.positiveAbove}).`}
        table={sentiment}
        fileStem={fileStem}
        tableDisplay="shown"
      >
        <div className="mb-3 flex h-4 w-full overflow-hidden rounded" aria-hidden="true">
          {sentiment.rows.map((r) => (
            <div
              key={r.bucket}
              className={SENTIMENT_CLASSES[r.bucket]}
              style={{ width: `${(100 * r.count) / scored}%` }}
              title={SENTIMENT_NAMES[r.bucket]}
            />
          ))}
        </div>
      </ChartFigure>
      <div className="lg:col-span-2">
        <ChartFigure
          title="Busiest hours"
          summary="Items posted by weekday and hour of the day, in this computer's time zone; darker is busier."
          table={busiestHoursTable(report)}
          fileStem={fileStem}
          tableDisplay="none"
        >
          <HoursHeatmap report={report} />
        </ChartFigure>
      </div>
    </div>
  );
}

function Report({ query }: { query: DashboardQuery }) {
  const { fromDay, toDay, ...range } = query;
  const report = useRemote('metrics/report', range);
  const fileStem = `replyline-${fromDay}-to-${toDay}`;
  if (report.error) return <Alert text={`The dashboard could not be loaded: ${report.error}`} />;
  if (!report.data) {
    return (
      <p role="status" className="text-[14px]">
        Loading…
      </p>
    );
  }
  const stale =
    report.data.from !== query.from ||
    report.data.to !== query.to ||
    report.data.platforms.join() !== (query.platforms ?? PLATFORMS).join();
  const empty = report.data.total.volume === 0 && report.data.days.every((d) => SLA_METRICS.every((m) => d.breaches[m] === 0));
  return (
    <div aria-busy={stale} className="flex flex-col gap-4">
      <p role="status" className="text-[13px] text-slate-600 dark:text-slate-300">
        {stale ? 'Updating…' : `${fromDay} to ${toDay}, ${report.data.platforms.map((p) => PLATFORM_NAMES[p]).join(', ')}`}
      </p>
      <Headline report={report.data} />
      {empty ? (
        <p className="rounded-lg border border-slate-200 p-6 text-center text-[14px] dark:border-slate-700">
          No items or missed targets in this range. Items appear here once Replyline has seen them on X, Facebook, Instagram or LinkedIn.
        </p>
      ) : (
        <Charts report={report.data} fileStem={fileStem} />
      )}
      <TopicsPanel from={range.from} to={range.to} fileStem={fileStem} />
      <SatisfactionPanel from={range.from} to={range.to} fileStem={fileStem} />
      <ItemsTable query={query} fileStem={fileStem} />
    </div>
  );
}

export function DashboardPage() {
  const today = new Date();
  const [filters, setFilters] = useState<DashboardFilters>({
    preset: 30,
    fromDay: fileDateStamp(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29)),
    toDay: fileDateStamp(today),
    platforms: [...PLATFORMS],
  });
  const { query, problem } = dashboardQueryOf(filters, today);
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-4 px-6 py-6" style={{ font: '14px system-ui, sans-serif' }}>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-[24px] font-bold">Replyline dashboard</h1>
        <a href="/options.html" className="text-[14px] text-sky-800 underline dark:text-sky-300">
          Options
        </a>
      </div>
      <RangePicker filters={filters} onChange={setFilters} />
      {problem && <Alert text={problem} />}
      {query && <Report query={query} />}
    </main>
  );
}
