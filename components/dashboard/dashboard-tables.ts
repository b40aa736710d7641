// Each chart's data as a table: the same rows are the chart's text alternative and its CSV.
import type { CsvColumn } from '@/utils/csv';
import type { DayMetrics, GroupMetrics, MetricsItemRow, MetricsReport, SentimentBucket } from '@/utils/metrics';
import type { SlaMetric } from '@/utils/schema';
import { PLATFORM_NAMES, type Platform } from '@/utils/schema-core';

export interface DashboardTable<Row> {
  /** Also the CSV's file name stem. */
  id: string;
  columns: CsvColumn<Row>[];
  rows: Row[];
}

/** Minutes as a number with at most one decimal: exact enough, and what a spreadsheet re-computes to. */
export const roundMinutes = (m: number | null) => (m === null ? null : Math.round(m * 10) / 10);
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export const METRIC_NAMES: Record<SlaMetric, string> = {
  'first-response': 'First response',
  'next-response': 'Next response',
  resolution: 'Resolution',
};

export const SENTIMENT_NAMES: Record<SentimentBucket, string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
  unknown: 'Not scored',
};

export const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function responseOverTimeTable(report: MetricsReport): DashboardTable<DayMetrics> {
  return {
    id: 'first-response-by-day',
    rows: report.days,
    columns: [
      { header: 'Day', value: (d) => d.day },
      { header: 'Answered', value: (d) => d.response.count },
      { header: 'Median (min)', value: (d) => roundMinutes(d.response.medianMinutes) },
      { header: 'p90 (min)', value: (d) => roundMinutes(d.response.p90Minutes) },
    ],
  };
}

export function volumeTable(report: MetricsReport): DashboardTable<DayMetrics> {
  return {
    id: 'volume-by-day',
    rows: report.days,
    columns: [
      { header: 'Day', value: (d) => d.day },
      ...report.platforms.map((p): CsvColumn<DayMetrics> => ({ header: PLATFORM_NAMES[p], value: (d) => d.volume[p] })),
      { header: 'Total', value: (d) => report.platforms.reduce((sum, p) => sum + d.volume[p], 0) },
    ],
  };
}

export function breachesTable(report: MetricsReport): DashboardTable<DayMetrics> {
  return {
    id: 'breaches-by-day',
    rows: report.days,
    columns: [
      { header: 'Day', value: (d) => d.day },
      ...(Object.keys(METRIC_NAMES) as SlaMetric[]).map(
        (m): CsvColumn<DayMetrics> => ({ header: METRIC_NAMES[m], value: (d) => d.breaches[m] }),
      ),
    ],
  };
}

export type PlatformRow = GroupMetrics & { platform: Platform | 'all' };

export function platformTable(report: MetricsReport): DashboardTable<PlatformRow> {
  return {
    id: 'by-platform',
    rows: [...report.platforms.map((platform) => ({ platform, ...report.byPlatform[platform] })), { platform: 'all', ...report.total }],
    columns: [
      { header: 'Platform', value: (r) => (r.platform === 'all' ? 'All selected' : PLATFORM_NAMES[r.platform]) },
      { header: 'Items', value: (r) => r.volume },
      { header: 'Answered', value: (r) => r.response.count },
      { header: 'Median first response (min)', value: (r) => roundMinutes(r.response.medianMinutes) },
      { header: 'p90 first response (min)', value: (r) => roundMinutes(r.response.p90Minutes) },
      { header: 'On time', value: (r) => r.compliance.onTime },
      { header: 'Late', value: (r) => r.compliance.late },
      { header: 'Still open', value: (r) => r.compliance.open },
      { header: 'SLA compliance (%)', value: (r) => percent(r.compliance.rate) },
    ],
  };
}

export function sentimentTable(report: MetricsReport): DashboardTable<{ bucket: SentimentBucket; count: number }> {
  return {
    id: 'sentiment',
    rows: (Object.keys(SENTIMENT_NAMES) as SentimentBucket[]).map((bucket) => ({ bucket, count: report.sentiment[bucket] })),
    columns: [
      { header: 'Sentiment', value: (r) => SENTIMENT_NAMES[r.bucket] },
      { header: 'Items', value: (r) => r.count },
    ],
  };
}

export function busiestHoursTable(report: MetricsReport): DashboardTable<{ weekday: string; hours: number[] }> {
  return {
    id: 'busiest-hours',
    rows: report.busiestHours.map((hours, i) => ({ weekday: WEEKDAY_SHORT[i] ?? '', hours })),
    columns: [
      { header: 'Weekday', value: (r) => r.weekday },
      ...Array.from(
        { length: 24 },
        (_, h): CsvColumn<{ hours: number[] }> => ({ header: `${String(h).padStart(2, '0')}h`, value: (r) => r.hours[h] }),
      ),
    ],
  };
}

export const OUTCOME_NAMES: Record<MetricsItemRow['outcome'], string> = {
  'on-time': 'On time',
  late: 'Late',
  open: 'Still open',
  'not-counted': '',
};

export const itemColumns: CsvColumn<MetricsItemRow>[] = [
  { header: 'Posted', value: (r) => r.postedAt },
  { header: 'Platform', value: (r) => PLATFORM_NAMES[r.platform] },
  { header: 'Kind', value: (r) => r.kind },
  { header: 'Author', value: (r) => r.author },
  { header: 'Text', value: (r) => r.text },
  { header: 'Status', value: (r) => r.status },
  { header: 'Priority', value: (r) => r.priority },
  { header: 'Answered', value: (r) => r.answeredAt },
  { header: 'First response (min)', value: (r) => roundMinutes(r.responseMinutes) },
  { header: 'Business hours', value: (r) => (r.responseMinutes === null ? null : r.businessTime) },
  { header: 'SLA', value: (r) => OUTCOME_NAMES[r.outcome] },
  { header: 'Sentiment', value: (r) => r.sentiment },
  { header: 'Link', value: (r) => r.permalink },
  { header: 'Id', value: (r) => r.externalId },
];
