// People behind the items: identities per platform, linked into one customer only when the user
// confirms; notes, tags, sentiment trend, and erasing a person completely.
import { type ItemView, stripUndefined, toView } from '@/utils/backlog';
import type { IdentityRecord, ItemRecord, ReplylineDb } from '@/utils/db';
import { customerKeyOf, normalizeHandle } from '@/utils/db';
import { foldAccents } from '@/utils/keyword-match';
import type { Customer, Note, Priority, SlaMetric } from '@/utils/schema';
import type { Platform } from '@/utils/schema-core';
import { personSentiment, sentimentLabel } from '@/utils/sentiment';
import { missesOf } from '@/utils/sla';

/** One past item in a person's history, with how its clock ended. */
export interface HistoryItem extends ItemView {
  priority?: Priority;
  sentiment?: number;
  /** Minutes from the customer's message to the brand's first reply (wall time); absent while unanswered. */
  firstResponseMinutes?: number;
  /** The targets this item missed (from the miss log); empty when every target was met so far. */
  missed: SlaMetric[];
}

export interface LinkSuggestion {
  customerId: string;
  name: string;
  identities: IdentityRecord[];
  /** Why: "same name", "same website example.com". */
  reasons: string[];
}

export interface CustomerProfile {
  customer: Customer;
  identities: IdentityRecord[];
  /** Every item of every identity, newest first (at most `PROFILE_ITEMS`; `itemTotal` counts them all). */
  items: HistoryItem[];
  itemTotal: number;
  notes: Note[];
  openCount: number;
  lastContactAt?: string;
  /** The person's sentiment: mean of the last five non-neutral items (−1…1); absent with none. */
  sentiment?: number;
  /** Sentiment of the non-neutral items, oldest first, for the trend line. */
  sentimentTrend: { at: string; value: number }[];
  suggestions: LinkSuggestion[];
}

/** One row of the options page's list of people. */
export interface CustomerRow {
  id: string;
  name?: string;
  tags?: string[];
  identities: IdentityRecord[];
  openCount: number;
  lastContactAt?: string;
  /** How many people might be this one on another platform (see `linkSuggestions`). */
  suggestionCount: number;
}

/** A history long enough for any sidebar; the counts still cover every item. */
const PROFILE_ITEMS = 500;
const TREND_POINTS = 50;
const MAX_SUGGESTIONS = 20;
const MAX_NOT_SAME = 500;

/** Items whose message carried some sentiment: the trend line's points. */
const isNonNeutral = (r: ItemRecord): r is ItemRecord & { sentiment: number } =>
  r.sentiment !== undefined && sentimentLabel(r.sentiment) !== 'neutral';

/** The tables people live in: the database's own, or a schema upgrade's. */
type PeopleTables = Pick<ReplylineDb, 'identities' | 'customers'>;

/** Lower-case, without accents, punctuation or emoji: "Zoë O'Brien 🚲" and "zoe o brien" are one name. */
export const nameKeyOf = (name: string) =>
  foldAccents(name)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Customers sort by when they were last seen, to which ten minutes are precision enough: an identity
 * seen again that soon, unchanged, is not rewritten (a page reload re-captures every author on it).
 */
const LAST_SEEN_GRAIN_MS = 10 * 60_000;

const seenLately = (existing: IdentityRecord, name: string, handle: string | undefined, profileUrl: string | undefined, seenAt: string) => {
  const since = Date.parse(seenAt) - Date.parse(existing.lastSeenAt ?? '');
  return (
    since >= 0 && since < LAST_SEEN_GRAIN_MS && existing.name === name && existing.handle === handle && existing.profileUrl === profileUrl
  );
};

/**
 * Gives each item's author an identity, and each new identity a customer of its own: people are
 * linked across platforms only when the user confirms. With `seenAt` (a capture), known identities
 * take the latest name and profile link; without (upgrade, import) they are left as stored.
 */
