// The engine, written once for every platform: observes the page across SPA navigations and
// infinite scroll, extracts through the site's adapter, validates, mounts one overlay host per
// item, captures into the background's backlog and keeps badges live.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ItemView } from '@/utils/backlog';
import { createBatcher } from '@/utils/engine/batcher';
import { createHealthMeter } from '@/utils/engine/health-meter';
import { deepActiveElement, installKeyboard } from '@/utils/engine/keyboard';
import { createOverlayHost, isOwnHost, type OverlayHost } from '@/utils/engine/overlay';
import { type PageContextResponse, send, type TabMessage } from '@/utils/protocol';
import { type CapturedItem, capturedItemSchema, type ItemKey, itemKey } from '@/utils/schema';
import type { PageContext, SiteAdapter } from '@/utils/sites/types';

const TICK_MS = 5000;
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['datetime', 'href'] };
const REFRESH_MS = 60_000;

export interface EngineState {
  adapter: SiteAdapter;
  config: PageContextResponse;
  pageContext(): PageContext;
  /** What the page and the backlog know about an item. */
  views: Map<ItemKey, ItemView>;
  captured: Map<ItemKey, CapturedItem>;
}

export async function startEngine(ctx: ContentScriptContext, adapter: SiteAdapter): Promise<void> {
  let config: PageContextResponse;
  try {
    config = await send('page/context', { platform: adapter.platform });
  } catch (error) {
    console.warn('[Replyline] background unavailable, not starting', error);
    return;
  }
  if (ctx.isInvalid) return;

  const hosts = new Map<ItemKey, OverlayHost>();
  const hostOf = new WeakMap<Element, OverlayHost>();
  const views = new Map<ItemKey, ItemView>();
  const captured = new Map<ItemKey, CapturedItem>();
  const sentSignature = new Map<ItemKey, string>();
  let toCapture: CapturedItem[] = [];

  const health = createHealthMeter(adapter, (report) => {
    send('health/report', report).catch(() => {});
  });
  const noteFailure = (reason: string) => health.fail(reason);
  /** The last outcome per element, so each element counts once per kind of outcome. */
  const outcomes = new WeakMap<Element, 'item' | 'skip' | 'error'>();
  const tally = (el: Element, outcome: 'item' | 'skip' | 'error') => {
    const before = outcomes.get(el);
    if (before === outcome) return;
    if (!before) health.count('found');
    health.count(outcome === 'item' ? 'extracted' : outcome === 'skip' ? 'skipped' : 'rejected');
    outcomes.set(el, outcome);
  };
  let warnedViewer: string | null = null;
  const pageContext = (): PageContext => {
    const viewer = adapter.viewerHandle(document);
    if (viewer && config.brandHandles.length && !config.brandHandles.includes(viewer) && warnedViewer !== viewer) {
      // Replies sent from another account do not answer for the brand: say so where the user looks.
      warnedViewer = viewer;
      noteFailure(`signed in as @${viewer}, not a brand account`);
    }
    return {
      url: new URL(location.href),
      // Until the user names the brand's account, the account signed in on the page stands in.
      brandHandles: config.brandHandles.length ? config.brandHandles : viewer ? [viewer] : [],
      now: new Date(),
    };
  };
  let page = pageContext();

  const mount = (el: Element, key: ItemKey) => {
    let host = hostOf.get(el);
    if (host && host.key !== key) {
      // A recycled cell now shows another item.
      unmount(el);
      host = undefined;
    }
    if (!host) {
      const other = hosts.get(key);
      if (other?.element.isConnected) return; // one host per item, even when the page shows it twice
      host = other ?? createOverlayHost(document, key);
      hostOf.set(el, host);
      hosts.set(key, host);
    }
    if (!host.element.isConnected) {
      // The site re-rendered the item and dropped our host, or it is new.
      const { element, position } = adapter.badgeAnchor(el);
      element.insertAdjacentElement(position, host.element);
    }
    host.update(views.get(key), Date.now());
  };

  const unmount = (el: Element) => {
    const host = hostOf.get(el);
    if (!host) return;
    host.element.remove();
    hostOf.delete(el);
    if (hosts.get(host.key) === host) hosts.delete(host.key);
  };

  const processItem = (el: Element) => {
    let outcome: ReturnType<SiteAdapter['extract']>;
    try {
      outcome = adapter.extract(el, page);
    } catch (error) {
      tally(el, 'error');
      noteFailure(`extract threw: ${error instanceof Error ? error.message.slice(0, 80) : 'unknown'}`);
      return;
    }
    if (outcome.type === 'skip') {
      tally(el, 'skip');
      return unmount(el);
    }
    const parsed = outcome.type === 'item' ? capturedItemSchema.safeParse(outcome.item) : null;
    if (!parsed?.success) {
      tally(el, 'error');
      unmount(el);
      return noteFailure(outcome.type === 'error' ? outcome.reason : `invalid ${parsed?.error.issues[0]?.path.join('.') ?? 'item'}`);
    }
    tally(el, 'item');
    const item = parsed.data;
    const key = itemKey(item);
    captured.set(key, item);
    if (item.byBrand) unmount(el);
    else mount(el, key);
    const signature = `${item.byBrand}|${item.answersExternalId}|${item.postedAt}|${item.text?.length}|${item.author.name}`;
    if (sentSignature.get(key) !== signature) {
      sentSignature.set(key, signature);
      toCapture.push(item);
    }
  };

  // MutationObservers do not cross shadow boundaries: open shadow roots the site renders UI into
  // (LinkedIn's #interop-outlet) are observed and scanned on their own.
  const watchedShadows = new WeakSet<ShadowRoot>();
  const watchShadows = (root: ParentNode) => {
    if (!adapter.shadowHosts) return;
    const hosts = root instanceof Element && root.matches(adapter.shadowHosts) ? [root] : [];
    for (const host of [...hosts, ...root.querySelectorAll(adapter.shadowHosts)]) {
      const shadow = host.shadowRoot;
      if (!shadow || watchedShadows.has(shadow)) continue;
      watchedShadows.add(shadow);
      observer.observe(shadow, OBSERVE);
      batcher.add(shadow);
    }
  };

  const processRoot = (node: Node) => {
    if (!node.isConnected) return;
    const items = new Set<Element>();
    const owner = adapter.itemRootOf(node);
    if (owner) items.add(owner);
    if (node instanceof Element || node instanceof Document || node instanceof ShadowRoot) {
      watchShadows(node);
      for (const el of adapter.findItems(node)) items.add(el);
    }
    for (const el of items) processItem(el);
  };

  const applyViews = (list: readonly ItemView[]) => {
    const now = Date.now();
    for (const view of list) {
      const key = itemKey(view);
      views.set(key, view);
      hosts.get(key)?.update(view, now);
    }
  };

  const flushCaptures = () => {
    health.flush();
    if (!toCapture.length) return;
    const batch = toCapture;
    toCapture = [];
    send('items/capture', { items: batch })
      .then(applyViews)
      .catch((error) => {
        // Let the next batch retry these items.
        for (const item of batch) sentSignature.delete(itemKey(item));
        console.warn('[Replyline] capture failed', error);
      });
  };

  const batcher = createBatcher(processRoot, flushCaptures);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'childList')
        for (const node of record.addedNodes) {
          if (node instanceof Element && isOwnHost(node)) continue;
          batcher.add(node.nodeType === Node.TEXT_NODE ? (node.parentNode ?? node) : node);
        }
      else batcher.add(record.target);
    }
  });
  observer.observe(document.documentElement, OBSERVE);
  batcher.add(document);
  health.visit();

  // Brand handles and templates change in options: the background says so, and a tab coming back
  // to the foreground asks again in case the worker restarted and forgot this tab.
  const refreshConfig = () => {
    send('page/context', { platform: adapter.platform })
      .then((fresh) => {
        Object.assign(config, fresh);
        page = pageContext();
        batcher.add(document);
      })
      .catch(() => {});
  };
  ctx.addEventListener(document, 'visibilitychange', () => document.visibilityState === 'visible' && refreshConfig());

  ctx.addEventListener(window, 'wxt:locationchange', () => {
    health.visit();
    page = pageContext();
    batcher.add(document);
  });

  const tick = () => {
    // A shadow root attached after its host was scanned leaves no mutation in the light DOM.
    watchShadows(document);
    page.now = new Date();
    const now = Date.now();
    for (const [key, host] of hosts) host.update(views.get(key), now);
  };
  ctx.setInterval(tick, TICK_MS);
  ctx.setInterval(() => {
    if (document.visibilityState !== 'visible' || !hosts.size) return;
    const keys = [...hosts.keys()].slice(0, 1000).map((k) => {
      const [platform, ...rest] = k.split(':');
      return { platform: platform as CapturedItem['platform'], externalId: rest.join(':') };
    });
    send('items/get', { keys })
      .then(applyViews)
      .catch(() => {});
  }, REFRESH_MS);

  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id || typeof message !== 'object' || message === null) return undefined;
    const msg = message as TabMessage;
    if (msg.type === 'tab/items-changed') applyViews(msg.items);
    if (msg.type === 'tab/config-changed') refreshConfig();
    if (msg.type === 'tab/reveal') return Promise.resolve(reveal(msg.key));
    if (msg.type === 'tab/current-item') return Promise.resolve(currentItem());
    return undefined;
  };
  let lastRevealed: ItemKey | null = null;
  const currentItem = (): ItemKey | null => {
    const active = deepActiveElement(document);
    const composer = active ? adapter.findComposer(active) : null;
    const target = composer ? adapter.replyTarget(composer, page) : null;
    if (target) return `${adapter.platform}:${target}`;
    const root = active ? adapter.itemRootOf(active) : null;
    return (root && hostOf.get(root)?.key) || lastRevealed;
  };
  const reveal = (key: ItemKey): boolean => {
    const host = hosts.get(key);
    const el = host?.element.isConnected ? adapter.itemRootOf(host.element) : null;
    if (!el) return false;
    lastRevealed = key;
    el.scrollIntoView({ block: 'center' });
    // Straight to typing: the composer that answers this item, when the page shows one.
    const composer = composerFor(key);
    if (composer instanceof HTMLElement) composer.focus({ preventScroll: true });
    else if (el instanceof HTMLElement) el.focus({ preventScroll: true });
    return true;
  };
  const composerFor = (key: ItemKey): Element | null => {
    const externalId = key.slice(adapter.platform.length + 1);
    const seen = new Set<Element>();
    for (const field of document.querySelectorAll('[contenteditable="true"], textarea')) {
      const composer = adapter.findComposer(field);
      if (!composer || seen.has(composer)) continue;
      seen.add(composer);
      if (adapter.replyTarget(composer, page) === externalId) return composer;
    }
    return null;
  };
  browser.runtime.onMessage.addListener(onMessage);

  const keyboard = installKeyboard({
    adapter,
    config,
    pageContext: () => page,
    views,
    captured,
    health,
  });

  ctx.onInvalidated(() => {
    // The extension was updated or reloaded: leave the page as it was; the new script takes over.
    observer.disconnect();
    batcher.dispose();
    keyboard.dispose();
    health.dispose();
    browser.runtime.onMessage.removeListener(onMessage);
    for (const host of hosts.values()) host.element.remove();
    hosts.clear();
  });
}
