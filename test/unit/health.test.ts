// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { createHealthMeter, selectorMatches, surfaceOf } from '@/utils/engine/health-meter';
import { applyHealthReport, type HealthReport, healthLine, healthWarnings, type PlatformHealth } from '@/utils/health';
import { facebookAdapter } from '@/utils/sites/facebook';
import { instagramAdapter } from '@/utils/sites/instagram';
import { linkedinAdapter } from '@/utils/sites/linkedin';
import type { SiteAdapter } from '@/utils/sites/types';
import { xAdapter } from '@/utils/sites/x';
import { parse } from './adapter-kit';

const T0 = Date.parse('2026-07-01T12:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const report = (extra: Partial<HealthReport>): HealthReport => ({
  platform: 'instagram',
  surface: 'post',
  expect: 'usually',
  counters: {},
  failures: [],
  ...extra,
});
const fold = (reports: [number, Partial<HealthReport>][]) =>
  reports.reduce<PlatformHealth | undefined>((h, [minute, r]) => applyHealthReport(h, report(r), at(minute)), undefined) as PlatformHealth;

test('counters add up per surface; an empty visit streak warns after the surface’s threshold, and any item clears it', () => {
  const twoEmpty = fold([
    [0, { visit: 'empty' }],
    [5, { visit: 'empty' }],
  ]);
  expect(twoEmpty.surfaces.post).toMatchObject({ visits: 2, emptyStreak: 2, emptySince: at(0) });
  expect(healthWarnings([twoEmpty], T0)).toEqual([]);

  const threeEmpty = applyHealthReport(twoEmpty, report({ visit: 'empty' }), at(9));
  expect(healthWarnings([threeEmpty], T0)).toEqual([{ platform: 'instagram', message: 'no items found on post pages', since: at(0) }]);

  const found = applyHealthReport(threeEmpty, report({ counters: { found: 2, extracted: 2 } }), at(12));
  expect(found.surfaces.post).toMatchObject({
    emptyStreak: 0,
    emptySince: undefined,
    lastFoundAt: at(12),
    counters: { found: 2, extracted: 2 },
  });
  expect(healthWarnings([found], T0)).toEqual([]);

  const status = fold([[0, { platform: 'x', surface: 'status', expect: 'always', visit: 'empty' }]]);
  expect(healthWarnings([status], T0).map((w) => w.message)).toEqual(['no items found on status pages']);
  const other = fold([[0, { surface: 'other', expect: 'never', visit: 'empty' }]]);
  expect(healthWarnings([other], T0)).toEqual([]);
});

test('failures: counted with since/last, cleared by the success that proves them fixed, and stale after a day', () => {
  const failing = fold([
    [0, { failures: [{ reason: 'composer not found', count: 1 }] }],
    [
      3,
      {
        failures: [
          { reason: 'composer not found', count: 2 },
          { reason: 'invalid-item', count: 1 },
        ],
      },
    ],
  ]);
  expect(failing.failures).toEqual([
    { reason: 'composer not found', count: 3, since: at(0), last: at(3) },
    { reason: 'invalid-item', count: 1, since: at(3), last: at(3) },
  ]);
  expect(healthWarnings([failing], T0 + 10 * 60_000).map((w) => w.message)).toEqual(['composer not found (3×)', 'invalid-item (1×)']);
  const fixed = applyHealthReport(failing, report({ counters: { composersFound: 1 } }), at(5));
  expect(fixed.failures.map((f) => f.reason)).toEqual(['invalid-item']);
  expect(healthWarnings([fixed], T0 + 25 * 3_600_000)).toEqual([]);
  // The reducer never mutates what it was given (the background re-reads it from the database).
  expect(failing.failures).toHaveLength(2);
});

test('selectors: the last count and when each last matched', () => {
  const h = fold([
    [0, { selectors: { comment: 4, composer: 1, bad: -1 } }],
    [5, { selectors: { comment: 0, composer: 1 } }],
  ]);
  expect(h.selectors).toEqual({
    comment: { count: 0, checkedAt: at(5), lastMatchedAt: at(0) },
    composer: { count: 1, checkedAt: at(5), lastMatchedAt: at(5) },
    bad: { count: -1, checkedAt: at(0), lastMatchedAt: undefined },
  });
});

test('selectorMatches counts each table entry in the page and flags a selector the browser rejects', () => {
  const doc = parse('<main><article></article><article></article><div role="textbox"></div></main>');
  expect(selectorMatches({ item: 'article', composer: '[role="textbox"]', gone: '.nothing', broken: 'div[' }, doc)).toEqual({
    item: 2,
    composer: 1,
    gone: 0,
    broken: -1,
  });
});

test('every adapter selector table is valid CSS for the browser', () => {
  const doc = parse('<p></p>');
  for (const adapter of [xAdapter, facebookAdapter, instagramAdapter, linkedinAdapter]) {
    const invalid = Object.entries(selectorMatches(adapter.selectors, doc)).filter(([, n]) => n < 0);
    expect(invalid, adapter.platform).toEqual([]);
  }
});

