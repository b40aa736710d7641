// @vitest-environment jsdom
import {
  firstResponseText,
  panelItemFromSearch,
  profileErrorText,
  slaOutcome,
  sparklinePoints,
  trendDirection,
} from '@/components/customer-panel/format';
import type { HistoryItem } from '@/utils/customers';
import {
  CUSTOMER_PANEL_CLOSE,
  customerPanelPath,
  installCustomerPanel,
  isCloseFromPanel,
  isCustomerPanelClose,
} from '@/utils/engine/customer-panel';
import { hotkeyWarnings } from '@/utils/hotkey-warnings';
import { DEFAULT_SIDEBAR_SHORTCUT } from '@/utils/schema';
import { itemKey } from '@/utils/schema-core';

const NOW = Date.parse('2026-07-01T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

const historyItem = (over: Partial<HistoryItem>): HistoryItem => ({
  platform: 'x',
  externalId: '1',
  kind: 'comment',
  author: { name: 'Maya' },
  postedAt: minutesAgo(120),
  status: 'answered',
  missed: [],
  ...over,
});

test('the panel reads its item from ?item=<platform>:<externalId>, ids with colons included', () => {
  expect(panelItemFromSearch('?item=x%3A2124573908005815395')).toEqual({ platform: 'x', externalId: '2124573908005815395' });
  const urn = 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAB9q8w7e,2-MTc=)';
  expect(panelItemFromSearch(`?item=${encodeURIComponent(`linkedin:${urn}`)}`)).toEqual({ platform: 'linkedin', externalId: urn });
  expect(panelItemFromSearch(customerPanelPath('facebook:123').split('?')[1] ?? '')).toEqual({ platform: 'facebook', externalId: '123' });
  for (const bad of ['', '?item=', '?item=x', '?item=x%3A', '?item=myspace%3A1', '?item=%3A1', `?item=x%3A${'9'.repeat(201)}`]) {
    expect(panelItemFromSearch(bad)).toBeNull();
  }
});

test('first-response time: the span the brand took, or no reply yet', () => {
  expect(firstResponseText(undefined)).toBe('No reply yet');
  expect(firstResponseText(0)).toBe('Answered in <1 min');
  expect(firstResponseText(12)).toBe('Answered in 12 min');
  expect(firstResponseText(95)).toBe('Answered in 1 h 35 min');
  expect(firstResponseText(3 * 24 * 60)).toBe('Answered in 3 d');
  // A reply timestamped before the message (clock skew between platform and capture) is never negative.
  expect(firstResponseText(-3)).toBe('Answered in <1 min');
});

test('SLA outcome: misses from the log first, then the running clock, then met or closed', () => {
  expect(slaOutcome(historyItem({ missed: ['first-response'], firstResponseMinutes: 90 }), NOW)).toEqual({
    tone: 'missed',
    text: 'Missed first response',
  });
  expect(slaOutcome(historyItem({ missed: ['first-response', 'next-response', 'resolution'] }), NOW).text).toBe(
    'Missed first response, next response and resolution',
  );
  expect(slaOutcome(historyItem({ firstResponseMinutes: 20 }), NOW)).toEqual({ tone: 'met', text: 'SLA met' });
  expect(slaOutcome(historyItem({ status: 'resolved' }), NOW)).toEqual({ tone: 'none', text: 'Closed without a reply' });
  expect(slaOutcome(historyItem({ status: 'ignored' }), NOW).text).toBe('Ignored');
  const pending = { status: 'pending' as const, firstResponseDueAt: minutesAgo(-25), dueSoonAt: minutesAgo(-10) };
  expect(slaOutcome(historyItem(pending), NOW)).toEqual({ tone: 'open', text: 'Open: first response due in 25 min' });
  expect(slaOutcome(historyItem({ ...pending, responseTarget: 'next' }), NOW).text).toBe('Open: next response due in 25 min');
  // Past due but not yet in the miss log (the scheduler writes it at its next pass): the clock says so already.
  expect(slaOutcome(historyItem({ status: 'pending', firstResponseDueAt: minutesAgo(5) }), NOW)).toEqual({
    tone: 'missed',
    text: 'Overdue: first response',
  });
  expect(slaOutcome(historyItem({ status: 'pending' }), NOW).text).toBe('Open, no SLA');
  expect(slaOutcome(historyItem({ status: 'snoozed', firstResponseDueAt: minutesAgo(5) }), NOW).tone).toBe('open');
});

