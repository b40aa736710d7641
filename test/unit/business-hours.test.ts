import { addBusinessMinutes, businessMinutesBetween, isOpenAt, openIntervals, validateCalendar } from '@/utils/business-hours';
import { type BusinessHours, type BusinessInterval, businessHoursSchema } from '@/utils/schema';
import { WEEKDAYS, type Weekday } from '@/utils/schema-core';

const MIN = 60_000;
const H = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
const utc = (ms: number) => new Date(ms).toISOString();

/** An instant as 'YYYY-MM-DD HH:MM' on the wall clock of `timeZone`. */
function local(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(ms);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

type Days = Partial<Record<Weekday, BusinessInterval[]>>;
/** A calendar checked against the schema, so every fixture is one a user could save. */
const cal = (timezone: string, days: Days, extra: Partial<BusinessHours> = {}): BusinessHours =>
  businessHoursSchema.parse({
    id: 'test',
    name: 'Test',
    timezone,
    week: Object.fromEntries(WEEKDAYS.map((d) => [d, days[d] ?? []])),
    ...extra,
  });
const iv = (start: string, end: string): BusinessInterval => ({ start, end });
const weekdays = (...intervals: BusinessInterval[]): Days => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
});
const everyDay = (...intervals: BusinessInterval[]): Days => Object.fromEntries(WEEKDAYS.map((d) => [d, intervals]));

const paris = cal('Europe/Paris', weekdays(iv('09:00', '17:00')));
const parisSplit = cal('Europe/Paris', weekdays(iv('09:00', '12:00'), iv('13:00', '17:00')));
const parisWith = (extra: Partial<BusinessHours>) => cal('Europe/Paris', weekdays(iv('09:00', '17:00')), extra);
/** Wed 2026-06-10 14:00–16:00 Paris time, written in UTC as a stored closure would be. */
const offsite = { start: '2026-06-10T12:00:00Z', end: '2026-06-10T14:00:00Z', reason: 'Offsite' };
const ny247 = cal('America/New_York', everyDay(iv('00:00', '24:00')));
const berlin247 = cal('Europe/Berlin', everyDay(iv('00:00', '24:00')));
const nyOffice = cal('America/New_York', weekdays(iv('09:00', '17:00')));
const berlinOffice = cal('Europe/Berlin', weekdays(iv('09:00', '17:00')));
/** Opens at 02:30 on Sundays: inside the gap on a spring-forward Sunday. */
const nyGap = cal('America/New_York', { sun: [iv('02:30', '05:00')] });
const berlinGap = cal('Europe/Berlin', { sun: [iv('02:30', '05:00')] });
/** Opens at 01:30 on Sundays: twice on a fall-back Sunday. */
const nyFallBack = cal('America/New_York', { sun: [iv('01:30', '03:00')] });
const nySundays = cal('America/New_York', { sun: [iv('00:00', '24:00')] });
const berlinSundays = cal('Europe/Berlin', { sun: [iv('00:00', '24:00')] });
const lordHowe247 = cal('Australia/Lord_Howe', everyDay(iv('00:00', '24:00')));
const kolkata = cal('Asia/Kolkata', weekdays(iv('09:00', '17:00')));
const kathmandu = cal('Asia/Kathmandu', weekdays(iv('09:00', '17:00')));
const closedWeek = cal('Europe/Paris', {});

