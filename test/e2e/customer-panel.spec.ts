// The customer history panel on every platform: opened from a badge or the shortcut, framed over the
// page without moving it, closed with Escape back to where focus was; notes, and forged messages.
import type { FrameLocator, Page, Worker } from '@playwright/test';
import { expect, importThroughOptions, openOptions, seededPage, seedFile, test } from './extension';
import { STATUS } from './x-status';

const CASES = [
  { platform: 'x', url: STATUS },
  { platform: 'facebook', url: 'https://www.facebook.com/northwindco/posts/1187465203918274' },
  { platform: 'instagram', url: 'https://www.instagram.com/p/DKq7Zt2xNwB' },
  { platform: 'linkedin', url: 'https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567' },
] as const;

const PANEL = 'replyline-customer-panel';
const panel = (page: Page): FrameLocator => page.frameLocator(`${PANEL} iframe`);

/** An item as stored, read straight from the background's database. */
const storedItem = (worker: Worker, key: string) =>
  worker.evaluate(async (k) => {
    const colon = k.indexOf(':');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('replyline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const item = await new Promise<{ author: { name: string }; outcome?: string } | undefined>((resolve) => {
      const get = db
        .transaction('items')
        .objectStore('items')
        .get([k.slice(0, colon), k.slice(colon + 1)]);
      get.onsuccess = () => resolve(get.result);
    });
    db.close();
    return item;
  }, key);
const authorOf = async (worker: Worker, key: string) => (await storedItem(worker, key))?.author.name;

/** Where things are on the page: the panel must not move any of it. */
const layout = (page: Page, key: string) =>
  page.evaluate((k) => {
    const box = (el: Element | null) => {
      const r = el?.getBoundingClientRect();
      return r ? [r.x, r.y, r.width, r.height] : null;
    };
    const body = getComputedStyle(document.body);
    return {
      badge: box(document.querySelector(`[data-replyline-item="${k}"]`)),
      body: box(document.body),
      margins: [body.marginLeft, body.marginRight, body.paddingLeft, body.paddingRight],
      scroll: [document.documentElement.scrollWidth, window.scrollX, window.scrollY],
    };
  }, key);

/** The key of the element that has focus on the page (a badge host when its button is focused). */
const focusedItem = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-replyline-item') ?? null);

async function firstBadge(page: Page) {
  const hosts = page.locator('[data-replyline-item]');
  await expect(hosts.first()).toHaveAttribute('data-replyline-sla', /on-track|due-soon|breached|answered|paused/);
  const host = hosts.first();
  return { host, key: (await host.getAttribute('data-replyline-item')) ?? '' };
}

