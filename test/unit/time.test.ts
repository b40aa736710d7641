// @vitest-environment jsdom
import { linkedinIdToDate, parseRelativeAge, separatorTime, threadClockTime, xIdToDate } from '@/utils/time';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

describe('xIdToDate', () => {
  test.each([
    ['2072289111045169728', '2026-07-01T12:00:00.000Z'],
    // fixture ids: their decoded time equals the time[datetime] they carry
    ['2082031900424433586', '2026-07-28T09:14:22.000Z'],
    ['2079869057236687159', '2026-07-22T10:00:00.000Z'],
    // low 22 bits (worker, sequence) never change the time
    [((2072289111045169728n >> 22n) << 22n).toString(), '2026-07-01T12:00:00.000Z'],
    ['0', '2010-11-04T01:42:54.657Z'],
  ])('%s → %s', (id, iso) => {
    expect(xIdToDate(id)?.toISOString()).toBe(iso);
  });

  test.each([
    '',
    'abc',
    '123abc',
    '-5',
    '1.5',
    ' 2072289111045169728',
    '1'.repeat(21),
    '2072289111045169728n',
  ])('not an id: %j → null', (id) => {
    expect(xIdToDate(id)).toBeNull();
  });
});

describe('linkedinIdToDate', () => {
  test.each([
    ['7478054800589454321', '2026-07-01T12:00:00.000Z'],
    [(BigInt(Date.parse('2026-07-28T08:00:00.000Z')) << 22n).toString(), '2026-07-28T08:00:00.000Z'],
  ])('%s → %s', (id, iso) => {
    expect(linkedinIdToDate(id)?.toISOString()).toBe(iso);
  });

  test.each(['', 'urn:li:comment:1', '7478054800589454321)', 'x'])('not an id: %j → null', (id) => {
    expect(linkedinIdToDate(id)).toBeNull();
  });
});

describe('parseRelativeAge', () => {
  test.each<[string, number]>([
    ['45s', 45 * S],
    ['5m', 5 * MIN],
    ['3h', 3 * H],
    ['2 d', 2 * D],
    ['2d', 2 * D],
    ['2w', 14 * D],
    ['1mo', 30 * D],
    ['3mo', 90 * D],
    ['1y', 365 * D],
    ['2 hours ago', 2 * H],
    ['1 hour ago', H],
    ['a day ago', D],
    ['an hour ago', H],
    ['a minute ago', MIN],
    ['5 minutes', 5 * MIN],
    ['10 mins', 10 * MIN],
    ['3 weeks ago', 21 * D],
    ['2 months ago', 60 * D],
    ['a year ago', 365 * D],
    ['30 seconds ago', 30 * S],
    ['  8h  ', 8 * H],
    ['8\u00a0h', 8 * H],
    ['3H', 3 * H],
    ['Just now', 0],
    ['just now', 0],
    ['now', 0],
    ['Now', 0],
  ])('%j → %d ms', (label, ms) => {
    expect(parseRelativeAge(label)).toBe(ms);
  });

  test.each([
    // Spanish: must not read as seconds / minutes through a prefix match
    '3 sem',
    '1 mes',
    '2 min.',
    'hace 3 h',
    'vor 2 Std.',
    '3j',
    // not a relative age at all
    '',
    'Jul 24',
    '10:32 AM',
    'yesterday',
    '3',
    'h',
    'ah',
    'a h',
    '3 hours from now',
    '3h ago later',
    'x3h',
    '3hh',
    `${'9'.repeat(50)}h`,
  ])('unknown form %j → null', (label) => {
    expect(parseRelativeAge(label)).toBeNull();
  });
});

describe('separatorTime (message-list labels, in the browser’s local time)', () => {
  // Wednesday 29 July 2026, 20:00 local.
  const now = new Date(2026, 6, 29, 20, 0, 0);
  const local = (...a: [number, number, number, number, number]) => new Date(...a).toISOString();
  test.each([
    ['Today at 9:12 AM', local(2026, 6, 29, 9, 12)],
    ['Yesterday 4:12 PM', local(2026, 6, 28, 16, 12)],
    ['9:14', local(2026, 6, 29, 9, 14)],
    ['Mon 6:14 PM', local(2026, 6, 27, 18, 14)],
    ['Jul 1, 2026, 9:14 AM', local(2026, 6, 1, 9, 14)],
    ['2h', new Date(now.getTime() - 2 * 3_600_000).toISOString()],
  ])('%s', (label, expected) => {
    expect(separatorTime(label, now)).toBe(expected);
  });
  test.each(['Today at 11:30 PM', '25:00', 'mañana 9:00', ''])('%s is not read', (label) => {
    expect(separatorTime(label, now)).toBeNull();
  });
});

describe('threadClockTime: a clock under a thread day heading, local time', () => {
  const now = new Date(2026, 6, 29, 13, 0, 30); // Wednesday 29 July 2026, 13:00:30
  const at = (month: number, day: number, h: number, m: number, year = 2026) => new Date(year, month, day, h, m).toISOString();
  test.each([
    ['9:14 AM', '', at(6, 29, 9, 14)],
    ['13:01', '', at(6, 29, 13, 1)], // half a minute ahead: the page's clock runs fast, still today
    ['11:30 PM', '', at(6, 28, 23, 30)], // later than now: last night
    ['11:30 PM', 'Today', at(6, 28, 23, 30)],
    ['4:12 PM', 'Yesterday', at(6, 28, 16, 12)],
    ['10:00 AM', 'Monday', at(6, 27, 10, 0)],
    ['10:00 AM', 'Wednesday', at(6, 22, 10, 0)], // a weekday heading is never today
    ['8:05 AM', 'Jul 3', at(6, 3, 8, 5)],
    ['8:05 AM', 'Dec 24', at(11, 24, 8, 5, 2025)], // later this year: last year
    ['8:05 AM', 'Dec 24, 2024', at(11, 24, 8, 5, 2024)],
    ['3h', '', new Date(now.getTime() - 3 * 3_600_000).toISOString()],
    ['9:14 AM', 'Aug 30, 2026', null], // a dated heading in the future is not a time
    ['25:14', '', null],
    ['09:14', 'Mañana', null],
  ])('%s under "%s"', (clock, heading, expected) => {
    expect(threadClockTime(clock, heading, now)).toBe(expected);
  });
});
