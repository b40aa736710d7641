// Backlog counts and query fields, kept by ONE Dexie middleware under every write to `items`:
// captures, status changes, imports, erasures, whoever wrote them. No writer can forget to count,
// and the counts change in the same transaction as the rows (all of it or nothing).
//
// Each row also gets fields only the popup's indexes read: `slaState` (pending items), `slaNextAt`
// (when that state moves on by itself), `dueKey` (the deadline, or NO_DUE so items without one sort
// last), `priorityKey` (an absent priority is `normal`) and `tagKeys` (tags with the row's order, for
// ordered paging by tag). Counts are per `platform|status|slaState`: at most 28 rows, so reading
// them costs the same at one item or a million.
import Dexie, {
  type DBCore,
  type DBCoreGetManyRequest,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
  type Table,
  type Transaction,
} from 'dexie';
import { PENDING_SLA_STATES, type PendingSla } from '@/utils/backlog-filter';
import type { CounterRecord, ItemRecord, ReplylineDb } from '@/utils/db';
import { type ItemStatus, STATUSES } from '@/utils/schema';
import { PLATFORMS, type Platform } from '@/utils/schema-core';
import { nextSlaChange, slaState } from '@/utils/sla';

/** Sorts after every ISO date: items without a deadline come last. */
const NO_DUE = '~';
/** Joins the parts of a tag key; below every character a tag, date or id holds, so keys sort part by part. */
const TAG_KEY_SEPARATOR = '\u0000';

/** A row's place in the backlog order, as one string: what tag keys end with and tag cursors start after. */
export const orderKeyOf = (r: { due: string; platform: Platform; externalId: string }) =>
  [r.due, r.platform, r.externalId].join(TAG_KEY_SEPARATOR);
export const tagPrefixOf = (status: ItemStatus, tag: string) => `${status}${TAG_KEY_SEPARATOR}${tag}${TAG_KEY_SEPARATOR}`;

const dueKeyOf = (due: string | undefined) => {
  const ms = due ? Date.parse(due) : Number.NaN;
  // Normalised: a file may hold `+02:00` offsets, and index order compares strings.
  return Number.isFinite(ms) ? new Date(ms).toISOString() : NO_DUE;
};

/** The record with its query fields derived at `now`; stale ones it carried (from a spread) are dropped. */
function withQueryFields(record: ItemRecord, now: number): ItemRecord {
  const { slaState: _state, slaNextAt: _next, tagKeys: _tags, ...rest } = record;
  const dueKey = dueKeyOf(record.firstResponseDueAt);
  const derived: ItemRecord = { ...rest, dueKey, priorityKey: record.priority ?? 'normal' };
  if (record.status === 'pending') {
    derived.slaState = slaState(record, now) as PendingSla;
    const next = nextSlaChange(record, now);
    if (next !== null) derived.slaNextAt = new Date(next).toISOString();
  }
  if (record.tags?.length) {
    const order = orderKeyOf({ due: dueKey, platform: record.platform, externalId: record.externalId });
    derived.tagKeys = [...new Set(record.tags)].map((tag) => tagPrefixOf(record.status, tag) + order);
  }
  return derived;
}

const counterKeyOf = (r: Pick<ItemRecord, 'platform' | 'status' | 'slaState'>) =>
  r.slaState ? `${r.platform}|${r.status}|${r.slaState}` : `${r.platform}|${r.status}`;

const ITEMS = 'items';
const COUNTERS = 'counters';
/** Indexes of the v3 `items` line (utils/db.ts) over these fields: the queries' and the recount's. */
export const BACKLOG_INDEXES = {
  status: '[status+dueKey+platform+externalId]',
  platform: '[status+platform+dueKey+externalId]',
  sla: '[slaState+platform+dueKey+externalId]',
  priority: '[status+priorityKey+dueKey+platform+externalId]',
  tag: 'tagKeys',
} as const;
// DBCoreRangeType.Any: a const enum in Dexie's types, which the bundler cannot inline.
const RANGE_ANY = 3;

type Deltas = Map<string, number>;
/** A row's counter key, null for no row. */
type Counted = string | null;
const countedAs = (row: ItemRecord | undefined): Counted => (row ? counterKeyOf(row) : null);
const bump = (deltas: Deltas, counted: Counted | undefined, by: number) => {
  if (!counted) return;
  deltas.set(counted, (deltas.get(counted) ?? 0) + by);
};

const isItemKey = (key: unknown) => Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string');

