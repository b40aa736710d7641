// The background's handler map: exhaustive over the protocol (a missing handler fails tsc).

import type { Handlers, Sender } from '@/utils/background/router';
import {
  brandHandles,
  captureItems,
  type ItemView,
  itemsByKeys,
  pendingItems,
  reapplyPolicies,
  setItemStatus,
  stripUndefined,
  urgentCount,
} from '@/utils/backlog';
import { validateCalendar } from '@/utils/business-hours';
import { exportAll, importData } from '@/utils/data-transfer';
import { normalizeHandle, type ReplylineDb } from '@/utils/db';
import { applyHealthReport, healthWarnings } from '@/utils/health';
import type { Platform, Settings, SlaPolicy } from '@/utils/schema';

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
}

export async function readSettings(db: ReplylineDb): Promise<Settings> {
  return Object.fromEntries((await db.settings.toArray()).map((s) => [s.key, s.value])) as Settings;
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  const { db, now } = deps;

  return {
    'items/capture': async ({ items }, sender) => {
      const views = await captureItems(db, items, now());
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
      return { platforms, warnings: healthWarnings(platforms, now().getTime()) };
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
      // Alert settings change what the scheduler does now: let it run and re-arm.
      if (settings.alerts) deps.itemsChanged([]);
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
    // --- popup queries and counts (issue 7)
    // --- metrics dashboard (issue 7)
    // --- data ownership (issue 7)
  };
}
