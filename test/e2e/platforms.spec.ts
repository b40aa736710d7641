// The same loop on every platform, on pages that run the sites' real editor packages:
// capture → badges → popup, then Tab expansion and the palette, checked in the editor's own model.
import type { Page } from '@playwright/test';
import { expect, importThroughOptions, seededPage, test } from './extension';

interface Case {
  platform: 'x' | 'facebook' | 'instagram' | 'linkedin';
  url: string;
  /** The editor, as the page shows it once the composer is open. */
  editor: string;
  kind: string;
  /** What the user clicks to open the composer, when it is not the editor itself (a placeholder swapped on click). */
  opener?: string;
  /** Exact number of badges the page must show, and how many of them are answered. */
  items?: number;
  answered?: number;
  /**
   * The first name the templates must render for this composer's reply target ("there" when it answers no one): the
   * model text is then compared exactly, and the caret must sit at the template's {{cursor}} (the engine places it only
   * after it verified the insertion against the editor and the composer's own submit).
   */
  customer?: string;
}

const THANKS = (name: string) => `Thanks so much, ${name}! That made our day. – Riley at Northwind`;
const THANKS_BEFORE_CURSOR = (name: string) => `Thanks so much, ${name}! That made our day. `;
const HOURS = (name: string) =>
  `Hi ${name}! Our stores are open Mon–Sat 9–19 and Sun 11–17, and our support team answers here every day 8–20 CET. – Riley, Northwind`;
const HOURS_BEFORE_CURSOR = (name: string) =>
  `Hi ${name}! Our stores are open Mon–Sat 9–19 and Sun 11–17, and our support team answers here every day 8–20 CET. `;

const CASES: Case[] = [
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
  {
    platform: 'x',
    url: 'https://x.com/i/chat/1588204711-2047730019',
    editor: 'textarea[data-testid="dm-composer-textarea"]',
    kind: 'XChat React textarea',
    items: 3,
    answered: 1,
    customer: 'Tomás',
  },
  {
    platform: 'facebook',
    url: 'https://www.facebook.com/messages/t/100072231456789',
    editor: '[aria-label="Thread composer"] [data-lexical-editor="true"]',
    kind: 'Messenger Lexical',
    items: 3,
    answered: 0,
    // A Messenger reply answers the thread's latest message from the customer.
    customer: 'Ingrid',
  },
  {
    platform: 'linkedin',
    url: 'https://www.linkedin.com/messaging/thread/2-NWQ5ZjM4YjAtYTE3Yy00ZTJkLWI4ZjMtNzE2YjA5YzRkMmE1XzEwMA==/',
    editor: '.msg-form__contenteditable',
    kind: 'LinkedIn messaging contenteditable',
    items: 3,
    answered: 0,
    customer: 'Dara',
  },
  {
    platform: 'instagram',
    url: 'https://www.instagram.com/reel/DLm3Qx8vTzA/',
    editor: 'textarea[aria-label="Add a comment…"]',
    opener: 'form .ig-comment-ph',
    kind: 'Reel textarea swapped on click',
    items: 4,
    answered: 1,
    // A post-level comment box answers no one.
    customer: 'there',
  },
];

const canSend = (page: Page, selector: string) =>
  page.evaluate(
    (s) =>
      (window as unknown as { __labEditors: { canSend(el: Element | null): boolean | null } }).__labEditors.canSend(
        document.querySelector(s),
      ),
    selector,
  );

/** Two placeholder stops: Tab moves from the first to the second inside the site's editor. */
const STOPS = { id: 'stops', name: 'Order update', shortcut: ';stops', body: 'Order {{cursor:number}} ships {{cursor:day}}.' };

const modelText = (page: Page, selector: string) =>
  page.evaluate(
    (s) =>
      (window as unknown as { __labEditors: { textOf(el: Element | null): string | null } }).__labEditors.textOf(document.querySelector(s)),
    selector,
  );

/** The selected text, in a text field or in the document. */
const selectedText = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)
      return el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0);
    return document.getSelection()?.toString() ?? '';
  });

