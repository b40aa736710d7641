// Counts what the adapter achieves on this page and reports it to the background in small, rare
// messages: per surface, items found / extracted / skipped / rejected, composers found, insertions
// verified; after each page settles, whether it showed any item and what each selector matched.
import { type HealthCounter, type HealthReport, zeroCounters } from '@/utils/health';
import type { SiteAdapter, Surface } from '@/utils/sites/types';

const OTHER: Surface = { name: 'other', path: /$^/, expect: 'never' };
/** Long enough for the sites' lazy rendering to show the first items. */
const SETTLE_MS = 8000;
/** Failures go out at once; counts ride along at most this often. */
const REPORT_EVERY_MS = 5000;
/** The settle check's selector counts yield to the page this often (each is a whole-document query). */
const COUNT_SLICE_MS = 4;

export const surfaceOf = (adapter: SiteAdapter, url: URL): Surface => adapter.surfaces.find((s) => s.path.test(url.pathname)) ?? OTHER;

/** How many elements `selector` matches in `root`; -1 for a selector the browser rejects. */
function countMatches(selector: string, root: ParentNode): number {
  try {
    return root.querySelectorAll(selector).length;
  } catch {
    return -1;
  }
}

/** How many elements each selector of the table matches in `root`; -1 for a selector the browser rejects. */
export function selectorMatches(selectors: Readonly<Record<string, string>>, root: ParentNode): Record<string, number> {
  return Object.fromEntries(Object.entries(selectors).map(([key, selector]) => [key, countMatches(selector, root)]));
}

/**
 * selectorMatches in slices of COUNT_SLICE_MS, each its own task: on a page of thousands of items the
 * whole table took 16–19 ms in one task (bench trace). `done` gets the counts unless `cancelled()`.
 */
function countInSlices(
  selectors: Readonly<Record<string, string>>,
  root: ParentNode,
  cancelled: () => boolean,
  done: (counts: Record<string, number>) => void,
) {
  const entries = Object.entries(selectors);
  const counts: Record<string, number> = {};
  let next = 0;
  const slice = () => {
    if (cancelled()) return;
    const start = performance.now();
    while (next < entries.length) {
      const [key, selector] = entries[next++] as [string, string];
      counts[key] = countMatches(selector, root);
      if (next < entries.length && performance.now() - start >= COUNT_SLICE_MS) {
        setTimeout(slice, 0);
        return;
      }
    }
    done(counts);
  };
  slice();
}

export interface HealthMeter {
  count(counter: HealthCounter, n?: number): void;
  fail(reason: string): void;
  /** A new page (load or SPA navigation): starts the settle timer for its visit check. */
  visit(): void;
  flush(force?: boolean): void;
  dispose(): void;
}

export function createHealthMeter(adapter: SiteAdapter, post: (report: HealthReport) => void): HealthMeter {
  let surface = surfaceOf(adapter, new URL(location.href));
  let counters = zeroCounters();
  let failures = new Map<string, number>();
  let pending: Pick<HealthReport, 'visit' | 'selectors'> = {};
  let foundThisVisit = 0;
  let lastSent = 0;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let awaitingVisible = false;
  /** Counts a page's settle check began lose their place once another visit (or dispose) comes. */
  let visits = 0;

  const flush = (force = false) => {
    const any = failures.size || pending.visit || Object.values(counters).some((n) => n > 0);
    if (!any || (!force && !failures.size && Date.now() - lastSent < REPORT_EVERY_MS)) return;
    const report: HealthReport = {
      platform: adapter.platform,
      surface: surface.name,
      expect: surface.expect,
      counters: Object.fromEntries(Object.entries(counters).filter(([, n]) => n > 0)),
      failures: [...failures].slice(0, 50).map(([reason, count]) => ({ reason: reason.slice(0, 200), count })),
      ...pending,
    };
    counters = zeroCounters();
    failures = new Map();
    pending = {};
    lastSent = Date.now();
    post(report);
  };

  const settle = () => {
    // A page in a background tab may not render at all: judge it once the user looks at it.
    if (document.visibilityState !== 'visible') {
      awaitingVisible = true;
      return;
    }
    awaitingVisible = false;
    const visit = foundThisVisit > 0 ? 'found' : 'empty';
    const visitNo = visits;
    countInSlices(
      adapter.selectors,
      document,
      () => visits !== visitNo,
      (selectors) => {
        pending = { visit, selectors };
        flush(true);
      },
    );
  };
  const onVisible = () => {
    if (awaitingVisible && document.visibilityState === 'visible') settleTimer = setTimeout(settle, SETTLE_MS);
  };
  document.addEventListener('visibilitychange', onVisible);

  return {
    count(counter, n = 1) {
      counters[counter] += n;
      if (counter === 'found') foundThisVisit += n;
    },
    fail(reason) {
      failures.set(reason, (failures.get(reason) ?? 0) + 1);
    },
    visit() {
      const next = surfaceOf(adapter, new URL(location.href));
      // Counts so far belong to the page they were made on.
      flush(true);
      visits++;
      surface = next;
      foundThisVisit = 0;
      clearTimeout(settleTimer);
      settleTimer = setTimeout(settle, SETTLE_MS);
    },
    flush,
    dispose() {
      visits++;
      clearTimeout(settleTimer);
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