// June 2026 in Paris (UTC+2): Fri 5, Sat 6, Mon 8, Tue 9, Wed 10.
describe('addBusinessMinutes', () => {
  it.each([
    { name: 'Fri 16:30 + 60 → Mon 09:30', c: paris, start: '2026-06-05T16:30:00+02:00', minutes: 60, want: '2026-06-08 09:30' },
    { name: 'Sat 11:00 + 30 → Mon 09:30', c: paris, start: '2026-06-06T11:00:00+02:00', minutes: 30, want: '2026-06-08 09:30' },
    { name: 'Mon 08:00 + 30 → Mon 09:30', c: paris, start: '2026-06-08T08:00:00+02:00', minutes: 30, want: '2026-06-08 09:30' },
    { name: 'Mon 16:59 + 2 → Tue 09:01', c: paris, start: '2026-06-08T16:59:00+02:00', minutes: 2, want: '2026-06-09 09:01' },
    {
      name: 'Mon 16:59 + 1 → Mon 17:00 (due at closing)',
      c: paris,
      start: '2026-06-08T16:59:00+02:00',
      minutes: 1,
      want: '2026-06-08 17:00',
    },
    {
      name: 'Mon 17:00 + 0 → Tue 09:00 (next opening)',
      c: paris,
      start: '2026-06-08T17:00:00+02:00',
      minutes: 0,
      want: '2026-06-09 09:00',
    },
    { name: 'Mon 10:00 + 0 → itself (open)', c: paris, start: '2026-06-08T10:00:00+02:00', minutes: 0, want: '2026-06-08 10:00' },
    { name: 'Fri 13:00 + 8 h → Mon 13:00', c: paris, start: '2026-06-05T13:00:00+02:00', minutes: 480, want: '2026-06-08 13:00' },
    {
      name: 'Thu 15:00 + 20 h → Tue 11:00 (over a weekend)',
      c: paris,
      start: '2026-06-04T15:00:00+02:00',
      minutes: 1200,
      want: '2026-06-09 11:00',
    },
    { name: 'Mon 09:00 + 40 h → Fri 17:00', c: paris, start: '2026-06-08T09:00:00+02:00', minutes: 2400, want: '2026-06-12 17:00' },
    {
      name: 'Mon 10:00 + 45 (75 % of 60) → 10:45',
      c: paris,
      start: '2026-06-08T10:00:00+02:00',
      minutes: 0.75 * 60,
      want: '2026-06-08 10:45',
    },
    { name: 'negative minutes count as 0', c: paris, start: '2026-06-06T11:00:00+02:00', minutes: -30, want: '2026-06-08 09:00' },
    { name: 'split day: 11:30 + 60 → 13:30', c: parisSplit, start: '2026-06-08T11:30:00+02:00', minutes: 60, want: '2026-06-08 13:30' },
    { name: 'split day: 11:30 + 30 → 12:00', c: parisSplit, start: '2026-06-08T11:30:00+02:00', minutes: 30, want: '2026-06-08 12:00' },
    { name: 'split day: 12:15 + 30 → 13:30', c: parisSplit, start: '2026-06-08T12:15:00+02:00', minutes: 30, want: '2026-06-08 13:30' },
    { name: 'split day: 12:15 + 0 → 13:00', c: parisSplit, start: '2026-06-08T12:15:00+02:00', minutes: 0, want: '2026-06-08 13:00' },
    {
      name: 'split day: 16:30 + 240 → Tue 13:30',
      c: parisSplit,
      start: '2026-06-08T16:30:00+02:00',
      minutes: 240,
      want: '2026-06-09 13:30',
    },
    {
      name: 'holiday on Monday → Tuesday',
      c: parisWith({ holidays: [{ date: '2026-06-08', name: 'Whit Monday' }] }),
      start: '2026-06-05T16:30:00+02:00',
      minutes: 60,
      want: '2026-06-09 09:30',
    },
    {
      name: 'start inside a holiday',
      c: parisWith({ holidays: [{ date: '2026-06-08' }] }),
      start: '2026-06-08T10:00:00+02:00',
      minutes: 30,
      want: '2026-06-09 09:30',
    },
    {
      name: 'recurring 12-25 (set in 2020) closes Fri 2026-12-25',
      c: parisWith({ holidays: [{ date: '2020-12-25', recurring: true }] }),
      start: '2026-12-24T16:30:00+01:00',
      minutes: 60,
      want: '2026-12-28 09:30',
    },
    {
      name: 'one-off 2020-12-25 leaves 2026-12-25 open',
      c: parisWith({ holidays: [{ date: '2020-12-25' }] }),
      start: '2026-12-24T16:30:00+01:00',
      minutes: 60,
      want: '2026-12-25 09:30',
    },
    {
      name: 'holiday on a Saturday changes nothing',
      c: parisWith({ holidays: [{ date: '2026-06-06' }] }),
      start: '2026-06-05T16:30:00+02:00',
      minutes: 60,
      want: '2026-06-08 09:30',
    },
    {
      name: 'afternoon closure is skipped',
      c: parisWith({ closures: [offsite] }),
      start: '2026-06-10T13:00:00+02:00',
      minutes: 90,
      want: '2026-06-10 16:30',
    },
    {
      name: 'closure spanning the start',
      c: parisWith({ closures: [offsite] }),
      start: '2026-06-10T15:00:00+02:00',
      minutes: 30,
      want: '2026-06-10 16:30',
    },
    {
      name: 'closure over two days',
      c: parisWith({ closures: [{ start: '2026-06-08T10:00:00+02:00', end: '2026-06-09T12:00:00+02:00' }] }),
      start: '2026-06-08T09:00:00+02:00',
      minutes: 120,
      want: '2026-06-09 13:00',
    },
    {
      name: 'a two-year closure delays, it does not give up',
      c: parisWith({ closures: [{ start: '2026-06-08T00:00:00+02:00', end: '2028-06-05T00:00:00+02:00' }] }),
      start: '2026-06-08T10:00:00+02:00',
      minutes: 30,
      want: '2028-06-05 09:30',
    },
  ])('$name', ({ c, start, minutes, want }) => {
    expect(local(addBusinessMinutes(at(start), minutes, c), c.timezone ?? 'UTC')).toBe(want);
  });

  it('keeps fractions of a minute: Mon 16:59:30 + 0.75 → Tue 09:00:15', () => {
    expect(utc(addBusinessMinutes(at('2026-06-08T16:59:30+02:00'), 0.75, paris))).toBe('2026-06-09T07:00:15.000Z');
  });

  it('walks more than the three-year horizon when open time keeps coming: a year of minutes in 40-h weeks', () => {
    expect(local(addBusinessMinutes(at('2026-06-08T09:00:00+02:00'), 525600, paris), 'Europe/Paris')).toBe('2030-08-16 17:00');
  });

  it('without a calendar is wall-clock time, 24/7', () => {
    const start = at('2026-06-06T23:30:00+02:00');
    expect(addBusinessMinutes(start, 90)).toBe(start + 90 * MIN);
    expect(addBusinessMinutes(start, 0)).toBe(start);
  });

  it.each([
    { name: 'an empty week', c: closedWeek },
    {
      name: 'open time only behind a four-year closure',
      c: parisWith({ closures: [{ start: '2026-01-01T00:00:00Z', end: '2030-01-01T00:00:00Z' }] }),
    },
    {
      name: 'every day of the year a recurring holiday',
      c: parisWith({
        holidays: Array.from({ length: 366 }, (_, i) => ({
          date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
          recurring: true,
        })),
      }),
    },
  ])('is Infinity with no open time: $name', ({ c }) => {
    expect(addBusinessMinutes(at('2026-06-08T10:00:00+02:00'), 30, c)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('daylight saving, exact', () => {
  it.each([
    {
      name: 'New York spring forward: 01:30 + 60 → 03:30',
      c: ny247,
      start: '2026-03-08T01:30:00-05:00',
      minutes: 60,
      want: '2026-03-08 03:30',
      iso: '2026-03-08T07:30:00.000Z',
    },
    {
      name: 'New York fall back: 00:30 + 60 → first 01:30',
      c: ny247,
      start: '2026-11-01T00:30:00-04:00',
      minutes: 60,
      want: '2026-11-01 01:30',
      iso: '2026-11-01T05:30:00.000Z',
    },
    {
      name: 'New York fall back: 00:30 + 120 → second 01:30',
      c: ny247,
      start: '2026-11-01T00:30:00-04:00',
      minutes: 120,
      want: '2026-11-01 01:30',
      iso: '2026-11-01T06:30:00.000Z',
    },
    {
      name: 'Berlin spring forward: 01:30 + 60 → 03:30',
      c: berlin247,
      start: '2026-03-29T01:30:00+01:00',
      minutes: 60,
      want: '2026-03-29 03:30',
      iso: '2026-03-29T01:30:00.000Z',
    },
    {
      name: 'Berlin fall back: 01:30 + 120 → second 02:30',
      c: berlin247,
      start: '2026-10-25T01:30:00+02:00',
      minutes: 120,
      want: '2026-10-25 02:30',
      iso: '2026-10-25T01:30:00.000Z',
    },
    {
      name: 'New York office, Fri 16:30 + 60 over spring forward',
      c: nyOffice,
      start: '2026-03-06T16:30:00-05:00',
      minutes: 60,
      want: '2026-03-09 09:30',
      iso: '2026-03-09T13:30:00.000Z',
    },
    {
      name: 'New York office, Fri 16:30 + 60 over fall back',
      c: nyOffice,
      start: '2026-10-30T16:30:00-04:00',
      minutes: 60,
      want: '2026-11-02 09:30',
      iso: '2026-11-02T14:30:00.000Z',
    },
    {
      name: 'Berlin office, Fri 16:30 + 60 over spring forward',
      c: berlinOffice,
      start: '2026-03-27T16:30:00+01:00',
      minutes: 60,
      want: '2026-03-30 09:30',
      iso: '2026-03-30T07:30:00.000Z',
    },
    {
      name: 'Berlin office, Fri 16:30 + 60 over fall back',
      c: berlinOffice,
      start: '2026-10-23T16:30:00+02:00',
      minutes: 60,
      want: '2026-10-26 09:30',
      iso: '2026-10-26T08:30:00.000Z',
    },
    {
      name: 'New York, interval opening in the gap opens at 03:00',
      c: nyGap,
      start: '2026-03-08T00:00:00-05:00',
      minutes: 0,
      want: '2026-03-08 03:00',
      iso: '2026-03-08T07:00:00.000Z',
    },
    {
      name: 'New York, 02:30–05:00 in the gap holds 120 minutes',
      c: nyGap,
      start: '2026-03-08T00:00:00-05:00',
      minutes: 120,
      want: '2026-03-08 05:00',
      iso: '2026-03-08T09:00:00.000Z',
    },
    {
      name: 'New York, minute 121 is next Sunday',
      c: nyGap,
      start: '2026-03-08T00:00:00-05:00',
      minutes: 121,
      want: '2026-03-15 02:31',
      iso: '2026-03-15T06:31:00.000Z',
    },
    {
      name: 'New York, 01:30 on a fall-back Sunday opens the first time',
      c: nyFallBack,
      start: '2026-11-01T00:00:00-04:00',
      minutes: 0,
      want: '2026-11-01 01:30',
      iso: '2026-11-01T05:30:00.000Z',
    },
    {
      name: 'Berlin, interval opening in the gap opens at 03:00',
      c: berlinGap,
      start: '2026-03-29T00:00:00+01:00',
      minutes: 0,
      want: '2026-03-29 03:00',
      iso: '2026-03-29T01:00:00.000Z',
    },
    {
      name: 'Lord Howe 30-minute spring forward: 01:45 + 30 → 02:45',
      c: lordHowe247,
      start: '2026-10-04T01:45:00+10:30',
      minutes: 30,
      want: '2026-10-04 02:45',
      iso: '2026-10-03T15:45:00.000Z',
    },
    {
      name: 'Kolkata (+05:30): Mon 16:45 + 30 → Tue 09:15',
      c: kolkata,
      start: '2026-06-01T16:45:00+05:30',
      minutes: 30,
      want: '2026-06-02 09:15',
      iso: '2026-06-02T03:45:00.000Z',
    },
    {
      name: 'Kathmandu (+05:45): Mon 16:45 + 30 → Tue 09:15',
      c: kathmandu,
      start: '2026-06-01T16:45:00+05:45',
      minutes: 30,
      want: '2026-06-02 09:15',
      iso: '2026-06-02T03:30:00.000Z',
    },
  ])('$name', ({ c, start, minutes, want, iso }) => {
    const due = addBusinessMinutes(at(start), minutes, c);
    expect(local(due, c.timezone ?? 'UTC')).toBe(want);
    expect(utc(due)).toBe(iso);
  });

  // Fri 16:30 → Mon 09:30 is 65 hours on the wall clock; the switch takes an hour away or adds one.
  it.each([
    { name: 'New York spring forward', c: nyOffice, start: '2026-03-06T16:30:00-05:00', hours: 64 },
    { name: 'New York fall back', c: nyOffice, start: '2026-10-30T16:30:00-04:00', hours: 66 },
    { name: 'Berlin spring forward', c: berlinOffice, start: '2026-03-27T16:30:00+01:00', hours: 64 },
    { name: 'Berlin fall back', c: berlinOffice, start: '2026-10-23T16:30:00+02:00', hours: 66 },
    { name: 'Paris, no switch', c: paris, start: '2026-06-05T16:30:00+02:00', hours: 65 },
  ])('Fri 16:30 → Mon 09:30 takes $hours real hours: $name', ({ c, start, hours }) => {
    expect((addBusinessMinutes(at(start), 60, c) - at(start)) / H).toBe(hours);
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    {
      name: 'a New York spring-forward Sunday is 23 h',
      c: nySundays,
      from: '2026-03-05T00:00:00-05:00',
      to: '2026-03-12T00:00:00-04:00',
      want: 23 * 60,
    },
    {
      name: 'a New York fall-back Sunday is 25 h',
      c: nySundays,
      from: '2026-10-29T00:00:00-04:00',
      to: '2026-11-05T00:00:00-05:00',
      want: 25 * 60,
    },
    {
      name: 'an ordinary New York Sunday is 24 h',
      c: nySundays,
      from: '2026-06-01T00:00:00-04:00',
      to: '2026-06-08T00:00:00-04:00',
      want: 24 * 60,
    },
    {
      name: 'a Berlin spring-forward Sunday is 23 h',
      c: berlinSundays,
      from: '2026-03-26T00:00:00+01:00',
      to: '2026-04-02T00:00:00+02:00',
      want: 23 * 60,
    },
    {
      name: 'a Berlin fall-back Sunday is 25 h',
      c: berlinSundays,
      from: '2026-10-22T00:00:00+02:00',
      to: '2026-10-29T00:00:00+01:00',
      want: 25 * 60,
    },
    {
      name: '02:30–05:00 on a spring-forward Sunday is 2 h',
      c: nyGap,
      from: '2026-03-05T00:00:00-05:00',
      to: '2026-03-12T00:00:00-04:00',
      want: 120,
    },
    {
      name: '01:30–03:00 on a fall-back Sunday is 2.5 h',
      c: nyFallBack,
      from: '2026-10-29T00:00:00-04:00',
      to: '2026-11-05T00:00:00-05:00',
      want: 150,
    },
    {
      name: '02:30–05:00 on an ordinary Sunday is 2.5 h',
      c: nyGap,
      from: '2026-03-12T00:00:00-04:00',
      to: '2026-03-19T00:00:00-04:00',
      want: 150,
    },
    {
      name: 'Lord Howe 02:00–03:00 on its spring-forward Sunday is 30 min',
      c: cal('Australia/Lord_Howe', { sun: [iv('02:00', '03:00')] }),
      from: '2026-10-01T00:00:00+10:30',
      to: '2026-10-08T00:00:00+11:00',
      want: 30,
    },
    {
      name: 'Lord Howe 01:00–03:00 on its fall-back Sunday is 2.5 h',
      c: cal('Australia/Lord_Howe', { sun: [iv('01:00', '03:00')] }),
      from: '2026-04-02T00:00:00+11:00',
      to: '2026-04-09T00:00:00+10:30',
      want: 150,
    },
    { name: 'a Paris week is 40 h', c: paris, from: '2026-06-08T00:00:00+02:00', to: '2026-06-15T00:00:00+02:00', want: 2400 },
    {
      name: 'a holiday takes a day off the week',
      c: parisWith({ holidays: [{ date: '2026-06-08' }] }),
      from: '2026-06-08T00:00:00+02:00',
      to: '2026-06-15T00:00:00+02:00',
      want: 1920,
    },
    {
      name: 'a closure takes its hours off',
      c: parisWith({ closures: [offsite] }),
      from: '2026-06-08T00:00:00+02:00',
      to: '2026-06-15T00:00:00+02:00',
      want: 2280,
    },
    { name: 'Mon 16:00 → Tue 10:00', c: paris, from: '2026-06-08T16:00:00+02:00', to: '2026-06-09T10:00:00+02:00', want: 120 },
    { name: 'the end is excluded', c: paris, from: '2026-06-08T17:00:00+02:00', to: '2026-06-09T09:00:00+02:00', want: 0 },
    { name: 'to before from', c: paris, from: '2026-06-09T10:00:00+02:00', to: '2026-06-08T10:00:00+02:00', want: 0 },
    { name: 'no calendar: wall-clock minutes', c: undefined, from: '2026-06-06T10:00:00Z', to: '2026-06-06T11:30:00Z', want: 90 },
    { name: 'no calendar, to before from', c: undefined, from: '2026-06-06T11:30:00Z', to: '2026-06-06T10:00:00Z', want: 0 },
  ])('$name', ({ c, from, to, want }) => {
    expect(businessMinutesBetween(at(from), at(to), c)).toBe(want);
  });

  const calendars = {
    paris,
    parisSplit,
    parisHolidaysAndClosures: parisWith({
      holidays: [{ date: '2026-06-08' }, { date: '2020-12-25', recurring: true }],
      closures: [offsite],
    }),
    nyOffice,
    ny247,
    nyGap,
    lordHowe247,
    kathmandu,
  };
  const starts = [
    '2026-03-06T16:30:00-05:00',
    '2026-06-06T11:00:00+02:00',
    '2026-06-10T13:17:42.5Z',
    '2026-10-31T23:59:00-04:00',
    '2026-12-24T12:00:00Z',
  ];
  const minutes = [0, 0.5, 1, 45, 61.25, 480, 1439, 3001];
  const cases = Object.entries(calendars).flatMap(([name, c]) => starts.flatMap((s) => minutes.map((m) => ({ name, c, s, m }))));
  it.each(cases)('inverts addBusinessMinutes: $name from $s + $m', ({ c, s, m }) => {
    expect(Math.abs(businessMinutesBetween(at(s), addBusinessMinutes(at(s), m, c), c) - m)).toBeLessThan(1e-6);
  });
});

describe('openIntervals', () => {
  it.each([
    {
      name: 'a split Monday',
      c: parisSplit,
      from: '2026-06-08T00:00:00+02:00',
      to: '2026-06-09T00:00:00+02:00',
      want: [
        ['2026-06-08T07:00:00.000Z', '2026-06-08T10:00:00.000Z'],
        ['2026-06-08T11:00:00.000Z', '2026-06-08T15:00:00.000Z'],
      ],
    },
    {
      name: 'clipped to the range',
      c: parisSplit,
      from: '2026-06-08T10:00:00+02:00',
      to: '2026-06-08T14:00:00+02:00',
      want: [
        ['2026-06-08T08:00:00.000Z', '2026-06-08T10:00:00.000Z'],
        ['2026-06-08T11:00:00.000Z', '2026-06-08T12:00:00.000Z'],
      ],
    },
    {
      name: 'a closure splits a day',
      c: parisWith({ closures: [offsite] }),
      from: '2026-06-10T00:00:00+02:00',
      to: '2026-06-11T00:00:00+02:00',
      want: [
        ['2026-06-10T07:00:00.000Z', '2026-06-10T12:00:00.000Z'],
        ['2026-06-10T14:00:00.000Z', '2026-06-10T15:00:00.000Z'],
      ],
    },
    {
      name: '24/7 days merge into one interval across a switch',
      c: berlin247,
      from: '2026-03-27T10:00:00+01:00',
      to: '2026-03-30T10:00:00+02:00',
      want: [['2026-03-27T09:00:00.000Z', '2026-03-30T08:00:00.000Z']],
    },
    { name: 'a weekend is empty', c: paris, from: '2026-06-06T00:00:00+02:00', to: '2026-06-08T00:00:00+02:00', want: [] },
  ])('$name', ({ c, from, to, want }) => {
    expect(openIntervals(at(from), at(to), c).map(([s, e]) => [utc(s), utc(e)])).toEqual(want);
  });
});

describe('isOpenAt', () => {
  const withOffsite = parisWith({ closures: [offsite] });
  it.each([
    { name: 'at opening', at: '2026-06-08T09:00:00+02:00', want: true },
    { name: 'a millisecond before closing', at: '2026-06-08T16:59:59.999+02:00', want: true },
    { name: 'at closing', at: '2026-06-08T17:00:00+02:00', want: false },
    { name: 'before opening', at: '2026-06-08T08:59:59.999+02:00', want: false },
    { name: 'on Saturday', at: '2026-06-06T12:00:00+02:00', want: false },
    { name: 'inside a closure', at: '2026-06-10T15:00:00+02:00', want: false },
    { name: 'at the end of a closure', at: '2026-06-10T16:00:00+02:00', want: true },
  ])('$name → $want', ({ at: when, want }) => {
    expect(isOpenAt(at(when), withOffsite)).toBe(want);
  });

  it('is always open without a calendar', () => {
    expect(isOpenAt(at('2026-06-06T03:00:00Z'))).toBe(true);
  });
});

describe('validateCalendar', () => {
  it.each([
    { name: 'a usable calendar', c: paris, want: [] },
    { name: 'touching intervals', c: cal('Europe/Paris', { mon: [iv('09:00', '12:00'), iv('12:00', '17:00')] }), want: [] },
    {
      name: 'overlapping intervals, listed out of order',
      c: cal('Europe/Paris', { tue: [iv('11:00', '14:00'), iv('09:00', '12:00')] }),
      want: ['Tuesday: 09:00–12:00 overlaps 11:00–14:00'],
    },
    {
      name: 'one interval containing two',
      c: cal('Europe/Paris', { sun: [iv('09:00', '17:00'), iv('10:00', '11:00'), iv('12:00', '24:00')] }),
      want: ['Sunday: 09:00–17:00 overlaps 10:00–11:00', 'Sunday: 09:00–17:00 overlaps 12:00–24:00'],
    },
    { name: 'an empty week', c: closedWeek, want: ['The week has no open hours'] },
    {
      name: 'a closure ending before it starts',
      c: parisWith({ closures: [{ start: '2026-06-10T16:00:00+02:00', end: '2026-06-10T14:00:00+02:00', reason: 'Offsite' }] }),
      want: ['Closure “Offsite” (2026-06-10T16:00:00+02:00 – 2026-06-10T14:00:00+02:00): the end is not after the start'],
    },
    {
      name: 'an empty closure without a reason',
      c: parisWith({ closures: [{ start: '2026-06-10T14:00:00+02:00', end: '2026-06-10T12:00:00Z' }] }),
      want: ['Closure (2026-06-10T14:00:00+02:00 – 2026-06-10T12:00:00Z): the end is not after the start'],
    },
  ])('$name', ({ c, want }) => {
    expect(validateCalendar(c)).toEqual(want);
  });
});

describe('records from other tools (every field but id optional)', () => {
  it('a record without a week is open around the clock', () => {
    const bare = businessHoursSchema.parse({ id: 'imported', note: 'kept' });
    expect(addBusinessMinutes(at('2026-06-06T11:00:00Z'), 90, bare)).toBe(at('2026-06-06T12:30:00Z'));
    expect(validateCalendar(bare)).toEqual([]);
  });
  it('a day left out is closed and a missing time zone means UTC', () => {
    const mondays = businessHoursSchema.parse({ id: 'm', week: { mon: [{ start: '09:00', end: '10:00' }] } });
    // Friday 2026-06-05 09:30 UTC + 45 min → Monday 09:45 UTC.
    expect(addBusinessMinutes(at('2026-06-05T09:30:00Z'), 45, mondays)).toBe(at('2026-06-08T09:45:00Z'));
  });
});
