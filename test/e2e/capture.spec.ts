import { expect, importThroughOptions, openOptions, pressClosing, seededPage, seedFile, test } from './extension';

test('mentions are captured: one badge per customer item, states by age, none on likes or brand tweets', async ({
  context,
  extensionId,
}) => {
  const page = await seededPage(context, extensionId, 'https://x.com/notifications/mentions');

  const hosts = page.locator('[data-replyline-item]');
  await expect(hosts.first()).toBeVisible();
  await expect(page.locator('[data-replyline-sla=""]')).toHaveCount(0);
  // Once the background answers, every badge has a real state (no "waiting" left).
  await expect
    .poll(async () => (await hosts.evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-sla')))).sort().join())
    .toMatch(/breached.*due-soon.*on-track|breached.*on-track/);

  // One host per tweet article that is a customer item; none inside like/follow notifications.
  const perArticle = await page
    .locator('article[data-testid="tweet"]')
    .evaluateAll((articles) => articles.map((a) => a.querySelectorAll(':scope [data-replyline-item]').length));
  expect(Math.max(...perArticle)).toBe(1);
  await expect(page.locator('article[data-testid="notification"] [data-replyline-item]')).toHaveCount(0);
  const keys = await hosts.evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-item')));
  for (const key of keys) expect(key).toMatch(/^x:\d{15,20}$/);
  expect(new Set(keys).size).toBe(keys.length);
});

test('the popup lists pending items most urgent first, with the contract markers', async ({ context, extensionId }) => {
  const page = await seededPage(context, extensionId, 'https://x.com/notifications/mentions');
  // The first scan runs in small slices: wait until the number of badges stops changing.
  let last = -1;
  await expect
    .poll(
      async () => {
        const count = await page.locator('[data-replyline-item]').count();
        const settled = count > 2 && count === last;
        last = count;
        return settled;
      },
      { intervals: [300] },
    )
    .toBe(true);
  const pageKeys = await page.locator('[data-replyline-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-item')));
  expect(pageKeys.length).toBeGreaterThan(2);
  await expect
    .poll(() => page.locator('[data-replyline-sla="on-track"], [data-replyline-sla="due-soon"], [data-replyline-sla="breached"]').count())
    .toBe(pageKeys.length);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const rows = popup.locator('[role="option"][data-replyline-item]');
  await expect(rows).toHaveCount(pageKeys.length);
  const listed = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-item')));
  expect(listed.sort()).toEqual([...pageKeys].sort());

  // Most urgent first: the oldest tweet (earliest due time) leads; due times never decrease.
  const dueTimes = await page.evaluate(
    (keys) =>
      keys.map((key) => {
        const article = document.querySelector(`[data-replyline-item="${key}"]`)?.closest('article');
        return Date.parse(article?.querySelector('time')?.getAttribute('datetime') ?? '');
      }),
    await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-item'))),
  );
  expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b));
  const popupStates = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-sla')));
  expect(popupStates[0]).toBe('breached');

  // j/k + Enter open the item: its tab comes to the front.
  await popup.keyboard.press('j');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await popup.keyboard.press('k');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  const first = await rows.nth(0).getAttribute('data-replyline-item');
  // Enter focuses the tab that shows the item and scrolls to it; the popup closes.
  const closed = popup.waitForEvent('close');
  await popup.keyboard.press('Enter');
  await closed;
  await expect
    .poll(() =>
      page.evaluate((key) => {
        const article = document.querySelector(`[data-replyline-item="${key}"]`)?.closest('article');
        return !!article && document.activeElement === article;
      }, first),
    )
    .toBe(true);
});

test('a hostile author name renders as inert text', async ({ context, extensionId }) => {
  const page = await seededPage(context, extensionId, 'https://x.com/notifications/mentions');
  await expect(page.locator('[data-replyline-item]').first()).toBeVisible();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const hostile = popup.getByText('<img src=x onerror=', { exact: false });
  await expect(hostile).toBeVisible();
  expect(await popup.locator('img').count()).toBe(0);
  expect(await popup.title()).not.toBe('pwned');
  expect(await page.title()).not.toBe('pwned');
});

test('opening an item that no tab shows opens its permalink, with the reply box for it focused', async ({ context, extensionId }) => {
  const seed = await seedFile();
  const item = {
    platform: 'x',
    externalId: '2124573908005815395',
    kind: 'comment',
    permalink: 'https://x.com/maya_rides/status/2124573908005815395',
    author: { name: 'Maya Lindqvist', handle: 'maya_rides' },
    text: 'Where is my order?',
    postedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    capturedAt: new Date().toISOString(),
    status: 'pending',
  };
  await importThroughOptions(context, extensionId, { ...seed, items: [item] });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator('[data-replyline-item="x:2124573908005815395"]')).toHaveAttribute('data-replyline-sla', 'on-track');
  const opened = context.waitForEvent('page');
  await pressClosing(popup, 'Enter');
  const tab = await opened;
  await tab.waitForURL(item.permalink);
  await expect(tab.locator('[data-replyline-item="x:2124573908005815395"]')).toBeVisible();
  await expect
    .poll(() => tab.evaluate(() => !!document.activeElement?.closest('[data-testid^="tweetTextarea_"]')), { timeout: 10_000 })
    .toBe(true);
});

test('signed in as another account than the brand: the popup says so', async ({ context, extensionId }) => {
  const seed = await seedFile();
  await importThroughOptions(context, extensionId, { ...seed, accounts: [{ platform: 'x', handle: 'northwind_help' }] });
  const page = await context.newPage();
  await page.goto('https://x.com/home');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('status').filter({ hasText: 'X: signed in as @northwindco, not a brand account' })).toBeVisible();
});

test('the palette asked for in a box the adapter does not know: a message, and site health says so', async ({ context, extensionId }) => {
  const page = await seededPage(context, extensionId, 'https://x.com/home');
  await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
  // A composer shape X does not have today (as after a redesign).
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.contentEditable = 'true';
    box.setAttribute('aria-label', 'New reply box');
    document.querySelector('main')?.prepend(box);
  });
  await page.getByLabel('New reply box').focus();
  await page.keyboard.press('Control+Shift+Space');
  await expect(page.getByRole('alert').filter({ hasText: 'does not recognise this box' })).toBeVisible();
  const options = await openOptions(context, extensionId);
  await expect(options.getByRole('status').filter({ hasText: 'X: composer not found (1×)' })).toBeVisible();
});

test('site health: counts per kind of page and per selector in options; a status page with no tweet warns in the popup', async ({
  context,
  extensionId,
}) => {
  const page = await seededPage(context, extensionId, 'https://x.com/notifications/mentions');
  await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
  // A status page that no longer shows any tweet, as after a redesign (the local server's 404 page).
  const broken = await context.newPage();
  await broken.goto('https://x.com/someone/status/2124573908005815000');

  const options = await openOptions(context, extensionId);
  const notifications = options.locator('[data-replyline-health="x"] tr[data-surface="notifications"]');
  // Reports wait for the page to settle (8 s) before judging it.
  await expect(notifications.locator('td[data-counter="extracted"]')).toHaveText(/^[1-9]\d*$/, { timeout: 20_000 });
  await expect(notifications.locator('td[data-counter="rejected"]')).toHaveText('0');
  await options.getByText('X selectors on the last page checked').click();
  await expect(options.locator('[data-selector="tweet"]')).toContainText('last matched');

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('status').filter({ hasText: /^X: no items found on status pages since / })).toBeVisible({ timeout: 20_000 });
});
