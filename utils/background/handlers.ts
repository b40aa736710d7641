// The background's handler map: exhaustive over the protocol (a missing handler fails tsc).

import { captureGate } from '@/utils/background/capture-gate';
import type { Handlers, Sender } from '@/utils/background/router';
import {
  brandHandles,
  captureItems,
  type ItemView,
  itemsByKeys,
  loadSlaContext,
  pendingItems,
  reapplyPolicies,
  setItemStatus,
  stripUndefined,
  toView,
  urgentCount,
} from '@/utils/backlog';
import { queryBacklog } from '@/utils/backlog-query';
import { validateCalendar } from '@/utils/business-hours';
import { backlogCounts } from '@/utils/counters';
import {
  customerProfile,
  deleteNote,
  dismissSuggestion,
  eraseCustomer,
  linkCustomers,
  listCustomers,
  saveCustomer,
  saveNote,
  unlinkIdentity,
} from '@/utils/customers';
import { eraseData, storageReport } from '@/utils/data-erase';
import { exportAll, importData } from '@/utils/data-transfer';
import { normalizeHandle, type ReplylineDb } from '@/utils/db';
import { applyHealthReport, type HealthWarning, healthWarnings } from '@/utils/health';
import { computeMetricsReport, metricsIndexBounds, metricsItemRowOf, metricsRangeFilter, metricsRangeOf } from '@/utils/metrics';
import { setItemPriority } from '@/utils/priority';
import { SATISFACTION_ITEMS_CAP, satisfactionReadBounds, satisfactionReport } from '@/utils/satisfaction';
import { DEFAULT_SIDEBAR_SHORTCUT, type Settings, type SlaPolicy } from '@/utils/schema';
import type { Platform } from '@/utils/schema-core';
import { loadSentimentLists } from '@/utils/sentiment-lists';
import { recurringTopics } from '@/utils/topics';

const TOPIC_ITEMS_CAP = 20_000;

export const DEFAULT_PALETTE_SHORTCUT = 'Ctrl+Shift+Space';

export interface BackgroundDeps {
  db: ReplylineDb;
  now: () => Date;
  /** After any item write: refresh the toolbar badge and the scheduler, tell tabs and pages. */
  itemsChanged: (items: ItemView[], sender?: Sender) => void;
  /** After settings, accounts or templates change. */
  configChanged: () => void;
  /** Adapter health changed: open extension pages refresh, tabs need not hear of it. */
  healthChanged: () => void;
  openItem: (item: ItemView) => Promise<{ focusedTab: boolean }>;
  /** `navigator.storage.estimate` where the browser has it. */
  estimateStorage?: () => Promise<StorageEstimate>;
  /** Warnings about the database itself (storage full), listed with the sites' health. */
  storageWarnings?: () => HealthWarning[];
}

export async function readSettings(db: ReplylineDb): Promise<Settings> {
  return Object.fromEntries((await db.settings.toArray()).map((s) => [s.key, s.value])) as Settings;
}

/** Capture messages closer than this share a transaction (utils/background/capture-gate.ts has the measurements). */
const CAPTURE_GAP_MS = 150;
/** The protocol's cap on one capture message, twice: a group stays a short transaction. */
const CAPTURE_GROUP_MAX = 1_000;

