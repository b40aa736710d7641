// Overlay hosts (contract C3): one light-DOM element per tracked item carrying the public markers;
// its UI lives in a closed shadow root with px-only styles so the site's CSS and root font size
// cannot reach it. Text is only ever set with textContent.
import type { ItemView } from '@/utils/backlog';
import type { ItemKey } from '@/utils/schema-core';
import { describeDue, SLA_LABELS, type SlaState, slaState } from '@/utils/sla';

/**
 * The host is the badge's box and one inline-block inside it the pill, its dot a background: a
 * badge adds three layout objects to the item, where an inline-flex host, a button and two spans
 * made six. Measured 2026-11-24 on the 1,000-comment thread, every later frame that moves the
 * comments (the page scrolls, loads more, re-renders) spent 126 ms of pre-paint more per 20 frames
 * with the six, 15 ms with the three (BENCHMARKS.md fix 20).
 */
const BADGE_CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 4px; line-height: 0; }
.badge { font: 600 11px/16px system-ui, -apple-system, "Segoe UI", sans-serif; display: inline-block; vertical-align: top; padding: 0 6px 0 16px;
  border-radius: 8px; white-space: nowrap; cursor: default; border: 1px solid transparent;
  background: radial-gradient(circle at 9px 50%, currentColor 3px, transparent 3.5px) no-repeat; }
.badge[role="button"] { cursor: pointer; }
.badge:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
.on-track { color: #0b6b3a; background-color: #dcf5e6; border-color: #a9e1c0; }
.due-soon { color: #7a4b00; background-color: #fff1cc; border-color: #f2cf72; }
.breached { color: #fff; background-color: #c62828; border-color: #a61b1b; }
.answered { color: #3d4a57; background-color: #e8edf2; border-color: #cfd8e1; }
.paused { color: #3b3f8f; background-color: #e7e8fb; border-color: #c6c8f2; }
`;

export interface OverlayHost {
  key: ItemKey;
  element: HTMLElement;
  update(view: Pick<ItemView, 'status' | 'firstResponseDueAt' | 'dueSoonAt'> | undefined, now: number): void;
}

const ownHosts = new WeakSet<Element>();
/** True only for hosts this content script made: the page can forge our attributes, not this. */
export const isOwnHost = (el: Element) => ownHosts.has(el);

/**
 * One parsed stylesheet shared by every badge: a <style> per shadow root cost about 6 KB of DOM and
 * its own style parse per badge. Firefox content scripts cannot always hand a constructed sheet to
 * the page's shadow roots (Xray wrappers): where adopting is missing, throws or does not take, each
 * badge gets its own <style>.
 */
let sharedSheet: CSSStyleSheet | null | undefined;
/** Adopting took once: later roots skip reading it back (a fresh array each time, ~15 µs a badge). */
let adoptionTakes = false;

export function styleBadgeRoot(root: ShadowRoot, doc: Document): void {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(BADGE_CSS);
    } catch {
      sharedSheet = null;
    }
  }
  if (sharedSheet && 'adoptedStyleSheets' in root) {
    try {
      root.adoptedStyleSheets = [sharedSheet];
      if (adoptionTakes) return;
      adoptionTakes = root.adoptedStyleSheets.length === 1;
      if (adoptionTakes) return;
    } catch {
      // Falls back below, for this badge and every later one.
    }
  }
  sharedSheet = null;
  const style = doc.createElement('style');
  style.textContent = BADGE_CSS;
  root.append(style);
}

/** `onActivate`: a click, Enter or Space on the badge (the customer history panel); `badge` takes focus back after. */
export function createOverlayHost(doc: Document, key: ItemKey, onActivate?: (key: ItemKey, badge: HTMLElement) => void): OverlayHost {
  const element = doc.createElement('span');
  ownHosts.add(element);
  element.setAttribute('data-replyline-item', key);
  // Focus given back to the host (the customer panel closing) lands on its button.
  const root = element.attachShadow({ mode: 'closed', delegatesFocus: !!onActivate });
  styleBadgeRoot(root, doc);
  // Not a <button>: a form control lays out as two boxes more. An ARIA button, focusable, that
  // Enter and Space activate as a native one.
  const badge = doc.createElement('span');
  if (onActivate) {
    badge.setAttribute('role', 'button');
    badge.tabIndex = 0;
    // The badge sits inside the site's item, often inside its link: the site must not see this click,
    // nor its keys (Enter on an X item opens it).
    badge.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      onActivate(key, badge);
    });
    badge.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if ((e.key === 'Enter' || e.key === ' ') && !e.repeat && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
        e.preventDefault();
        onActivate(key, badge);
      }
    });
  } else badge.setAttribute('role', 'img');
  const label = doc.createTextNode('');
  badge.append(label);
  root.append(badge);

  let shown = '';
  return {
    key,
    element,
    update(view, now) {
      // Until the background answers, the item is pending with an unknown clock.
      const state: SlaState = view ? slaState(view, now) : 'on-track';
      // What the tooltip depends on, so the clock tick formats a date only when the minute it counts changed.
      const due = view?.status === 'pending' && view.firstResponseDueAt ? Date.parse(view.firstResponseDueAt) : null;
      const signature = `${state}|${view?.status}|${view?.firstResponseDueAt}|${due === null ? '' : Math.floor(Math.abs(due - now) / 60_000)}`;
      if (signature === shown) return;
      shown = signature;
      const tip = view ? describeDue(view, now) : 'Waiting for Replyline…';
      element.setAttribute('data-replyline-sla', state);
      badge.className = `badge ${state}`;
      label.data = SLA_LABELS[state];
      const action = onActivate ? ' — open customer history' : '';
      badge.title = tip + action;
      badge.setAttribute('aria-label', `Replyline SLA: ${SLA_LABELS[state]}. ${tip}${action}`);
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
