import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, importThroughOptions, openOptions, seedFile, test } from './extension';

async function download(page: Page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
  return JSON.parse(await readFile((await file.path()) ?? '', 'utf8')) as Record<string, unknown>;
}

const BODY =
  'Hi {{customer.firstName || "there"}}, your refund for order {{cursor:order number}} is on its way. {{cursor}}– {{agent.name}} at {{brand.name}}';
const FRENCH = 'Bonjour {{customer.firstName || "à vous"}} ! Votre remboursement {{cursor}} est en route. – {{agent.name}}';

test('templates: tags, scopes, a French variant, a live preview with caret stops and the length counter', async ({
  context,
  extensionId,
}) => {
  await importThroughOptions(context, extensionId, await seedFile());
  const options = await openOptions(context, extensionId);
  await options.getByRole('button', { name: 'New template' }).click();
  const form = options.getByRole('form', { name: 'New template' });
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await form.getByLabel('Name', { exact: true }).fill('Refund follow-up');
  await form.getByLabel('Shortcut', { exact: true }).fill(';thanks');
  await form.getByLabel('Locale', { exact: true }).fill('en');
  await form.getByLabel('Body', { exact: true }).fill(BODY);
  await form.getByLabel('Tags', { exact: true }).fill('refund, Billing, refund , ');
  await form.getByRole('checkbox', { name: 'X', exact: true }).check();
  await form.getByRole('checkbox', { name: 'Facebook', exact: true }).check();
  // Template scopes name handles: @northwindco on three platforms is one choice.
  await expect(form.getByRole('checkbox', { name: 'LinkedIn @northwind-co' })).toBeVisible();
  await form.getByRole('checkbox', { name: 'X, Facebook, Instagram @northwindco' }).check();

  // The default body for Maya on X: both caret stops marked, the placeholder kept, the counter under 280.
  const preview = form.locator('[data-replyline-template-preview]');
  const text = preview.locator('[data-replyline-preview-text]');
  await expect(text).toHaveText('Hi Maya, your refund for order ▮order number is on its way. ▮– Riley at Northwind');
  await expect(preview.locator('[data-replyline-cursor]')).toHaveCount(2);
  await expect(preview.locator('[data-replyline-length]')).toHaveText('79 / 280');

  // A French variant, previewed in French; a second "fr" is refused.
  await form.getByRole('button', { name: 'Add language' }).click();
  await expect(form.getByLabel('Variant 1 locale')).toBeFocused();
  await form.getByLabel('Variant 1 locale').fill('fr');
  await form.getByLabel('Variant 1 text').fill(FRENCH);
  await form.getByRole('button', { name: 'Add language' }).click();
  await form.getByLabel('Variant 2 locale').fill('FR');
  await expect(form.getByRole('alert')).toHaveText('FR is already used by variant 1: each language once.');
  await form.getByRole('button', { name: 'Remove variant 2' }).click();
  await expect(form.getByLabel('Variant 2 locale')).toHaveCount(0);
  await expect(form.getByRole('alert')).toHaveCount(0);
  await preview.getByLabel('Preview language').selectOption('fr');
  await expect(text).toHaveText('Bonjour Maya ! Votre remboursement ▮ est en route. – Riley');
  await expect(preview.locator('[data-replyline-cursor]')).toHaveCount(1);
  await preview.getByLabel('Sample customer').fill('Dr. Jean-Luc Picard');
  await expect(text).toContainText('Bonjour Jean-Luc !');
  await preview.getByLabel('Preview language').selectOption('');
  await expect(text).toContainText('Hi Jean-Luc, your refund');

  // A variant body is linted like the main one, and blocks saving.
  await form.getByLabel('Variant 1 text').fill(`${FRENCH} {{customer.nick}}`);
  await expect(form.getByText('Unknown variable {{customer.nick}}')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save template' })).toBeDisabled();
  await form.getByLabel('Variant 1 text').fill(FRENCH);

  // Too long for X, fine on Facebook; a platform outside the scope is said so.
  await form.getByLabel('Body', { exact: true }).fill(`${BODY} ${'Thanks for your patience. '.repeat(10)}`);
  await expect(preview.locator('[data-replyline-length]')).toHaveText(/^3\d\d \/ 280 — over the X limit$/);
  await preview.getByLabel('Preview platform').selectOption('facebook');
  await expect(preview.locator('[data-replyline-length]')).toHaveText(/^3\d\d \/ 8000$/);
  await preview.getByLabel('Preview platform').selectOption('instagram');
  await expect(preview).toContainText('Not offered on Instagram: this template is limited to X, Facebook.');
  await form.getByLabel('Body', { exact: true }).fill(BODY);

  // The background refuses a shortcut another template has.
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(form.getByRole('alert')).toHaveText('The shortcut ;thanks is already used by "Thanks for the kind words"');
  await form.getByLabel('Shortcut', { exact: true }).fill(';refund');
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(form).toHaveCount(0);
  await expect(options.getByRole('button', { name: 'New template' })).toBeFocused();

  const row = options.locator('[data-template]').filter({ hasText: 'Refund follow-up' });
  await expect(row.getByRole('list', { name: 'Tags of Refund follow-up' }).getByRole('listitem')).toHaveText(['refund', 'Billing']);
  await expect(row).toContainText('X, Facebook only — @northwindco only — en · fr');

  // Editing shows what was saved; Escape closes and hands focus back to the row.
  await row.getByRole('button', { name: 'Edit Refund follow-up' }).click();
  const edit = options.getByRole('form', { name: 'Edit Refund follow-up' });
  await expect(edit.getByLabel('Tags', { exact: true })).toHaveValue('refund, Billing');
  await expect(edit.getByLabel('Variant 1 locale')).toHaveValue('fr');
  await expect(edit.getByRole('checkbox', { name: 'X, Facebook, Instagram @northwindco' })).toBeChecked();
  await options.keyboard.press('Escape');
  await expect(edit).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Edit Refund follow-up' })).toBeFocused();

  const file = await download(options);
  const saved = (file.templates as Record<string, unknown>[]).find((t) => t.name === 'Refund follow-up');
  expect(saved).toEqual({
    id: expect.stringMatching(/^tpl-/),
    name: 'Refund follow-up',
    shortcut: ';refund',
    body: BODY,
    locale: 'en',
    variants: [{ locale: 'fr', body: FRENCH }],
    tags: ['refund', 'Billing'],
    platforms: ['x', 'facebook'],
    accounts: ['northwindco'],
  });
});

test('templates: usage in the list, sorted by name or by most used', async ({ context, extensionId }) => {
  const template = (id: string, name: string, extra: object = {}) => ({ id, name, shortcut: `;${id}`, body: `${name}.`, ...extra });
  await importThroughOptions(context, extensionId, {
    format: 'replyline-export',
    version: 1,
    templates: [
      template('a', 'Apology'),
      template('b', 'Busy day', { usageCount: 3 }),
      template('c', 'Courier delay', { usageCount: 12, lastUsedAt: '2025-07-03T10:00:00Z' }),
    ],
  });
  const options = await openOptions(context, extensionId);
  const names = options.locator('[data-template] .font-semibold');
  await expect(names).toHaveText(['Apology', 'Busy day', 'Courier delay']);
  await expect(options.locator('[data-template="c"]')).toContainText(/used 12×, last 3 Jul/);
  await expect(options.locator('[data-template="b"]')).toContainText('used 3×');
  await expect(options.locator('[data-template="a"]')).not.toContainText('used');
  await options.getByLabel('Sort templates by').selectOption('use');
  await expect(names).toHaveText(['Courier delay', 'Busy day', 'Apology']);
});

test('palette shortcut: live warnings, Record captures a key press, Escape cancels', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const field = options.getByLabel('Palette shortcut');
  const warnings = options.getByRole('status').filter({ has: options.getByRole('listitem') });
  await expect(field).toHaveValue('Ctrl+Shift+Space');
  await expect(warnings).toHaveCount(0);

  await field.fill('Alt+S');
  await expect(warnings).toContainText('types ś on a Polish keyboard');
  await field.fill('Ctrl+T');
  await expect(warnings).toContainText('Ctrl+T opens a new tab: the browser keeps it');
  await field.fill('Ctrl+Shift+Banana');
  await expect(warnings).toContainText('Not a shortcut Replyline understands: "Ctrl+Shift+Banana"');

  const record = options.getByRole('button', { name: 'Record keys for the palette' });
  await record.click();
  await expect(record).toHaveAttribute('aria-pressed', 'true');
  await options.keyboard.press('Escape');
  await expect(field).toHaveValue('Ctrl+Shift+Banana');
  await expect(options.getByRole('status').filter({ hasText: 'Recording cancelled.' })).toBeVisible();

  await record.click();
  await options.keyboard.press('Control+Shift+K');
  await expect(field).toHaveValue('Ctrl+Shift+K');
  await expect(record).toHaveAttribute('aria-pressed', 'false');
  await expect(options.getByRole('status').filter({ hasText: 'Recorded Ctrl+Shift+K.' })).toBeVisible();
  await expect(warnings).not.toContainText('Not a shortcut');

  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const file = await download(options);
  expect(file.settings).toMatchObject({ paletteShortcut: 'Ctrl+Shift+K' });
});
