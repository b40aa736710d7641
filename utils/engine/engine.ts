// The engine, written once for every platform: observes the page across SPA navigations and
// infinite scroll, extracts through the site's adapter, validates, mounts one overlay host per
// item, captures into the background's backlog and keeps badges live.
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ItemView } from '@/utils/backlog';
import { createBatcher } from '@/utils/engine/batcher';
import { installCustomerPanel } from '@/utils/engine/customer-panel';
import { createHealthMeter } from '@/utils/engine/health-meter';
import { forgetDepartedItems } from '@/utils/engine/item-memory';
import { deepActiveElement, installKeyboard } from '@/utils/engine/keyboard';
import { createOverlayHost, isOwnHost, type OverlayHost } from '@/utils/engine/overlay';
import { installReplyGuard } from '@/utils/engine/reply-guard';
import { type PageContextResponse, send, type TabMessage } from '@/utils/protocol';
import { type CapturedItem, type ItemKey, itemKey } from '@/utils/schema-core';
import { checkCapturedItem } from '@/utils/sites/extract-guard';
import { listeningMatchers } from '@/utils/sites/listening';
import type { PageContext, SiteAdapter } from '@/utils/sites/types';

const TICK_MS = 5000;
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['datetime', 'href'] };
const REFRESH_MS = 60_000;
/** The protocol takes at most 500 items per capture message. */
const CAPTURE_CHUNK = 100;
/**
 * A new badge waits this long for the background's view, so it goes in once with its real state:
 * a state change re-lays the page out, about as dear as the insertion on a large thread. A busy
 * or sleeping background (captures run at a few hundred items a second) holds it no longer.
 */
const AWAIT_VIEW_MS = 1000;

export interface EngineState {
  adapter: SiteAdapter;
  config: PageContextResponse;
  pageContext(): PageContext;
  /** What the page and the backlog know about an item. */
  views: Map<ItemKey, ItemView>;
  captured: Map<ItemKey, CapturedItem>;
}

/**
 * WXT stops this script when a newer copy announces itself with a document event, and a page can
 * dispatch that event too (the extension id is no secret). While this extension is alive no newer
 * copy exists in this document (browsers inject content scripts only on navigation): refuse it.
 */
function refuseForgedRestarts(ctx: ContentScriptContext) {
  // Private in WXT's types, public at run time: the one name of that event.
  const type = Reflect.get(ContentScriptContext, 'SCRIPT_STARTED_MESSAGE_TYPE') as string;
  const refuse = (event: Event) => {
    if (browser.runtime?.id) event.stopImmediatePropagation();
  };
  document.addEventListener(type, refuse, { capture: true });
  ctx.onInvalidated(() => document.removeEventListener(type, refuse, { capture: true }));
}

