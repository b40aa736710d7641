import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { firstNameOf, renderTemplate } from '../../utils/templates.ts';
import { expect, importThroughOptions, openOptions, seededPage, seedFile, test } from './extension';
import { editorText, type SeedTemplate, STATUS } from './x-status';

async function setup(page: Page) {
  const seed = await seedFile();
  const templates = seed.templates as SeedTemplate[];
  await page.goto(STATUS);
  // The focal tweet (no permalink on its time) is the customer being answered.
  const focal = page.locator('article[data-testid="tweet"]', { has: page.locator('time:not(a time)') }).first();
  const name = (await focal.locator('[data-testid="User-Name"] a').first().innerText()).trim();
  await expect(focal.locator('[data-replyline-item]')).toHaveAttribute('data-replyline-sla', /on-track|due-soon|breached/);
  const expected = (t: SeedTemplate) => {
    const r = renderTemplate(t.body, {
      'customer.name': name,
      'customer.firstName': firstNameOf(name),
      'customer.handle': '@maya_rides',
      'agent.name': 'Riley',
      'brand.name': 'Northwind',
      platform: 'X',
      'item.link': STATUS,
    });
    if (!r.ok) throw new Error(r.problems.join());
    return r.value.text;
  };
  return { templates, focal, expected };
}

test('shortcut + Tab expands a template inside the Draft.js editor state and enables Reply', async ({ context, extensionId }) => {
  await importThroughOptions(context, extensionId, await seedFile());
  const page = await context.newPage();
  const { templates, expected } = await setup(page);
  const template = templates.find((t) => t.shortcut === ';thanks') ?? templates[0];
  if (!template) throw new Error('the seed has no template');

  const editor = page.locator('[data-testid="tweetTextarea_0"][contenteditable="true"]');
  const reply = page.locator('[data-testid="tweetButtonInline"]');
  await expect(reply).toBeDisabled();
  await editor.click();
  await page.keyboard.type(template.shortcut);
  await expect.poll(() => editorText(page)).toBe(template.shortcut);
  await page.keyboard.press('Tab');
  await expect.poll(() => editorText(page)).toBe(expected(template).replace(/\n/g, '\n'));
  await expect(reply).toBeEnabled();
  // Focus stayed in the composer: Tab did not move it away.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tweetTextarea_0');
});

test('Ctrl+Shift+Space opens the palette; typing filters, Enter inserts, Escape closes', async ({ context, extensionId }) => {
  await importThroughOptions(context, extensionId, await seedFile());
  const page = await context.newPage();
  const { templates, expected } = await setup(page);
  const editor = page.locator('[data-testid="tweetTextarea_0"][contenteditable="true"]');
  await editor.click();

  await page.keyboard.press('Control+Shift+Space');
  const search = page.getByRole('combobox', { name: 'Search templates' });
  await expect(search).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(search).toHaveCount(0);
  expect(await editorText(page)).toBe('');

  const target = templates[templates.length - 1];
  if (!target) throw new Error('the seed has no template');
  await editor.click();
  await page.keyboard.press('Control+Shift+Space');
  await expect(search).toBeFocused();
  // X binds single letters ("j", "l", "r"…): the palette keeps them from the page.
  const pageKeys: string[] = [];
  await page.exposeFunction('__recordKey', (k: string) => pageKeys.push(k));
  await page.evaluate(() =>
    document.addEventListener('keydown', (e) => (window as unknown as { __recordKey(k: string): void }).__recordKey(e.key)),
  );
  await page.keyboard.type(target.shortcut);
  expect(pageKeys).toEqual([]);
  const options = page.getByRole('option');
  await expect(options.first()).toContainText(target.name);
  await page.keyboard.press('Enter');
  await expect(search).toHaveCount(0);
  await expect.poll(() => editorText(page)).toBe(expected(target));
  await expect(page.locator('[data-testid="tweetButtonInline"]')).toBeEnabled();
});

test('sending natively turns the item answered by itself', async ({ context, extensionId }) => {
  await importThroughOptions(context, extensionId, await seedFile());
  const page = await context.newPage();
  const { focal } = await setup(page);
  const editor = page.locator('[data-testid="tweetTextarea_0"][contenteditable="true"]');
  await editor.click();
  await page.keyboard.type('On it, sorry for the wait!');
  await page.locator('[data-testid="tweetButtonInline"]').click();
  await expect(focal.locator('[data-replyline-item]')).toHaveAttribute('data-replyline-sla', 'answered');
  const key = await focal.locator('[data-replyline-item]').getAttribute('data-replyline-item');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator('[role="option"]').first()).toBeVisible();
  await expect(popup.locator(`[data-replyline-item="${key}"]`)).toHaveCount(0);
});

test('a template added in options works at once in a tab that was already open', async ({ context, extensionId }) => {
  const page = await seededPage(context, extensionId, STATUS);
  await expect(page.locator('[data-replyline-item]').first()).toBeVisible();
  const options = await openOptions(context, extensionId);
  await options.getByRole('button', { name: 'New template' }).click();
  const form = options.getByRole('form', { name: 'New template' });
  await form.getByLabel('Name').fill('Late addition');
  await form.getByLabel('Shortcut').fill(';late');
  await form.getByLabel('Body').fill('Added while the tab was open');
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(options.getByRole('button', { name: 'Edit Late addition' })).toBeVisible();
  await page.bringToFront();
  await expect.poll(() => page.evaluate(() => document.visibilityState)).toBe('visible');
  await page.locator('[data-testid="tweetTextarea_0"][contenteditable="true"]').click();
  await page.keyboard.type(';late');
  await page.keyboard.press('Tab');
  await expect.poll(() => editorText(page)).toBe('Added while the tab was open');
});

test('a French customer gets the French variant of the template, and the use is counted for ranking', async ({ context, extensionId }) => {
  const seed = await seedFile();
  const templates = (seed.templates as SeedTemplate[]).map((t) =>
    t.shortcut === ';thanks'
      ? { ...t, locale: 'en', variants: [{ locale: 'fr', body: 'Merci {{customer.firstName}}, on regarde ça !' }] }
      : t,
  );
  await importThroughOptions(context, extensionId, { ...seed, templates });
  const page = await context.newPage();
  // X marks the tweet's language on its text; make the focal customer's tweet French before Replyline reads it.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      for (const el of document.querySelectorAll('.x-text--focal')) el.setAttribute('lang', 'fr');
    }),
  );
  await setup(page);
  await page.locator('[data-testid="tweetTextarea_0"][contenteditable="true"]').click();
  await page.keyboard.type(';thanks');
  await page.keyboard.press('Tab');
  await expect.poll(() => editorText(page)).toBe('Merci Maya, on regarde ça !');

  const options = await openOptions(context, extensionId);
  const [file] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export data' }).click()]);
  const exported = JSON.parse(await readFile((await file.path()) ?? '', 'utf8')) as {
    templates: { shortcut: string; usageCount?: number; lastUsedAt?: string }[];
  };
  expect(exported.templates.find((t) => t.shortcut === ';thanks')).toMatchObject({ usageCount: 1, lastUsedAt: expect.any(String) });
});
