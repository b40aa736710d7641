import { dispatch, type RouterEnv, type Sender } from '@/utils/background/router';
import type { SlaContext } from '@/utils/backlog';
import type { ItemRecord } from '@/utils/db';
import {
  computeMetricsReport,
  firstResponseOutcome,
  type MetricsItem,
  type MetricsItemsPage,
  type MetricsRange,
  type MetricsReport,
  percentileLinear,
  responseTimer,
  summarizeResponseTimes,
} from '@/utils/metrics';
import { requests } from '@/utils/protocol-requests';
import type { BusinessHours, SlaEvent, SlaPolicy } from '@/utils/schema';
import { WEEKDAYS } from '@/utils/schema-core';
import { freshDb, quietHandlers } from './helpers';

const office = (timezone: string): BusinessHours => ({
  id: `office-${timezone}`,
  timezone,
  week: {
    mon: [{ start: '09:00', end: '17:00' }],
    tue: [{ start: '09:00', end: '17:00' }],
    wed: [{ start: '09:00', end: '17:00' }],
    thu: [{ start: '09:00', end: '17:00' }],
    fri: [{ start: '09:00', end: '17:00' }],
  },
});
const parisAllDay: BusinessHours = {
  id: 'paris-24-7',
  timezone: 'Europe/Paris',
  week: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
};
const policy = (id: string, businessHoursId?: string): SlaPolicy => ({
  id,
  name: id,
  order: 1,
  match: {},
  firstResponseMinutes: 60,
  dueSoonPercent: 75,
  ...(businessHoursId ? { businessHoursId } : {}),
});
const calendars = [office('UTC'), office('Europe/Paris'), parisAllDay];
const ctx: SlaContext = {
  policies: [
    policy('wall'),
    policy('office-utc', 'office-UTC'),
    policy('office-paris', 'office-Europe/Paris'),
    policy('paris-24-7', 'paris-24-7'),
    policy('gone-calendar', 'no-such-calendar'),
  ],
  calendars: new Map(calendars.map((c) => [c.id, c])),
};

let seq = 0;
const item = (overrides: Partial<MetricsItem> = {}): MetricsItem => ({
  platform: 'x',
  externalId: `i${++seq}`,
  kind: 'comment',
  postedAt: '2026-06-01T10:00:00.000Z',
  status: 'pending',
  policyId: 'wall',
  ...overrides,
});
/** An item answered `minutes` wall-clock minutes after it was posted. */
const answered = (postedAt: string, minutes: number, overrides: Partial<MetricsItem> = {}): MetricsItem =>
  item({ postedAt, answeredAt: new Date(Date.parse(postedAt) + minutes * 60_000).toISOString(), status: 'answered', ...overrides });

describe('percentileLinear (R-7: linear between closest ranks)', () => {
  it.each<[string, number[], number, number | null]>([
    ['empty', [], 50, null],
    ['empty p90', [], 90, null],
    ['single value, median', [42], 50, 42],
    ['single value, p90', [42], 90, 42],
    ['two values, median is their mean', [10, 20], 50, 15],
    ['two values, p90', [10, 20], 90, 19],
    ['odd count, median is the middle', [1, 2, 100], 50, 2],
    ['ties', [7, 7, 7, 7], 90, 7],
    ['ties around the rank', [1, 5, 5, 5, 9], 50, 5],
    ['1..10 p90', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1],
    ['1..10 median', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5.5],
    ['p0 is the minimum', [3, 4, 8], 0, 3],
    ['p100 is the maximum', [3, 4, 8], 100, 8],
  ])('%s', (_, values, p, expected) => {
    const got = percentileLinear(values, p);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 10);
  });

  it('summaries sort their input first', () => {
    expect(summarizeResponseTimes([30, 10, 20])).toEqual({ count: 3, medianMinutes: 20, p90Minutes: 28 });
    expect(summarizeResponseTimes([])).toEqual({ count: 0, medianMinutes: null, p90Minutes: null });
  });
});