/** The editor's text before the caret (no-break spaces read as spaces), or null when the caret is not in it. */
const textBeforeCaret = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return null;
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
      return document.activeElement === el ? el.value.slice(0, el.selectionStart ?? 0) : null;
    }
    const selection = document.getSelection();
    if (!selection?.focusNode || !el.contains(selection.focusNode)) return null;
    const range = document.createRange();
    range.selectNodeContents(el);
    range.setEnd(selection.focusNode, selection.focusOffset);
    return range.toString().replace(/\u00a0/g, ' ');
  }, selector);

/** Opens the composer the way a user does: a click on the editor, or on the placeholder the site swaps for it. */
async function openComposer(page: Page, c: Case) {
  await page
    .locator(c.opener ?? c.editor)
    .first()
    .click();
  await expect(page.locator(c.editor).first()).toBeFocused();
}

for (const c of CASES) {
  test(`${c.kind} on ${c.platform}: items captured with badges and listed in the popup`, async ({ context, extensionId }) => {
    const page = await seededPage(context, extensionId, c.url);
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
    if (c.items !== undefined) await expect(hosts).toHaveCount(c.items);
    if (c.answered !== undefined) await expect(page.locator('[data-replyline-sla="answered"]')).toHaveCount(c.answered);
    const keys = await hosts.evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-item') ?? ''));
    for (const key of keys) expect(key.startsWith(`${c.platform}:`)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    const keysOf = (list: import('@playwright/test').Locator) =>
      list.evaluateAll((els) =>
        els
          .map((e) => e.getAttribute('data-replyline-item') ?? '')
          .sort()
          .join(' '),
      );
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    // Brand replies may land in a later slice of the page scan than the items they answer: compare
    // once both sides have settled on the same set.
    await expect
      .poll(async () => {
        const [onPage, listed] = await Promise.all([
          keysOf(page.locator('[data-replyline-item]:not([data-replyline-sla="answered"])')),
          keysOf(popup.locator('[role="option"][data-replyline-item]')),
        ]);
        return onPage && onPage === listed ? 'same' : `page: ${onPage} / popup: ${listed}`;
      })
      .toBe('same');
  });

  test(`${c.kind} on ${c.platform}: shortcut + Tab, the palette and tab-stops work in the editor's model and enable its send button`, async ({
    context,
    extensionId,
  }) => {
    await importThroughOptions(context, extensionId, { format: 'replyline-export', version: 1, templates: [STOPS] }, 'stops.json');
    const page = await seededPage(context, extensionId, c.url);
    await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
    if (c.items !== undefined) await expect(page.locator('[data-replyline-item]')).toHaveCount(c.items);
    await openComposer(page, c);
    await page.keyboard.type(';thanks');
    await expect.poll(() => modelText(page, c.editor)).toBe(';thanks');
    await page.keyboard.press('Tab');
    if (c.customer === undefined) {
      await expect.poll(() => modelText(page, c.editor)).toMatch(/^Thanks so much, [^{}]+! That made our day\. – Riley at Northwind$/);
    } else {
      await expect.poll(() => modelText(page, c.editor)).toBe(THANKS(c.customer));
      await expect.poll(() => textBeforeCaret(page, c.editor)).toBe(THANKS_BEFORE_CURSOR(c.customer));
    }

    await page.reload();
    await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
    if (c.items !== undefined) await expect(page.locator('[data-replyline-item]')).toHaveCount(c.items);
    await openComposer(page, c);
    await page.keyboard.press('Control+Shift+Space');
    await expect(page.getByRole('combobox', { name: 'Search templates' })).toBeFocused();
    await page.keyboard.type(';hours');
    await page.keyboard.press('Enter');
    if (c.customer === undefined) {
      await expect.poll(() => modelText(page, c.editor)).toMatch(/^Hi [^{}]+! Our stores are open Mon–Sat .* – Riley, Northwind$/);
    } else {
      await expect.poll(() => modelText(page, c.editor)).toBe(HOURS(c.customer));
      await expect.poll(() => textBeforeCaret(page, c.editor)).toBe(HOURS_BEFORE_CURSOR(c.customer));
    }

    await page.reload();
    await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
    await openComposer(page, c);
    await page.keyboard.type(';stops');
    await page.keyboard.press('Tab');
    await expect.poll(() => modelText(page, c.editor)).toBe('Order number ships day.');
    // The first placeholder is selected once the insertion is verified: typing replaces it; Tab selects the next one.
    await expect.poll(() => selectedText(page)).toBe('number');
    await page.keyboard.type('NW-48213');
    await expect.poll(() => modelText(page, c.editor)).toBe('Order NW-48213 ships day.');
    await page.keyboard.press('Tab');
    await expect.poll(() => selectedText(page)).toBe('day');
    await page.keyboard.type('Monday');
    await expect.poll(() => modelText(page, c.editor)).toBe('Order NW-48213 ships Monday.');
    expect(await canSend(page, c.editor)).toBe(true);
  });
}

test('LinkedIn: items inside the #interop-outlet open shadow root are observed and badged', async ({ context, extensionId }) => {
  const page = await seededPage(context, extensionId, 'https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567');
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

test('Instagram reel: the comment placeholder is replaced by a new, focused React textarea (click and keyboard)', async ({
  context,
  extensionId,
}) => {
  const page = await seededPage(context, extensionId, 'https://www.instagram.com/reel/DLm3Qx8vTzA/');
  await expect(page.locator('[data-replyline-item]')).toHaveCount(4);
  const field = 'textarea[aria-label="Add a comment…"]';
  // Nothing to type into until the app swaps the placeholder out.
  await expect(page.locator(field)).toHaveCount(0);
  const placeholder = await page.locator('form .ig-comment-ph').elementHandle();
  // Keyboard: focus reaches the placeholder with Tab (no composer yet, so the engine lets Tab through), React swaps it.
  await page.getByRole('button', { name: 'Emoji' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.locator(field)).toBeFocused();
  expect(await placeholder?.evaluate((el) => el.isConnected)).toBe(false);
  await expect(page.locator('form .ig-comment-ph')).toHaveCount(0);
  await page.keyboard.type(';thanks');
  await expect.poll(() => modelText(page, field)).toBe(';thanks');
  await page.keyboard.press('Tab');
  await expect.poll(() => modelText(page, field)).toBe(THANKS('there'));
  await expect.poll(() => textBeforeCaret(page, field)).toBe(THANKS_BEFORE_CURSOR('there'));
  // The DOM shows what React holds, and the form's own Post enabled from it.
  await expect(page.locator(field)).toHaveValue(THANKS('there'));
  await expect(page.locator('form .ig-post-btn')).toHaveAttribute('aria-disabled', 'false');
});

test('LinkedIn messaging: the shared post comment box verifies against its own Post, never the message form Send', async ({
  context,
  extensionId,
}) => {
  const page = await seededPage(
    context,
    extensionId,
    'https://www.linkedin.com/messaging/thread/2-NWQ5ZjM4YjAtYTE3Yy00ZTJkLWI4ZjMtNzE2YjA5YzRkMmE1XzEwMA==/',
  );
  await expect(page.locator('[data-replyline-item]')).toHaveCount(3);
  const comment = '.msg-thread .ql-editor';
  const post = page.locator('.msg-thread .comments-comment-box__submit-button');
  const send = page.locator('.msg-form__send-button');
  await page.locator(comment).click();
  await page.keyboard.type(';thanks');
  await expect.poll(() => modelText(page, comment)).toBe(';thanks');
  await page.keyboard.press('Tab');
  // A post-level comment box answers no one: the fallback renders.
  await expect.poll(() => modelText(page, comment)).toBe(THANKS('there'));
  // The caret lands on {{cursor}} only after the engine saw the composer's submit enabled: had it taken the message
  // form's Send (type=submit, still disabled), the insertion would stay unverified and the caret at the end.
  await expect.poll(() => textBeforeCaret(page, comment)).toBe(THANKS_BEFORE_CURSOR('there'));
  await expect(post).toBeEnabled();
  await expect(send).toBeDisabled();
  expect(await modelText(page, '.msg-form__contenteditable')).toBe('');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // And the message box, on the same page, inserts for the thread's customer and enables its own Send.
  await page.locator('.msg-form__contenteditable').click();
  await page.keyboard.type(';thanks');
  await page.keyboard.press('Tab');
  await expect.poll(() => modelText(page, '.msg-form__contenteditable')).toBe(THANKS('Dara'));
  await expect.poll(() => textBeforeCaret(page, '.msg-form__contenteditable')).toBe(THANKS_BEFORE_CURSOR('Dara'));
  await expect(send).toBeEnabled();
  expect(await modelText(page, comment)).toBe(THANKS('there'));
});
