// The reply guard on every site's composer (real editor packages): a draft against the brand's voice
// guide shows hints next to the composer, the site's send stays enabled, and Apply fixes the text
// inside the editor's own model.
import type { Page } from '@playwright/test';
import { expect, importThroughOptions, seedFile, test } from './extension';
import { STATUS } from './x-status';

type Lab = { __labEditors: { textOf(el: Element | null): string | null; canSend(el: Element | null): boolean | null } };
type XLab = { __xComposer: { text(): string } };

/** [what, url, editor, opener?]: the nine lab editors of platforms.spec.ts and X's Draft.js. A DM takes private data. */
const COMPOSERS: { what: string; url: string; editor: string; opener?: string; dm?: boolean }[] = [
  { what: 'X Draft.js', url: STATUS, editor: '[data-testid="tweetTextarea_0"][contenteditable="true"]' },
  {
    what: 'X chat textarea',
    url: 'https://x.com/i/chat/1588204711-2047730019',
    editor: 'textarea[data-testid="dm-composer-textarea"]',
    dm: true,
  },
  { what: 'Facebook Lexical', url: 'https://www.facebook.com/northwindco/posts/1187465203918274', editor: '[data-lexical-editor="true"]' },
  {
    what: 'Messenger Lexical',
    url: 'https://www.facebook.com/messages/t/100072231456789',
    editor: '[aria-label="Thread composer"] [data-lexical-editor="true"]',
    dm: true,
  },
  { what: 'Instagram textarea', url: 'https://www.instagram.com/p/DKq7Zt2xNwB', editor: 'textarea[aria-label="Add a comment…"]' },
  {
    what: 'Instagram reel textarea swapped on click',
    url: 'https://www.instagram.com/reel/DLm3Qx8vTzA/',
    editor: 'textarea[aria-label="Add a comment…"]',
    opener: 'form .ig-comment-ph',
  },
  {
    what: 'Instagram DM Lexical',
    url: 'https://www.instagram.com/direct/t/17843209871234567',
    editor: '[data-lexical-editor="true"][aria-label="Message"]',
    dm: true,
  },
  {
    what: 'LinkedIn TipTap',
    url: 'https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567',
    editor: '.tiptap.ProseMirror',
  },
  { what: 'LinkedIn Quill', url: 'https://www.linkedin.com/feed/update/urn:li:ugcPost:7487054099251253304', editor: '.ql-editor' },
  {
    what: 'LinkedIn messaging',
    url: 'https://www.linkedin.com/messaging/thread/2-NWQ5ZjM4YjAtYTE3Yy00ZTJkLWI4ZjMtNzE2YjA5YzRkMmE1XzEwMA==/',
    editor: '.msg-form__contenteditable',
    dm: true,
  },
];

const isX = (url: string) => url === STATUS;
const textIn = (page: Page, url: string, editor: string) =>
  isX(url)
    ? page.evaluate(() => (window as unknown as XLab).__xComposer.text())
    : page.evaluate((s) => (window as unknown as Lab).__labEditors.textOf(document.querySelector(s)), editor);
const sendable = (page: Page, url: string, editor: string) =>
  isX(url)
    ? page.locator('[data-testid="tweetButtonInline"]').isEnabled()
    : page.evaluate((s) => (window as unknown as Lab).__labEditors.canSend(document.querySelector(s)), editor);

const VOICE = {
  '*': {
    banned: [{ phrase: 'no worries', alternative: 'happy to help' }],
    privateData: { emails: true, phones: true },
    privateOffer: false,
  },
};

for (const c of COMPOSERS) {
  test(`${c.what}: voice hints next to the composer, send stays enabled, Apply fixes the editor's text`, async ({
    context,
    extensionId,
  }) => {
    const seed = await seedFile();
    await importThroughOptions(context, extensionId, { ...seed, settings: { ...(seed.settings as object), voice: VOICE } });
    const page = await context.newPage();
    await page.goto(c.url);
    await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
    await page
      .locator(c.opener ?? c.editor)
      .first()
      .click();
    await expect(page.locator(c.editor).first()).toBeFocused();
    await page.keyboard.type('No worries, mail help@northwind.example');
    await expect.poll(() => textIn(page, c.url, c.editor)).toBe('No worries, mail help@northwind.example');

    const guard = page.locator('[data-replyline-guard]');
    const chip = guard.getByRole('button', { name: /voice hints?$/ });
    await expect(chip).toBeVisible();
    await expect(guard.getByRole('status')).toContainText(c.dm ? '1 voice hint' : '2 voice hints');
    // Next to the composer: just above its top edge, or just below it when there is no room above.
    const [chipBox, editorBox] = await Promise.all([chip.boundingBox(), page.locator(c.editor).first().boundingBox()]);
    if (!chipBox || !editorBox) throw new Error('chip or composer not laid out');
    const above = Math.abs(chipBox.y + chipBox.height - editorBox.y);
    const below = Math.abs(chipBox.y - (editorBox.y + editorBox.height));
    expect(Math.min(above, below)).toBeLessThan(12);
    expect(await sendable(page, c.url, c.editor)).toBe(true);

    await chip.click();
    await expect(chip).toHaveAttribute('aria-expanded', 'true');
    await expect(guard.locator('li[data-rule="private-data"]')).toHaveCount(c.dm ? 0 : 1);
    await guard
      .locator('li[data-rule="banned"]')
      .getByRole('button', { name: /^Apply/ })
      .click();
    await expect.poll(() => textIn(page, c.url, c.editor)).toBe('happy to help, mail help@northwind.example');
    expect(await sendable(page, c.url, c.editor)).toBe(true);
    await expect(guard.locator('li[data-rule="banned"]')).toHaveCount(0);
  });
}