function countedItems(items: DBCoreTable, counters: DBCoreTable): DBCoreTable {
  const keyOf = (value: ItemRecord): unknown => items.schema.primaryKey.extractKey?.(value);
  // Within one transaction each write reads its old rows, writes, then adds to the counters: two
  // interleaved writes would both read the same old counts. Chains of Dexie.Promise (not native
  // await) keep Dexie's transaction zone, which the middlewares below read.
  const turns = new WeakMap<DBCoreTransaction, PromiseLike<unknown>>();
  const inTurn = (trans: DBCoreTransaction, run: () => PromiseLike<DBCoreMutateResponse>) => {
    const turn = Dexie.Promise.resolve(turns.get(trans)).then(run);
    turns.set(
      trans,
      turn.catch(() => undefined),
    );
    return turn;
  };

  const addToCounters = (trans: DBCoreTransaction, deltas: Deltas) => {
    const keys = [...deltas].filter(([, by]) => by !== 0).map(([key]) => key);
    if (!keys.length) return Dexie.Promise.resolve();
    return Dexie.Promise.resolve(counters.getMany({ trans, keys }))
      .then((rows: (CounterRecord | undefined)[]) =>
        counters.mutate({
          type: 'put',
          trans,
          values: keys.map((key, i) => ({ key, count: (rows[i]?.count ?? 0) + (deltas.get(key) ?? 0) })),
        }),
      )
      .then((res) => {
        if (res.numFailures) throw Object.values(res.failures)[0];
      });
  };

  /**
   * Per transaction, how each item row it read or wrote counts, by key. A write counts what it
   * replaces from here when it can: a capture reads its batch, then puts it, and reading those rows
   * again was a quarter of the worker's time on a streamed timeline (measured 2026-11-24,
   * BENCHMARKS.md fix 24). Counter keys, not rows: a caller may change a row it read before putting it.
   * IndexedDB completes a transaction's requests in order, so the last one remembered is the latest.
   */
  const seen = new WeakMap<DBCoreTransaction, Map<string, Counted>>();
  const remember = (trans: DBCoreTransaction, key: unknown, counted: Counted) => {
    let rows = seen.get(trans);
    if (!rows) {
      rows = new Map();
      seen.set(trans, rows);
    }
    rows.set(JSON.stringify(key), counted);
  };

  /** How the replaced rows counted, and the new rows: the deltas of the writes that succeeded, in request order. */
  const written = (trans: DBCoreTransaction, keys: unknown[], before: Counted[], after: (ItemRecord | undefined)[]) => {
    return (res: DBCoreMutateResponse) => {
      const deltas: Deltas = new Map();
      const latest = new Map<string, Counted>();
      keys.forEach((key, i) => {
        if (res.failures[i]) return;
        const id = JSON.stringify(key);
        const counted = countedAs(after[i]);
        bump(deltas, latest.has(id) ? latest.get(id) : before[i], -1);
        bump(deltas, counted, 1);
        latest.set(id, counted);
        remember(trans, key, counted);
      });
      return addToCounters(trans, deltas).then(() => res);
    };
  };

  /** How the rows at `keys` count now (null: no row), read only where this transaction has not seen them. */
  const replaced = (trans: DBCoreTransaction, keys: unknown[]) => {
    const known = seen.get(trans);
    const missing = keys.filter((key) => isItemKey(key) && !known?.has(JSON.stringify(key)));
    return Dexie.Promise.resolve(missing.length ? read({ trans, keys: missing }) : undefined).then(() => {
      const counted = seen.get(trans);
      return keys.map((key) => counted?.get(JSON.stringify(key)) ?? null);
    });
  };

  const read = (req: DBCoreGetManyRequest) =>
    Dexie.Promise.resolve(items.getMany(req)).then((rows: (ItemRecord | undefined)[]) => {
      for (const [i, key] of req.keys.entries()) remember(req.trans, key, countedAs(rows[i]));
      return rows;
    });

  const mutate = (req: DBCoreMutateRequest): PromiseLike<DBCoreMutateResponse> => {
    const { trans } = req;
    switch (req.type) {
      case 'add':
      case 'put': {
        const now = Date.now();
        const values = req.values.map((v: ItemRecord) => withQueryFields(v, now));
        const keys = req.keys ?? values.map(keyOf);
        // An add never replaces: a key that exists makes that add fail, and failures count nothing.
        const before = req.type === 'put' ? replaced(trans, keys) : Dexie.Promise.resolve(keys.map((): Counted => null));
        return before.then((old) => Dexie.Promise.resolve(items.mutate({ ...req, values })).then(written(trans, keys, old, values)));
      }
      case 'delete':
        return replaced(trans, req.keys).then((old) =>
          Dexie.Promise.resolve(items.mutate(req)).then(
            written(
              trans,
              req.keys,
              old,
              req.keys.map(() => undefined),
            ),
          ),
        );
      case 'deleteRange': {
        if (req.range.type === RANGE_ANY) {
          // clear(): nothing is left to count.
          seen.delete(trans);
          return Dexie.Promise.resolve(items.mutate(req)).then((res) =>
            Dexie.Promise.resolve(counters.mutate({ type: 'deleteRange', trans, range: req.range })).then(() => res),
          );
        }
        return Dexie.Promise.resolve(
          items.query({ trans, values: true, query: { index: items.schema.primaryKey, range: req.range } }),
        ).then(({ result }) => {
          const old = result as ItemRecord[];
          const keys = old.map(keyOf);
          return Dexie.Promise.resolve(items.mutate(req)).then(
            written(
              trans,
              keys,
              old.map(countedAs),
              old.map(() => undefined),
            ),
          );
        });
      }
    }
  };

  return {
    ...items,
    mutate: (req) => inTurn(req.trans, () => mutate(req)) as Promise<DBCoreMutateResponse>,
    // Reads tell the same transaction's later writes what they replace.
    getMany: (req) => read(req) as Promise<ItemRecord[]>,
  };
}

