import { readFile } from 'node:fs/promises';
import { expect, importThroughOptions, openOptions, test } from './extension';

const item = (platform: string, externalId: string, author: { name: string; handle: string }, text: string, postedAt: string) => ({
  platform,
  externalId,
  kind: 'comment',
  author,
  text,
  postedAt,
  capturedAt: postedAt,
  status: 'pending',
});

test('people: link a suggested identity, unlink it, erase a person only after confirming', async ({ context, extensionId }) => {
  await importThroughOptions(context, extensionId, {
    format: 'replyline-export',
    version: 1,
    items: [
      item('x', '100', { name: 'Maya Ortiz', handle: 'maya_rides' }, 'Where is my parcel?', '2026-07-01T10:00:00.000Z'),
      item('instagram', '200', { name: 'Maya Ortiz', handle: 'maya.ortiz' }, 'Still nothing arrived', '2026-07-01T11:00:00.000Z'),
      item('x', '300', { name: 'Ravi Shah', handle: 'ravi' }, 'Hello there', '2026-07-01T12:00:00.000Z'),
    ],
  });
  const options = await openOptions(context, extensionId);
  const rows = options.locator('[data-customer-id]');
  await expect(rows).toHaveCount(3);
  await options.getByLabel('Search people').fill('maya');
  await expect(rows).toHaveCount(2);
  const onX = rows.filter({ hasText: '@maya_rides' });
  await expect(onX).toContainText('1 possible link');

  await onX.getByRole('button', { name: 'Details Maya Ortiz' }).click();
  await onX.getByRole('button', { name: 'Link Maya Ortiz' }).click();
  await expect(rows).toHaveCount(1);
  await expect(onX).toContainText('Instagram @maya.ortiz · X @maya_rides');

  await onX.getByRole('button', { name: 'Unlink Instagram @maya.ortiz' }).click();
  await expect(rows).toHaveCount(2);
  await expect(onX.getByRole('button', { name: 'Link Maya Ortiz' })).toHaveCount(0);

  // Erasing asks first; Cancel erases nothing and gives focus back.
  await onX.getByRole('button', { name: 'Erase this person…' }).click();
  const confirm = onX.getByRole('button', { name: 'Erase Maya Ortiz permanently' });
  await expect(confirm).toBeFocused();
  await onX.getByRole('button', { name: 'Cancel' }).click();
  await expect(onX.getByRole('button', { name: 'Erase this person…' })).toBeFocused();
  await options.keyboard.press('Enter');
  await options.keyboard.press('Enter');
  await expect(options.getByRole('status').filter({ hasText: 'Maya Ortiz was erased: 1 item and 0 notes' })).toBeVisible();
  await expect(rows).toHaveCount(1);

  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export data' }).click()]);
  const exported = await readFile((await download.path()) ?? '', 'utf8');
  expect(exported).not.toContain('maya_rides');
  expect(exported).not.toContain('Where is my parcel?');
  expect(exported).toContain('maya.ortiz');
});

test('priority rules: a dangerous pattern is refused with a reason; a saved rule stays', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const rules = options.getByRole('list', { name: 'Priority rules' });
  await expect(rules.getByRole('listitem')).toHaveCount(5);
  await options.getByRole('button', { name: 'Add a rule' }).click();
  const added = rules.getByRole('listitem').last();
  await added.getByLabel('Name').fill('Chargeback');
  await added.getByLabel('Words or /pattern/').fill('/(charge+)+back/');
  await expect(added.getByRole('alert')).toContainText('can freeze matching');
  await added.getByLabel('Words or /pattern/').fill('chargeback*, dispute');
  await added.getByLabel('Priority').selectOption('urgent');
  await options.getByLabel('Try a message').fill('I opened a DISPUTE with my bank');
  await expect(options.getByText('Priority by the rules above: Urgent')).toBeVisible();
  await options.getByLabel('Drop message text after (days)').fill('90');
  await options.getByLabel('Delete finished items after (days)').fill('0');
  await options.getByRole('button', { name: 'Save priority and retention' }).click();
  await expect(options.getByText('A whole number of days, 1 or more.')).toBeVisible();
  await options.getByLabel('Delete finished items after (days)').fill('365');
  await options.getByRole('button', { name: 'Save priority and retention' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Priority rules and retention saved' })).toBeVisible();
  await options.reload();
  await expect(rules.getByRole('listitem')).toHaveCount(6);
  await expect(options.getByLabel('Drop message text after (days)')).toHaveValue('90');
  await expect(options.getByLabel('Delete finished items after (days)')).toHaveValue('365');
});
