// @vitest-environment jsdom
// Badge styles: one constructed sheet shared by every badge's shadow root, a <style> where the
// browser cannot adopt it (Firefox content scripts' Xray wrappers), and the clock tick that only
// formats a due date when the minute it shows changed.
import type * as Overlay from '@/utils/engine/overlay';

const freshOverlay = async (): Promise<typeof Overlay> => {
  vi.resetModules();
  return import('@/utils/engine/overlay');
};
const openRoot = () => document.createElement('span').attachShadow({ mode: 'open' });

afterEach(() => vi.restoreAllMocks());

/** The last shadow root a badge attached: closed, so only a spy on attachShadow sees it. */
function closedRoots(): () => ShadowRoot | undefined {
  const attach = HTMLElement.prototype.attachShadow;
  let root: ShadowRoot | undefined;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
    root = attach.call(this, init);
    return root;
  });
  return () => root;
}

test('every badge root adopts the same constructed sheet and holds no <style>', async () => {
  const { styleBadgeRoot } = await freshOverlay();
  const a = openRoot();
  const b = openRoot();
  styleBadgeRoot(a, document);
  styleBadgeRoot(b, document);
  expect(a.adoptedStyleSheets).toHaveLength(1);
  expect(b.adoptedStyleSheets[0]).toBe(a.adoptedStyleSheets[0]);
  expect(a.querySelector('style')).toBeNull();
  expect(b.querySelector('style')).toBeNull();
  const rules = [...(a.adoptedStyleSheets[0]?.cssRules ?? [])].map((r) => r.cssText).join('\n');
  expect(rules).toContain('.breached');
});

test('where adopting throws (Firefox Xray), badges fall back to their own <style>, and stay there', async () => {
  const { styleBadgeRoot } = await freshOverlay();
  const setter = vi.spyOn(ShadowRoot.prototype, 'adoptedStyleSheets', 'set').mockImplementation(() => {
    throw new TypeError('Accessing from Xray wrapper is not supported.');
  });
  const a = openRoot();
  expect(() => styleBadgeRoot(a, document)).not.toThrow();
  expect(a.querySelector('style')?.textContent).toContain('.breached');
  const b = openRoot();
  styleBadgeRoot(b, document);
  expect(b.querySelector('style')?.textContent).toContain('.on-track');
  // Once known not to work, it is not tried again.
  expect(setter).toHaveBeenCalledTimes(1);
});

test('where adopting silently does not take, badges fall back to <style>', async () => {
  const { styleBadgeRoot } = await freshOverlay();
  vi.spyOn(ShadowRoot.prototype, 'adoptedStyleSheets', 'set').mockImplementation(() => {});
  const root = openRoot();
  styleBadgeRoot(root, document);
  expect(root.querySelector('style')).not.toBeNull();
});

test('without constructable stylesheets, badges use <style>', async () => {
  const { styleBadgeRoot } = await freshOverlay();
  vi.stubGlobal(
    'CSSStyleSheet',
    class {
      constructor() {
        throw new TypeError('Illegal constructor');
      }
    },
  );
  try {
    const root = openRoot();
    styleBadgeRoot(root, document);
    expect(root.querySelector('style')).not.toBeNull();
    expect(root.adoptedStyleSheets).toHaveLength(0);
  } finally {
    vi.unstubAllGlobals();
  }
});

test('the clock tick formats the due date only when the minute shown or the state changes', async () => {
  vi.resetModules();
  const sla = await vi.importActual<typeof import('@/utils/sla')>('@/utils/sla');
  const describeDue = vi.fn(sla.describeDue);
  vi.doMock('@/utils/sla', () => ({ ...sla, describeDue }));
  try {
    const { createOverlayHost } = await import('@/utils/engine/overlay');
    const host = createOverlayHost(document, 'x:1');
    const t0 = Date.parse('2026-07-01T12:00:00Z');
    const view = {
      status: 'pending' as const,
      // Due at 60 min 59.5 s: "in 1 h" from t0 until the minute turns, a minute later.
      firstResponseDueAt: new Date(t0 + 60 * 60_000 + 59_500).toISOString(),
      dueSoonAt: new Date(t0 + 45 * 60_000).toISOString(),
    };
    host.update(undefined, t0);
    expect(host.element.getAttribute('data-replyline-sla')).toBe('on-track');
    expect(describeDue).not.toHaveBeenCalled();
    host.update(view, t0);
    expect(describeDue).toHaveBeenCalledTimes(1);
    // The engine's 5-second ticks within the same minute: nothing to format again.
    for (let s = 5; s < 60; s += 5) host.update(view, t0 + s * 1000);
    expect(describeDue).toHaveBeenCalledTimes(1);
    host.update(view, t0 + 60_000);
    expect(describeDue).toHaveBeenCalledTimes(2);
    host.update(view, t0 + 46 * 60_000);
    expect(host.element.getAttribute('data-replyline-sla')).toBe('due-soon');
    host.update(view, t0 + 62 * 60_000);
    expect(host.element.getAttribute('data-replyline-sla')).toBe('breached');
    host.update({ ...view, status: 'answered' }, t0 + 63 * 60_000);
    expect(host.element.getAttribute('data-replyline-sla')).toBe('answered');
    const calls = describeDue.mock.calls.length;
    host.update({ ...view, status: 'answered' }, t0 + 70 * 60_000);
    expect(describeDue).toHaveBeenCalledTimes(calls);
  } finally {
    vi.doUnmock('@/utils/sla');
  }
});

test('an activatable badge is one focusable ARIA button: click, Enter and Space open it, and the page sees none of its keys', async () => {
  const { createOverlayHost } = await freshOverlay();
  const root = closedRoots();
  const opened: string[] = [];
  const host = createOverlayHost(document, 'x:7', (key) => opened.push(key));
  host.update(undefined, Date.now());
  document.body.append(host.element);
  const pageKeys: string[] = [];
  document.body.addEventListener('keydown', (e) => pageKeys.push(e.key));
  // The host's box holds a single element (and its text): a badge costs the item's layout little.
  expect(root()?.children).toHaveLength(1);
  const badge = root()?.firstElementChild as HTMLElement;
  expect(badge.getAttribute('role')).toBe('button');
  expect(badge.tabIndex).toBe(0);
  expect(badge.childNodes).toHaveLength(1);
  expect(badge.textContent).toBe('On track');
  badge.click();
  for (const key of ['Enter', ' ', 'a', 'Tab']) {
    const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true });
    badge.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(key === 'Enter' || key === ' ');
  }
  badge.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
  expect(opened).toEqual(['x:7', 'x:7', 'x:7']);
  expect(pageKeys).toEqual([]);
  host.element.remove();
});

test('a badge that opens nothing is an image with its label', async () => {
  const { createOverlayHost } = await freshOverlay();
  const root = closedRoots();
  const host = createOverlayHost(document, 'x:8');
  host.update(undefined, Date.now());
  const badge = root()?.firstElementChild as HTMLElement;
  expect(badge.getAttribute('role')).toBe('img');
  expect(badge.hasAttribute('tabindex')).toBe(false);
  expect(badge.getAttribute('aria-label')).toBe('Replyline SLA: On track. Waiting for Replyline…');
});
