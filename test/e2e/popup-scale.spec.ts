// The popup with 10,000 pending items: the most urgent row first, a virtual list that scrolls to
// row 5,000+, the keyboard, actions that update the counts, filters, search, and axe-core in the
// light and dark schemes.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './extension';

const PLATFORMS = ['x', 'facebook', 'instagram', 'linkedin'] as const;
const MINUTE = 60_000;
const N = 10_000;
const NEEDLE = 'zebracorn';

/**
 * 10,000 pending items under the default policy (due 60 min after posting, due soon at 45), with
 * ages kept well clear of those thresholds so no state changes while the test runs: 6,000 overdue,
 * 1,000 due soon, 3,000 on track. The file is shuffled, so its order is not the backlog's.
 */
function backlogFile(now: number) {
  const bands = [
    { n: 6000, from: 65, to: 180 },
    { n: 1000, from: 46, to: 52 },
    { n: 3000, from: 5, to: 35 },
  ];
  const ages = bands.flatMap(({ n, from, to }) =>
    Array.from({ length: n }, (_, i) => from * MINUTE + Math.round(((to - from) * MINUTE * i) / n)),
  );
  const items = ages.map((age, i) => {
    const platform = PLATFORMS[i % 4] ?? 'x';
    const postedAt = new Date(now - age - (i % 997)).toISOString();
    return {
      platform,
      externalId: String(7_000_000 + ((i * 7919) % N)),
      kind: i % 9 === 0 ? 'dm' : 'comment',
      permalink: `https://${platform === 'x' ? 'x.com' : `www.${platform}.com`}/p/${i}`,
      author: { name: `Customer ${i % 1500}`, handle: `customer_${i % 1500}` },
      text: i % 1429 === 3 ? `The ${NEEDLE} never arrived` : `Order ${i} has not arrived, can you check?`,
      postedAt,
      capturedAt: postedAt,
      status: 'pending',
    };
  });
  for (let i = items.length - 1; i > 0; i--) {
    const j = (i * 48271) % (i + 1);
    [items[i], items[j]] = [items[j] as (typeof items)[number], items[i] as (typeof items)[number]];
  }
  return { format: 'replyline-export', version: 1, items };
}

type Row = ReturnType<typeof backlogFile>['items'][number];
const keyOf = (r: Row) => `${r.platform}:${r.externalId}`;
/** Most urgent first: the same policy for all, so the earliest post; then platform, then id. */
const urgencyOrder = (rows: Row[]) =>
  [...rows].sort(
    (a, b) => a.postedAt.localeCompare(b.postedAt) || a.platform.localeCompare(b.platform) || a.externalId.localeCompare(b.externalId),
  );

// Evaluated in the popup page, an extension page: the same message the options page sends.
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> } };

async function openSeededPopup(page: Page, extensionId: string, file: unknown) {
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(page.getByText('All caught up')).toBeVisible();
  const reply = await page.evaluate((f) => chrome.runtime.sendMessage({ type: 'data/import', payload: { file: f } }), file);
  expect(reply.ok).toBe(true);
}

const option = (page: Page, position: number) => page.locator(`[role="option"][aria-posinset="${position}"]`);
const selectedPosition = (page: Page) => page.locator('[role="option"][aria-selected="true"]').getAttribute('aria-posinset');

