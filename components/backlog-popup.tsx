// The toolbar popup: the backlog most urgent first, its counts, filters and search, and the
// keyboard: j/k or arrows, Home/End, PageUp/PageDown, Enter opens, e resolves, s snoozes (then
// 1–4), i ignores, / searches.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_POPUP_FILTERS, PopupFilterBar, type PopupFilters } from '@/components/popup/backlog-filter-bar';
import { PopupBacklogHeader } from '@/components/popup/backlog-header';
import { LIST_HEIGHT, PopupBacklogList, ROW_HEIGHT, type RowAction } from '@/components/popup/backlog-list';
import { PopupSnoozeMenu } from '@/components/popup/snooze-menu';
import { type BacklogFilters, useBacklogPages } from '@/components/popup/use-backlog-pages';
import { useNow, useRemote } from '@/components/use-remote';
import type { ItemView } from '@/utils/backlog';
import { healthLine } from '@/utils/health';
import { isBackgroundUnreachable, send } from '@/utils/protocol';
import type { ItemStatus } from '@/utils/schema';

const SEARCH_DELAY_MS = 200;
const ROWS_PER_PAGE = Math.floor(LIST_HEIGHT / ROW_HEIGHT);

const errorText = (e: unknown) =>
  isBackgroundUnreachable(e) ? 'Replyline’s background is not answering.' : e instanceof Error ? e.message : String(e);

