import { type BusinessHours, businessHoursSchema, type SlaPolicy } from '@/utils/schema';
import { clockFor, DEFAULT_POLICY, describeDue, matchPolicy, missesOf, nextSlaChange, resumeClock, slaState } from '@/utils/sla';

const posted = '2026-07-01T12:00:00.000Z';
const t = (iso: string) => Date.parse(iso);

test('the default policy: 60 minutes, due-soon at 75 %, from the platform time', () => {
  expect(clockFor(DEFAULT_POLICY, undefined, posted)).toEqual({
    firstResponseDueAt: '2026-07-01T13:00:00.000Z',
    dueSoonAt: '2026-07-01T12:45:00.000Z',
    resolutionDueAt: undefined,
  });
});

test.each([
  ['2026-07-01T12:00:00.000Z', 'on-track'],
  ['2026-07-01T12:44:59.999Z', 'on-track'],
  ['2026-07-01T12:45:00.000Z', 'due-soon'],
  ['2026-07-01T12:59:59.999Z', 'due-soon'],
  ['2026-07-01T13:00:00.000Z', 'breached'],
  ['2026-07-03T00:00:00.000Z', 'breached'],
])('a pending item at %s is %s', (now, state) => {
  const view = { status: 'pending' as const, firstResponseDueAt: '2026-07-01T13:00:00.000Z', dueSoonAt: '2026-07-01T12:45:00.000Z' };
  expect(slaState(view, t(now))).toBe(state);
});

test.each([
  ['answered', 'answered'],
  ['resolved', 'answered'],
  ['ignored', 'answered'],
  ['snoozed', 'paused'],
] as const)('a %s item shows %s whatever the clock says', (status, state) => {
  expect(slaState({ status, firstResponseDueAt: posted, dueSoonAt: posted }, t('2026-08-01T00:00:00Z'))).toBe(state);
});

test('next change: due-soon, then breach, then never', () => {
  const view = { status: 'pending' as const, firstResponseDueAt: '2026-07-01T13:00:00.000Z', dueSoonAt: '2026-07-01T12:45:00.000Z' };
  expect(nextSlaChange(view, t('2026-07-01T12:10:00Z'))).toBe(t('2026-07-01T12:45:00Z'));
  expect(nextSlaChange(view, t('2026-07-01T12:50:00Z'))).toBe(t('2026-07-01T13:00:00Z'));
  expect(nextSlaChange(view, t('2026-07-01T13:10:00Z'))).toBeNull();
  expect(nextSlaChange({ ...view, status: 'answered' }, t('2026-07-01T12:10:00Z'))).toBeNull();
});

test('describeDue says time left or overdue', () => {
  const view = { status: 'pending' as const, firstResponseDueAt: '2026-07-01T13:00:00.000Z' };
  expect(describeDue(view, t('2026-07-01T12:48:00Z'))).toMatch(/\(in 12 min\)$/);
  expect(describeDue(view, t('2026-07-01T15:05:00Z'))).toMatch(/\(2 h 5 min overdue\)$/);
  expect(describeDue({ status: 'answered' }, 0)).toBe('Answered');
});