test('10,000 pending: most urgent first, virtual scrolling to row 5,000+, keyboard, actions, filters, search', async ({
  page,
  extensionId,
}) => {
  test.setTimeout(240_000);
  const file = backlogFile(Date.now());
  const expected = urgencyOrder(file.items).map(keyOf);
  await openSeededPopup(page, extensionId, file);

  // The import's broadcast refreshes the open popup: counts and the most urgent row.
  await expect(page.getByTestId('pending-count')).toHaveText('10,000 pending', { timeout: 60_000 });
  await expect(option(page, 1)).toHaveAttribute('data-replyline-item', expected[0] ?? '');
  await expect(option(page, 1)).toHaveAttribute('data-replyline-sla', 'breached');
  await expect(page.getByTestId('backlog-summary')).toHaveText('10,000 items');
  await expect(page.getByRole('button', { name: 'Overdue 6,000' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Due soon 1,000' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'On track 3,000' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'LinkedIn 2,500' })).toBeVisible();
  const listed = await page.locator('[role="option"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-replyline-item')));
  expect(listed).toEqual(expected.slice(0, listed.length));
  expect(listed.length).toBeLessThan(40);

  // Scrolling far down renders the rows there, in order, and still only a screenful of them.
  const scroller = page.locator('[role="listbox"]').locator('xpath=../..');
  await scroller.evaluate((el) => {
    el.scrollTop = 5000 * 76;
  });
  await expect(option(page, 5001)).toHaveAttribute('data-replyline-item', expected[5000] ?? '', { timeout: 30_000 });
  await expect(option(page, 5003)).toHaveAttribute('data-replyline-item', expected[5002] ?? '');
  expect(await page.locator('[role="option"]').count()).toBeLessThan(40);

  // The keyboard: the selection moves and the list follows it.
  await page.keyboard.press('Home');
  await expect(option(page, 1)).toHaveAttribute('aria-selected', 'true');
  await expect(option(page, 1)).toBeInViewport();
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  expect(await selectedPosition(page)).toBe('3');
  await page.keyboard.press('k');
  await page.keyboard.press('PageDown');
  expect(await selectedPosition(page)).toBe('7');
  await page.keyboard.press('PageUp');
  expect(await selectedPosition(page)).toBe('2');
  await page.keyboard.press('End');
  await expect(option(page, N)).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
  await expect(option(page, N)).toHaveAttribute('data-replyline-item', expected[N - 1] ?? '');
  await expect(page.locator('[role="listbox"]')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(option(page, 1)).toBeInViewport();

  // e resolves, i ignores, s then 2 snoozes: each row leaves the list and the counts follow.
  await page.keyboard.press('e');
  await expect(option(page, 1)).toHaveAttribute('data-replyline-item', expected[1] ?? '');
  await expect(page.getByTestId('pending-count')).toHaveText('9,999 pending');
  await page.keyboard.press('i');
  await expect(option(page, 1)).toHaveAttribute('data-replyline-item', expected[2] ?? '');
  await page.keyboard.press('s');
  await expect(page.getByRole('dialog', { name: 'Snooze until' })).toBeVisible();
  await page.keyboard.press('2');
  await expect(option(page, 1)).toHaveAttribute('data-replyline-item', expected[3] ?? '');
  await expect(page.getByTestId('pending-count')).toHaveText('9,997 pending');
  await expect(page.getByRole('button', { name: 'Overdue 5,997' })).toBeVisible();
  // The row's own buttons do the same.
  await page
    .getByRole('group', { name: /^Actions for / })
    .getByRole('button', { name: 'Resolve' })
    .click();
  await expect(option(page, 1)).toHaveAttribute('data-replyline-item', expected[4] ?? '');
  await expect(page.getByTestId('pending-count')).toHaveText('9,996 pending');
  const gone = new Set(expected.slice(0, 4));
  const left = file.items.filter((r) => !gone.has(keyOf(r)));

  // Filters: a platform, then also an SLA state from the header.
  await page.getByLabel('Platform').selectOption('linkedin');
  const linkedin = urgencyOrder(left.filter((r) => r.platform === 'linkedin')).map(keyOf);
  await expect(page.getByTestId('backlog-summary')).toHaveText(`${linkedin.length.toLocaleString('en-US')} items`);
  await expect(option(page, 1)).toHaveAttribute('data-replyline-item', linkedin[0] ?? '');
  for (const key of await page.locator('[role="option"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-replyline-item')))) {
    expect(key?.startsWith('linkedin:')).toBe(true);
  }
  await page.getByRole('button', { name: 'Due soon 1,000' }).click();
  await expect(page.getByTestId('backlog-summary')).toHaveText('250 items');
  await expect(page.locator('[role="option"]').first()).toHaveAttribute('data-replyline-sla', 'due-soon');
  await expect(page.locator('[role="option"][data-replyline-sla="breached"]')).toHaveCount(0);

  // Search (/ focuses it) narrows to the matches wherever they are in the backlog, most urgent first.
  await page.getByRole('button', { name: /^Due soon/ }).click();
  await page.getByLabel('Platform').selectOption('');
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search')).toBeFocused();
  await page.keyboard.type(NEEDLE.toUpperCase());
  const needles = urgencyOrder(left.filter((r) => r.text.includes(NEEDLE))).map(keyOf);
  expect(needles.length).toBeGreaterThan(3);
  await expect(page.getByTestId('backlog-summary')).toHaveText(`${needles.length} found`, { timeout: 30_000 });
  expect(await page.locator('[role="option"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-replyline-item')))).toEqual(
    needles,
  );
  await page.getByLabel('Search').fill('no such words anywhere');
  await expect(page.getByText('No items match these filters.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(page.getByTestId('backlog-summary')).toHaveText('9,996 items');
});

test('the popup passes axe-core with no serious or critical violations, light and dark', async ({ page, extensionId }) => {
  await openSeededPopup(page, extensionId, backlogFile(Date.now()));
  await expect(page.getByTestId('pending-count')).toHaveText('10,000 pending', { timeout: 60_000 });
  await expect(option(page, 1)).toBeVisible();
  const backgrounds: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    backgrounds.push(await page.locator('main').evaluate((el) => getComputedStyle(el).backgroundColor));
    // With a row selected (its action buttons shown) and the snooze dialog open.
    await page.keyboard.press('s');
    await expect(page.getByRole('dialog', { name: 'Snooze until' })).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    expect(serious, colorScheme).toEqual([]);
    await page.keyboard.press('Escape');
  }
  // Dark mode follows the system: another background under the dark scheme.
  expect(backgrounds[0]).toBe('rgb(255, 255, 255)');
  expect(backgrounds[1]).not.toBe(backgrounds[0]);
});