describe('first-response time, with and without business hours', () => {
  const timeOf = responseTimer(ctx);
  it.each<[string, Partial<MetricsItem>, { minutes: number; business: boolean } | null]>([
    [
      'Fri 16:30 → Mon 09:30 on the wall clock',
      { postedAt: '2026-06-05T16:30:00Z', answeredAt: '2026-06-08T09:30:00Z', policyId: 'wall' },
      { minutes: 65 * 60, business: false },
    ],
    [
      'Fri 16:30 → Mon 09:30 with Mon–Fri 09:00–17:00 is 60 business minutes',
      { postedAt: '2026-06-05T16:30:00Z', answeredAt: '2026-06-08T09:30:00Z', policyId: 'office-utc' },
      { minutes: 60, business: true },
    ],
    [
      'posted and answered outside hours the same night: 0 business minutes',
      { postedAt: '2026-06-02T20:00:00Z', answeredAt: '2026-06-02T22:00:00Z', policyId: 'office-utc' },
      { minutes: 0, business: true },
    ],
    [
      'business hours in the calendar’s own zone (Paris, UTC+2 in June)',
      { postedAt: '2026-06-02T06:00:00Z', answeredAt: '2026-06-02T08:00:00Z', policyId: 'office-paris' },
      { minutes: 60, business: true },
    ],
    [
      'DST spring-forward, wall clock: 01:30 → 03:30 Paris is 60 minutes',
      { postedAt: '2026-03-29T00:30:00Z', answeredAt: '2026-03-29T01:30:00Z', policyId: 'wall' },
      { minutes: 60, business: false },
    ],
    [
      'DST spring-forward, a 24/7 Paris calendar: still 60 business minutes',
      { postedAt: '2026-03-29T00:30:00Z', answeredAt: '2026-03-29T01:30:00Z', policyId: 'paris-24-7' },
      { minutes: 60, business: true },
    ],
    [
      'DST fall-back, a 24/7 Paris calendar: 02:30 (first) → 02:30 (second) is 60 minutes',
      { postedAt: '2026-10-25T00:30:00Z', answeredAt: '2026-10-25T01:30:00Z', policyId: 'paris-24-7' },
      { minutes: 60, business: true },
    ],
    [
      'across the spring-forward weekend in Paris office hours: Fri 16:00 → Mon 10:00 is 120',
      { postedAt: '2026-03-27T15:00:00Z', answeredAt: '2026-03-30T08:00:00Z', policyId: 'office-paris' },
      { minutes: 120, business: true },
    ],
    [
      'a policy whose calendar is gone falls back to the wall clock',
      { postedAt: '2026-06-05T16:30:00Z', answeredAt: '2026-06-05T17:30:00Z', policyId: 'gone-calendar' },
      { minutes: 60, business: false },
    ],
    [
      'no recorded policy: the one that fits now (the first by order here is "wall")',
      { postedAt: '2026-06-05T16:30:00Z', answeredAt: '2026-06-05T16:45:00Z', policyId: undefined },
      { minutes: 15, business: false },
    ],
    [
      'a reply stamped before the message counts as 0',
      { postedAt: '2026-06-05T16:30:00Z', answeredAt: '2026-06-05T16:00:00Z' },
      { minutes: 0, business: false },
    ],
    ['unanswered: no time', { answeredAt: undefined }, null],
    [
      'a follow-up is timed by the next-response target: no first-response time',
      { answeredAt: '2026-06-01T10:05:00Z', responseTarget: 'next' },
      null,
    ],
  ])('%s', (_, overrides, expected) => {
    expect(timeOf(item(overrides))).toEqual(expected);
  });
});

describe('firstResponseOutcome', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  const due = '2026-06-01T11:00:00Z';
  it.each<[string, Partial<MetricsItem>, string]>([
    ['answered before the deadline', { firstResponseDueAt: due, answeredAt: '2026-06-01T10:30:00Z', status: 'answered' }, 'on-time'],
    ['answered exactly at the deadline', { firstResponseDueAt: due, answeredAt: due, status: 'answered' }, 'on-time'],
    ['answered after the deadline', { firstResponseDueAt: due, answeredAt: '2026-06-01T11:00:01Z', status: 'resolved' }, 'late'],
    ['pending past the deadline', { firstResponseDueAt: due, status: 'pending' }, 'late'],
    ['pending before the deadline: still open', { firstResponseDueAt: '2026-06-01T13:00:00Z', status: 'pending' }, 'open'],
    ['snoozed past the deadline: paused, still open', { firstResponseDueAt: due, status: 'snoozed' }, 'open'],
    ['resolved without a reply: not counted', { firstResponseDueAt: due, status: 'resolved' }, 'not-counted'],
    ['ignored: not counted', { firstResponseDueAt: due, status: 'ignored' }, 'not-counted'],
    ['no target: not counted', { status: 'pending' }, 'not-counted'],
    ['follow-up: not counted', { firstResponseDueAt: due, status: 'pending', responseTarget: 'next' }, 'not-counted'],
  ])('%s → %s', (_, overrides, expected) => {
    expect(firstResponseOutcome(item(overrides), now)).toBe(expected);
  });
});