for (const c of CASES) {
  test(`${c.platform}: a badge opens the customer's history over the page; Escape closes it back to the badge; the shortcut; notes`, async ({
    context,
    extensionId,
    worker,
  }) => {
    const page = await seededPage(context, extensionId, c.url);
    const { host, key } = await firstBadge(page);
    expect(key.startsWith(`${c.platform}:`)).toBe(true);
    const name = await authorOf(worker, key);
    expect(name).toBeTruthy();
    await host.scrollIntoViewIfNeeded();
    const before = await layout(page, key);

    await host.click();
    const frame = panel(page);
    await expect(frame.getByRole('heading', { name: 'Customer history' })).toBeFocused();
    await expect(frame.locator('#person-name')).toHaveText(name ?? '');
    const opened = frame.locator(`[data-replyline-history="${key}"]`);
    await expect(opened).toHaveAttribute('aria-current', 'true');
    await expect(opened).toContainText(/Answered in|No reply yet/);
    await expect(frame.getByRole('list', { name: 'Identities' })).toContainText(c.platform === 'x' ? 'X' : c.platform, {
      ignoreCase: true,
    });
    // Fixed over the right edge, full height; nothing on the page moved.
    const box = await page.locator(PANEL).boundingBox();
    expect(box).toEqual({ x: 1280 - 380, y: 0, width: 380, height: 900 });
    expect(await layout(page, key)).toEqual(before);

    await page.keyboard.press('Escape');
    await expect(page.locator(PANEL)).toHaveCount(0);
    expect(await focusedItem(page)).toBe(key);

    // Focus is on the item's badge: the shortcut opens the panel for that item.
    await page.keyboard.press('Control+Shift+L');
    await expect(panel(page).locator(`[data-replyline-history="${key}"]`)).toHaveAttribute('aria-current', 'true');

    // Notes: add, see it with its time, edit, delete.
    const notes = panel(page).getByRole('list', { name: 'Notes' });
    await panel(page).getByRole('textbox', { name: 'New note' }).fill(`Prefers email. (${c.platform})`);
    await panel(page).getByRole('button', { name: 'Add note' }).click();
    const note = notes.getByRole('listitem').filter({ hasText: `Prefers email. (${c.platform})` });
    await expect(note).toBeVisible();
    await expect(note.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    await expect(note).toContainText(/Added .*\d/);
    await note.getByRole('button', { name: 'Edit note' }).click();
    await panel(page).getByRole('textbox', { name: 'Note text' }).fill('Prefers phone calls after 5 pm.');
    await panel(page).getByRole('button', { name: 'Save note' }).click();
    const edited = notes.getByRole('listitem').filter({ hasText: 'Prefers phone calls after 5 pm.' });
    await expect(edited).toBeVisible();
    await expect(notes.getByRole('listitem')).toHaveCount(1);
    await edited.getByRole('button', { name: 'Delete note' }).click();
    await expect(panel(page).getByText('No notes yet.')).toBeVisible();

    // The close button works from the keyboard too, and focus goes back to the badge.
    await panel(page).getByRole('button', { name: 'Close customer history' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator(PANEL)).toHaveCount(0);
    expect(await focusedItem(page)).toBe(key);
  });
}

test('x: the shortcut in a reply box opens the customer it answers, on the left when set in options; tags', async ({
  context,
  extensionId,
}) => {
  await importThroughOptions(context, extensionId, await seedFile());
  const options = await openOptions(context, extensionId);
  const you = options.locator('form').filter({ has: options.getByRole('radio', { name: 'Left' }) });
  await expect(you.getByLabel('Agent name (for {{agent.name}})')).toHaveValue('Riley');
  await expect(you.getByLabel('Customer history shortcut')).toHaveValue('Ctrl+Shift+L');
  await you.getByRole('radio', { name: 'Left' }).check();
  await you.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const page = await context.newPage();
  await page.goto(STATUS);
  await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
  await page.locator('[data-testid="tweetTextarea_0"]').click();
  await page.keyboard.press('Control+Shift+L');
  const frame = panel(page);
  await expect(frame.locator('#person-name')).toHaveText('Maya Lindqvist');
  expect(await page.locator(PANEL).boundingBox()).toEqual({ x: 0, y: 0, width: 380, height: 900 });

  await frame.getByRole('textbox', { name: 'New tag' }).fill('vip');
  await frame.getByRole('button', { name: 'Add tag' }).click();
  await expect(frame.getByRole('list', { name: 'Tags' })).toContainText('vip');
  await frame.getByRole('button', { name: 'Remove tag vip' }).click();
  await expect(frame.getByRole('list', { name: 'Tags' })).toHaveCount(0);

  // Pressed again on the page, the shortcut closes it.
  await page.locator('[data-testid="tweetTextarea_0"]').click();
  await page.keyboard.press('Control+Shift+L');
  await expect(page.locator(PANEL)).toHaveCount(0);
});

test('page scripts cannot open or close the panel: forged messages and synthetic keys do nothing', async ({ context, extensionId }) => {
  const page = await seededPage(context, extensionId, STATUS);
  const { host, key } = await firstBadge(page);
  const forge = () =>
    page.evaluate((k) => {
      for (const action of ['close', 'open']) {
        window.postMessage({ type: 'replyline/customer-panel', action, item: k }, '*');
        window.top?.postMessage({ type: 'replyline/customer-panel', action, item: k }, '*');
      }
      for (const init of [{ key: 'Escape' }, { key: 'L', code: 'KeyL', ctrlKey: true, shiftKey: true }]) {
        document.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true }));
        document.body.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true }));
      }
    }, key);

  await forge();
  await page.waitForTimeout(300);
  await expect(page.locator(PANEL)).toHaveCount(0);

  await host.click();
  await expect(panel(page).locator('#person-name')).not.toBeEmpty();
  // The page can reach the frame through the open shadow root, and forge an event with its window and
  // origin, but not post from inside it.
  await page.evaluate(() => {
    const frame = document.querySelector('replyline-customer-panel')?.shadowRoot?.querySelector('iframe');
    if (!frame) throw new Error('no panel frame');
    const data = { type: 'replyline/customer-panel', action: 'close' };
    window.dispatchEvent(new MessageEvent('message', { data, source: frame.contentWindow, origin: new URL(frame.src).origin }));
  });
  await forge();
  await page.waitForTimeout(300);
  await expect(page.locator(PANEL)).toHaveCount(1);
  await expect(panel(page).locator(`[data-replyline-history="${key}"]`)).toBeVisible();

  // Chromium serves the panel to the site at a per-session URL only: the fixed one cannot be probed.
  const reach = (url: string) =>
    page.evaluate(
      (u) =>
        fetch(u).then(
          (r) => r.status,
          () => 'blocked',
        ),
      url,
    );
  const src = await page.evaluate(() => document.querySelector('replyline-customer-panel')?.shadowRoot?.querySelector('iframe')?.src ?? '');
  expect(src.startsWith(`chrome-extension://${extensionId}/`)).toBe(false);
  expect(await reach(src)).toBe(200);
  expect(await reach(`chrome-extension://${extensionId}/customer-panel.html`)).toBe('blocked');

  // The site navigates in place (SPA): the panel stays.
  await page.evaluate(() => history.pushState({}, '', '/notifications/mentions'));
  await page.waitForTimeout(300);
  await expect(panel(page).locator(`[data-replyline-history="${key}"]`)).toBeVisible();
});

test('an answered item takes a satisfaction outcome set by hand, and gives it back to the reading', async ({
  context,
  extensionId,
  worker,
}) => {
  const page = await seededPage(context, extensionId, CASES[1].url);
  const answered = page.locator('[data-replyline-sla="answered"]').first();
  await expect(answered).toBeAttached();
  const key = (await answered.getAttribute('data-replyline-item')) ?? '';
  await answered.scrollIntoViewIfNeeded();
  await answered.click();
  const outcome = panel(page)
    .locator(`[data-replyline-history="${key}"]`)
    .getByLabel(/^Outcome of this/);
  await expect(outcome).toHaveValue('');
  const stored = async () => (await storedItem(worker, key))?.outcome ?? null;
  await outcome.selectOption('positive');
  await expect.poll(stored).toBe('positive');
  await expect(outcome).toHaveValue('positive');
  await outcome.selectOption('');
  await expect.poll(stored).toBe(null);
});