test('the sentiment sparkline maps −1…1 onto the box, top is positive, values out of range are clamped', () => {
  expect(sparklinePoints([1, 0, -1], 100, 24, 2)).toBe('0,2 50,12 100,22');
  expect(sparklinePoints([0.5], 100, 24, 2)).toBe('50,7');
  expect(sparklinePoints([7, -7], 10, 10, 0)).toBe('0,0 10,10');
  expect(sparklinePoints([], 10, 10)).toBe('');
});

test('the trend direction compares the latest third with the earliest', () => {
  expect(trendDirection([-0.8, -0.6, 0.2, 0.6])).toBe('improving');
  expect(trendDirection([0.7, 0.5, -0.2, -0.9])).toBe('worsening');
  expect(trendDirection([0.2, -0.1, 0.25])).toBe('steady');
  expect(trendDirection([0.9])).toBe('steady');
});

test('a background that never answered reads as such; other errors are quoted', () => {
  expect(profileErrorText('Could not establish connection. Receiving end does not exist.')).toMatch(/background is not responding/);
  expect(profileErrorText('No item x:1')).toBe('Could not load this customer’s history: No item x:1');
});

test('the customer history shortcut: the default warns about nothing; a palette clash and browser keys are named', () => {
  expect(hotkeyWarnings(DEFAULT_SIDEBAR_SHORTCUT, 'the customer history', { 'Ctrl+Shift+Space': 'opens the reply palette' })).toEqual([]);
  expect(hotkeyWarnings('ctrl+shift+space', 'the customer history', { 'Ctrl+Shift+Space': 'opens the reply palette' })).toContain(
    'Ctrl+Shift+Space already opens the reply palette: choose another key.',
  );
  // ⌘ on a Mac stands for Ctrl: the same key either way.
  expect(hotkeyWarnings('Cmd+Shift+L', 'the customer history', { 'Ctrl+Shift+L': 'opens the customer history' })).toContain(
    'Ctrl+Shift+L already opens the customer history: choose another key.',
  );
  expect(hotkeyWarnings('Ctrl+Shift+K', 'the customer history').join(' ')).toMatch(/web console in Firefox/);
  expect(hotkeyWarnings('Ctrl+T', 'the customer history').join(' ')).toMatch(/so the customer history would never open/);
  // The palette keeps its own wording.
  expect(hotkeyWarnings('Ctrl+T').join(' ')).toMatch(/so the palette would never open/);
});

test('only a well-formed close message closes the panel', () => {
  expect(isCustomerPanelClose(CUSTOMER_PANEL_CLOSE)).toBe(true);
  expect(isCustomerPanelClose({ ...CUSTOMER_PANEL_CLOSE })).toBe(true);
  for (const bad of [
    null,
    'close',
    { type: 'replyline/customer-panel' },
    { type: 'replyline/customer-panel', action: 'open' },
    { action: 'close' },
  ]) {
    expect(isCustomerPanelClose(bad)).toBe(false);
  }
});

