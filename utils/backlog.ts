// Backlog rules: idempotent capture, brand replies answering items, status transitions, queries.
import { attachIdentities } from '@/utils/customers';
import type { ItemRecord, ReplylineDb } from '@/utils/db';
import { customerKeyOf, forgetResolutionScan, normalizeHandle } from '@/utils/db';
import { loadPriorityRules, withPriority } from '@/utils/priority';
import type { BusinessHours, HistoryEntry, ItemStatus, SlaPolicy } from '@/utils/schema';
import type { CapturedItem, Platform } from '@/utils/schema-core';
import { clockFor, matchPolicy, missesOf, type ResponseTarget, resumeClock } from '@/utils/sla';

export type ItemView = Pick<
  ItemRecord,
  | 'platform'
  | 'externalId'
  | 'kind'
  | 'permalink'
  | 'author'
  | 'text'
  | 'postedAt'
  | 'status'
  | 'firstResponseDueAt'
  | 'dueSoonAt'
  | 'answeredAt'
  | 'resolutionDueAt'
  | 'responseTarget'
  | 'snoozedUntil'
  | 'language'
  | 'priority'
  | 'sentiment'
  | 'answeredBy'
  | 'outcome'
>;

export const toView = (r: ItemRecord): ItemView => ({
  platform: r.platform,
  externalId: r.externalId,
  kind: r.kind,
  permalink: r.permalink,
  author: r.author,
  text: r.text,
  postedAt: r.postedAt,
  status: r.status,
  firstResponseDueAt: r.firstResponseDueAt,
  dueSoonAt: r.dueSoonAt,
  answeredAt: r.answeredAt,
  resolutionDueAt: r.resolutionDueAt,
  responseTarget: r.responseTarget,
  snoozedUntil: r.snoozedUntil,
  language: r.language,
  priority: r.priority,
  sentiment: r.sentiment,
  answeredBy: r.answeredBy,
  outcome: r.outcome,
});

/** Allowed manual and automatic status changes; anything else is refused. */
const TRANSITIONS: Record<ItemStatus, readonly ItemStatus[]> = {
  pending: ['answered', 'resolved', 'snoozed', 'ignored'],
  answered: ['resolved', 'pending'],
  snoozed: ['pending', 'answered', 'resolved', 'ignored'],
  resolved: ['pending'],
  ignored: ['pending'],
};
export const canTransition = (from: ItemStatus, to: ItemStatus) => from === to || TRANSITIONS[from].includes(to);

export async function brandHandles(db: ReplylineDb, platform: Platform): Promise<string[]> {
  const accounts = await db.accounts.where('[platform+handle]').between([platform, ''], [platform, '\uffff']).toArray();
  return accounts.map((a) => normalizeHandle(a.handle));
}

export interface SlaContext {
  policies: SlaPolicy[];
  calendars: Map<string, BusinessHours>;
}

export async function loadSlaContext(db: ReplylineDb): Promise<SlaContext> {
  const [policies, calendars] = await Promise.all([db.slaPolicies.toArray(), db.businessHours.toArray()]);
  return { policies, calendars: new Map(calendars.map((c) => [c.id, c])) };
}

const calendarOf = (ctx: SlaContext, policy: SlaPolicy) => (policy.businessHoursId ? ctx.calendars.get(policy.businessHoursId) : undefined);

/** Applies the SLA policy that fits the item now (policies can change between captures). */
export function withDeadlines(record: ItemRecord, ctx: SlaContext, target: ResponseTarget = record.responseTarget ?? 'first'): ItemRecord {
  const policy = matchPolicy(ctx.policies, record);
  return {
    ...record,
    policyId: policy.id,
    responseTarget: target === 'next' ? 'next' : undefined,
    ...clockFor(policy, calendarOf(ctx, policy), record.postedAt, target),
  };
}

/** The paused clock runs again from `now`: snoozed → pending. */
function woken(record: ItemRecord, ctx: SlaContext, now: Date): ItemRecord {
  const calendar = calendarOf(ctx, matchPolicy(ctx.policies, record));
  const pausedAt = record.snoozedAt ? Date.parse(record.snoozedAt) : now.getTime();
  return {
    ...record,
    ...resumeClock(record, calendar, pausedAt, now.getTime()),
    status: 'pending',
    snoozedAt: undefined,
    snoozedUntil: undefined,
  };
}