/** Installed by `ReplylineDb` itself, so every copy of the database (background, tests, benchmarks) counts. */
export function backlogMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'backlog-counters',
    create: (down) => {
      // An upgrade from before schema v3 runs its older steps without the counters table.
      const names = down.schema.tables.map((t) => t.name);
      if (!names.includes(ITEMS) || !names.includes(COUNTERS)) return down;
      const items = countedItems(down.table(ITEMS), down.table(COUNTERS));
      return {
        // Every transaction that may write items also holds the counters, whoever opened it.
        transaction: (stores, mode, options) =>
          down.transaction(
            mode === 'readwrite' && stores.includes(ITEMS) && !stores.includes(COUNTERS) ? [...stores, COUNTERS] : stores,
            mode,
            options,
          ),
        table: (name) => (name === ITEMS ? items : down.table(name)),
      };
    },
  };
}

export interface BacklogCounts {
  /** Items per platform and status. */
  byPlatform: Record<Platform, Record<ItemStatus, number>>;
  /** Pending items per platform and SLA state as last stored (the scheduler moves it at each threshold). */
  pendingSla: Record<Platform, Record<PendingSla, number>>;
  /** The same, summed over platforms. */
  byStatus: Record<ItemStatus, number>;
  pendingBySla: Record<PendingSla, number>;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Counts by platform, status and SLA state from the counters alone: O(number of counter keys). */
export async function backlogCounts(db: ReplylineDb): Promise<BacklogCounts> {
  const counts: BacklogCounts = {
    byPlatform: Object.fromEntries(PLATFORMS.map((p) => [p, zeros(STATUSES)])) as BacklogCounts['byPlatform'],
    pendingSla: Object.fromEntries(PLATFORMS.map((p) => [p, zeros(PENDING_SLA_STATES)])) as BacklogCounts['pendingSla'],
    byStatus: zeros(STATUSES),
    pendingBySla: zeros(PENDING_SLA_STATES),
  };
  for (const { key, count } of await db.counters.toArray()) {
    const [platform, status, sla] = key.split('|') as [Platform, ItemStatus, PendingSla | undefined];
    if (!Object.hasOwn(counts.byPlatform, platform) || !Object.hasOwn(counts.byStatus, status)) continue;
    counts.byPlatform[platform][status] += count;
    counts.byStatus[status] += count;
    if (status === 'pending' && sla && Object.hasOwn(counts.pendingBySla, sla)) {
      counts.pendingSla[platform][sla] += count;
      counts.pendingBySla[sla] += count;
    }
  }
  return counts;
}

/**
 * Rewrites every item (so the middleware derives its query fields now), then counts the stored
 * rows from the indexes, replacing every counter. The schema upgrade that adds the counters runs it
 * in its own transaction; it is also the repair should counts ever be doubted.
 */
export async function recountAll(db: ReplylineDb | Transaction): Promise<void> {
  const run = async () => {
    const tables: Pick<Transaction, 'table'> = db;
    const items: Table<ItemRecord> = tables.table(ITEMS);
    const counters: Table<CounterRecord> = tables.table(COUNTERS);
    // A no-op change still puts each row back through the middleware.
    await items.toCollection().modify(() => {});
    const countIn = (index: string, prefix: string[]) =>
      items
        .where(index)
        .between(prefix, [...prefix, []])
        .count();
    const rows: CounterRecord[] = [];
    for (const platform of PLATFORMS) {
      for (const sla of PENDING_SLA_STATES) {
        rows.push({
          key: counterKeyOf({ platform, status: 'pending', slaState: sla }),
          count: await countIn(BACKLOG_INDEXES.sla, [sla, platform]),
        });
      }
      for (const status of STATUSES.filter((s) => s !== 'pending')) {
        rows.push({ key: counterKeyOf({ platform, status }), count: await countIn(BACKLOG_INDEXES.platform, [status, platform]) });
      }
    }
    await counters.clear();
    await counters.bulkPut(rows.filter((r) => r.count > 0));
  };
  if (db instanceof Dexie) await db.transaction('rw', [ITEMS, COUNTERS], run);
  else await run();
}

/**
 * Pending items whose stored SLA state has moved on by the clock (a due-soon point or a deadline
 * passed): rewritten, so the middleware stores the new state and moves their counts. The scheduler
 * runs at each such threshold. Returns the rewritten rows.
 */
export async function refreshSlaStates(db: ReplylineDb): Promise<ItemRecord[]> {
  return db.transaction('rw', db.items, async () => {
    // The middleware's clock: the same one the stored states were derived with.
    const stale = await db.items.where('slaNextAt').belowOrEqual(new Date().toISOString()).toArray();
    await db.items.bulkPut(stale);
    const rewritten = await db.items.bulkGet(stale.map((r) => [r.platform, r.externalId] as [Platform, string]));
    return rewritten.filter((r): r is ItemRecord => !!r);
  });
}