export async function attachIdentities(tables: PeopleTables, items: readonly ItemRecord[], seenAt?: string): Promise<void> {
  const latest = new Map<string, ItemRecord>();
  for (const item of items) {
    const key = item.customerKey ?? customerKeyOf(item);
    const known = latest.get(key);
    if (!known || known.postedAt <= item.postedAt) latest.set(key, item);
  }
  const entries = [...latest];
  const stored = await tables.identities.bulkGet(entries.map(([key]) => key));
  const identities: IdentityRecord[] = [];
  const customers: Customer[] = [];
  for (const [index, [key, item]] of entries.entries()) {
    const existing = stored[index];
    const { name, handle, profileUrl } = item.author;
    if (existing) {
      if (seenAt && !seenLately(existing, name, handle ?? existing.handle, profileUrl ?? existing.profileUrl, seenAt)) {
        identities.push(
          stripUndefined({
            ...existing,
            name,
            nameKey: nameKeyOf(name),
            handle: handle ?? existing.handle,
            profileUrl: profileUrl ?? existing.profileUrl,
            lastSeenAt: seenAt,
          }),
        );
      }
      continue;
    }
    const customerId = crypto.randomUUID();
    const at = seenAt ?? item.capturedAt;
    customers.push({ id: customerId, name, createdAt: at });
    identities.push(
      stripUndefined({
        key,
        customerId,
        platform: item.platform,
        handle,
        name,
        profileUrl,
        nameKey: nameKeyOf(name),
        firstSeenAt: at,
        lastSeenAt: at,
      }),
    );
  }
  await tables.customers.bulkAdd(customers);
  await tables.identities.bulkPut(identities);
}

const identitiesOf = (db: ReplylineDb, customerId: string) => db.identities.where('customerId').equals(customerId).sortBy('key');

async function customerOrThrow(db: ReplylineDb, id: string): Promise<Customer> {
  const customer = await db.customers.get(id);
  if (!customer) throw new Error(`No customer ${id}`);
  return customer;
}

const withoutId = (list: readonly string[] | undefined, id: string) => list?.filter((x) => x !== id);
const addId = (list: readonly string[] | undefined, id: string) => [...(list ?? []).filter((x) => x !== id), id].slice(-MAX_NOT_SAME);

/** Other people who said "not the same person" of `from` say it of `to` now (or of nobody). */
async function replaceInNotSame(db: ReplylineDb, from: string, to?: string) {
  await db.customers
    .filter((c) => !!c.notSame?.includes(from))
    .modify((c) => {
      const rest = withoutId(c.notSame, from) ?? [];
      const next = to && to !== c.id ? addId(rest, to) : rest;
      if (next.length) c.notSame = next;
      else delete c.notSame;
    });
}

/** A name common enough to belong to strangers ("Maya") is no evidence; a full name is. */
const isFullName = (nameKey: string) => nameKey.split(' ').length >= 2;

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

/**
 * People who may be this one on another platform: the same full name on another platform, or the
 * same linked website. Never someone the user said is not the same person (either way round).
 */
export async function linkSuggestions(db: ReplylineDb, customerId: string): Promise<LinkSuggestion[]> {
  const customer = await customerOrThrow(db, customerId);
  const reasons = new Map<string, Set<string>>();
  const add = (other: IdentityRecord, reason: string) => {
    if (other.customerId === customerId || customer.notSame?.includes(other.customerId)) return;
    reasons.set(other.customerId, (reasons.get(other.customerId) ?? new Set()).add(reason));
  };
  for (const identity of await identitiesOf(db, customerId)) {
    if (isFullName(identity.nameKey)) {
      const sameName = await db.identities.where('nameKey').equals(identity.nameKey).limit(MAX_SUGGESTIONS).toArray();
      for (const other of sameName) if (other.platform !== identity.platform) add(other, 'same name');
    }
    if (identity.site) {
      const sameSite = await db.identities.where('site').equals(identity.site).limit(MAX_SUGGESTIONS).toArray();
      for (const other of sameSite) add(other, `same website ${hostOf(identity.site)}`);
    }
  }
  const ids = [...reasons.keys()].slice(0, MAX_SUGGESTIONS);
  const others = await db.customers.bulkGet(ids);
  const suggestions: LinkSuggestion[] = [];
  for (const [index, id] of ids.entries()) {
    const other = others[index];
    if (!other || other.notSame?.includes(customerId)) continue;
    const identities = await identitiesOf(db, id);
    suggestions.push({ customerId: id, name: other.name ?? identities[0]?.name ?? id, identities, reasons: [...(reasons.get(id) ?? [])] });
  }
  return suggestions;
}