/** Orders entries written in the same millisecond (the background is the only writer). */
let historySeq = 0;

/** Collects a write's history entries and SLA misses, stored with it in its transaction. */
function journal(now: Date) {
  const history: HistoryEntry[] = [];
  const at = now.toISOString();
  return {
    history,
    note(item: Pick<ItemRecord, 'platform' | 'externalId'>, type: HistoryEntry['type'], extra: Partial<HistoryEntry> = {}) {
      // Ids sort in the order things happened, so an item's history reads in order from its index.
      const id = `${at}~${(historySeq++).toString(36).padStart(8, '0')}~${crypto.randomUUID().slice(0, 8)}`;
      history.push({ id, platform: item.platform, externalId: item.externalId, at, type, ...extra });
    },
    async save(db: ReplylineDb, records: ItemRecord[]) {
      const clean = records.map(stripUndefined);
      await db.items.bulkPut(clean);
      await db.history.bulkAdd(history);
      await recordMisses(db, clean, now);
      return clean;
    },
  };
}

/**
 * Above this many candidate misses, one read of every logged id beats one read per id: Chromium's
 * IndexedDB spends ~0.1 ms a request, and the scheduler re-checks every overdue item each pass.
 */
const MISS_KEY_SCAN = 200;

/** Stores the misses of `records` not recorded yet (each at most once per message and metric). */
export async function recordMisses(db: ReplylineDb, records: readonly ItemRecord[], now: Date): Promise<number> {
  // One event per id: the scheduler passes an item overdue on both clocks in both of its lists.
  const events = [...new Map(records.flatMap((r) => missesOf(r, now.getTime())).map((e) => [e.id, e])).values()];
  if (!events.length) return 0;
  let fresh: typeof events;
  if (events.length > MISS_KEY_SCAN) {
    const logged = new Set(await db.slaEvents.toCollection().primaryKeys());
    fresh = events.filter((e) => !logged.has(e.id));
  } else {
    const known = await db.slaEvents.bulkGet(events.map((e) => e.id));
    fresh = events.filter((_, i) => !known[i]);
  }
  await db.slaEvents.bulkAdd(fresh);
  return fresh.length;
}

const SLA_TABLES = (db: ReplylineDb) => [db.items, db.slaPolicies, db.businessHours, db.accounts, db.history, db.slaEvents];

/**
 * Records what a page shows. The same item captured by five tabs at once is one row: the key is
 * platform + externalId and the read-merge-write runs in one transaction. Brand items are not
 * stored; a brand reply marks the item it answers `answered` at the reply's platform time. A new
 * customer message after a brand reply runs on the next-response target, wakes the customer's
 * snoozed items and reopens a resolved conversation.
 */
