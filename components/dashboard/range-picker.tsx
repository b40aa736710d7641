// The dashboard's filters: a date range (presets or custom days, in the browser's time zone) and platforms.
import { useId } from 'react';
import { fileDateStamp } from '@/components/download-file';
import { inputClass } from '@/components/ui';
import { METRICS_MAX_DAYS } from '@/utils/protocol';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '@/utils/schema-core';

export const RANGE_PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number] | 'custom';

export interface DashboardFilters {
  preset: RangePreset;
  /** Custom range, local dates, both inclusive. */
  fromDay: string;
  toDay: string;
  platforms: Platform[];
}

export interface DashboardQuery {
  from: string;
  to: string;
  timeZone: string;
  platforms?: Platform[];
  /** Inclusive local days, for file names and headings. */
  fromDay: string;
  toDay: string;
}

const dayStart = (day: string) => {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
};
const addDays = (date: Date, n: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + n);

/** The query for the filters on `today` (local), or why there is none. */
export function dashboardQueryOf(filters: DashboardFilters, today: Date): { query?: DashboardQuery; problem?: string } {
  const first = filters.preset === 'custom' ? dayStart(filters.fromDay) : addDays(today, 1 - filters.preset);
  const last = filters.preset === 'custom' ? dayStart(filters.toDay) : today;
  if (Number.isNaN(first.getTime()) || Number.isNaN(last.getTime())) return { problem: 'Choose a start and an end date.' };
  if (last < first) return { problem: 'The end date is before the start date.' };
  // Local midnights: a day of the range is a calendar day here, 23 or 25 hours long on clock changes.
  const end = addDays(last, 1);
  if (end.getTime() - first.getTime() > METRICS_MAX_DAYS * 86_400_000) return { problem: `Choose at most ${METRICS_MAX_DAYS} days.` };
  const all = filters.platforms.length === PLATFORMS.length;
  return {
    query: {
      from: first.toISOString(),
      to: end.toISOString(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...(all ? {} : { platforms: filters.platforms }),
      fromDay: fileDateStamp(first),
      toDay: fileDateStamp(last),
    },
  };
}

export function RangePicker({ filters, onChange }: { filters: DashboardFilters; onChange: (f: DashboardFilters) => void }) {
  const id = useId();
  const togglePlatform = (p: Platform, on: boolean) =>
    onChange({ ...filters, platforms: PLATFORMS.filter((q) => (q === p ? on : filters.platforms.includes(q))) });
  return (
    <div className="flex flex-wrap items-end gap-6">
      <fieldset className="flex flex-wrap items-center gap-3">
        <legend className="mb-1 text-[13px] font-semibold">Date range</legend>
        {[...RANGE_PRESETS, 'custom' as const].map((preset) => (
          <label key={preset} className="flex items-center gap-1 text-[14px]">
            <input
              type="radio"
              name={`${id}-range`}
              checked={filters.preset === preset}
              onChange={() => onChange({ ...filters, preset })}
            />
            {preset === 'custom' ? 'Custom' : `Last ${preset} days`}
          </label>
        ))}
      </fieldset>
      {filters.preset === 'custom' && (
        <div className="flex items-end gap-2">
          <label className="flex flex-col gap-1 text-[13px] font-semibold">
            From
            <input
              type="date"
              className={inputClass}
              value={filters.fromDay}
              onChange={(e) => onChange({ ...filters, fromDay: e.target.value })}
            />
          </label>
          <label className="flex flex-col gap-1 text-[13px] font-semibold">
            To
            <input
              type="date"
              className={inputClass}
              value={filters.toDay}
              onChange={(e) => onChange({ ...filters, toDay: e.target.value })}
            />
          </label>
        </div>
      )}
      <fieldset className="flex flex-wrap items-center gap-3">
        <legend className="mb-1 text-[13px] font-semibold">Platforms</legend>
        {PLATFORMS.map((p) => {
          const on = filters.platforms.includes(p);
          return (
            <label key={p} className="flex items-center gap-1 text-[14px]">
              {/* The last platform stays: a report of no platform says nothing. */}
              <input
                type="checkbox"
                checked={on}
                disabled={on && filters.platforms.length === 1}
                onChange={(e) => togglePlatform(p, e.target.checked)}
              />
              {PLATFORM_NAMES[p]}
            </label>
          );
        })}
      </fieldset>
    </div>
  );
}