const PEOPLE_TABLES = (db: ReplylineDb) => [db.customers, db.identities, db.notes];

/** `otherId`'s identities, notes and tags move to `customerId`, and `otherId` is gone: one transaction. */
export async function linkCustomers(db: ReplylineDb, customerId: string, otherId: string): Promise<void> {
  if (customerId === otherId) throw new Error('A person cannot be linked with themselves');
  await db.transaction('rw', PEOPLE_TABLES(db), async () => {
    const keep = await customerOrThrow(db, customerId);
    const gone = await customerOrThrow(db, otherId);
    await db.identities.where('customerId').equals(otherId).modify({ customerId });
    await db.notes.where('customerId').equals(otherId).modify({ customerId });
    const tags = [...new Set([...(keep.tags ?? []), ...(gone.tags ?? [])])];
    const notSame = [...new Set([...(keep.notSame ?? []), ...(gone.notSame ?? [])])].filter((id) => id !== customerId && id !== otherId);
    const createdAt = [keep.createdAt, gone.createdAt].filter((d): d is string => !!d).sort()[0];
    await db.customers.put(
      stripUndefined({
        ...gone,
        ...keep,
        name: keep.name ?? gone.name,
        createdAt,
        tags: tags.length ? tags : undefined,
        notSame: notSame.length ? notSame.slice(-MAX_NOT_SAME) : undefined,
      }),
    );
    await db.customers.delete(otherId);
    await replaceInNotSame(db, otherId, customerId);
  });
}

/** The identity becomes a person of its own, never suggested back to the one it left. */
export async function unlinkIdentity(db: ReplylineDb, customerId: string, identityKey: string, now: Date): Promise<string> {
  return db.transaction('rw', PEOPLE_TABLES(db), async () => {
    const customer = await customerOrThrow(db, customerId);
    const identity = await db.identities.get(identityKey);
    if (!identity || identity.customerId !== customerId) throw new Error(`${identityKey} is not an identity of this person`);
    if ((await db.identities.where('customerId').equals(customerId).count()) < 2)
      throw new Error('This is the only identity of this person');
    const id = crypto.randomUUID();
    await db.customers.add({ id, name: identity.name, createdAt: now.toISOString(), notSame: [customerId] });
    await db.identities.update(identityKey, { customerId: id });
    await db.customers.put({ ...customer, notSame: addId(customer.notSame, id) });
    return id;
  });
}

/** "Not the same person": neither is suggested to the other again. */
export async function dismissSuggestion(db: ReplylineDb, customerId: string, otherId: string): Promise<void> {
  if (customerId === otherId) throw new Error('A person is always the same as themselves');
  await db.transaction('rw', db.customers, async () => {
    const one = await customerOrThrow(db, customerId);
    const other = await customerOrThrow(db, otherId);
    await db.customers.bulkPut([
      { ...one, notSame: addId(one.notSame, otherId) },
      { ...other, notSame: addId(other.notSame, customerId) },
    ]);
  });
}

