import type { RefObject } from 'react';
import type { PendingSla } from '@/utils/backlog-filter';
import { type ItemStatus, PRIORITIES, type Priority, STATUSES } from '@/utils/schema';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '@/utils/schema-core';

/** What the user picked; the popup turns it into a backlog query. */
export interface PopupFilters {
  platform?: Platform;
  status: ItemStatus;
  priority?: Priority;
  sla?: PendingSla;
  tag: string;
  search: string;
}

export const DEFAULT_POPUP_FILTERS: PopupFilters = { status: 'pending', tag: '', search: '' };

const field =
  'min-w-0 rounded border border-slate-400 bg-white px-1.5 py-1 text-[12px] text-slate-900 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100';
const capitalized = (s: string) => s[0]?.toUpperCase() + s.slice(1);

export function PopupFilterBar({
  filters,
  onChange,
  searchRef,
}: {
  filters: PopupFilters;
  onChange: (change: Partial<PopupFilters>) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  return (
    <div className="grid grid-cols-[1fr_1fr_1fr_72px] gap-1 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
      <input
        ref={searchRef}
        type="search"
        aria-label="Search"
        aria-keyshortcuts="/"
        placeholder="Search text or author  (/)"
        maxLength={200}
        value={filters.search}
        onChange={(e) => onChange({ search: e.target.value })}
        className={`${field} col-span-4`}
      />
      <select
        aria-label="Platform"
        value={filters.platform ?? ''}
        onChange={(e) => onChange({ platform: (e.target.value || undefined) as Platform | undefined })}
        className={field}
      >
        <option value="">All platforms</option>
        {PLATFORMS.map((p) => (
          <option key={p} value={p}>
            {PLATFORM_NAMES[p]}
          </option>
        ))}
      </select>
      <select
        aria-label="Status"
        value={filters.status}
        onChange={(e) => onChange({ status: e.target.value as ItemStatus })}
        className={field}
      >
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {capitalized(s)}
          </option>
        ))}
      </select>
      <select
        aria-label="Priority"
        value={filters.priority ?? ''}
        onChange={(e) => onChange({ priority: (e.target.value || undefined) as Priority | undefined })}
        className={field}
      >
        <option value="">Any priority</option>
        {[...PRIORITIES].reverse().map((p) => (
          <option key={p} value={p}>
            {capitalized(p)}
          </option>
        ))}
      </select>
      <input
        aria-label="Tag"
        placeholder="Tag"
        maxLength={60}
        value={filters.tag}
        onChange={(e) => onChange({ tag: e.target.value })}
        className={field}
      />
    </div>
  );
}
