// Backlog rules: idempotent capture, brand replies answering items, status transitions, queries.
import type { ItemRecord, ReplylineDb } from '@/utils/db';
import { normalizeHandle } from '@/utils/db';
import type { CapturedItem, ItemStatus, Platform, SlaPolicy } from '@/utils/schema';
import { firstResponseDeadlines, matchPolicy } from '@/utils/sla';

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

/** Applies the SLA policy that fits the item now (policies can change between captures). */
export function withDeadlines(record: ItemRecord, policies: readonly SlaPolicy[]): ItemRecord {
  const policy = matchPolicy(policies, record);
  const { dueAt, dueSoonAt } = firstResponseDeadlines(policy, record.postedAt);
  return { ...record, policyId: policy.id, firstResponseDueAt: dueAt, dueSoonAt };
}

/**
 * Records what a page shows. The same item captured by five tabs at once is one row: the key is
 * platform + externalId and the read-merge-write runs in one transaction. Brand items are not
 * stored; a brand reply marks the item it answers `answered` at the reply's platform time.
 */
export async function captureItems(db: ReplylineDb, captured: readonly CapturedItem[], now: Date): Promise<ItemView[]> {
  return db.transaction('rw', db.items, db.slaPolicies, db.accounts, async () => {
    const policies = await db.slaPolicies.toArray();
    const touched = new Map<string, ItemRecord>();
    const brandByPlatform = new Map<Platform, string[]>();
    const isBrand = async (c: CapturedItem) => {
      if (c.byBrand) return true;
      let handles = brandByPlatform.get(c.platform);
      if (!handles) {
        handles = await brandHandles(db, c.platform);
        brandByPlatform.set(c.platform, handles);
      }
      return !!c.author.handle && handles.includes(normalizeHandle(c.author.handle));
    };
    const customers: CapturedItem[] = [];
    const answers: CapturedItem[] = [];
    for (const c of captured) ((await isBrand(c)) ? answers : customers).push(c);

    for (const c of customers) {
      const existing = touched.get(`${c.platform}:${c.externalId}`) ?? (await db.items.get([c.platform, c.externalId]));
      const merged: ItemRecord = existing
        ? {
            ...existing,
            author: c.author,
            text: c.text ?? existing.text,
            permalink: c.permalink ?? existing.permalink,
            // A precise time replaces an estimate, never the other way round.
            ...(existing.postedAtApproximate && !c.postedAtApproximate ? { postedAt: c.postedAt, postedAtApproximate: undefined } : {}),
          }
        : {
            platform: c.platform,
            externalId: c.externalId,
            kind: c.kind,
            permalink: c.permalink,
            author: c.author,
            text: c.text,
            postedAt: c.postedAt,
            postedAtApproximate: c.postedAtApproximate || undefined,
            capturedAt: now.toISOString(),
            status: 'pending',
          };
      const record = existing && merged.postedAt === existing.postedAt ? merged : withDeadlines(merged, policies);
      touched.set(`${c.platform}:${c.externalId}`, record);
    }
    for (const a of answers) {
      if (!a.answersExternalId) continue;
      const key = `${a.platform}:${a.answersExternalId}`;
      const target = touched.get(key) ?? (await db.items.get([a.platform, a.answersExternalId]));
      if (!target) continue;
      const answeredAt = target.answeredAt && target.answeredAt < a.postedAt ? target.answeredAt : a.postedAt;
      const status = target.status === 'pending' || target.status === 'snoozed' ? 'answered' : target.status;
      touched.set(key, { ...target, status, answeredAt });
    }
    const records = [...touched.values()].map(stripUndefined);
    await db.items.bulkPut(records);
    return records.map(toView);
  });
}

export async function setItemStatus(
  db: ReplylineDb,
  key: { platform: Platform; externalId: string },
  status: ItemStatus,
  now: Date,
): Promise<ItemView> {
  return db.transaction('rw', db.items, async () => {
    const item = await db.items.get([key.platform, key.externalId]);
    if (!item) throw new Error(`No item ${key.platform}:${key.externalId}`);
    if (!canTransition(item.status, status)) throw new Error(`An item cannot go from ${item.status} to ${status}`);
    const next: ItemRecord = stripUndefined({
      ...item,
      status,
      resolvedAt: status === 'resolved' ? now.toISOString() : status === 'pending' ? undefined : item.resolvedAt,
    });
    await db.items.put(next);
    return toView(next);
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

/** The next moment the urgent count can grow on its own, for the scheduler. */
export async function nextDueSoon(db: ReplylineDb, now: Date): Promise<number | null> {
  const next = await db.items
    .where('[status+dueSoonAt]')
    .between(['pending', now.toISOString()], ['pending', '\uffff'], false, true)
    .first();
  return next?.dueSoonAt ? Date.parse(next.dueSoonAt) : null;
}

export async function itemsByKeys(db: ReplylineDb, keys: readonly { platform: Platform; externalId: string }[]) {
  const rows = await db.items.bulkGet(keys.map((k) => [k.platform, k.externalId] as [Platform, string]));
  return rows.filter((r): r is ItemRecord => !!r).map(toView);
}

/** IndexedDB stores `undefined` fields as present; dropping them keeps records and exports equal. */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
