// The Firefox build's page-world paste bridge, exercised as built on real editors. Playwright's
// Firefox cannot be installed here, so Chromium's page world stands in: the script under test is
// the exact file Firefox loads (.output/firefox-mv3/content-scripts/paste-bridge.js).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './extension';

const BRIDGE = resolve(process.env.REPLYLINE_FIREFOX_DIR ?? '.output/firefox-mv3', 'content-scripts/paste-bridge.js');

const modelText = (page: Page, selector: string) =>
  page.evaluate(
    (s) =>
      (window as unknown as { __labEditors: { textOf(el: Element | null): string | null } }).__labEditors.textOf(document.querySelector(s)),
    selector,
  );

// What the isolated-world engine sends: a CustomEvent on window with the text as detail.
const ask = (page: Page, detail: unknown) =>
  page.evaluate((d) => window.dispatchEvent(new CustomEvent('replyline:paste', { detail: d })), detail);

for (const c of [
  {
    name: 'Lexical (Facebook comments)',
    url: 'https://www.facebook.com/northwindco/posts/1187465203918274',
    editor: '[data-lexical-editor="true"]',
  },
  {
    name: 'TipTap (LinkedIn)',
    url: 'https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567',
    editor: '.tiptap.ProseMirror',
  },
]) {
  test(`the page-world bridge pastes into ${c.name}, as a paste the editor's own model accepts`, async ({ context }) => {
    const page = await context.newPage();
    await page.goto(c.url);
    await page.addScriptTag({ content: await readFile(BRIDGE, 'utf8') });
    const editor = page.locator(c.editor).first();
    await editor.click();

    // Refused without effect: not text, and over the size cap.
    await ask(page, { html: '<img src=x onerror=alert(1)>' });
    await ask(page, 'x'.repeat(20_001));
    expect((await modelText(page, c.editor))?.trim()).toBe('');

    await ask(page, 'Thanks for your patience, Maya 🙏 — we are on it.');
    await expect.poll(() => modelText(page, c.editor)).toBe('Thanks for your patience, Maya 🙏 — we are on it.');
  });
}