test('describeDue writes the due time as the formatter does, through its cache of minutes', () => {
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const at = (due: number) => describeDue({ status: 'pending', firstResponseDueAt: new Date(due).toISOString() }, 0).replace(/ \(.*$/, '');
  const start = Date.parse('2026-07-01T12:00:00Z');
  // 600 minutes (the cache holds 512), each twice, seconds apart within it.
  for (let pass = 0; pass < 2; pass++)
    for (let m = 0; m < 1_800; m += 3) {
      const due = start + m * 60_000 + (pass ? 59_000 : 1_000);
      expect(at(due)).toBe(`Due ${format.format(due)}`);
    }
});

test('policies: lowest order whose match fits wins; the default otherwise', () => {
  const policy = (id: string, order: number, match: SlaPolicy['match']): SlaPolicy => ({
    id,
    name: id,
    order,
    match,
    firstResponseMinutes: 30,
    dueSoonPercent: 50,
  });
  const policies = [policy('dm-fast', 2, { kinds: ['dm'] }), policy('x-urgent', 1, { platforms: ['x'], priorities: ['urgent'] })];
  expect(matchPolicy(policies, { platform: 'x', kind: 'dm', priority: 'urgent' }).id).toBe('x-urgent');
  expect(matchPolicy(policies, { platform: 'x', kind: 'dm' }).id).toBe('dm-fast');
  expect(matchPolicy(policies, { platform: 'facebook', kind: 'comment' })).toBe(DEFAULT_POLICY);
  const replaced = { ...DEFAULT_POLICY, firstResponseMinutes: 15 };
  expect(matchPolicy([...policies, replaced], { platform: 'facebook', kind: 'comment' }).firstResponseMinutes).toBe(15);
});

const office: BusinessHours = businessHoursSchema.parse({
  id: 'office',
  name: 'Paris office',
  timezone: 'Europe/Paris',
  week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
});
const full: SlaPolicy = {
  id: 'full',
  name: 'Full',
  order: 1,
  match: {},
  firstResponseMinutes: 60,
  nextResponseMinutes: 30,
  resolutionMinutes: 8 * 60,
  dueSoonPercent: 50,
  businessHoursId: 'office',
};

test.each([
  // Friday 16:30 Paris (14:30 UTC in summer) + 60 business minutes → Monday 09:30 Paris.
  [
    'first response walks business time over the weekend',
    '2026-07-03T14:30:00.000Z',
    'first',
    '2026-07-06T07:30:00.000Z',
    '2026-07-03T15:00:00.000Z',
    '2026-07-06T14:30:00.000Z',
  ],
  [
    'next response uses its own, shorter target',
    '2026-07-03T14:30:00.000Z',
    'next',
    '2026-07-03T15:00:00.000Z',
    '2026-07-03T14:45:00.000Z',
    '2026-07-06T14:30:00.000Z',
  ],
  [
    'a message on Saturday starts the clock at Monday’s opening',
    '2026-07-04T10:00:00.000Z',
    'first',
    '2026-07-06T08:00:00.000Z',
    '2026-07-06T07:30:00.000Z',
    '2026-07-06T15:00:00.000Z',
  ],
] as const)('%s', (_name, postedAt, target, due, dueSoon, resolution) => {
  expect(clockFor(full, office, postedAt, target)).toEqual({ firstResponseDueAt: due, dueSoonAt: dueSoon, resolutionDueAt: resolution });
});

test('a calendar that never opens gives no deadline rather than a wrong one', () => {
  const closed = businessHoursSchema.parse({ id: 'closed', timezone: 'UTC', week: {} });
  expect(clockFor(full, closed, posted)).toEqual({ firstResponseDueAt: undefined, dueSoonAt: undefined, resolutionDueAt: undefined });
});

test('snooze pauses the clock: each deadline keeps the business time it had left', () => {
  const clock = clockFor(full, office, '2026-07-06T07:00:00.000Z'); // Monday 09:00 Paris → due 10:00, resolution 17:00
  expect(clock.firstResponseDueAt).toBe('2026-07-06T08:00:00.000Z');
  // Snoozed at 09:20 with 40 min left, woken Tuesday 14:00 Paris → due 14:40 Paris.
  const resumed = resumeClock(clock, office, Date.parse('2026-07-06T07:20:00.000Z'), Date.parse('2026-07-07T12:00:00.000Z'));
  expect(resumed.firstResponseDueAt).toBe('2026-07-07T12:40:00.000Z');
  expect(resumed.dueSoonAt).toBe('2026-07-07T12:10:00.000Z');
  // Resolution had 7 h 40 min left: Tuesday 14:00 + 3 h to close, then Wednesday 09:00 + 4 h 40 min.
  expect(resumed.resolutionDueAt).toBe('2026-07-08T11:40:00.000Z');
  // A deadline already passed when the snooze began stays where it was (it was already missed).
  const late = resumeClock(clock, office, Date.parse('2026-07-06T09:00:00.000Z'), Date.parse('2026-07-07T12:00:00.000Z'));
  expect(late.firstResponseDueAt).toBe(clock.firstResponseDueAt);
});

const item = {
  platform: 'x' as const,
  externalId: '42',
  status: 'pending' as const,
  firstResponseDueAt: '2026-07-01T13:00:00.000Z',
  resolutionDueAt: '2026-07-01T20:00:00.000Z',
  policyId: 'full',
};
test.each([
  ['pending before the deadline: no miss', item, '2026-07-01T12:59:00.000Z', []],
  [
    'pending after the deadline: one first-response miss',
    item,
    '2026-07-01T13:05:00.000Z',
    [['first-response', '2026-07-01T13:05:00.000Z']],
  ],
  [
    'a follow-up message misses next-response',
    { ...item, responseTarget: 'next' as const },
    '2026-07-01T13:05:00.000Z',
    [['next-response', '2026-07-01T13:05:00.000Z']],
  ],
  [
    'answered by the brand in time: no miss',
    { ...item, status: 'answered' as const, answeredAt: '2026-07-01T12:30:00.000Z' },
    '2026-07-01T14:00:00.000Z',
    [],
  ],
  [
    'answered late: a miss dated at the reply',
    { ...item, status: 'answered' as const, answeredAt: '2026-07-01T13:20:00.000Z' },
    '2026-07-01T14:00:00.000Z',
    [['first-response', '2026-07-01T13:20:00.000Z']],
  ],
  ['snoozed: the paused clock misses nothing new', { ...item, status: 'snoozed' as const }, '2026-07-01T21:00:00.000Z', []],
  [
    'resolved without a reply: response not counted, resolution in time',
    { ...item, status: 'resolved' as const, resolvedAt: '2026-07-01T12:10:00.000Z' },
    '2026-07-01T21:00:00.000Z',
    [],
  ],
  [
    'unresolved past the resolution target: both misses',
    item,
    '2026-07-01T20:30:00.000Z',
    [
      ['first-response', '2026-07-01T20:30:00.000Z'],
      ['resolution', '2026-07-01T20:30:00.000Z'],
    ],
  ],
  ['ignored items are not measured', { ...item, status: 'ignored' as const }, '2026-07-01T21:00:00.000Z', []],
] as const)('misses: %s', (_name, it, now, expected) => {
  const events = missesOf(it, Date.parse(now));
  expect(events.map((e) => [e.metric, e.at])).toEqual(expected);
  for (const e of events) expect(e.id).toBe(`${e.metric}|x|42`);
});
