// axe-core on the options page and the dashboard, with data, in both colour schemes: no serious or
// critical violation. Disclosures are opened first so their tables are checked too.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, importThroughOptions, seedFile, test } from './extension';
import { metricsSeedFile } from './metrics-seed';

async function seriousViolations(page: Page) {
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').at(-1)?.trim()}`),
    }));
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`options and dashboard pass axe (${colorScheme})`, async ({ context, extensionId }) => {
    await importThroughOptions(context, extensionId, await seedFile());
    await importThroughOptions(context, extensionId, metricsSeedFile(), 'metrics.json');
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });

    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(page.getByRole('button', { name: 'Export data' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Dashboard' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.locator('dt:text-is("Items") + dd')).toHaveText('7');
    await expect(page.locator('[role="img"] canvas')).toHaveCount(3);
    expect(await seriousViolations(page)).toEqual([]);
    // The scheme is the system's: the page background follows it.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background === 'rgb(255, 255, 255)').toBe(colorScheme === 'light');
  });
}