describe('computeMetricsReport', () => {
  const utcJune = (extra: Partial<MetricsRange> = {}): MetricsRange => ({
    from: Date.parse('2026-06-01T00:00:00Z'),
    to: Date.parse('2026-06-04T00:00:00Z'),
    timeZone: 'UTC',
    ...extra,
  });
  const now = Date.parse('2026-06-10T00:00:00Z');
  const report = (items: MetricsItem[], range = utcJune(), events: SlaEvent[] = []) =>
    computeMetricsReport({ items, events, ctx, range, now });
  const miss = (metric: SlaEvent['metric'], at: string, platform: SlaEvent['platform'] = 'x'): SlaEvent => ({
    id: `${metric}|${platform}|${at}`,
    platform,
    externalId: at,
    metric,
    dueAt: at,
    at,
  });

  it('an empty range: zero counts, null figures, every local day listed', () => {
    const r = report([]);
    expect(r.total).toEqual({
      volume: 0,
      response: { count: 0, medianMinutes: null, p90Minutes: null },
      compliance: { onTime: 0, late: 0, open: 0, rate: null },
    });
    expect(r.days.map((d) => d.day)).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
    expect(r.days[0]?.response.medianMinutes).toBeNull();
    expect(r.busiestHours.flat().every((n) => n === 0)).toBe(true);
    expect(r.busiestHours).toHaveLength(7);
    expect(r.busiestHours[0]).toHaveLength(24);
  });

  it('a single item: its time is the median and the p90', () => {
    const r = report([answered('2026-06-01T10:00:00Z', 25)]);
    expect(r.total.response).toEqual({ count: 1, medianMinutes: 25, p90Minutes: 25 });
    expect(r.byPlatform.x.response).toEqual({ count: 1, medianMinutes: 25, p90Minutes: 25 });
    expect(r.byPlatform.facebook.response.count).toBe(0);
  });

  it('median and p90 per platform, overall and per day', () => {
    const items = [
      answered('2026-06-01T09:00:00Z', 10),
      answered('2026-06-01T10:00:00Z', 20),
      answered('2026-06-01T11:00:00Z', 30),
      answered('2026-06-02T09:00:00Z', 40),
      answered('2026-06-02T09:00:00Z', 100, { platform: 'facebook' }),
      answered('2026-06-02T09:00:00Z', 200, { platform: 'facebook' }),
      item({ postedAt: '2026-06-03T09:00:00Z', platform: 'linkedin' }),
    ];
    const r = report(items);
    expect(r.total.volume).toBe(7);
    expect(r.total.response).toEqual({ count: 6, medianMinutes: 35, p90Minutes: 150 });
    expect(r.byPlatform.x.response).toEqual({ count: 4, medianMinutes: 25, p90Minutes: 37 });
    expect(r.byPlatform.facebook.response).toEqual({ count: 2, medianMinutes: 150, p90Minutes: 190 });
    expect(r.byPlatform.linkedin).toMatchObject({ volume: 1, response: { count: 0, medianMinutes: null } });
    expect(r.days.map((d) => [d.day, d.response.medianMinutes, d.response.p90Minutes])).toEqual([
      ['2026-06-01', 20, 28],
      ['2026-06-02', 100, 180],
      ['2026-06-03', null, null],
    ]);
    expect(r.days.map((d) => d.volume)).toEqual([
      { x: 3, facebook: 0, instagram: 0, linkedin: 0 },
      { x: 1, facebook: 2, instagram: 0, linkedin: 0 },
      { x: 0, facebook: 0, instagram: 0, linkedin: 1 },
    ]);
  });

  it('mixes business and wall minutes per item policy, and counts the business ones', () => {
    const friday = '2026-06-05T16:30:00Z';
    const r = report(
      [
        answered(friday, 65 * 60, { policyId: 'office-utc' }),
        answered(friday, 30, { policyId: 'wall' }),
        answered(friday, 90, { policyId: 'wall' }),
      ],
      utcJune({ from: Date.parse('2026-06-05T00:00:00Z'), to: Date.parse('2026-06-06T00:00:00Z') }),
    );
    // 60 business minutes, 30 and 90 wall minutes.
    expect(r.total.response).toEqual({ count: 3, medianMinutes: 60, p90Minutes: 84 });
    expect(r.businessTimeCount).toBe(1);
  });

  it('the range is [from, to): an item at `to` belongs to the next range', () => {
    const r = report([
      item({ postedAt: '2026-06-01T00:00:00.000Z' }),
      item({ postedAt: '2026-06-04T00:00:00.000Z' }),
      item({ postedAt: '2026-05-31T23:59:59.999Z' }),
    ]);
    expect(r.total.volume).toBe(1);
  });

  it('compares instants, not strings: an offset postedAt is placed by its instant', () => {
    const r = report([item({ postedAt: '2026-06-04T01:00:00+02:00' }), item({ postedAt: '2026-06-03T23:30:00-02:00' })]);
    // 2026-06-03T23:00Z is in range; 2026-06-04T01:30Z is not.
    expect(r.total.volume).toBe(1);
    expect(r.days[2]?.volume.x).toBe(1);
  });

  it('filters platforms', () => {
    const items = [answered('2026-06-01T10:00:00Z', 10), answered('2026-06-01T10:00:00Z', 50, { platform: 'instagram' })];
    const events = [miss('first-response', '2026-06-01T11:00:00Z', 'x'), miss('first-response', '2026-06-01T11:00:00Z', 'instagram')];
    const r = report(items, utcJune({ platforms: ['instagram'] }), events);
    expect(r.platforms).toEqual(['instagram']);
    expect(r.total.volume).toBe(1);
    expect(r.total.response.medianMinutes).toBe(50);
    expect(r.days[0]?.breaches['first-response']).toBe(1);
  });

  it('compliance: on time, late and still open, per platform and overall', () => {
    const due = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
    const t = '2026-06-01T10:00:00Z';
    const items = [
      answered(t, 30, { firstResponseDueAt: due(t, 60) }),
      answered(t, 59, { firstResponseDueAt: due(t, 60) }),
      answered(t, 90, { firstResponseDueAt: due(t, 60) }),
      item({ postedAt: t, firstResponseDueAt: due(t, 60) }), // pending past due at `now`
      item({ postedAt: '2026-06-03T23:00:00Z', firstResponseDueAt: '2026-06-11T00:00:00Z' }), // not due yet
      item({ postedAt: t, firstResponseDueAt: due(t, 60), status: 'ignored' }),
      answered(t, 5, { platform: 'facebook', firstResponseDueAt: due(t, 60) }),
    ];
    const r = report(items);
    expect(r.total.compliance).toEqual({ onTime: 3, late: 2, open: 1, rate: 3 / 5 });
    expect(r.byPlatform.x.compliance).toEqual({ onTime: 2, late: 2, open: 1, rate: 0.5 });
    expect(r.byPlatform.facebook.compliance).toEqual({ onTime: 1, late: 0, open: 0, rate: 1 });
    expect(r.byPlatform.linkedin.compliance.rate).toBeNull();
  });

  it('breaches per metric per local day, by when the miss happened', () => {
    const events = [
      miss('first-response', '2026-06-01T10:00:00Z'),
      miss('first-response', '2026-06-01T23:00:00Z'),
      miss('next-response', '2026-06-02T08:00:00Z'),
      miss('resolution', '2026-06-03T08:00:00Z'),
      miss('resolution', '2026-06-04T08:00:00Z'), // after the range
    ];
    const r = report([], utcJune(), events);
    expect(r.days.map((d) => d.breaches)).toEqual([
      { 'first-response': 2, 'next-response': 0, resolution: 0 },
      { 'first-response': 0, 'next-response': 1, resolution: 0 },
      { 'first-response': 0, 'next-response': 0, resolution: 1 },
    ]);
    // In Paris (UTC+2) the 23:00Z miss is on the next local day.
    const paris = report(
      [],
      utcJune({ timeZone: 'Europe/Paris', from: Date.parse('2026-05-31T22:00:00Z'), to: Date.parse('2026-06-03T22:00:00Z') }),
      events,
    );
    expect(paris.days.map((d) => d.breaches['first-response'])).toEqual([1, 1, 0]);
  });

  it('sentiment mix with the scorer’s neutral band (±0.125, ends included)', () => {
    const scores = [-1, -0.13, -0.125, 0, 0.125, 0.13, 1, undefined];
    const r = report(scores.map((sentiment) => item({ sentiment })));
    expect(r.sentiment).toEqual({ negative: 2, neutral: 3, positive: 2, unknown: 1 });
  });

  it('busiest hours: local weekday (Monday first) × hour', () => {
    const items = [
      item({ postedAt: '2026-06-01T10:15:00Z' }), // Monday 10h UTC
      item({ postedAt: '2026-06-01T10:45:00Z' }),
      item({ postedAt: '2026-06-07T23:30:00Z' }), // Sunday 23h UTC = Monday 01h in Paris
    ];
    const range = { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-06-08T00:00:00Z') };
    const utc = report(items, utcJune(range));
    expect(utc.busiestHours[0]?.[10]).toBe(2);
    expect(utc.busiestHours[6]?.[23]).toBe(1);
    expect(utc.busiestHours.flat().reduce((a, b) => a + b)).toBe(3);
    const paris = report(items, utcJune({ ...range, timeZone: 'Europe/Paris' }));
    expect(paris.busiestHours[0]?.[12]).toBe(2);
    expect(paris.busiestHours[0]?.[1]).toBe(1);
  });

  it('DST: the 23-hour spring-forward day is one day, and its hours are local', () => {
    const range: MetricsRange = {
      from: Date.parse('2026-03-28T23:00:00Z'),
      to: Date.parse('2026-03-29T22:00:00Z'),
      timeZone: 'Europe/Paris',
    };
    const items = [
      item({ postedAt: '2026-03-29T00:30:00Z' }), // 01:30 CET
      item({ postedAt: '2026-03-29T01:30:00Z' }), // 03:30 CEST
      item({ postedAt: '2026-03-29T21:59:00Z' }), // 23:59 CEST
      answered('2026-03-29T00:30:00Z', 60, { policyId: 'paris-24-7' }),
    ];
    const r = report(items, range);
    expect(r.days.map((d) => [d.day, d.volume.x])).toEqual([['2026-03-29', 4]]);
    const sunday = r.busiestHours[6] ?? [];
    expect([sunday[1], sunday[2], sunday[3], sunday[23]]).toEqual([2, 0, 1, 1]);
    expect(r.total.response).toEqual({ count: 1, medianMinutes: 60, p90Minutes: 60 });
  });

  it('DST: the 25-hour fall-back day is one day', () => {
    const range: MetricsRange = {
      from: Date.parse('2026-10-24T22:00:00Z'),
      to: Date.parse('2026-10-25T23:00:00Z'),
      timeZone: 'Europe/Paris',
    };
    const r = report(
      [item({ postedAt: '2026-10-25T00:30:00Z' }), item({ postedAt: '2026-10-25T01:30:00Z' }), item({ postedAt: '2026-10-25T22:30:00Z' })],
      range,
    );
    expect(r.days.map((d) => [d.day, d.volume.x])).toEqual([['2026-10-25', 3]]);
    // Both 02:30s (CEST, then CET) are in the 02h bucket.
    expect(r.busiestHours[6]?.[2]).toBe(2);
  });
});

describe('metrics/report and metrics/items through the router', () => {
  const env: RouterEnv = { extensionId: 'ext', extensionOrigin: 'chrome-extension://ext/' };
  const dashboard: Sender = { id: 'ext', url: 'chrome-extension://ext/dashboard.html' };
  const xTab: Sender = { id: 'ext', url: 'https://x.com/home', tab: { id: 1 } };
  const NOW = new Date('2026-06-10T00:00:00Z');

  async function setup() {
    const db = freshDb();
    const handlers = quietHandlers(db, NOW);
    await db.businessHours.put(office('UTC'));
    await db.slaPolicies.put({ ...policy('office-utc', 'office-UTC'), match: { platforms: ['facebook'] } });
    const stored = (postedAt: string, minutes: number | null, extra: Partial<ItemRecord> = {}): ItemRecord => ({
      ...(minutes === null ? item({ postedAt }) : answered(postedAt, minutes)),
      author: { name: 'Maya Ortiz', handle: 'maya' },
      text: '=HYPERLINK("https://evil.example")',
      capturedAt: postedAt,
      policyId: 'default',
      ...extra,
    });
    await db.items.bulkPut([
      stored('2026-06-01T09:00:00.000Z', 10),
      stored('2026-06-01T10:00:00.000Z', 30, { firstResponseDueAt: '2026-06-01T11:00:00.000Z' }),
      stored('2026-06-02T01:00:00+02:00', 50), // 2026-06-01T23:00Z: inside, though its string sorts after 06-02
      stored('2026-06-05T16:30:00.000Z', 65 * 60, { platform: 'facebook', policyId: 'office-utc' }),
      stored('2026-05-31T23:59:00.000Z', 1000), // before the range
      stored('2026-06-08T00:00:00.000Z', 1000), // at its end
      stored('2026-06-03T12:00:00.000Z', null, { firstResponseDueAt: '2026-06-03T13:00:00.000Z' }),
    ]);
    await db.slaEvents.put({
      id: 'first-response|x|late',
      platform: 'x',
      externalId: 'late',
      metric: 'first-response',
      dueAt: '2026-06-03T13:00:00.000Z',
      at: '2026-06-03T13:00:00.000Z',
    });
    return { db, call: (type: string, payload: unknown, sender = dashboard) => dispatch(handlers, { type, payload }, sender, env) };
  }
  const week = { from: '2026-06-01T00:00:00.000Z', to: '2026-06-08T00:00:00.000Z', timeZone: 'UTC' };

  it('reports the range from the stored items, misses and policies', async () => {
    const { call } = await setup();
    const reply = await call('metrics/report', week);
    expect(reply.ok).toBe(true);
    const r = (reply as { data: MetricsReport }).data;
    expect(r.total.volume).toBe(5);
    // 10, 30, 50 wall minutes on X; 60 business minutes on Facebook (Fri 16:30 → Mon 09:30).
    expect(r.total.response).toEqual({ count: 4, medianMinutes: 40, p90Minutes: 57 });
    expect(r.byPlatform.facebook.response.medianMinutes).toBe(60);
    expect(r.businessTimeCount).toBe(1);
    expect(r.total.compliance).toEqual({ onTime: 1, late: 1, open: 0, rate: 0.5 });
    expect(r.days.find((d) => d.day === '2026-06-03')?.breaches['first-response']).toBe(1);
    expect(r.days.map((d) => d.day)).toHaveLength(7);
  });

  it('pages the items table newest first, with the total', async () => {
    const { call } = await setup();
    const first = (await call('metrics/items', { range: week, offset: 0, limit: 2 })) as { ok: true; data: MetricsItemsPage };
    expect(first.data.total).toBe(5);
    expect(first.data.rows.map((r) => r.postedAt)).toEqual(['2026-06-05T16:30:00.000Z', '2026-06-03T12:00:00.000Z']);
    expect(first.data.rows[0]).toMatchObject({
      platform: 'facebook',
      responseMinutes: 60,
      businessTime: true,
      author: 'Maya Ortiz (@maya)',
    });
    expect(first.data.rows[1]).toMatchObject({ responseMinutes: null, outcome: 'late' });
    const rest = (await call('metrics/items', { range: week, offset: 2, limit: 10 })) as { ok: true; data: MetricsItemsPage };
    expect(rest.data.rows).toHaveLength(3);
    const onlyFacebook = (await call('metrics/items', { range: { ...week, platforms: ['facebook'] }, offset: 0, limit: 10 })) as {
      ok: true;
      data: MetricsItemsPage;
    };
    expect(onlyFacebook.data.total).toBe(1);
  });

  it.each<[string, unknown]>([
    ['an end before the start', { ...week, to: week.from }],
    ['more than 400 days', { ...week, from: '2025-01-01T00:00:00.000Z' }],
    ['an unknown time zone', { ...week, timeZone: 'Mars/Olympus' }],
    ['an unknown platform', { ...week, platforms: ['myspace'] }],
  ])('refuses %s', async (_, payload) => {
    const { call } = await setup();
    expect(await call('metrics/report', payload)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('answers extension pages only: the figures describe the whole backlog', async () => {
    const { call } = await setup();
    expect(requests['metrics/report'].audience).toBe('extension');
    expect(requests['metrics/items'].audience).toBe('extension');
    expect(await call('metrics/report', week, xTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