const SURFACES: [SiteAdapter, string, string][] = [
  [xAdapter, 'https://x.com/maya_rides/status/2124573908005815395', 'status'],
  [xAdapter, 'https://x.com/maya_rides/status/2124573908005815395/photo/1', 'status'],
  [xAdapter, 'https://x.com/notifications/mentions', 'notifications'],
  [xAdapter, 'https://x.com/notifications', 'notifications'],
  [xAdapter, 'https://x.com/home', 'home'],
  [xAdapter, 'https://x.com/i/chat/123-456', 'messages'],
  [xAdapter, 'https://x.com/messages/123-456', 'messages'],
  [xAdapter, 'https://x.com/northwindco', 'other'],
  [facebookAdapter, 'https://www.facebook.com/northwindco/posts/1187465203918274', 'post'],
  [facebookAdapter, 'https://www.facebook.com/permalink.php', 'post'],
  [facebookAdapter, 'https://www.facebook.com/notifications', 'notifications'],
  [facebookAdapter, 'https://www.facebook.com/messages/t/100004211', 'messenger'],
  [facebookAdapter, 'https://www.facebook.com/northwindco', 'other'],
  [instagramAdapter, 'https://www.instagram.com/p/DKq7Zt2xNwB/', 'post'],
  [instagramAdapter, 'https://www.instagram.com/reel/DKq7Zt2xNwB/c/18012345678901234/', 'post'],
  [instagramAdapter, 'https://www.instagram.com/direct/t/17843209871234567', 'direct thread'],
  [instagramAdapter, 'https://www.instagram.com/northwindco/', 'other'],
  [linkedinAdapter, 'https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567', 'post'],
  [linkedinAdapter, 'https://www.linkedin.com/notifications/', 'notifications'],
  [linkedinAdapter, 'https://www.linkedin.com/messaging/thread/2-ZmQ1/', 'messaging thread'],
  [linkedinAdapter, 'https://www.linkedin.com/feed/', 'other'],
];

test.each(SURFACES)('%#: %s classifies %s as %s pages', (adapter, url, surface) => {
  expect(surfaceOf(adapter, new URL(url)).name).toBe(surface);
});

test('a meter reports counts with the surface, then after the page settles whether it showed items and what each selector matched', () => {
  vi.useFakeTimers();
  try {
    history.replaceState(null, '', '/notifications');
    document.body.replaceChildren(...parse(readFileSync('test/fixtures/x/notifications-mentions.html', 'utf8')).body.childNodes);
    const sent: HealthReport[] = [];
    const meter = createHealthMeter(
      { ...xAdapter, surfaces: [{ name: 'notifications', path: /^\/notifications/, expect: 'always' }] },
      (r) => sent.push(r),
    );
    meter.visit();
    meter.count('found', 3);
    meter.count('extracted', 2);
    meter.flush();
    expect(sent.at(-1)).toMatchObject({ surface: 'notifications', expect: 'always', counters: { found: 3, extracted: 2 } });
    meter.count('skipped');
    meter.flush(); // within 5 s of the last report: counts wait
    expect(sent).toHaveLength(1);
    meter.fail('invalid-item');
    meter.flush(); // failures go at once
    expect(sent.at(-1)).toMatchObject({ counters: { skipped: 1 }, failures: [{ reason: 'invalid-item', count: 1 }] });
    vi.advanceTimersByTime(8000);
    const settled = sent.at(-1);
    expect(settled?.visit).toBe('found');
    expect(settled?.selectors?.tweet).toBeGreaterThan(0);

    // An SPA navigation to a page where nothing shows up.
    history.replaceState(null, '', '/notifications/empty');
    document.body.replaceChildren();
    meter.visit();
    vi.advanceTimersByTime(8000);
    expect(sent.at(-1)).toMatchObject({ visit: 'empty', selectors: { tweet: 0 } });
    meter.dispose();
  } finally {
    vi.useRealTimers();
  }
});

test('the settle check counts selectors a slice at a time, and a navigation meanwhile drops the old page’s counts', () => {
  vi.useFakeTimers();
  let clock = 0;
  // Each whole-document count "takes" 5 ms, past a slice.
  vi.spyOn(performance, 'now').mockImplementation(() => (clock += 5));
  try {
    history.replaceState(null, '', '/notifications');
    document.body.replaceChildren(...parse(readFileSync('test/fixtures/x/notifications-mentions.html', 'utf8')).body.childNodes);
    const sent: HealthReport[] = [];
    const meter = createHealthMeter(xAdapter, (r) => sent.push(r));
    meter.visit();
    vi.advanceTimersByTime(7999);
    vi.advanceTimersToNextTimer(); // the settle check's first slice only
    expect(sent.some((r) => r.selectors)).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    meter.visit(); // an SPA navigation before the counts are done
    vi.advanceTimersToNextTimer(); // the old page's next slice: dropped
    expect(sent.some((r) => r.selectors)).toBe(false);
    vi.advanceTimersByTime(8000);
    vi.runAllTimers(); // the new page's slices
    const settled = sent.filter((r) => r.selectors);
    expect(settled).toHaveLength(1);
    expect(Object.keys(settled[0]?.selectors ?? {})).toEqual(Object.keys(xAdapter.selectors));
    meter.dispose();
  } finally {
    vi.restoreAllMocks();
    vi.useRealTimers();
  }
});

test('warnings read as sentences with the platform name', () => {
  expect(healthLine({ platform: 'linkedin', message: 'composer not found (2×)', since: at(0) }, new Date(T0))).toMatch(
    /^LinkedIn: composer not found \(2×\) since \d{1,2}:\d{2}/,
  );
});