describe('the panel on a page', () => {
  const key = itemKey({ platform: 'x', externalId: '42' });
  let side: 'left' | 'right' = 'right';
  const setup = () => {
    document.body.innerHTML = '<article><button id="badge">badge</button><p>text</p></article>';
    const badge = document.getElementById('badge') as HTMLButtonElement;
    const panel = installCustomerPanel(document, { side: () => side, shortcut: () => DEFAULT_SIDEBAR_SHORTCUT, currentItem: () => key });
    return { panel, badge };
  };
  // A closed panel is hidden at once and removed a moment later.
  const host = () =>
    [...document.querySelectorAll<HTMLElement>('replyline-customer-panel')].find((el) => el.style.getPropertyValue('display') !== 'none') ??
    null;
  const frame = () => host()?.shadowRoot?.querySelector('iframe') ?? null;
  const post = (data: unknown, source: MessageEventSource | null, origin = 'chrome-extension://test-extension-id') =>
    window.dispatchEvent(new MessageEvent('message', { data, source, origin }));

  afterEach(() => {
    side = 'right';
    document.body.innerHTML = '';
    for (const el of document.querySelectorAll('replyline-customer-panel')) el.remove();
    vi.useRealTimers();
  });

  test('opens a fixed frame on the item, outside the page flow, focused; closes back to the badge', () => {
    vi.useFakeTimers();
    const { panel, badge } = setup();
    badge.focus();
    panel.open(key, badge);
    expect(panel.openKey()).toBe(key);
    expect(host()?.parentElement).toBe(document.documentElement);
    expect(host()?.style.getPropertyValue('position')).toBe('fixed');
    expect(host()?.style.getPropertyPriority('position')).toBe('important');
    expect(host()?.style.getPropertyValue('right')).toBe('0px');
    expect(host()?.style.getPropertyValue('width')).toBe('380px');
    expect(frame()?.getAttribute('src')).toBe('chrome-extension://test-extension-id/customer-panel.html?item=x%3A42');
    expect(frame()?.title).toBe('Replyline customer history');
    expect(document.activeElement).toBe(host());
    panel.close();
    expect(host()).toBeNull();
    expect(document.activeElement).toBe(badge);
    vi.advanceTimersByTime(100);
    expect(document.querySelector('replyline-customer-panel')).toBeNull();
    panel.dispose();
  });

  test('one panel per page: another item switches the frame and keeps the first focus to return to', () => {
    const { panel, badge } = setup();
    panel.open(key, badge);
    const first = frame();
    panel.open('x:43', document.body);
    expect(document.querySelectorAll('replyline-customer-panel')).toHaveLength(1);
    expect(first?.isConnected).toBe(false);
    expect(frame()?.getAttribute('src')).toMatch(/item=x%3A43$/);
    panel.toggle('x:43');
    expect(panel.openKey()).toBeNull();
    expect(document.activeElement).toBe(badge);
    panel.dispose();
  });

  test('the left side setting is read at each opening', () => {
    const { panel } = setup();
    side = 'left';
    panel.open(key);
    expect(host()?.style.getPropertyValue('left')).toBe('0px');
    expect(host()?.style.getPropertyValue('right')).not.toBe('0px');
    panel.dispose();
  });

  test('a close message counts only when really posted by the panel frame, from the extension origin, in the expected shape', () => {
    const frameWindow = {} as Window;
    const origin = 'chrome-extension://test-extension-id';
    const real = { isTrusted: true, source: frameWindow, origin, data: CUSTOMER_PANEL_CLOSE };
    expect(isCloseFromPanel(real, frameWindow, origin)).toBe(true);
    // A page script's own postMessage: another source.
    expect(isCloseFromPanel({ ...real, source: window }, frameWindow, origin)).toBe(false);
    expect(isCloseFromPanel({ ...real, source: null }, frameWindow, origin)).toBe(false);
    // A MessageEvent the page built with the frame as source and the extension's origin: not trusted.
    expect(isCloseFromPanel({ ...real, isTrusted: false }, frameWindow, origin)).toBe(false);
    expect(isCloseFromPanel({ ...real, origin: 'https://x.com' }, frameWindow, origin)).toBe(false);
    expect(isCloseFromPanel({ ...real, data: { type: 'replyline/customer-panel', action: 'open' } }, frameWindow, origin)).toBe(false);
    // No panel open: nothing to close.
    expect(isCloseFromPanel(real, null, origin)).toBe(false);
  });

  test('forged message events on the page leave the panel open', () => {
    const { panel, badge } = setup();
    panel.open(key, badge);
    const own = frame()?.contentWindow ?? null;
    post(CUSTOMER_PANEL_CLOSE, window);
    post(CUSTOMER_PANEL_CLOSE, null);
    // Same source and origin as the real frame, but dispatched by a script.
    post(CUSTOMER_PANEL_CLOSE, own);
    expect(panel.openKey()).toBe(key);
    panel.dispose();
  });

  test('dispose removes the panel', () => {
    const { panel } = setup();
    panel.open(key);
    panel.dispose();
    expect(host()).toBeNull();
    expect(panel.openKey()).toBeNull();
  });
});
