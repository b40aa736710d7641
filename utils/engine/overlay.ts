// Overlay hosts (contract C3): one light-DOM element per tracked item carrying the public markers;
// its UI lives in a closed shadow root with px-only styles so the site's CSS and root font size
// cannot reach it. Text is only ever set with textContent.
import type { ItemView } from '@/utils/backlog';
import type { ItemKey } from '@/utils/schema';
import { describeDue, SLA_LABELS, type SlaState, slaState } from '@/utils/sla';

const BADGE_CSS = `
:host { all: initial; display: inline-flex; vertical-align: middle; margin: 0 4px; }
.badge { font: 600 11px/16px system-ui, -apple-system, "Segoe UI", sans-serif; display: inline-flex; align-items: center;
  gap: 4px; padding: 0 6px; border-radius: 8px; white-space: nowrap; cursor: default; border: 1px solid transparent; }
.dot { width: 6px; height: 6px; border-radius: 3px; background: currentColor; }
.on-track { color: #0b6b3a; background: #dcf5e6; border-color: #a9e1c0; }
.due-soon { color: #7a4b00; background: #fff1cc; border-color: #f2cf72; }
.breached { color: #fff; background: #c62828; border-color: #a61b1b; }
.answered { color: #3d4a57; background: #e8edf2; border-color: #cfd8e1; }
.paused { color: #3b3f8f; background: #e7e8fb; border-color: #c6c8f2; }
`;

export interface OverlayHost {
  key: ItemKey;
  element: HTMLElement;
  update(view: Pick<ItemView, 'status' | 'firstResponseDueAt' | 'dueSoonAt'> | undefined, now: number): void;
}

const ownHosts = new WeakSet<Element>();
/** True only for hosts this content script made: the page can forge our attributes, not this. */
export const isOwnHost = (el: Element) => ownHosts.has(el);

export function createOverlayHost(doc: Document, key: ItemKey): OverlayHost {
  const element = doc.createElement('span');
  ownHosts.add(element);
  element.setAttribute('data-replyline-item', key);
  const root = element.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = BADGE_CSS;
  const badge = doc.createElement('span');
  badge.setAttribute('role', 'img');
  const dot = doc.createElement('span');
  dot.className = 'dot';
  const label = doc.createElement('span');
  badge.append(dot, label);
  root.append(style, badge);

  let shown = '';
  return {
    key,
    element,
    update(view, now) {
      // Until the background answers, the item is pending with an unknown clock.
      const state: SlaState = view ? slaState(view, now) : 'on-track';
      const tip = view ? describeDue(view, now) : 'Waiting for Replyline…';
      const signature = `${state}|${tip}`;
      if (signature === shown) return;
      shown = signature;
      element.setAttribute('data-replyline-sla', state);
      badge.className = `badge ${state}`;
      label.textContent = SLA_LABELS[state];
      badge.title = tip;
      badge.setAttribute('aria-label', `Replyline SLA: ${SLA_LABELS[state]}. ${tip}`);
    },
  };
}

/** A short-lived message next to an element (insertion blocked, text copied instead, …). */
export function showNotice(anchor: Element, message: string, timeoutMs = 6000): HTMLElement {
  const doc = anchor.ownerDocument;
  const host = doc.createElement('span');
  ownHosts.add(host);
  // Open, so assistive tools announce it (role="alert"); it holds only our own message.
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = `:host{all:initial;position:fixed;z-index:2147483000;}
.notice{font:13px/18px system-ui,sans-serif;color:#fff;background:#1f2933;padding:8px 12px;border-radius:8px;
box-shadow:0 4px 16px rgba(0,0,0,.3);max-width:360px;white-space:pre-line;}`;
  const box = doc.createElement('div');
  box.className = 'notice';
  box.setAttribute('role', 'alert');
  box.textContent = message;
  root.append(style, box);
  const rect = anchor.getBoundingClientRect();
  host.style.left = `${Math.max(8, rect.left)}px`;
  host.style.top = `${Math.min(doc.documentElement.clientHeight - 60, rect.bottom + 6)}px`;
  doc.body.append(host);
  setTimeout(() => host.remove(), timeoutMs);
  return host;
}
