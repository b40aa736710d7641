// The popup's backlog queries: most urgent first (earliest deadline, items without one last, ties
// by platform then id), filtered, and paged by cursor: a page starts in the index exactly after the
// previous page's last row, so page 500 costs what page 1 does. One index drives a query (chosen
// from the filters); rows stream out of it in order, one range per filter value merged, and the
// other filters and the search test each row, looking at BACKLOG_SCAN_CAP rows per call at most:
// a rare match returns a short page with a cursor to go on from, never a scan of the whole backlog.
import { type ItemView, toView } from '@/utils/backlog';
import { type BacklogCursor, type BacklogQuery, PENDING_SLA_STATES } from '@/utils/backlog-filter';
import { BACKLOG_INDEXES, type BacklogCounts, backlogCounts, orderKeyOf, tagPrefixOf } from '@/utils/counters';
import type { ItemRecord, ReplylineDb } from '@/utils/db';
import type { ItemStatus } from '@/utils/schema';
import { PLATFORMS, type Platform } from '@/utils/schema-core';

export interface BacklogPage {
  items: ItemView[];
  /** Where the next page starts; null once nothing is left. A page may be short and still have a next. */
  next: BacklogCursor | null;
  /** Every match, on a first page whose filters the counters can add up (status, platform, SLA state). */
  total?: number;
}

/** Rows looked at per call at most, matching or not. */
export const BACKLOG_SCAN_CAP = 2000;
/** Rows read from the index at a time, after the first read of `limit + 1`. */
const MAX_CHUNK = 1000;

type Key = string | (string | never[])[];
/** One ordered run of the driving index: rows whose key starts with one prefix. */
interface Run {
  lower: Key;
  lowerOpen: boolean;
  upper: Key;
  /** The row's key in this index: where the run goes on after it. */
  keyOf: (row: ItemRecord) => Key;
}

const cursorOf = (r: ItemRecord): BacklogCursor => ({ due: r.dueKey ?? '', platform: r.platform, externalId: r.externalId });
const orderOf = (r: ItemRecord) => orderKeyOf(cursorOf(r));
/** Above every string in an index key: `[...prefix, AFTER]` ends a prefix's range. */
const AFTER: never[] = [];

/** A compound index whose key is the prefix then (deadline, platform, id). */
function fullTailRun(prefix: string[], after: BacklogCursor | undefined): Run {
  const tail = (c: BacklogCursor) => [c.due, c.platform, c.externalId];
  return {
    lower: after ? [...prefix, ...tail(after)] : prefix,
    lowerOpen: !!after,
    upper: [...prefix, AFTER],
    keyOf: (r) => [...prefix, ...tail(cursorOf(r))],
  };
}

/** A compound index whose key is the prefix (ending with the platform) then (deadline, id). */
function platformRun(prefix: string[], platform: Platform, after: BacklogCursor | undefined): Run {
  const run: Run = {
    lower: prefix,
    lowerOpen: false,
    upper: [...prefix, AFTER],
    keyOf: (r) => [...prefix, r.dueKey ?? '', r.externalId],
  };
  if (!after) return run;
  // Rows at the cursor's own deadline come after it only on a later platform (or the same, with a later id).
  if (platform === after.platform) return { ...run, lower: [...prefix, after.due, after.externalId], lowerOpen: true };
  return { ...run, lower: platform > after.platform ? [...prefix, after.due] : [...prefix, after.due, AFTER] };
}

function tagRun(prefix: string, after: BacklogCursor | undefined): Run {
  return {
    lower: after ? prefix + orderKeyOf(after) : prefix,
    lowerOpen: !!after,
    upper: `${prefix}\uffff`,
    keyOf: (r) => prefix + orderOf(r),
  };
}

const unique = <T>(values: readonly T[] | undefined) => (values ? [...new Set(values)] : undefined);

