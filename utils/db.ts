// The one database. Only the background opens it: a content script's IndexedDB would belong to
// the site's origin, and one writer keeps upserts and SLA state consistent.
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { PendingSla } from '@/utils/backlog-filter';
import { backlogMiddleware, recountAll } from '@/utils/counters';
import { attachIdentities } from '@/utils/customers';
import type { PlatformHealth } from '@/utils/health';
import type {
  Account,
  BusinessHours,
  Customer,
  HistoryEntry,
  Identity,
  Item,
  Note,
  Priority,
  SlaEvent,
  SlaPolicy,
  Template,
} from '@/utils/schema';
import type { Platform } from '@/utils/schema-core';

/** An item as stored: the export fields plus what the SLA clock derives from its policy. */
export interface ItemRecord extends Item {
  dueSoonAt?: string;
  policyId?: string;
  /** `<platform>:<handle or name>`, lower-case: one customer's items across pages. */
  customerKey?: string;
  /** Alerts already shown for the current deadline, so a worker restart never repeats them. */
  alertedSoonFor?: string;
  alertedBreachFor?: string;
  /** Derived on every write by the backlog middleware (utils/counters.ts) for the popup's indexes; never set by hand. */
  slaState?: PendingSla;
  slaNextAt?: string;
  dueKey?: string;
  priorityKey?: Priority;
  tagKeys?: string[];
}

/** A platform identity as stored; `key` is the `customerKey` its items carry. */
export interface IdentityRecord extends Identity {
  key: string;
  customerId: string;
  /** Lower-case name without accents or punctuation: finds same-name identities on other platforms. */
  nameKey: string;
  firstSeenAt?: string;
  lastSeenAt?: string;
}

/** One incrementally kept backlog count (issue 7 defines the keys). */
export interface CounterRecord {
  key: string;
  count: number;
}

/** The background's own bookkeeping (never exported, cleared with everything else). */
export interface StateRecord {
  key: string;
  value: unknown;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * Schema ladder. Never edit a released version: add the next one with its `upgrade`, which
 * Dexie runs in the version-change transaction (so an interrupted upgrade rolls back whole).
 */
export const SCHEMA_VERSIONS: readonly {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: import('dexie').Transaction) => Promise<void>;
}[] = [
  {
    version: 1,
    stores: {
      items: '[platform+externalId], status, [status+firstResponseDueAt], [status+dueSoonAt], postedAt',
      customers: 'id',
      templates: 'id, &shortcut',
      slaPolicies: 'id, order',
      accounts: '[platform+handle]',
      settings: 'key',
      businessHours: 'id',
      notes: 'id',
    },
  },
  {
    version: 2,
    stores: {
      items:
        '[platform+externalId], status, [status+firstResponseDueAt], [status+dueSoonAt], postedAt, customerKey, resolutionDueAt, [status+snoozedUntil]',
      // Adapter health survives the service worker sleeping; it is diagnostics, never exported.
      health: 'platform',
      slaEvents: 'id, [platform+externalId], at',
      history: 'id, [platform+externalId], at',
    },
    upgrade: async (tx) => {
      await tx
        .table('items')
        .toCollection()
        .modify((item: ItemRecord) => {
          item.customerKey = customerKeyOf(item);
        });
    },
  },
  {
    version: 3,
    stores: {
      // Issue 7 (popup at scale) owns this items line: filter and count indexes.
      // The popup reads the backlog most urgent first through one of these (utils/backlog-query.ts);
      // the primary key ends each one so a page starts exactly after the last row of the previous one.
      items:
        '[platform+externalId], status, [status+firstResponseDueAt], [status+dueSoonAt], postedAt, customerKey, resolutionDueAt, [status+snoozedUntil], ' +
        '[status+dueKey+platform+externalId], [status+platform+dueKey+externalId], [slaState+platform+dueKey+externalId], ' +
        '[status+priorityKey+dueKey+platform+externalId], *tagKeys, slaNextAt',
      // People: `identities` holds one row per platform identity (key = the items' customerKey),
      // pointing at its customer; customers hold the person (name, tags, dismissed suggestions).
      identities: 'key, customerId, nameKey, site',
      notes: 'id, customerId',
      // Backlog counts by platform, status and SLA state, kept in the same transaction as item writes.
      counters: 'key',
    },
    // Every author seen so far becomes an identity with a customer of its own (linked later by the user).
    upgrade: async (tx) => {
      const tables = { identities: tx.table('identities'), customers: tx.table('customers') };
      await attachIdentities(tables, await tx.table('items').toArray());
      // Items get their query fields and the backlog its counts.
      await recountAll(tx);
    },
  },
  {
    version: 4,
    stores: {
      // Where the scheduler's scans stopped (RESOLUTION_SCAN_KEY), so a pass reads what changed since.
      state: 'key',
    },
  },
];

export class ReplylineDb extends Dexie {
  items!: Table<ItemRecord, [Platform, string]>;
  customers!: EntityTable<Customer, 'id'>;
  templates!: EntityTable<Template, 'id'>;
  slaPolicies!: EntityTable<SlaPolicy, 'id'>;
  accounts!: Table<Account, [Platform, string]>;
  settings!: EntityTable<SettingRecord, 'key'>;
  businessHours!: EntityTable<BusinessHours, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  health!: EntityTable<PlatformHealth, 'platform'>;
  slaEvents!: EntityTable<SlaEvent, 'id'>;
  history!: EntityTable<HistoryEntry, 'id'>;
  identities!: EntityTable<IdentityRecord, 'key'>;
  counters!: EntityTable<CounterRecord, 'key'>;
  state!: EntityTable<StateRecord, 'key'>;

  constructor(name = 'replyline') {
    super(name);
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const v = this.version(version).stores(stores);
      if (upgrade) v.upgrade(upgrade);
    }
    this.use(backlogMiddleware());
  }
}

export const normalizeHandle = (handle: string) => handle.trim().replace(/^@/, '').toLowerCase();

/** An item's primary key in the `items` table. */
export const itemRowKey = (r: Pick<Item, 'platform' | 'externalId'>): [Platform, string] => [r.platform, r.externalId];

export const customerKeyOf = (item: Pick<Item, 'platform' | 'author'>) =>
  `${item.platform}:${item.author.handle ? normalizeHandle(item.author.handle) : item.author.name.trim().toLowerCase()}`;

/**
 * The latest resolution deadline the scheduler has checked for misses. Imports and policy changes
 * can put deadlines behind it that were never checked: they forget it, and the next pass reads all.
 */
export const RESOLUTION_SCAN_KEY = 'resolution-checked-through';
export const forgetResolutionScan = (db: ReplylineDb) => db.state.delete(RESOLUTION_SCAN_KEY);
