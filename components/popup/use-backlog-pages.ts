import { useCallback, useEffect, useRef, useState } from 'react';
import type { ItemView } from '@/utils/backlog';
import type { BacklogCursor, BacklogQuery } from '@/utils/backlog-filter';
import type { BacklogPage } from '@/utils/backlog-query';
import { send } from '@/utils/protocol';
import { itemKey } from '@/utils/schema-core';

/** Enough for the first screen, so the first rows come back fast; then pages as the list scrolls. */
const FIRST_PAGE = 40;
const PAGE = 200;
const MAX_PAGE = 500;
/** Bursts of changes (a page capturing dozens of items) refresh the list once. */
const RELOAD_DELAY_MS = 250;

export type BacklogFilters = Omit<BacklogQuery, 'limit' | 'after'>;

export interface BacklogPages {
  rows: ItemView[];
  /** Rows the list has room for: every match when the background could count them, else what is loaded (+1 while more may come). */
  count: number;
  /** Every match, when the background could count them. */
  total?: number;
  /** More rows may follow the loaded ones. */
  more: boolean;
  loading: boolean;
  error?: unknown;
  /** The list shows rows up to this index: load them. */
  want: (index: number) => void;
  /** Drops a row the user just acted on, before the background confirms. */
  remove: (item: ItemView) => void;
  reload: () => void;
}

interface State {
  rows: ItemView[];
  next: BacklogCursor | null;
  total?: number;
  loading: boolean;
  error?: unknown;
}

/**
 * The backlog for `filters`, page by page: the first page at once, the next ones as the list
 * scrolls towards them (a short page, from a rare filter or a search, is followed at once). When
 * the background says the backlog changed, the rows loaded so far are fetched again and swapped in
 * whole, so the list never shows half of the old order and half of the new.
 */
export function useBacklogPages(filters: BacklogFilters): BacklogPages {
  const filtersJson = JSON.stringify(filters);
  const [state, setState] = useState<State>({ rows: [], next: null, loading: true });
  /** Rows the list shows now, up to the end of its window. */
  const [wanted, setWanted] = useState(FIRST_PAGE);
  // Answers to an older request (previous filters, an earlier reload) are dropped.
  const generation = useRef(0);

  const loadFromStart = useCallback(
    (upTo: number, clear: boolean) => {
      const request = ++generation.current;
      const query = JSON.parse(filtersJson) as BacklogFilters;
      setState((s) => (clear ? { rows: [], next: null, loading: true } : { ...s, loading: true, error: undefined }));
      const pump = async () => {
        let rows: ItemView[] = [];
        let next: BacklogCursor | null = null;
        let total: number | undefined;
        do {
          const page: BacklogPage = await send('items/query', {
            ...query,
            limit: Math.min(MAX_PAGE, Math.max(FIRST_PAGE, upTo - rows.length)),
            after: next ?? undefined,
          });
          if (request !== generation.current) return;
          if (!rows.length && !next) total = page.total;
          rows = rows.concat(page.items);
          next = page.next;
        } while (next && rows.length < upTo);
        setState({ rows, next, total, loading: false });
      };
      pump().catch((error: unknown) => request === generation.current && setState((s) => ({ ...s, loading: false, error })));
    },
    [filtersJson],
  );

  // A change elsewhere refetches what the list shows (and a page beyond), not every row scrolled past.
  const wantedRef = useRef(wanted);
  useEffect(() => {
    wantedRef.current = wanted;
  });
  const reload = useCallback(() => loadFromStart(Math.max(FIRST_PAGE, wantedRef.current + PAGE), false), [loadFromStart]);

  useEffect(() => {
    setWanted(FIRST_PAGE);
    loadFromStart(FIRST_PAGE, true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener = (message: unknown) => {
      if ((message as { type?: string })?.type !== 'broadcast/backlog-changed') return;
      clearTimeout(timer);
      timer = setTimeout(reload, RELOAD_DELAY_MS);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => {
      clearTimeout(timer);
      browser.runtime.onMessage.removeListener(listener);
    };
  }, [loadFromStart, reload]);

  // The next page, when the list needs rows past the loaded ones.
  useEffect(() => {
    const { rows, next, loading, error } = state;
    if (loading || error || !next || rows.length >= wanted) return;
    const request = generation.current;
    const query = JSON.parse(filtersJson) as BacklogFilters;
    setState((s) => ({ ...s, loading: true }));
    send('items/query', { ...query, limit: Math.min(MAX_PAGE, wanted - rows.length + PAGE), after: next }).then(
      (page) =>
        request === generation.current && setState((s) => ({ ...s, rows: s.rows.concat(page.items), next: page.next, loading: false })),
      (error: unknown) => request === generation.current && setState((s) => ({ ...s, loading: false, error })),
    );
  }, [state, wanted, filtersJson]);

  const want = useCallback((index: number) => setWanted(index + 1), []);
  const remove = useCallback((item: ItemView) => {
    const key = itemKey(item);
    setState((s) => {
      const rows = s.rows.filter((r) => itemKey(r) !== key);
      return { ...s, rows, total: s.total === undefined ? undefined : s.total - (s.rows.length - rows.length) };
    });
  }, []);

  const { rows, next, total, loading, error } = state;
  const count = next ? Math.max(total ?? 0, rows.length + 1) : rows.length;
  return { rows, count, total, more: !!next, loading, error, want, remove, reload };
}
