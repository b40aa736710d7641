import { firstNameOf, renderTemplate } from '../../utils/templates.ts';
import { expect, importThroughOptions, seedFile, test } from './extension';
import { editorText, type SeedTemplate, STATUS } from './x-status';

const LONG: SeedTemplate = {
  id: 'tpl-returns',
  name: 'Return steps in full',
  shortcut: ';returns',
  body:
    'Hi {{customer.firstName || "there"}}, here is how a return works: pack the bike in its original box, print the label ' +
    'from the email we sent you, and drop it at any courier point within 30 days. Once it reaches our warehouse we check it ' +
    'within two working days and refund you in full, shipping included. {{cursor}}– {{agent.name}}, {{brand.name}}',
};

test('the palette counts the reply against X limit and inserts an over-long one only when asked twice (Enter, Tab)', async ({
  context,
  extensionId,
}) => {
  const seed = await seedFile();
  const templates = [...(seed.templates as SeedTemplate[]), LONG];
  await importThroughOptions(context, extensionId, { ...seed, templates });
  const page = await context.newPage();
  await page.goto(STATUS);
  const focal = page.locator('article[data-testid="tweet"]', { has: page.locator('time:not(a time)') }).first();
  await expect(focal.locator('[data-replyline-item]')).toHaveAttribute('data-replyline-sla', /on-track|due-soon|breached/);
  const name = (await focal.locator('[data-testid="User-Name"] a').first().innerText()).trim();
  const rendered = (t: SeedTemplate) => {
    const r = renderTemplate(t.body, { 'customer.firstName': firstNameOf(name), 'agent.name': 'Riley', 'brand.name': 'Northwind' });
    if (!r.ok) throw new Error(r.problems.join());
    // Only characters X weighs 1 (ASCII and the en dash), no URLs: the weighted length is the string length,
    // worked out here without the code under test.
    expect(r.value.text).toMatch(/^[ -~–]+$/);
    expect(r.value.text).not.toMatch(/\w\.\w/);
    return r.value.text;
  };
  const thanks = templates.find((t) => t.shortcut === ';thanks');
  if (!thanks) throw new Error('the seed has no ;thanks template');
  const short = rendered(thanks).length;
  const long = rendered(LONG).length;
  expect(short).toBeLessThanOrEqual(280);
  expect(long).toBeGreaterThan(280);

  const editor = page.locator('[data-testid="tweetTextarea_0"][contenteditable="true"]');
  await editor.click();
  await page.keyboard.press('Control+Shift+Space');
  const search = page.getByRole('combobox', { name: 'Search templates' });
  await expect(search).toBeFocused();
  const counter = page.locator('[data-replyline-length]');

  await page.keyboard.type(';thanks');
  await expect(page.getByRole('option').first()).toContainText(thanks.name);
  await expect(counter).toHaveText(`${short} / 280`);
  await expect(counter).toHaveAttribute('data-replyline-length', String(short));
  await expect(counter).toHaveAttribute('aria-live', 'polite');
  await expect(counter).not.toHaveClass(/over/);

  await page.keyboard.press('Control+A');
  await page.keyboard.type(';returns');
  await expect(page.getByRole('option').first()).toContainText(LONG.name);
  await expect(counter).toHaveText(`${long} / 280 · ${long - 280} over the X limit`);
  await expect(counter).toHaveAttribute('data-replyline-length', String(long));
  await expect(counter).toHaveClass(/over/);

  // A first Enter only warns, in the palette; nothing reaches the editor.
  await page.keyboard.press('Enter');
  await expect(counter).toHaveText(`This reply is ${long} / 280 characters on X: press Enter again to insert it anyway`);
  await expect(search).toBeFocused();
  expect(await editorText(page)).toBe('');

  await page.keyboard.press('Enter');
  await expect(search).toHaveCount(0);
  await expect.poll(() => editorText(page)).toBe(rendered(LONG));

  // The same through shortcut + Tab: the first Tab warns, a second one inserts.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect.poll(() => editorText(page)).toBe('');
  await page.keyboard.type(LONG.shortcut);
  await page.keyboard.press('Tab');
  const warning = page.getByRole('alert').filter({ hasText: 'press Tab again' });
  await expect(warning).toHaveText(`This reply is ${long} / 280 characters on X: press Tab again to insert it anyway`);
  expect(await editorText(page)).toBe(LONG.shortcut);
  await page.keyboard.press('Tab');
  await expect.poll(() => editorText(page)).toBe(rendered(LONG));
  await expect(warning).toHaveCount(0);
});