/** The driving index and its runs: the filter most likely to narrow the backlog leads. */
function plan(q: BacklogQuery, statuses: ItemStatus[]): { index: string; runs: Run[] } {
  const platforms = unique(q.platforms);
  const { after } = q;
  if (q.tag) return { index: BACKLOG_INDEXES.tag, runs: statuses.map((s) => tagRun(tagPrefixOf(s, q.tag ?? ''), after)) };
  if (q.sla) {
    // Only pending items have an SLA state.
    const runs = (unique(q.sla) ?? []).flatMap((sla) => (platforms ?? PLATFORMS).map((p) => platformRun([sla, p], p, after)));
    return { index: BACKLOG_INDEXES.sla, runs: statuses.includes('pending') ? runs : [] };
  }
  if (platforms)
    return { index: BACKLOG_INDEXES.platform, runs: statuses.flatMap((s) => platforms.map((p) => platformRun([s, p], p, after))) };
  if (q.priorities) {
    return {
      index: BACKLOG_INDEXES.priority,
      runs: statuses.flatMap((s) => (unique(q.priorities) ?? []).map((pr) => fullTailRun([s, pr], after))),
    };
  }
  return { index: BACKLOG_INDEXES.status, runs: statuses.map((s) => fullTailRun([s], after)) };
}

function matcher(q: BacklogQuery, statuses: ItemStatus[]): (r: ItemRecord) => boolean {
  const needle = q.search?.trim().toLocaleLowerCase();
  return (r) =>
    statuses.includes(r.status) &&
    (!q.platforms || q.platforms.includes(r.platform)) &&
    (!q.priorities || q.priorities.includes(r.priority ?? 'normal')) &&
    (!q.sla || (r.status === 'pending' && !!r.slaState && q.sla.includes(r.slaState))) &&
    (!q.tag || !!r.tags?.includes(q.tag)) &&
    (!needle || `${r.text ?? ''}\n${r.author.name}\n@${r.author.handle ?? ''}`.toLocaleLowerCase().includes(needle));
}

/** What the counters say this query matches in all, when they can say it. */
export function backlogTotal(counts: BacklogCounts, q: BacklogQuery): number | undefined {
  if (q.tag || q.priorities || q.search?.trim()) return undefined;
  let total = 0;
  for (const platform of unique(q.platforms) ?? PLATFORMS) {
    for (const status of unique(q.statuses) ?? ['pending' as const]) {
      if (status === 'pending') for (const sla of unique(q.sla) ?? PENDING_SLA_STATES) total += counts.pendingSla[platform][sla];
      else if (!q.sla) total += counts.byPlatform[platform][status];
    }
  }
  return total;
}

/** One page of the backlog for `q`, most urgent first. */
export async function queryBacklog(db: ReplylineDb, q: BacklogQuery, scanCap = BACKLOG_SCAN_CAP): Promise<BacklogPage> {
  const statuses: ItemStatus[] = unique(q.statuses) ?? ['pending'];
  const { index, runs } = plan(q, statuses);
  const matches = matcher(q, statuses);
  return db.transaction('r', db.items, db.counters, async () => {
    const streams = runs.map((run) => ({ run, rows: [] as ItemRecord[], done: false, chunk: q.limit + 1 }));
    const fill = async (s: (typeof streams)[number]) => {
      const { lower, lowerOpen, upper, keyOf } = s.run;
      s.rows = await db.items.where(index).between(lower, upper, !lowerOpen, false).limit(s.chunk).toArray();
      s.done = s.rows.length < s.chunk;
      s.rows.reverse(); // read from the end: pop() is O(1)
      const last = s.rows[0];
      if (last) s.run = { ...s.run, lower: keyOf(last), lowerOpen: true };
      s.chunk = Math.min(s.chunk * 2, MAX_CHUNK);
    };
    const found: ItemRecord[] = [];
    let last: ItemRecord | undefined;
    for (let scanned = 0; found.length < q.limit && scanned < scanCap; scanned++) {
      await Promise.all(streams.filter((s) => !s.rows.length && !s.done).map(fill));
      let head: (typeof streams)[number] | undefined;
      for (const s of streams) {
        const row = s.rows.at(-1);
        const best = head?.rows.at(-1);
        if (row && (!best || orderOf(row) < orderOf(best))) head = s;
      }
      const row = head?.rows.pop();
      if (!row) break;
      last = row;
      if (matches(row)) found.push(row);
    }
    const exhausted = streams.every((s) => s.done && !s.rows.length);
    const total = q.after ? undefined : backlogTotal(await backlogCounts(db), q);
    return { items: found.map(toView), next: !exhausted && last ? cursorOf(last) : null, ...(total === undefined ? {} : { total }) };
  });
}
