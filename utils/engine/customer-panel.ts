// The customer history panel on a site's page. Its UI is an extension page (customer-panel.html) in
// an iframe: the background accepts data-changing messages (notes, tags, links) only from extension
// pages, the page cannot read a cross-origin frame, and the panel's React bundle loads only when it
// opens, so the always-on content script stays small. The frame sits in a fixed host over the page:
// the site's layout never moves.
import { deepActiveElement, hotkeyMatches, parseHotkey } from '@/utils/engine/keyboard';
import { showNotice } from '@/utils/engine/overlay';
import type { ItemKey } from '@/utils/schema-core';

const PANEL_WIDTH = 380;
export type CustomerPanelSide = 'left' | 'right';

/** The only message the panel page sends its parent: the user pressed Escape or Close in it. */
export const CUSTOMER_PANEL_CLOSE = { type: 'replyline/customer-panel', action: 'close' } as const;

export function isCustomerPanelClose(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const { type, action } = data as { type?: unknown; action?: unknown };
  return type === CUSTOMER_PANEL_CLOSE.type && action === CUSTOMER_PANEL_CLOSE.action;
}

/**
 * Whether a message event is the panel frame asking to close. Page scripts can post to this window,
 * and can also dispatch a MessageEvent with any source and origin they like (they can read the
 * frame's URL): only a real postMessage is trusted.
 */
export function isCloseFromPanel(
  e: Pick<MessageEvent, 'isTrusted' | 'source' | 'origin' | 'data'>,
  frame: Window | null | undefined,
  frameOrigin: string,
): boolean {
  return e.isTrusted && !!frame && e.source === frame && e.origin === frameOrigin && isCustomerPanelClose(e.data);
}

/** `customer-panel.html?item=x:123`: the item whose customer the panel shows. */
export const customerPanelPath = (key: ItemKey): `/customer-panel.html?${string}` => `/customer-panel.html?item=${encodeURIComponent(key)}`;

// Inline and !important: a site's stylesheet outranks a shadow root's :host rules. px only: the
// site's root font size must not resize the panel.
const hostStyle = (side: CustomerPanelSide) =>
  [
    'all: initial',
    'display: block',
    'position: fixed',
    'top: 0',
    'bottom: 0',
    `${side}: 0`,
    `width: ${PANEL_WIDTH}px`,
    'max-width: 100%',
    'z-index: 2147483001',
  ]
    .map((d) => `${d} !important;`)
    .join(' ');

const REMOVE_AFTER_MS = 100;

const FRAME_CSS = `iframe { display: block; width: 100%; height: 100%; border: 0; margin: 0; padding: 0;
  box-shadow: 0 0 24px rgba(0, 0, 0, .28); background: transparent; color-scheme: light dark; }`;

export interface CustomerPanelEnv {
  /** Read at each use: options can change them while the page is open. */
  side(): CustomerPanelSide;
  shortcut(): string;
  /** The item the user is on (the engine's rule), for the shortcut. */
  currentItem(): ItemKey | null;
}

export interface CustomerPanelControl {
  /** Opens (or switches) the panel on an item's customer; focus goes back to `returnTo` on close. */
  open(key: ItemKey, returnTo?: Element | null): void;
  close(): void;
  toggle(key: ItemKey, returnTo?: Element | null): void;
  openKey(): ItemKey | null;
  dispose(): void;
}

export function installCustomerPanel(doc: Document, env: CustomerPanelEnv): CustomerPanelControl {
  const win = doc.defaultView ?? window;
  // Not `new URL(…).origin`: that is "null" for chrome-extension: outside Chromium's own URL parser.
  const frameOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  let host: HTMLElement | null = null;
  let frame: HTMLIFrameElement | null = null;
  let current: ItemKey | null = null;
  let returnTo: Element | null = null;
  let hotkeySpec = '';
  let hotkey = parseHotkey(hotkeySpec);

  const mountHost = (): HTMLElement => {
    if (host) return host;
    const element = doc.createElement('replyline-customer-panel');
    // Open: assistive tools and tests reach the frame; the frame itself is cross-origin to the page.
    const root = element.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = FRAME_CSS;
    root.append(style);
    host = element;
    return element;
  };

  const open = (key: ItemKey, from: Element | null = deepActiveElement(doc)) => {
    const element = mountHost();
    if (!current) returnTo = from;
    element.style.cssText = hostStyle(env.side());
    // Outside <body>: SPA frameworks re-render the body, rarely the document element's children.
    if (!element.isConnected) doc.documentElement.append(element);
    if (current !== key || !frame) {
      // A fresh frame per customer: changing an existing frame's src would add a history entry.
      frame?.remove();
      frame = doc.createElement('iframe');
      frame.title = 'Replyline customer history';
      frame.src = browser.runtime.getURL(customerPanelPath(key));
      element.shadowRoot?.append(frame);
      current = key;
    }
    frame.focus();
  };

  const close = () => {
    if (!host) return;
    // Hidden now, removed once the key press or click that closed it is over: removing the focused
    // frame between keydown and keyup left Chromium's input routing waiting (a hung key press under
    // automation).
    const gone = host;
    gone.style.setProperty('display', 'none', 'important');
    setTimeout(() => gone.remove(), REMOVE_AFTER_MS);
    host = null;
    frame = null;
    current = null;
    const target = returnTo;
    returnTo = null;
    if (target instanceof HTMLElement && target.isConnected) target.focus({ preventScroll: true });
  };

  const toggle = (key: ItemKey, from?: Element | null) => (current === key ? close() : open(key, from));

  const onMessage = (e: MessageEvent) => {
    if (isCloseFromPanel(e, frame?.contentWindow, frameOrigin)) close();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.isTrusted || e.isComposing) return;
    if (e.key === 'Escape' && current && host && doc.activeElement === host) {
      e.preventDefault();
      e.stopImmediatePropagation();
      close();
      return;
    }
    if (hotkeySpec !== env.shortcut()) {
      hotkeySpec = env.shortcut();
      hotkey = parseHotkey(hotkeySpec);
    }
    if (!hotkeyMatches(hotkey, e)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const key = env.currentItem();
    const active = deepActiveElement(doc);
    if (key) toggle(key, active);
    else showNotice(active ?? doc.body, 'Replyline: focus an item or its reply box first, then open its customer history.');
  };

  win.addEventListener('message', onMessage);
  win.addEventListener('keydown', onKeyDown, true);
  return {
    open,
    close,
    toggle,
    openKey: () => current,
    dispose() {
      win.removeEventListener('message', onMessage);
      win.removeEventListener('keydown', onKeyDown, true);
      returnTo = null;
      close();
    },
  };
}
