// Options → SLA policies, business hours and alerts, driven by keyboard and labels as a user would.
import { readFile } from 'node:fs/promises';
import { expect, openOptions, test } from './extension';

interface Exported {
  settings: { alerts?: Record<string, unknown> };
  slaPolicies: Array<Record<string, unknown>>;
  businessHours: Array<Record<string, unknown>>;
}

test('business hours with a live preview, policies in order, alerts, all in the export', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const section = (title: string) => options.locator('section').filter({ has: options.getByRole('heading', { name: title, exact: true }) });
  const hoursSection = section('Business hours');
  const policiesSection = section('SLA policies');

  // Business hours: focus moves into the editor, the preview follows the typing.
  await options.getByRole('button', { name: 'New business hours' }).click();
  const hours = options.getByRole('form', { name: 'New business hours' });
  await expect(hours.getByLabel('Name')).toBeFocused();
  await hours.getByLabel('Name').fill('Office');
  await hours.getByLabel('Time zone').fill('Europe/Paris');
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await hours.getByLabel(day).fill('09:00-17:00');
  await hours.getByLabel('Saturday').fill('');
  const friday = hours.locator('[data-replyline-preview] li').first();
  await expect(friday).toContainText('Fri');
  await expect(friday).toContainText(/would be due Mon 09:30/);
  // Open at 10:00 on Mondays instead: the same Friday message is due half an hour later.
  await hours.getByLabel('Monday').fill('10:00-17:00');
  await expect(friday).toContainText(/due Mon 10:30/);
  await hours.getByLabel('Monday').fill('09:00-17:00');

  await hours.getByLabel('Tuesday').fill('9 to 5');
  await hours.getByRole('button', { name: 'Save hours' }).click();
  await expect(hours.getByRole('alert')).toContainText('Tuesday: write times as 09:00-17:00');
  await hours.getByLabel('Tuesday').fill('09:00-12:00, 11:00-17:00');
  await expect(hours.getByRole('alert')).toContainText('Tuesday: 09:00–12:00 overlaps 11:00–17:00');
  await hours.getByLabel('Tuesday').fill('09:00-12:00, 13:00-17:00');
  await hours.getByLabel('Holidays (closed all day)').fill('*2025-12-25 Christmas\n2026-05-14 Ascension');
  // Closures are typed in the browser's own time zone and stored as instants.
  await hours.getByRole('button', { name: 'Add closure' }).click();
  await hours.getByLabel('Closure 1 from').fill('2026-08-03T14:00');
  await hours.getByLabel('Closure 1 until').fill('2026-08-03T16:00');
  await hours.getByLabel('Closure 1 reason').fill('Offsite');
  await hours.getByRole('button', { name: 'Save hours' }).click();
  await expect(hours).toHaveCount(0);
  await expect(options.getByRole('button', { name: 'New business hours' })).toBeFocused();
  await expect(hoursSection.getByRole('listitem')).toContainText(
    'Mon 09:00-17:00 · Tue 09:00-12:00, 13:00-17:00 · Wed–Fri 09:00-17:00; 2 holidays; 1 closure',
  );
  // Editing shows the stored calendar as it was typed.
  await hoursSection.getByRole('button', { name: 'Edit Office' }).click();
  const edit = options.getByRole('form', { name: 'Edit Office' });
  await expect(edit.getByLabel('Holidays (closed all day)')).toHaveValue('*2025-12-25 Christmas\n2026-05-14 Ascension');
  await expect(edit.getByLabel('Closure 1 from')).toHaveValue('2026-08-03T14:00');
  await expect(edit.getByLabel('Tuesday')).toHaveValue('09:00-12:00, 13:00-17:00');
  await options.keyboard.press('Escape');
  await expect(hoursSection.getByRole('button', { name: 'Edit Office' })).toBeFocused();

  // A policy: field messages first, then a valid save.
  await options.getByRole('button', { name: 'New policy' }).click();
  const policy = options.getByRole('form', { name: 'New policy' });
  await expect(policy.getByLabel('Name')).toBeFocused();
  await policy.getByLabel('Name').fill('DMs');
  await policy.getByRole('checkbox', { name: 'DM', exact: true }).check();
  await policy.getByLabel('First response').fill('');
  await policy.getByLabel('Due soon at (%)').fill('100');
  await policy.getByRole('button', { name: 'Save policy' }).click();
  await expect(policy.getByRole('alert')).toHaveText(['Minutes above 0, at most 525600 (a year).', 'A percent from 1 to 99.']);
  await policy.getByLabel('First response').fill('30');
  await policy.getByLabel('Next response').fill('15');
  await policy.getByLabel('Resolution').fill('480');
  await expect(policy.getByText('= 8 h')).toBeVisible();
  await policy.getByLabel('Due soon at (%)').fill('50');
  await policy.getByLabel('Business hours').selectOption({ label: 'Office' });
  await expect(policy.getByText(/^A message now would be due /)).toBeVisible();
  await policy.getByRole('button', { name: 'Save policy' }).click();
  await expect(policiesSection.getByRole('button', { name: 'Edit DMs' })).toBeVisible();

  await options.getByRole('button', { name: 'New policy' }).click();
  const urgent = options.getByRole('form', { name: 'New policy' });
  await urgent.getByLabel('Name').fill('Urgent');
  await urgent.getByRole('checkbox', { name: 'Urgent' }).check();
  await urgent.getByLabel('First response').fill('15');
  await urgent.getByRole('button', { name: 'Save policy' }).click();
  const rows = policiesSection.locator('li[data-policy]');
  await expect(rows).toHaveText([/^DMs/, /^Urgent/, /^Default/]);

  // Move Urgent to the top: its "up" button is then disabled, so focus lands on "down".
  await options.getByRole('button', { name: 'Move Urgent up' }).click();
  await expect(rows).toHaveText([/^Urgent/, /^DMs/, /^Default/]);
  await expect(options.getByRole('button', { name: 'Move Urgent down' })).toBeFocused();

  // Escape cancels an editor and focus returns to the button that opened it.
  await options.getByRole('button', { name: 'Edit DMs' }).click();
  await expect(options.getByRole('form', { name: 'Edit DMs' }).getByLabel('Name')).toBeFocused();
  await options.keyboard.press('Escape');
  await expect(options.getByRole('form', { name: 'Edit DMs' })).toHaveCount(0);
  await expect(options.getByRole('button', { name: 'Edit DMs' })).toBeFocused();

  // The background refuses to delete hours a policy uses, and says why.
  await hoursSection.getByRole('button', { name: 'Delete Office' }).click();
  await expect(hoursSection.getByRole('alert')).toContainText('Used by the policy "DMs"');
  await expect(hoursSection.getByRole('button', { name: 'Edit Office' })).toBeVisible();

  // Alerts: quiet hours need both ends; saved ones survive a reload.
  const alerts = section('Alerts');
  await alerts.getByLabel('Minutes before due (0 = none)').fill('15');
  await alerts.getByLabel('Quiet from').fill('22:00');
  await alerts.getByRole('button', { name: 'Save alerts' }).click();
  await expect(alerts.getByRole('alert')).toContainText('Give both times');
  await alerts.getByLabel('Quiet until').fill('07:00');
  await alerts.getByRole('button', { name: 'Save alerts' }).click();
  await expect(alerts.getByRole('status')).toHaveText('Alerts saved.');
  await options.reload();
  await expect(alerts.getByLabel('Quiet from')).toHaveValue('22:00');
  await expect(alerts.getByLabel('Quiet until')).toHaveValue('07:00');
  await expect(alerts.getByLabel('Minutes before due (0 = none)')).toHaveValue('15');
  await expect(rows).toHaveText([/^Urgent/, /^DMs/, /^Default/]);

  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export data' }).click()]);
  const file = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as Exported;
  const office = file.businessHours.find((h) => h.name === 'Office');
  expect(office).toMatchObject({
    timezone: 'Europe/Paris',
    week: {
      mon: [{ start: '09:00', end: '17:00' }],
      tue: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    },
    holidays: [
      { date: '2025-12-25', name: 'Christmas', recurring: true },
      { date: '2026-05-14', name: 'Ascension' },
    ],
    closures: [
      {
        start: await options.evaluate(() => new Date('2026-08-03T14:00').toISOString()),
        end: await options.evaluate(() => new Date('2026-08-03T16:00').toISOString()),
        reason: 'Offsite',
      },
    ],
  });
  const dms = file.slaPolicies.find((p) => p.name === 'DMs');
  expect(dms).toMatchObject({
    match: { kinds: ['dm'] },
    firstResponseMinutes: 30,
    nextResponseMinutes: 15,
    resolutionMinutes: 480,
    dueSoonPercent: 50,
    businessHoursId: office?.id,
  });
  const top = file.slaPolicies.find((p) => p.name === 'Urgent');
  expect(Number(top?.order)).toBeLessThan(Number(dms?.order));
  expect(file.settings.alerts).toEqual({ enabled: true, beforeMinutes: 15, atBreach: true, quietStart: '22:00', quietEnd: '07:00' });
});

test('the built-in default policy is replaced by an edited copy, and reset by deleting it', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const row = options.locator('li[data-policy="default"]');
  await expect(row).toContainText('built-in');
  await row.getByRole('button', { name: /^Edit Default/ }).click();
  const form = options.getByRole('form', { name: /^Edit Default/ });
  await form.getByLabel('First response').fill('90');
  await expect(form.getByText('= 1 h 30 min')).toBeVisible();
  await form.getByRole('button', { name: 'Save policy' }).click();
  await expect(row).not.toContainText('built-in');
  await expect(row).toContainText('first 1 h 30 min');
  await row.getByRole('button', { name: /^Reset Default/ }).click();
  await expect(row).toContainText('built-in');
  await expect(row).toContainText('first 1 h');
});
