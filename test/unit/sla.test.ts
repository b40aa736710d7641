import type { SlaPolicy } from '@/utils/schema';
import { DEFAULT_POLICY, describeDue, firstResponseDeadlines, matchPolicy, nextSlaChange, slaState } from '@/utils/sla';

const posted = '2026-07-01T12:00:00.000Z';
const t = (iso: string) => Date.parse(iso);

test('the default policy: 60 minutes, due-soon at 75 %, from the platform time', () => {
  expect(firstResponseDeadlines(DEFAULT_POLICY, posted)).toEqual({
    dueAt: '2026-07-01T13:00:00.000Z',
    dueSoonAt: '2026-07-01T12:45:00.000Z',
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
