// The same loop on every platform, on pages that run the sites' real editor packages:
// capture → badges → popup, then Tab expansion and the palette, checked in the editor's own model.
import type { Page } from '@playwright/test';
import { expect, importThroughOptions, seedFile, test } from './extension';

const CASES = [
  {
    platform: 'facebook',
    url: 'https://www.facebook.com/northwindco/posts/1187465203918274',
    editor: '[data-lexical-editor="true"]',
    kind: 'Lexical',
  },
  {
    platform: 'instagram',
    url: 'https://www.instagram.com/p/DKq7Zt2xNwB',
    editor: 'textarea[aria-label="Add a comment…"]',
    kind: 'React textarea',
  },
  {
    platform: 'instagram',
    url: 'https://www.instagram.com/direct/t/17843209871234567',
    editor: '[data-lexical-editor="true"][aria-label="Message"]',
    kind: 'Lexical DM',
  },
  {
    platform: 'linkedin',
    url: 'https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567',
    editor: '.tiptap.ProseMirror',
    kind: 'TipTap',
  },
  {
    platform: 'linkedin',
    url: 'https://www.linkedin.com/feed/update/urn:li:ugcPost:7487054099251253304',
    editor: '.ql-editor',
    kind: 'Quill (legacy)',
  },
] as const;

const modelText = (page: Page, selector: string) =>
  page.evaluate(
    (s) =>
      (window as unknown as { __labEditors: { textOf(el: Element | null): string | null } }).__labEditors.textOf(document.querySelector(s)),
    selector,
  );

for (const c of CASES) {
  test(`${c.kind} on ${c.platform}: items captured with badges and listed in the popup`, async ({ context, extensionId }) => {
    await importThroughOptions(context, extensionId, await seedFile());
    const page = await context.newPage();
    await page.goto(c.url);
    const hosts = page.locator('[data-replyline-item]');
    await expect(hosts.first()).toBeAttached();
    await expect
      .poll(() =>
        page
          .locator(
            '[data-replyline-sla="on-track"], [data-replyline-sla="due-soon"], [data-replyline-sla="breached"], [data-replyline-sla="answered"]',
          )
          .count(),
      )
      .toBe(await hosts.count());
    const keys = await hosts.evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-item') ?? ''));
    for (const key of keys) expect(key.startsWith(`${c.platform}:`)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    const pending = await page
      .locator('[data-replyline-item]:not([data-replyline-sla="answered"])')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-item')));
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const listed = await popup
      .locator('[role="option"][data-replyline-item]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-item')));
    expect(listed.sort()).toEqual([...pending].sort());
  });

  test(`${c.kind} on ${c.platform}: shortcut + Tab and the palette insert into the editor's model`, async ({ context, extensionId }) => {
    await importThroughOptions(context, extensionId, await seedFile());
    const page = await context.newPage();
    await page.goto(c.url);
    await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
    const editor = page.locator(c.editor).first();
    await editor.click();
    await page.keyboard.type(';thanks');
    await expect.poll(() => modelText(page, c.editor)).toBe(';thanks');
    await page.keyboard.press('Tab');
    await expect.poll(() => modelText(page, c.editor)).toMatch(/^Thanks so much, [^{}]+! That made our day\. – Riley at Northwind$/);

    await page.reload();
    await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
    await page.locator(c.editor).first().click();
    await page.keyboard.press('Control+Shift+Space');
    await expect(page.getByRole('combobox', { name: 'Search templates' })).toBeFocused();
    await page.keyboard.type(';hours');
    await page.keyboard.press('Enter');
    await expect.poll(() => modelText(page, c.editor)).toMatch(/^Hi [^{}]+! Our stores are open Mon–Sat .* – Riley, Northwind$/);
  });
}