export function createHandlers(deps: BackgroundDeps): Handlers {
  const { db, now } = deps;
  const storeCaptures = captureGate((items) => captureItems(db, items, now()), { gapMs: CAPTURE_GAP_MS, maxItems: CAPTURE_GROUP_MAX });

  return {
    'items/capture': async ({ items }, sender) => {
      await loadSentimentLists();
      const views = await storeCaptures(items);
      deps.itemsChanged(views, sender);
      return views;
    },
    'items/get': ({ keys }) => itemsByKeys(db, keys),
    'items/list-pending': async ({ limit, offset }) => ({
      items: await pendingItems(db, limit, offset),
      urgent: await urgentCount(db, now()),
      pending: await db.items.where('status').equals('pending').count(),
    }),
    'items/set-status': async ({ key, status, snoozeUntil }) => {
      const view = await setItemStatus(db, key, status, now(), snoozeUntil ? new Date(snoozeUntil) : undefined);
      deps.itemsChanged([view]);
      return view;
    },
    'items/open': async (key) => {
      const [item] = await itemsByKeys(db, [key]);
      if (!item) throw new Error(`No item ${key.platform}:${key.externalId}`);
      return deps.openItem(item);
    },
    'items/history': async ({ platform, externalId }) => ({
      history: await db.history.where('[platform+externalId]').equals([platform, externalId]).toArray(),
      events: await db.slaEvents.where('[platform+externalId]').equals([platform, externalId]).toArray(),
    }),
    'policies/list': async () => (await db.slaPolicies.toArray()).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name)),
    'policies/save': async (policy) => {
      if (policy.businessHoursId && !(await db.businessHours.get(policy.businessHoursId))) {
        throw new Error(`No business hours with id "${policy.businessHoursId}"`);
      }
      await db.slaPolicies.put(policy);
      deps.itemsChanged(await reapplyPolicies(db));
      return policy;
    },
    'policies/delete': async ({ id }) => {
      await db.slaPolicies.delete(id);
      deps.itemsChanged(await reapplyPolicies(db));
      return null;
    },
    'policies/reorder': async ({ ids }) => {
      const reordered = await db.transaction('rw', db.slaPolicies, async () => {
        const found = await db.slaPolicies.bulkGet(ids);
        const missing = ids.find((_, i) => !found[i]);
        if (missing) throw new Error(`No policy with id "${missing}"`);
        const next = found.map((p, order) => ({ ...(p as SlaPolicy), order }));
        await db.slaPolicies.bulkPut(next);
        return next;
      });
      deps.itemsChanged(await reapplyPolicies(db));
      return reordered;
    },
    'business-hours/list': async () => (await db.businessHours.toArray()).sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id)),
    'business-hours/save': async (calendar) => {
      const problems = validateCalendar(calendar);
      if (problems.length) throw new Error(problems.join('; '));
      await db.businessHours.put(calendar);
      deps.itemsChanged(await reapplyPolicies(db));
      return calendar;
    },
    'business-hours/delete': async ({ id }) => {
      await db.transaction('rw', db.slaPolicies, db.businessHours, async () => {
        const user = (await db.slaPolicies.toArray()).find((p) => p.businessHoursId === id);
        if (user) throw new Error(`Used by the policy "${user.name}": choose other hours there first`);
        await db.businessHours.delete(id);
      });
      deps.configChanged();
      return null;
    },
    'page/context': async ({ platform }) => {
      const settings = await readSettings(db);
      const accounts = await db.accounts.where('[platform+handle]').between([platform, ''], [platform, '\uffff']).toArray();
      const templates = (await db.templates.toArray()).filter((t) => !t.platforms?.length || t.platforms.includes(platform));
      return {
        brandHandles: await brandHandles(db, platform),
        brandName: accounts.find((a) => a.displayName)?.displayName,
        agentName: settings.agentName,
        templates,
        paletteShortcut: settings.paletteShortcut ?? DEFAULT_PALETTE_SHORTCUT,
        sidebarShortcut: settings.sidebarShortcut || DEFAULT_SIDEBAR_SHORTCUT,
        sidebarSide: settings.sidebarSide ?? 'right',
        voice: settings.voice,
        listening: settings.listening?.enabled ? settings.listening : undefined,
      };
    },
    'health/report': async (report) => {
      await db.transaction('rw', db.health, async () => {
        await db.health.put(applyHealthReport(await db.health.get(report.platform), report, now().toISOString()));
      });
      if (report.failures.length || report.visit) deps.healthChanged();
      return null;
    },
    'health/list': async () => {
      const platforms = await db.health.toArray();
      return { platforms, warnings: [...(deps.storageWarnings?.() ?? []), ...healthWarnings(platforms, now().getTime())] };
    },
    'health/clear': async () => {
      await db.health.clear();
      deps.healthChanged();
      return null;
    },
    'accounts/list': () => db.accounts.toArray(),
    'accounts/save': async (account) => {
      const saved = { ...account, handle: normalizeHandle(account.handle) };
      await db.accounts.put(saved);
      deps.configChanged();
      return saved;
    },
    'accounts/delete': async ({ platform, handle }) => {
      await db.accounts.delete([platform as Platform, normalizeHandle(handle)]);
      deps.configChanged();
      return null;
    },
    'templates/list': async () => (await db.templates.toArray()).sort((a, b) => a.name.localeCompare(b.name)),
    'templates/save': async (template) =>
      db.transaction('rw', db.templates, async () => {
        const holder = await db.templates.where('shortcut').equals(template.shortcut).first();
        if (holder && holder.id !== template.id) {
          throw new Error(`The shortcut ${template.shortcut} is already used by "${holder.name}"`);
        }
        // Uses counted while the editor was open are kept: the editor's copy of the counts is older.
        const stored = await db.templates.get(template.id);
        const usageCount = Math.max(stored?.usageCount ?? 0, template.usageCount ?? 0) || undefined;
        const lastUsed = [stored?.lastUsedAt, template.lastUsedAt]
          .filter((d): d is string => !!d)
          .sort()
          .at(-1);
        await db.templates.put(stripUndefined({ ...template, usageCount, lastUsedAt: lastUsed }));
        deps.configChanged();
        return template;
      }),
    'templates/delete': async ({ id }) => {
      await db.templates.delete(id);
      deps.configChanged();
      return null;
    },
    'templates/used': async ({ id }) => {
      const at = now().toISOString();
      await db.templates
        .where('id')
        .equals(id)
        .modify((t) => {
          t.usageCount = (t.usageCount ?? 0) + 1;
          t.lastUsedAt = at;
        });
      // Open tabs rank with the new counts from their next config refresh; no need to wake them all now.
      return null;
    },
    'settings/get': () => readSettings(db),
    'settings/save': async (settings) => {
      await db.settings.bulkPut(Object.entries(settings).map(([key, value]) => ({ key, value })));
      deps.configChanged();
      // Alert and retention settings change what the scheduler does now: let it run and re-arm.
      if (settings.alerts || settings.retention) deps.itemsChanged([]);
      return readSettings(db);
    },
    'data/export': () => exportAll(db, now()),
    'data/import': async ({ file }) => {
      const result = await importData(db, file);
      if (result.ok) {
        deps.itemsChanged([]);
        deps.configChanged();
      }
      return result;
    },
    // --- customers, notes, priority (issue 6)
    // People changes refresh open pages (and the badge, when items went away); tabs keep their badges.
    'customers/profile': (ref) => customerProfile(db, ref, now()),
    'customers/list': (query) => listCustomers(db, query),
    'customers/link': async ({ customerId, otherId }) => {
      await linkCustomers(db, customerId, otherId);
      deps.itemsChanged([]);
      return customerProfile(db, { customerId }, now());
    },
    'customers/unlink': async ({ customerId, identityKey }) => {
      await unlinkIdentity(db, customerId, identityKey, now());
      deps.itemsChanged([]);
      return customerProfile(db, { customerId }, now());
    },
    'customers/dismiss-suggestion': async ({ customerId, otherId }) => {
      await dismissSuggestion(db, customerId, otherId);
      deps.itemsChanged([]);
      return null;
    },
    'customers/save': async (change) => {
      const saved = await saveCustomer(db, change);
      deps.itemsChanged([]);
      return saved;
    },
    'customers/erase': async ({ customerId }) => {
      const erased = await eraseCustomer(db, customerId);
      deps.itemsChanged([]);
      return erased;
    },
    'notes/save': async (note) => {
      const saved = await saveNote(db, note, now());
      deps.itemsChanged([]);
      return saved;
    },
    'notes/delete': async ({ id }) => {
      await deleteNote(db, id);
      deps.itemsChanged([]);
      return null;
    },
    'items/set-priority': async ({ key, priority }) => {
      const view = await setItemPriority(db, key, priority);
      deps.itemsChanged([view]);
      return view;
    },
    // --- popup queries and counts (issue 7)
    'items/query': (query) => queryBacklog(db, query),
    'items/counts': () => backlogCounts(db),
    // --- metrics dashboard (issue 7)
    'insights/topics': async ({ from, to }) => {
      const [start, end] = [new Date(from), new Date(to)];
      const previous = new Date(2 * start.getTime() - end.getTime()).toISOString();
      // The trend needs the previous period too; a cap keeps a huge backlog from stalling the worker.
      const items = await db.items.where('postedAt').between(previous, end.toISOString()).limit(TOPIC_ITEMS_CAP).toArray();
      return recurringTopics(items, { from: start, to: end });
    },
    'insights/satisfaction': async ({ from, to }) => {
      const range = { from: new Date(from), to: new Date(to) };
      const [lo, hi] = satisfactionReadBounds(range);
      const items = await db.items.where('postedAt').between(lo, hi, true, true).limit(SATISFACTION_ITEMS_CAP).toArray();
      return satisfactionReport(items, range, now().getTime());
    },
    'items/set-outcome': async ({ key, outcome }) => {
      const view = await db.transaction('rw', db.items, async () => {
        const item = await db.items.get([key.platform, key.externalId]);
        if (!item) throw new Error(`No item ${key.platform}:${key.externalId}`);
        const next = stripUndefined({ ...item, outcome: outcome ?? undefined });
        await db.items.put(next);
        return toView(next);
      });
      deps.itemsChanged([view]);
      return view;
    },
    // Both read the range by index (postedAt, at), never the whole table.
    'metrics/report': async (query) => {
      const range = metricsRangeOf(query);
      const [lo, hi] = metricsIndexBounds(range);
      const [items, events, ctx] = await db.transaction('r', db.items, db.slaEvents, db.slaPolicies, db.businessHours, () =>
        Promise.all([
          db.items.where('postedAt').between(lo, hi, true, true).toArray(),
          db.slaEvents.where('at').between(lo, hi, true, true).toArray(),
          loadSlaContext(db),
        ]),
      );
      return computeMetricsReport({ items, events, ctx, range, now: now().getTime() });
    },
    'metrics/items': async ({ range: query, offset, limit }) => {
      const range = metricsRangeOf(query);
      const [lo, hi] = metricsIndexBounds(range);
      const inRange = metricsRangeFilter(range);
      const selected = () =>
        db.items
          .where('postedAt')
          .between(lo, hi, true, true)
          .reverse()
          .filter((item) => inRange(item, item.postedAt));
      const [total, page, ctx] = await db.transaction('r', db.items, db.slaPolicies, db.businessHours, () =>
        Promise.all([selected().count(), selected().offset(offset).limit(limit).toArray(), loadSlaContext(db)]),
      );
      return { total, rows: page.map(metricsItemRowOf(ctx, now().getTime())) };
    },
    // --- data ownership (issue 7)
    'data/storage': () => storageReport(db, deps.estimateStorage),
    'data/erase': async ({ scope }) => {
      const removed = await eraseData(db, scope);
      deps.itemsChanged([]);
      deps.configChanged();
      return { removed };
    },
  };
}