export async function captureItems(db: ReplylineDb, captured: readonly CapturedItem[], now: Date): Promise<ItemView[]> {
  return db.transaction('rw', [...SLA_TABLES(db), db.settings, db.identities, db.customers], async () => {
    const ctx = await loadSlaContext(db);
    const rules = await loadPriorityRules(db);
    const log = journal(now);
    const touched = new Map<string, ItemRecord>();
    // Read once per platform, then checked synchronously: an `await` per item of a plain promise
    // loses Dexie's transaction zone after 100 of them (PrematureCommitError on large captures).
    const brandByPlatform = new Map<Platform, string[]>();
    for (const platform of new Set(captured.map((c) => c.platform))) brandByPlatform.set(platform, await brandHandles(db, platform));
    const isBrand = (c: CapturedItem) =>
      c.byBrand || (!!c.author.handle && !!brandByPlatform.get(c.platform)?.includes(normalizeHandle(c.author.handle)));
    const customers: CapturedItem[] = [];
    const answers: CapturedItem[] = [];
    for (const c of captured) (isBrand(c) ? answers : customers).push(c);

    // One read for the whole batch rather than one round trip per item (nothing is written before the end).
    const stored = new Map<string, ItemRecord>();
    for (const r of await db.items.bulkGet(customers.map((c): [Platform, string] => [c.platform, c.externalId])))
      if (r) stored.set(`${r.platform}:${r.externalId}`, r);
    const created: ItemRecord[] = [];
    for (const c of customers) {
      const existing = touched.get(`${c.platform}:${c.externalId}`) ?? stored.get(`${c.platform}:${c.externalId}`);
      if (existing) {
        const merged: ItemRecord = {
          ...existing,
          author: c.author,
          text: c.text ?? existing.text,
          language: c.language ?? existing.language,
          permalink: c.permalink ?? existing.permalink,
          // A precise time replaces an estimate, never the other way round.
          ...(existing.postedAtApproximate && !c.postedAtApproximate ? { postedAt: c.postedAt, postedAtApproximate: undefined } : {}),
        };
        const ranked = withPriority(merged, rules, existing);
        const clockChanged = ranked.postedAt !== existing.postedAt || ranked.priority !== existing.priority;
        touched.set(`${c.platform}:${c.externalId}`, clockChanged ? withDeadlines(ranked, ctx) : ranked);
        continue;
      }
      const fresh: ItemRecord = {
        platform: c.platform,
        externalId: c.externalId,
        kind: c.kind,
        permalink: c.permalink,
        author: c.author,
        text: c.text,
        postedAt: c.postedAt,
        postedAtApproximate: c.postedAtApproximate || undefined,
        language: c.language,
        capturedAt: now.toISOString(),
        status: 'pending',
        customerKey: customerKeyOf(c),
      };
      // Priority first: the SLA policy may match on it.
      const record = withDeadlines(withPriority(fresh, rules), ctx);
      touched.set(`${c.platform}:${c.externalId}`, record);
      created.push(record);
      log.note(record, 'captured', { to: 'pending' });
    }

    let agentName: string | undefined;
    for (const a of answers) {
      if (!a.answersExternalId) continue;
      const key = `${a.platform}:${a.answersExternalId}`;
      let target = touched.get(key);
      if (!target) {
        target = await db.items.get([a.platform, a.answersExternalId]);
        if (target) stored.set(key, target);
      }
      if (!target) continue;
      const answeredAt = target.answeredAt && target.answeredAt < a.postedAt ? target.answeredAt : a.postedAt;
      const status = target.status === 'pending' || target.status === 'snoozed' ? 'answered' : target.status;
      if (status !== target.status || !target.answeredAt)
        log.note(target, 'answered', { from: target.status, to: status, note: `brand reply at ${a.postedAt}` });
      // Who answered, for satisfaction per agent: the agent named in this browser when the reply is seen.
      agentName ??= ((await db.settings.get('agentName'))?.value as string | undefined) ?? '';
      const answeredBy = target.answeredBy ?? (agentName || undefined);
      touched.set(key, { ...target, status, answeredAt, answeredBy, snoozedAt: undefined, snoozedUntil: undefined });
    }

    // The customer wrote again: what that means for their earlier items. Their stored items in one read.
    const byCustomer = new Map<string, ItemRecord[]>();
    for (const r of await db.items
      .where('customerKey')
      .anyOf([...new Set(created.map((r) => r.customerKey ?? ''))])
      .toArray()) {
      const list = byCustomer.get(r.customerKey ?? '');
      if (list) list.push(r);
      else byCustomer.set(r.customerKey ?? '', [r]);
    }
    for (const record of created) {
      const key = `${record.platform}:${record.externalId}`;
      const sameCustomer = new Map<string, ItemRecord>();
      for (const r of byCustomer.get(record.customerKey ?? '') ?? []) sameCustomer.set(`${r.platform}:${r.externalId}`, r);
      for (const [k, r] of touched) if (r.customerKey === record.customerKey) sameCustomer.set(k, r);
      sameCustomer.delete(key);
      const earlier = [...sameCustomer.values()].filter((r) => r.postedAt < record.postedAt);
      let current = touched.get(key) ?? record;
      if (earlier.some((r) => r.answeredAt && r.answeredAt <= record.postedAt)) {
        current = withDeadlines(current, ctx, 'next');
        touched.set(key, current);
      }
      for (const r of earlier) {
        const rKey = `${r.platform}:${r.externalId}`;
        if (r.status === 'snoozed') {
          touched.set(rKey, woken(r, ctx, now));
          log.note(r, 'woke', { from: 'snoozed', to: 'pending', note: 'the customer wrote again' });
        }
      }
      const lastResolved = earlier.filter((r) => r.status === 'resolved').sort((a, b) => b.postedAt.localeCompare(a.postedAt))[0];
      if (lastResolved && !earlier.some((r) => r.postedAt > lastResolved.postedAt && r.status === 'pending')) {
        log.note(current, 'reopened', { note: `conversation resolved at ${lastResolved.resolvedAt ?? '?'} reopened by this message` });
        log.note(lastResolved, 'reopened', { note: `the customer wrote again at ${record.postedAt}` });
      }
    }

    const rows = [...touched.values()];
    await attachIdentities(db, rows, now.toISOString());
    // A page reload captures every item it shows again: rows it left as they were are not rewritten
    // (a put with 14 indexes costs ~0.2 ms in Chromium, and it lands in the counters middleware too).
    const changed = rows.filter((r) => {
      const before = stored.get(`${r.platform}:${r.externalId}`);
      return !before || JSON.stringify(stripUndefined(r)) !== JSON.stringify(before);
    });
    await log.save(db, changed);
    return rows.map(toView);
  });
}

