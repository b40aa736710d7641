import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, importThroughOptions, test } from './extension';
import { HOSTILE_TEXT, metricsSeedFile } from './metrics-seed';

/** A headline figure's value: the first <dd> after its <dt>. */
const figure = (page: Page, label: string) => page.locator(`dt:text-is("${label}") + dd`);

async function downloadText(page: Page, button: ReturnType<Page['getByRole']>) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path()) ?? '', 'utf8') };
}

test('dashboard: headline figures from the seeded items, range change, CSV downloads', async ({ context, extensionId }) => {
  await importThroughOptions(context, extensionId, metricsSeedFile());
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);

  // Default range, the last 30 days: 10, 20, 30, 40, 100 and 200 minutes.
  await expect(page.getByRole('radio', { name: 'Last 30 days' })).toBeChecked();
  await expect(figure(page, 'Items')).toHaveText('7');
  await expect(figure(page, 'Median first response')).toHaveText('35 min');
  await expect(figure(page, 'p90 first response')).toHaveText('2 h 30 min');
  await expect(figure(page, 'SLA compliance')).toHaveText('57.1 %');
  await expect(figure(page, 'Breaches')).toHaveText('2');
  // Three charts drawn (uPlot canvases), each with its text alternative.
  await expect(page.locator('[role="img"] canvas')).toHaveCount(3);
  await expect(page.getByRole('img', { name: /median and p90 first-response minutes per day over 30 days/ })).toBeVisible();

  // The last 7 days leave out the LinkedIn item of 20 days ago.
  await page.getByRole('radio', { name: 'Last 7 days' }).check();
  await expect(figure(page, 'Items')).toHaveText('6');
  await expect(figure(page, 'Median first response')).toHaveText('30 min');
  await expect(figure(page, 'p90 first response')).toHaveText('1 h 16 min');
  await expect(figure(page, 'SLA compliance')).toHaveText('66.7 %');

  // A platform filter narrows everything, the items table included.
  await page.getByRole('checkbox', { name: 'Facebook' }).uncheck();
  await expect(figure(page, 'Items')).toHaveText('5');
  await expect(figure(page, 'Median first response')).toHaveText('25 min');
  await expect(page.getByRole('status').filter({ hasText: /^1–5 of 5$/ })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Facebook' }).check();
  await expect(figure(page, 'Items')).toHaveText('6');

  // The by-platform table as CSV.
  const byPlatform = await downloadText(page, page.getByRole('button', { name: 'Download CSV: By platform' }));
  expect(byPlatform.name).toMatch(/^replyline-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-by-platform\.csv$/);
  const lines = byPlatform.text.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe(
    'Platform,Items,Answered,Median first response (min),p90 first response (min),On time,Late,Still open,SLA compliance (%)',
  );
  expect(lines).toContain('X,4,4,25,37,4,0,0,100');
  expect(lines).toContain('Facebook,1,1,100,100,0,1,0,0');
  expect(lines).toContain('All selected,6,5,30,76,4,2,0,66.7');

  // Every item of the range, hostile text neutralised for spreadsheets and quoted per RFC 4180.
  const items = await downloadText(page, page.getByRole('button', { name: 'Download CSV: all items in the range' }));
  const csv = items.text.replace(/^\uFEFF/, '');
  expect(csv.startsWith('Posted,Platform,Kind,Author,Text,Status,Priority,Answered,First response (min),')).toBe(true);
  expect(csv).toContain(`"'${HOSTILE_TEXT.replaceAll('"', '""')}"`);
  expect(csv).not.toContain('Customer 4001');
  // Header + 6 items; the hostile text's quoted newline does not end a record.
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(7);

  // A custom range with no items: the empty state, no charts.
  await page.getByRole('radio', { name: 'Custom' }).check();
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-01-31');
  await expect(page.getByText('No items or missed targets in this range.')).toBeVisible();
  await expect(figure(page, 'Median first response')).toHaveText('—');
  await expect(page.locator('canvas')).toHaveCount(0);
  await page.getByLabel('To', { exact: true }).fill('2019-12-01');
  await expect(page.getByRole('alert')).toHaveText('The end date is before the start date.');
});