/** Tags trimmed, without duplicates (in any case), in the order given. */
function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags
    .map((t) => t.trim())
    .filter((t) => {
      const key = t.toLowerCase();
      if (!t || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export async function saveCustomer(db: ReplylineDb, change: { id: string; name?: string; tags?: string[] }): Promise<Customer> {
  return db.transaction('rw', db.customers, async () => {
    const customer = await customerOrThrow(db, change.id);
    const name = change.name === undefined ? customer.name : change.name.trim() || undefined;
    const tags = change.tags === undefined ? customer.tags : cleanTags(change.tags);
    const saved = stripUndefined({ ...customer, name, tags: tags?.length ? tags : undefined });
    await db.customers.put(saved);
    return saved;
  });
}

/** Adds a note (no `id`) or edits one; the note keeps when it was written and says when it was edited. */
export async function saveNote(db: ReplylineDb, input: { id?: string; customerId: string; body: string }, now: Date): Promise<Note> {
  const body = input.body.trim();
  if (!body) throw new Error('A note needs some text');
  return db.transaction('rw', db.customers, db.notes, async () => {
    await customerOrThrow(db, input.customerId);
    const at = now.toISOString();
    let note: Note = { id: crypto.randomUUID(), customerId: input.customerId, body, createdAt: at };
    if (input.id) {
      const stored = await db.notes.get(input.id);
      if (!stored || stored.customerId !== input.customerId) throw new Error(`No note ${input.id} for this person`);
      note = { ...stored, body, updatedAt: at };
    }
    await db.notes.put(note);
    return note;
  });
}

export async function deleteNote(db: ReplylineDb, id: string): Promise<void> {
  await db.notes.delete(id);
}

const MINUTE = 60_000;

function historyItem(record: ItemRecord, logged: readonly SlaMetric[], now: number): HistoryItem {
  const missed = new Set([...logged, ...missesOf(record, now).map((e) => e.metric)]);
  const answered = record.answeredAt ? Date.parse(record.answeredAt) - Date.parse(record.postedAt) : undefined;
  return {
    ...toView(record),
    firstResponseMinutes: answered === undefined ? undefined : Math.max(0, Math.round(answered / MINUTE)),
    missed: [...missed],
  };
}

/** A person by id, or by one of their items. */
interface CustomerRef {
  customerId?: string;
  item?: { platform: Platform; externalId: string };
}

async function customerIdOf(db: ReplylineDb, { customerId, item }: CustomerRef): Promise<string> {
  if (customerId) return customerId;
  if (!item) throw new Error('Which customer? Give an item or a customer id');
  const record = await db.items.get([item.platform, item.externalId]);
  const identity = record?.customerKey ? await db.identities.get(record.customerKey) : undefined;
  if (!identity) throw new Error(`No customer for ${item.platform}:${item.externalId}`);
  return identity.customerId;
}

const isOpen = (r: Pick<ItemRecord, 'status'>) => r.status === 'pending' || r.status === 'snoozed';
const newestFirst = (a: Pick<ItemRecord, 'postedAt'>, b: Pick<ItemRecord, 'postedAt'>) => b.postedAt.localeCompare(a.postedAt);

/** Everything the sidebar shows about one person, from one of their items or their id. */
export async function customerProfile(db: ReplylineDb, ref: CustomerRef, now: Date): Promise<CustomerProfile> {
  return db.transaction('r', [db.items, db.identities, db.customers, db.notes, db.slaEvents], async () => {
    const customerId = await customerIdOf(db, ref);
    const customer = await customerOrThrow(db, customerId);
    const identities = await identitiesOf(db, customerId);
    const records = (
      await db.items
        .where('customerKey')
        .anyOf(identities.map((i) => i.key))
        .toArray()
    ).sort(newestFirst);
    const shown = records.slice(0, PROFILE_ITEMS);
    const events = await db.slaEvents
      .where('[platform+externalId]')
      .anyOf(shown.map((r) => [r.platform, r.externalId]))
      .toArray();
    const missedBy = new Map<string, SlaMetric[]>();
    for (const e of events)
      missedBy.set(`${e.platform}:${e.externalId}`, [...(missedBy.get(`${e.platform}:${e.externalId}`) ?? []), e.metric]);
    const notes = (await db.notes.where('customerId').equals(customerId).toArray()).sort((a, b) =>
      (b.createdAt ?? '').localeCompare(a.createdAt ?? ''),
    );
    const scored = records.filter(isNonNeutral).reverse();
    return {
      customer,
      identities,
      items: shown.map((r) => historyItem(r, missedBy.get(`${r.platform}:${r.externalId}`) ?? [], now.getTime())),
      itemTotal: records.length,
      notes,
      openCount: records.filter(isOpen).length,
      lastContactAt: records[0]?.postedAt,
      sentiment: personSentiment(records),
      sentimentTrend: scored.slice(-TREND_POINTS).map((r) => ({ at: r.postedAt, value: r.sentiment })),
      suggestions: await linkSuggestions(db, customerId),
    };
  });
}

/** The people whose name, handle or tags contain `query`, most recently seen first. */
export async function listCustomers(
  db: ReplylineDb,
  { query, limit, offset = 0 }: { query?: string; limit: number; offset?: number },
): Promise<{ customers: CustomerRow[]; total: number }> {
  return db.transaction('r', [db.items, db.identities, db.customers], async () => {
    const byCustomer = new Map<string, IdentityRecord[]>();
    for (const identity of await db.identities.toArray()) {
      byCustomer.set(identity.customerId, [...(byCustomer.get(identity.customerId) ?? []), identity]);
    }
    const q = nameKeyOf(query ?? '');
    const qHandle = normalizeHandle(query ?? '');
    const fits = (c: Customer, identities: readonly IdentityRecord[]) =>
      !q ||
      nameKeyOf(c.name ?? '').includes(q) ||
      !!c.tags?.some((t) => nameKeyOf(t).includes(q)) ||
      identities.some((i) => i.nameKey.includes(q) || (!!qHandle && !!i.handle && normalizeHandle(i.handle).includes(qHandle)));
    const lastSeen = (identities: readonly IdentityRecord[]) =>
      identities.reduce((max, i) => ((i.lastSeenAt ?? '') > max ? (i.lastSeenAt ?? '') : max), '');
    const matching = (await db.customers.toArray())
      .map((c) => ({ c, identities: (byCustomer.get(c.id) ?? []).sort((a, b) => a.key.localeCompare(b.key)) }))
      .filter(({ c, identities }) => fits(c, identities))
      .sort((a, b) => lastSeen(b.identities).localeCompare(lastSeen(a.identities)) || (a.c.name ?? '').localeCompare(b.c.name ?? ''));
    const rows: CustomerRow[] = [];
    for (const { c, identities } of matching.slice(offset, offset + limit)) {
      const items = await db.items
        .where('customerKey')
        .anyOf(identities.map((i) => i.key))
        .toArray();
      rows.push({
        id: c.id,
        name: c.name,
        tags: c.tags,
        identities,
        openCount: items.filter(isOpen).length,
        lastContactAt: items
          .map((r) => r.postedAt)
          .sort()
          .at(-1),
        suggestionCount: (await linkSuggestions(db, c.id)).length,
      });
    }
    return { customers: rows, total: matching.length };
  });
}

/**
 * Erases a person: their items with their miss log and history, identities, notes and the customer,
 * and their id from others' "not the same person" lists, in ONE transaction: all of it or nothing.
 * (The backlog counters follow the item deletes in the same transaction: utils/counters.ts.)
 */
export async function eraseCustomer(db: ReplylineDb, customerId: string): Promise<{ items: number; notes: number }> {
  const tables = [db.items, db.identities, db.customers, db.notes, db.slaEvents, db.history];
  return db.transaction('rw', tables, async () => {
    await customerOrThrow(db, customerId);
    const keys = await db.identities.where('customerId').equals(customerId).primaryKeys();
    const items = await db.items.where('customerKey').anyOf(keys).primaryKeys();
    await db.slaEvents.where('[platform+externalId]').anyOf(items).delete();
    await db.history.where('[platform+externalId]').anyOf(items).delete();
    await db.items.bulkDelete(items);
    const notes = await db.notes.where('customerId').equals(customerId).delete();
    await db.identities.bulkDelete(keys);
    await db.customers.delete(customerId);
    await replaceInNotSame(db, customerId);
    return { items: items.length, notes };
  });
}