export async function setItemStatus(
  db: ReplylineDb,
  key: { platform: Platform; externalId: string },
  status: ItemStatus,
  now: Date,
  snoozeUntil?: Date,
): Promise<ItemView> {
  return db.transaction('rw', SLA_TABLES(db), async () => {
    const item = await db.items.get([key.platform, key.externalId]);
    if (!item) throw new Error(`No item ${key.platform}:${key.externalId}`);
    if (!canTransition(item.status, status)) throw new Error(`An item cannot go from ${item.status} to ${status}`);
    if (status === 'snoozed' && !(snoozeUntil && snoozeUntil > now)) throw new Error('A snooze needs a wake-up time in the future');
    const ctx = await loadSlaContext(db);
    const log = journal(now);
    const at = now.toISOString();
    let next: ItemRecord = { ...item, status };
    if (item.status === 'snoozed' && status !== 'snoozed') next = { ...woken(item, ctx, now), status };
    if (status === 'snoozed') {
      next = { ...next, snoozedAt: item.status === 'snoozed' ? item.snoozedAt : at, snoozedUntil: snoozeUntil?.toISOString() };
    }
    // Marked answered by hand: the user replied on the site where Replyline did not see it.
    if (status === 'answered') next.answeredAt ??= at;
    next.resolvedAt = status === 'resolved' ? at : status === 'pending' ? undefined : item.resolvedAt;
    log.note(item, status === 'snoozed' ? 'snoozed' : 'status', {
      from: item.status,
      to: status,
      note: status === 'snoozed' ? `until ${next.snoozedUntil}` : undefined,
    });
    const [saved] = await log.save(db, [next]);
    return toView(saved ?? next);
  });
}

/** After policies or business hours change: pending items take the clock of the policy that fits them now. */
export async function reapplyPolicies(db: ReplylineDb): Promise<ItemView[]> {
  return db.transaction('rw', db.items, db.slaPolicies, db.businessHours, db.state, async () => {
    const ctx = await loadSlaContext(db);
    const pending = await db.items.where('status').equals('pending').toArray();
    const updated = pending.map((r) => stripUndefined(withDeadlines(r, ctx)));
    await db.items.bulkPut(updated);
    await forgetResolutionScan(db);
    return updated.map(toView);
  });
}

/** Pending items, most urgent (earliest first-response due time) first. */
export async function pendingItems(db: ReplylineDb, limit: number, offset = 0): Promise<ItemView[]> {
  const rows = await db.items
    .where('[status+firstResponseDueAt]')
    .between(['pending', ''], ['pending', '\uffff'])
    .offset(offset)
    .limit(limit)
    .toArray();
  return rows.map(toView);
}

/** How many pending items are due soon or breached at `now` (the toolbar badge). */
export function urgentCount(db: ReplylineDb, now: Date): Promise<number> {
  return db.items.where('[status+dueSoonAt]').between(['pending', ''], ['pending', now.toISOString()], true, true).count();
}

export async function itemsByKeys(db: ReplylineDb, keys: readonly { platform: Platform; externalId: string }[]) {
  const rows = await db.items.bulkGet(keys.map((k) => [k.platform, k.externalId] as [Platform, string]));
  return rows.filter((r): r is ItemRecord => !!r).map(toView);
}

/** IndexedDB stores `undefined` fields as present; dropping them keeps records and exports equal. */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