export async function startEngine(ctx: ContentScriptContext, adapter: SiteAdapter): Promise<void> {
  refuseForgedRestarts(ctx);
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
  const toCapture: CapturedItem[] = [];
  /** Badges built during the reads (detached), with their item and place, written in the batch's write phase. */
  const toMount = new Map<OverlayHost, { el: Element; anchor: ReturnType<SiteAdapter['badgeAnchor']> }>();
  /** Badges in the page whose view or clock changed since the last write phase. */
  const toUpdate = new Set<OverlayHost>();
  /** Items whose capture is in flight. */
  const awaiting = new Set<ItemKey>();
  /** When each capture message in flight was sent (performance.now()): a held write waits only for those sent before it was due. */
  const sentAt: number[] = [];

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
  /** Unknown when the page broke the DOM API under us (the page scan reports that). */
  const viewerOf = () => {
    try {
      return adapter.viewerHandle(document);
    } catch {
      return null;
    }
  };
  const pageContext = (): PageContext => {
    const viewer = viewerOf();
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
      listening: listeningMatchers(config.listening),
    };
  };
  let page = pageContext();

  const panel = installCustomerPanel(document, {
    side: () => config.sidebarSide,
    shortcut: () => config.sidebarShortcut,
    currentItem: () => currentItem(),
  });

  /** Read phase: the item's badge, built detached when new, queued for the write phase. */
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
      host = other ?? createOverlayHost(document, key, panel.open);
      hostOf.set(el, host);
    }
    hosts.set(key, host);
    // Where it goes is a read: found now, so the write phase only writes.
    toMount.set(host, { el, anchor: adapter.badgeAnchor(el) });
  };

  /**
   * Write phase, in a task just before a frame (the page's own when it renders one anyway): puts in the
   * badges whose view is back (the batch's captures were sent at its commit) and updates the
   * changed ones. It reads no layout, so the frame lays out once.
   */
  const write = (expired: () => boolean): boolean => {
    const now = Date.now();
    for (const [host, { el, anchor }] of toMount) {
      if (awaiting.has(host.key)) continue;
      toMount.delete(host);
      toUpdate.delete(host);
      if (!el.isConnected || hostOf.get(el) !== host) continue;
      // Updated while still detached: the page sees one insertion with the final state.
      host.update(views.get(host.key), now);
      // The site re-rendered the item and dropped our host, or it is new.
      if (!host.element.isConnected && anchor.element.isConnected) anchor.element.insertAdjacentElement(anchor.position, host.element);
      if (expired()) return false;
    }
    for (const host of toUpdate) {
      toUpdate.delete(host);
      if (host.element.isConnected) host.update(views.get(host.key), now);
      if (expired()) return false;
    }
    return true;
  };

  const unmount = (el: Element) => {
    const host = hostOf.get(el);
    if (!host) return;
    toMount.delete(host);
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
    const parsed = outcome.type === 'item' ? checkCapturedItem(outcome.item) : null;
    if (!parsed?.success) {
      tally(el, 'error');
      unmount(el);
      return noteFailure(outcome.type === 'error' ? outcome.reason : `invalid ${parsed?.error.issues[0]?.path.join('.') ?? 'item'}`);
    }
    tally(el, 'item');
    const item = parsed.data;
    const key = itemKey(item);
    // Re-inserted: the Map's order is the least recently seen first, for forgetDepartedItems.
    captured.delete(key);
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

  /** Item roots a scan queued: each is read as its own piece of work, so a long page is read in slices. */
  const scanned = new WeakSet<Node>();
  const processRoot = (node: Node) => {
    if (!node.isConnected) return;
    if (scanned.has(node)) {
      scanned.delete(node);
      return processItem(node as Element);
    }
    const items = new Set<Element>();
    try {
      const owner = adapter.itemRootOf(node);
      if (owner) items.add(owner);
      if (node instanceof Element || node instanceof Document || node instanceof ShadowRoot) {
        watchShadows(node);
        for (const el of adapter.findItems(node)) items.add(el);
      }
    } catch (error) {
      // A page can break the DOM API under us (`<img name="querySelectorAll">` shadows the document's):
      // this root is lost, later ones are still read, and health says so.
      return noteFailure(`page scan failed: ${error instanceof Error ? error.message.slice(0, 80) : 'unknown'}`);
    }
    for (const el of items) {
      scanned.add(el);
      batcher.add(el);
    }
  };

  const applyViews = (list: readonly ItemView[]) => {
    for (const view of list) {
      const key = itemKey(view);
      // Another tab's items are not this page's business (and would grow the map all day).
      if (!captured.has(key)) continue;
      views.set(key, view);
      const host = hosts.get(key);
      if (host) toUpdate.add(host);
    }
    batcher.requestWrite();
  };

  const flushCaptures = () => {
    health.flush();
    while (toCapture.length) {
      const batch = toCapture.splice(0, CAPTURE_CHUNK);
      const keys = batch.map(itemKey);
      for (const key of keys) awaiting.add(key);
      const at = performance.now();
      sentAt.push(at);
      const settle = () => {
        for (const key of keys) awaiting.delete(key);
        const i = sentAt.indexOf(at);
        if (i >= 0) sentAt.splice(i, 1);
        batcher.requestWrite();
      };
      const late = setTimeout(settle, AWAIT_VIEW_MS);
      send('items/capture', { items: batch })
        .then(applyViews)
        .catch((error) => {
          // Let the next batch retry these items.
          for (const key of keys) sentSignature.delete(key);
          console.warn('[Replyline] capture failed', error);
        })
        .finally(() => {
          clearTimeout(late);
          settle();
        });
    }
  };

  /** What the site changed, as its MutationObserver delivered it: read later, in a read slice. */
  const readRecords = (records: readonly MutationRecord[]) => {
    for (const record of records) {
      if (record.type === 'childList')
        for (const node of record.addedNodes) {
          if (node instanceof Element && isOwnHost(node)) continue;
          // Added by the site: scanned whole, even if a scan already queued it as one item. A text
          // node holds no items: processRoot reads only the item around it.
          scanned.delete(node);
          batcher.add(node);
        }
      else batcher.add(record.target);
    }
  };
  /**
   * Our own mounts and unmounts are taken from the observer where they happen (readRecords skips
   * them): delivered, they would look like a page change and book a write at once instead of on the
   * page's next change.
   */
  const takeOwnRecords = () => readRecords(observer.takeRecords());
  const batcher = createBatcher<Node | readonly MutationRecord[]>({
    read: (work) => {
      if (work instanceof Node) processRoot(work);
      else readRecords(work);
      takeOwnRecords();
    },
    commit: flushCaptures,
    write: (expired) => {
      const done = write(expired);
      takeOwnRecords();
      return done;
    },
    incoming: (since) => sentAt.some((t) => t <= since),
  });
  // The callback runs at the end of the site's own task, which may be a frame's work already near
  // 50 ms: it only queues the records (measured 2026-11-24 on the streamed timeline: walking them
  // there was 0.19 ms of a 50.02 ms page task, counted as a long task the extension caused).
  const observer = new MutationObserver((records) => batcher.add(records));
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
    for (const [key, host] of hosts) {
      if (host.element.isConnected) toUpdate.add(host);
      // Its item left the page: a tab open all day scrolls through thousands.
      else if (!toMount.has(host)) hosts.delete(key);
    }
    forgetDepartedItems(captured, [views, sentSignature], (key) => hosts.has(key));
    batcher.requestWrite();
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
    // The background asks as soon as it stored the capture: the badge may still wait for its write phase.
    const el = host ? (host.element.isConnected ? adapter.itemRootOf(host.element) : (toMount.get(host)?.el ?? null)) : null;
    if (!el?.isConnected) return false;
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
  const guard = installReplyGuard({ adapter, config, pageContext: () => page, views, captured });

  ctx.onInvalidated(() => {
    // The extension was updated or reloaded: leave the page as it was; the new script takes over.
    // The badges go first: in an orphaned script `browser.runtime` is gone and later steps may throw.
    for (const host of hosts.values()) host.element.remove();
    hosts.clear();
    observer.disconnect();
    batcher.dispose();
    keyboard.dispose();
    guard.dispose();
    panel.dispose();
    health.dispose();
    browser.runtime?.onMessage.removeListener(onMessage);
  });
}
