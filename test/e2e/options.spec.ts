import { expect, openOptions, test } from './extension';

test('templates: create, list, edit, refuse a duplicate shortcut, delete', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  const create = async (name: string, shortcut: string, body: string) => {
    await options.getByRole('button', { name: 'New template' }).click();
    const form = options.getByRole('form', { name: 'New template' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Shortcut').fill(shortcut);
    await form.getByLabel('Body').fill(body);
    await form.getByRole('button', { name: 'Save template' }).click();
  };
  await create('Thanks', ';thx', 'Thanks {{customer.firstName || "there"}}!');
  await expect(options.getByRole('button', { name: 'Edit Thanks' })).toBeVisible();

  // An unknown variable is flagged before saving.
  await options.getByRole('button', { name: 'New template' }).click();
  const form = options.getByRole('form', { name: 'New template' });
  await form.getByLabel('Body').fill('Hi {{customer.nickname}}');
  await expect(form.getByText('Unknown variable {{customer.nickname}}')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save template' })).toBeDisabled();
  await form.getByRole('button', { name: 'Cancel' }).click();

  await create('Other', ';thx', 'Something else');
  await expect(options.getByRole('alert')).toContainText('The shortcut ;thx is already used by "Thanks"');
  await options.getByRole('form', { name: 'New template' }).getByRole('button', { name: 'Cancel' }).click();

  await options.getByRole('button', { name: 'Edit Thanks' }).click();
  const edit = options.getByRole('form', { name: 'Edit Thanks' });
  await edit.getByLabel('Name').fill('Thank you');
  await edit.getByRole('button', { name: 'Save template' }).click();
  await expect(options.getByRole('button', { name: 'Edit Thank you' })).toBeVisible();
  await options.reload();
  await expect(options.getByRole('button', { name: 'Edit Thank you' })).toBeVisible();

  await options.getByRole('button', { name: 'Delete Thank you' }).click();
  await expect(options.getByRole('button', { name: 'Edit Thank you' })).toHaveCount(0);
});

test('brand accounts: add with @ and any case, stored normalised, remove', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  await options.getByLabel('Platform').selectOption('x');
  await options.getByLabel('Handle').fill('@NorthwindCo');
  await options.getByLabel('Display name').fill('Northwind');
  await options.getByRole('button', { name: 'Add account' }).click();
  await expect(options.getByRole('button', { name: 'Remove X @northwindco' })).toBeVisible();
  await options.getByRole('button', { name: 'Remove X @northwindco' }).click();
  await expect(options.getByRole('button', { name: 'Remove X @northwindco' })).toHaveCount(0);
});