/** `value`, once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return settled;
}

function queryOf(f: PopupFilters, search: string, tag: string): BacklogFilters {
  return {
    statuses: [f.status],
    platforms: f.platform ? [f.platform] : undefined,
    priorities: f.priority ? [f.priority] : undefined,
    sla: f.sla ? [f.sla] : undefined,
    tag: tag.trim() || undefined,
    search: search.trim() || undefined,
  };
}

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;

export function BacklogPopup() {
  const [filters, setFilters] = useState<PopupFilters>(DEFAULT_POPUP_FILTERS);
  const search = useSettled(filters.search, SEARCH_DELAY_MS);
  const tag = useSettled(filters.tag, SEARCH_DELAY_MS);
  const query = useMemo(() => queryOf(filters, search, tag), [filters, search, tag]);
  const pages = useBacklogPages(query);
  const counts = useRemote('items/counts', {});
  const health = useRemote('health/list', {});
  const now = useNow();
  const [selectedIndex, setSelected] = useState(0);
  const [reveal, setReveal] = useState(0);
  const [snoozing, setSnoozing] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const selected = Math.max(0, Math.min(selectedIndex, pages.count - 1));
  const item = pages.rows[selected];
  const filtered = JSON.stringify(filters) !== JSON.stringify(DEFAULT_POPUP_FILTERS);

  const changeFilters = useCallback((change: Partial<PopupFilters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setSelected(0);
  }, []);

  // The list takes the focus once it first shows, unless the user is already elsewhere.
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || !pages.rows.length || !listRef.current) return;
    focused.current = true;
    if (document.activeElement === document.body) listRef.current.focus();
  });

  const setStatus = (target: ItemView, status: ItemStatus, snoozeUntil?: Date) => {
    setSnoozing(false);
    setActionError(undefined);
    send('items/set-status', {
      key: { platform: target.platform, externalId: target.externalId },
      status,
      snoozeUntil: snoozeUntil?.toISOString(),
    }).then(
      () => {
        if (!query.statuses?.includes(status)) pages.remove(target);
        counts.reload();
        listRef.current?.focus();
      },
      (e: unknown) => setActionError(errorText(e)),
    );
  };

  const act = (action: RowAction, target: ItemView | undefined = item) => {
    if (!target) return;
    if (action === 'open') {
      send('items/open', { platform: target.platform, externalId: target.externalId }).then(
        () => window.close(),
        (e: unknown) => setActionError(errorText(e)),
      );
    } else if (action === 'snooze') {
      setSelected(pages.rows.indexOf(target));
      setSnoozing(true);
    } else setStatus(target, action === 'resolve' ? 'resolved' : 'ignored');
  };

  // Rows keep the same callbacks across renders (they are memoised); these call the latest `act`.
  const latestAct = useRef(act);
  useEffect(() => {
    latestAct.current = act;
  });
  const onAction = useCallback((action: RowAction, target: ItemView) => latestAct.current(action, target), []);
  const onSelect = useCallback((index: number) => {
    setSelected(index);
    listRef.current?.focus();
  }, []);

  // Keys work wherever the focus is, except in a field (Escape leaves it for the list).
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTyping(e.target)) {
        if (e.key !== 'Escape' || !listRef.current) return;
        listRef.current.focus();
        e.preventDefault();
        return;
      }
      if (e.target instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' ')) return;
      const moves: Record<string, number> = {
        j: selected + 1,
        ArrowDown: selected + 1,
        k: selected - 1,
        ArrowUp: selected - 1,
        Home: 0,
        End: pages.count - 1,
        PageDown: selected + ROWS_PER_PAGE,
        PageUp: selected - ROWS_PER_PAGE,
      };
      const to = moves[e.key];
      if (to !== undefined) {
        setSelected(Math.max(0, Math.min(pages.count - 1, to)));
        setReveal((n) => n + 1);
        listRef.current?.focus();
      } else if (e.key === 'Enter') act('open');
      else if (e.key === 'e') act('resolve');
      else if (e.key === 'i') act('ignore');
      else if (e.key === 's') act('snooze');
      else if (e.key === '/') searchRef.current?.focus();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  const caughtUp = !pages.loading && !pages.error && !pages.rows.length && !pages.more;
  return (
    <main
      className="w-[440px] bg-white text-slate-900 dark:bg-slate-900 dark:text-slate-100"
      style={{ font: '14px system-ui, sans-serif' }}
    >
      <PopupBacklogHeader
        counts={counts.data}
        sla={filters.sla}
        platform={filters.platform}
        onSla={(sla) => changeFilters(sla ? { sla, status: 'pending' } : { sla })}
        onPlatform={(platform) => changeFilters({ platform })}
      />
      {(health.data?.warnings ?? []).map((h) => (
        <p
          key={`${h.platform}:${h.message}`}
          role="status"
          className="bg-amber-50 px-3 py-1 text-[12px] text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          {healthLine(h)}
        </p>
      ))}
      <PopupFilterBar filters={filters} onChange={changeFilters} searchRef={searchRef} />
      <p role="status" data-testid="backlog-summary" className="px-3 pt-1 text-[11px] text-slate-600 dark:text-slate-300">
        {pages.total
          ? `${pages.total.toLocaleString()} ${pages.total === 1 ? 'item' : 'items'}`
          : pages.rows.length || pages.more
            ? `${pages.rows.length.toLocaleString()} found${pages.more ? ', searching…' : ''}`
            : ''}
      </p>
      {actionError && (
        <p role="alert" className="bg-red-50 px-3 py-1 text-[12px] text-red-800 dark:bg-red-950 dark:text-red-200">
          {actionError}
        </p>
      )}
      {pages.error ? (
        <div role="alert" className="px-3 py-6 text-center text-[13px] text-red-800 dark:text-red-200">
          <p>Could not load the backlog. {errorText(pages.error)}</p>
          <button type="button" onClick={pages.reload} className="mt-2 rounded bg-sky-700 px-3 py-1 font-semibold text-white">
            Retry
          </button>
        </div>
      ) : pages.loading && !pages.rows.length ? (
        <p className="px-3 py-6 text-center text-slate-600 dark:text-slate-300">Loading the backlog…</p>
      ) : caughtUp && !filtered ? (
        <div className="px-3 py-8 text-center">
          <p className="text-[16px] font-semibold">All caught up</p>
          <p className="text-[13px] text-slate-600 dark:text-slate-300">Nothing is waiting for a reply.</p>
        </div>
      ) : caughtUp ? (
        <div className="px-3 py-6 text-center text-[13px]">
          <p>No items match these filters.</p>
          <button
            type="button"
            className="mt-1 text-sky-800 underline dark:text-sky-300"
            onClick={() => changeFilters(DEFAULT_POPUP_FILTERS)}
          >
            Clear the filters
          </button>
        </div>
      ) : (
        <PopupBacklogList
          rows={pages.rows}
          count={pages.count}
          setSize={pages.more && pages.total === undefined ? -1 : pages.count}
          selected={selected}
          reveal={reveal}
          now={now}
          listRef={listRef}
          onSelect={onSelect}
          onAction={onAction}
          onWant={pages.want}
        />
      )}
      {snoozing && item && (
        <PopupSnoozeMenu
          onSnooze={(until) => setStatus(item, 'snoozed', until)}
          onClose={() => {
            setSnoozing(false);
            listRef.current?.focus();
          }}
        />
      )}
      <footer className="border-t border-slate-200 px-3 py-1 text-[11px] text-slate-600 dark:border-slate-700 dark:text-slate-300">
        j/k ↑/↓ Home End PgUp PgDn move · Enter open · e resolve · s snooze · i ignore · / search
      </footer>
    </main>
  );
}
