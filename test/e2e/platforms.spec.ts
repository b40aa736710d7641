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

test('LinkedIn: items inside the #interop-outlet open shadow root are observed and badged', async ({ context, extensionId }) => {
  await importThroughOptions(context, extensionId, await seedFile());
  const page = await context.newPage();
  await page.goto('https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567');
  await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
  const urn = 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAB9q8w7e,2-MTcyOTk5OTk5OTk5OTk=)';
  // The messaging overlay renders later, inside the outlet's shadow root, as on linkedin.com.
  await page.evaluate((id) => {
    const el = (tag: string, className: string, text = '', ...children: Element[]) => {
      const node = document.createElement(tag);
      node.className = className;
      if (text) node.textContent = text;
      node.append(...children);
      return node;
    };
    const link = el('a', 'msg-thread__link-to-profile', '', el('h2', 'msg-entity-lockup__entity-title', 'Inês Duarte'));
    link.setAttribute('href', 'https://www.linkedin.com/in/ines-duarte/');
    const message = el(
      'div',
      'msg-s-event-listitem msg-s-event-listitem--other',
      '',
      el('p', 'msg-s-event-listitem__body', 'Is the repair service open on Saturdays?'),
    );
    message.setAttribute('data-event-urn', id);
    const thread = el(
      'div',
      'msg-thread',
      '',
      el('div', 'msg-title-bar', '', link),
      el(
        'ul',
        'msg-s-message-list-content',
        '',
        el(
          'li',
          'msg-s-message-list__event',
          '',
          el('time', 'msg-s-message-list__time-heading', 'Today'),
          el(
            'div',
            'msg-s-message-group',
            '',
            el('span', 'msg-s-message-group__name', 'Inês Duarte'),
            el('time', 'msg-s-message-group__timestamp', '9:05 AM'),
          ),
          message,
        ),
      ),
    );
    const shadow = document.querySelector('#interop-outlet')?.attachShadow({ mode: 'open' });
    setTimeout(() => shadow?.append(thread), 300);
  }, urn);
  await expect
    .poll(() =>
      page.evaluate(
        (id) =>
          document
            .querySelector('#interop-outlet')
            ?.shadowRoot?.querySelector(`[data-replyline-item="linkedin:${id}"]`)
            ?.getAttribute('data-replyline-sla'),
        urn,
      ),
    )
    .toMatch(/on-track|due-soon|breached/);
});
