import { createHandlers } from '@/utils/background/handlers';
import { dispatch, type RouterEnv, type Sender } from '@/utils/background/router';
import type { ItemView } from '@/utils/backlog';
import { nextDueSoon, pendingItems, urgentCount } from '@/utils/backlog';
import { ReplylineDb } from '@/utils/db';
import type { PageBroadcast, TabMessage } from '@/utils/protocol';
import { itemKey } from '@/utils/schema';

const SCHEDULER_ALARM = 'sla-scheduler';
// Chrome fires alarms no sooner than 30 s from now.
const MIN_ALARM_DELAY_MS = 30_000;

export default defineBackground(() => {
  // Every listener is registered synchronously here, or the event that woke the worker is lost.
  const db = new ReplylineDb();
  const env: RouterEnv = { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') };
  /** Which tab last showed each item, to focus it from the popup (no `tabs` permission needed). */
  const tabOfItem = new Map<string, number>();
  /** Tabs whose content script asked for its page context: told when settings change. */
  const contentTabs = new Set<number>();

  let refreshQueued = false;
  const refreshBadgeAndSchedule = () => {
    if (refreshQueued) return;
    refreshQueued = true;
    setTimeout(async () => {
      refreshQueued = false;
      const now = new Date();
      const urgent = await urgentCount(db, now);
      await browser.action.setBadgeText({ text: urgent ? String(urgent) : '' });
      await browser.action.setBadgeBackgroundColor({ color: '#c62828' });
      const next = await nextDueSoon(db, now);
      if (next) await browser.alarms.create(SCHEDULER_ALARM, { when: Math.max(next, Date.now() + MIN_ALARM_DELAY_MS) });
      else await browser.alarms.clear(SCHEDULER_ALARM);
    }, 50);
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

  const handlers = createHandlers({
    db,
    now: () => new Date(),
    itemsChanged(items: ItemView[], sender?: Sender) {
      const origin = sender?.tab?.id;
      pushToTabs(items, origin);
      if (origin !== undefined) for (const item of items) tabOfItem.set(itemKey(item), origin);
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
  });

  async function openItem(item: ItemView) {
    const key = itemKey(item);
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
    await browser.tabs.create({ url: item.permalink });
    return { focusedTab: false };
  }

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if ((message as { type?: string })?.type?.startsWith('broadcast/')) return undefined;
    if ((message as { type?: string })?.type === 'page/context' && sender.tab?.id !== undefined) contentTabs.add(sender.tab.id);
    dispatch(handlers, message, sender, env).then(sendResponse);
    return true;
  });
  browser.commands.onCommand.addListener((command) => {
    if (command !== 'next-urgent') return;
    pendingItems(db, 1)
      .then(([item]) => item && openItem(item))
      .catch((error) => console.warn('[Replyline] next-urgent failed', error));
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SCHEDULER_ALARM) refreshBadgeAndSchedule();
  });
  browser.runtime.onStartup.addListener(refreshBadgeAndSchedule);
  browser.runtime.onInstalled.addListener(refreshBadgeAndSchedule);
});
