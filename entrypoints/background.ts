import { type BackgroundDeps, createHandlers, readSettings } from '@/utils/background/handlers';
import { passThrottle } from '@/utils/background/pass-throttle';
import { dispatch, type RouterEnv, type Sender } from '@/utils/background/router';
import { createStorageGuard } from '@/utils/background/storage-guard';
import type { ItemView } from '@/utils/backlog';
import { pendingItems, setItemStatus, urgentCount } from '@/utils/backlog';
import { ReplylineDb } from '@/utils/db';
import type { PageBroadcast, TabMessage } from '@/utils/protocol';
import { retentionPass, runScheduler } from '@/utils/scheduler';
import { DEFAULT_ALERTS } from '@/utils/schema';
import { type ItemKey, itemKey, PLATFORM_NAMES, type Platform } from '@/utils/schema-core';

const SCHEDULER_ALARM = 'sla-scheduler';
// Chrome fires alarms no sooner than 30 s from now.
const MIN_ALARM_DELAY_MS = 30_000;
/** The SLA pass runs this soon after a change, and at most once per PASS_GAP_MS (utils/background/pass-throttle.ts). */
const PASS_DELAY_MS = 50;
const PASS_GAP_MS = 1_000;

export default defineBackground(() => {
  // Every listener is registered synchronously here, or the event that woke the worker is lost.
  const db = new ReplylineDb();
  const storage = createStorageGuard(db, () => new Date());
  const env: RouterEnv = { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') };
  /** Which tab last showed each item, to focus it from the popup (no `tabs` permission needed). */
  const tabOfItem = new Map<string, number>();
  /** Tabs opened on an item's permalink, waiting for their page to show it. */
  const revealWhenCaptured = new Map<number, ItemKey>();
  /** Tabs whose content script asked for its page context: told when settings change. */
  const contentTabs = new Set<number>();

  const retention = retentionPass(db);
  /** The toolbar count last shown by this worker (null: none yet since it started). */
  let toolbarText: string | null = null;
  /** After any item change and at the scheduler alarm: SLA pass, alerts, toolbar badge, next alarm. */
  const refreshBadgeAndSchedule = passThrottle(
    async () => {
      await storage.ensureOpen();
      const now = new Date();
      const settings = await readSettings(db);
      const result = await runScheduler(db, now, settings.alerts ?? DEFAULT_ALERTS);
      if (result.changed.length) {
        pushToTabs(result.changed);
        broadcast();
      }
      await notify('due-soon', result.dueSoon, `due within ${(settings.alerts ?? DEFAULT_ALERTS).beforeMinutes} min`);
      await notify('breached', result.breached, 'overdue');
      const urgent = await urgentCount(db, now);
      const text = urgent ? String(urgent) : '';
      // The toolbar keeps what it was given: only changes are sent (each call is an IPC to the browser).
      if (text !== toolbarText) {
        if (toolbarText === null) await browser.action.setBadgeBackgroundColor({ color: '#c62828' });
        await browser.action.setBadgeText({ text });
        toolbarText = text;
      }
      const retentionDueAt = await retention(now, settings.retention);
      const nextAt = Math.min(result.nextAt ?? Number.POSITIVE_INFINITY, retentionDueAt ?? Number.POSITIVE_INFINITY);
      if (Number.isFinite(nextAt))
        await browser.alarms.create(SCHEDULER_ALARM, { when: Math.max(nextAt, Date.now() + MIN_ALARM_DELAY_MS) });
      else await browser.alarms.clear(SCHEDULER_ALARM);
    },
    { name: 'SLA pass', delayMs: PASS_DELAY_MS, gapMs: PASS_GAP_MS },
  );

  /** One notification per kind, replaced as it grows: "3 replies overdue", never one per item. */
  const notify = async (kind: 'due-soon' | 'breached', items: ItemView[], what: string) => {
    if (!items.length) return;
    const names = items.slice(0, 3).map((i) => `${i.author.name} (${PLATFORM_NAMES[i.platform]})`);
    await browser.notifications.create(`replyline-${kind}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: items.length === 1 ? `A reply is ${what}` : `${items.length} replies are ${what}`,
      message: names.join(', ') + (items.length > 3 ? ` and ${items.length - 3} more` : ''),
      priority: kind === 'breached' ? 2 : 1,
    });
  };

  const broadcast = () => {
    browser.runtime.sendMessage({ type: 'broadcast/backlog-changed' } satisfies PageBroadcast).catch(() => {
      // No extension page is open: nothing to tell.
    });
  };

  const pushToTabs = (items: ItemView[], origin?: number) => {
    const byTab = new Map<number, ItemView[]>();
    for (const item of items) {
      const tab = tabOfItem.get(itemKey(item));
      if (tab === undefined || tab === origin) continue;
      byTab.set(tab, [...(byTab.get(tab) ?? []), item]);
    }
    for (const [tab, list] of byTab) {
      browser.tabs.sendMessage(tab, { type: 'tab/items-changed', items: list } satisfies TabMessage).catch(() => {
        // The tab closed or navigated away: forget it.
        for (const [key, t] of tabOfItem) if (t === tab) tabOfItem.delete(key);
      });
    }
  };

  const deps: BackgroundDeps = {
    db,
    now: () => new Date(),
    itemsChanged(items: ItemView[], sender?: Sender) {
      const origin = sender?.tab?.id;
      pushToTabs(items, origin);
      if (origin !== undefined) for (const item of items) tabOfItem.set(itemKey(item), origin);
      const waiting = origin === undefined ? undefined : revealWhenCaptured.get(origin);
      if (origin !== undefined && waiting && items.some((i) => itemKey(i) === waiting)) {
        revealWhenCaptured.delete(origin);
        browser.tabs.sendMessage(origin, { type: 'tab/reveal', key: waiting } satisfies TabMessage).catch(() => {});
      }
      refreshBadgeAndSchedule();
      broadcast();
    },
    configChanged() {
      broadcast();
      for (const tab of contentTabs) {
        browser.tabs.sendMessage(tab, { type: 'tab/config-changed' } satisfies TabMessage).catch(() => contentTabs.delete(tab));
      }
    },
    healthChanged: broadcast,
    openItem: (item) => openItem(item),
    estimateStorage: navigator.storage?.estimate ? () => navigator.storage.estimate() : undefined,
    storageWarnings: () => storage.warnings(),
  };
  const handlers = storage.wrap(createHandlers(deps));

  /** The item last opened from the popup, a notification or next-urgent: "current" for the commands. */
  let lastOpened: string | null = null;
  async function openItem(item: ItemView) {
    const key = itemKey(item);
    lastOpened = key;
    const tabId = tabOfItem.get(key);
    if (tabId !== undefined) {
      try {
        const tab = await browser.tabs.update(tabId, { active: true });
        if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
        const revealed = await browser.tabs.sendMessage(tabId, { type: 'tab/reveal', key } satisfies TabMessage);
        if (revealed === true) return { focusedTab: true };
      } catch {
        tabOfItem.delete(key);
      }
    }
    if (!item.permalink) throw new Error('This item has no link to open');
    const tab = await browser.tabs.create({ url: item.permalink });
    // Once the new page has shown the item, scroll to it and focus its reply box as for an open tab.
    if (tab.id !== undefined) revealWhenCaptured.set(tab.id, key);
    return { focusedTab: false };
  }

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if ((message as { type?: string })?.type?.startsWith('broadcast/')) return undefined;
    if ((message as { type?: string })?.type === 'page/context' && sender.tab?.id !== undefined) contentTabs.add(sender.tab.id);
    dispatch(handlers, message, sender, env).then(sendResponse);
    return true;
  });
  browser.commands.onCommand.addListener((command) => {
    if (command === 'next-urgent') {
      pendingItems(db, 1)
        .then(([item]) => item && openItem(item))
        .catch((error) => console.warn('[Replyline] next-urgent failed', error));
    } else if (command === 'resolve-current' || command === 'snooze-current') {
      const snooze = command === 'snooze-current';
      setCurrent(snooze ? 'snoozed' : 'resolved', snooze ? new Date(Date.now() + 3_600_000) : undefined).catch((error) =>
        console.warn(`[Replyline] ${command} failed`, error),
      );
    }
  });

  /** The item the user is on: what the active tab says, else the one last opened from Replyline. */
  async function setCurrent(status: 'resolved' | 'snoozed', until?: Date) {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    const fromTab =
      tab?.id !== undefined && contentTabs.has(tab.id)
        ? ((await browser.tabs.sendMessage(tab.id, { type: 'tab/current-item' } satisfies TabMessage).catch(() => null)) as string | null)
        : null;
    const key = fromTab ?? lastOpened;
    if (!key) return;
    const [platform, ...rest] = key.split(':');
    const view = await setItemStatus(db, { platform: platform as Platform, externalId: rest.join(':') }, status, new Date(), until);
    deps.itemsChanged([view]);
  }
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SCHEDULER_ALARM) refreshBadgeAndSchedule();
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith('replyline-')) return;
    browser.notifications.clear(id).catch(() => {});
    pendingItems(db, 1)
      .then(([item]) => item && openItem(item))
      .catch((error) => console.warn('[Replyline] opening from a notification failed', error));
  });
  browser.runtime.onStartup.addListener(refreshBadgeAndSchedule);
  browser.runtime.onInstalled.addListener(refreshBadgeAndSchedule);
});
