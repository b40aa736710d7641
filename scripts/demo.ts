// `npm run demo`: Chromium with the built extension on local copies of the four sites (served at
// their real URLs), seeded with a brand, an agent and templates. Headed when a display exists;
// headless otherwise, saving a screenshot of each page, the palette, the reply guard, the customer
// panel, the popup, options and the dashboard.
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { importThroughOptions, launchWithExtension } from '../test/e2e/launch.ts';
import { SITE_PAGES } from '../test/pages/site-server.ts';

const headed = !!process.env.DISPLAY && !process.env.CI && !process.argv.includes('--headless');
const outDir = resolve('demo-output');
await mkdir(outDir, { recursive: true });

const { context, extensionId } = await launchWithExtension({ headless: !headed });
const seed = JSON.parse(await readFile(resolve('test/pages/demo-seed.json'), 'utf8'));
await importThroughOptions(context, extensionId, seed);
console.log(`Replyline ${extensionId} loaded; demo brand @northwindco, agent Riley, ${seed.templates.length} templates.`);

const shots: string[] = [];
const shoot = async (page: import('@playwright/test').Page, name: string) => {
  const file = resolve(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  shots.push(file);
};

for (const site of SITE_PAGES) {
  const page = await context.newPage();
  await page.goto(site.url);
  // Give the engine a moment to capture and the background to answer.
  await page.waitForTimeout(1500);
  const badges = await page.locator('[data-replyline-item]').count();
  console.log(`${badges.toString().padStart(3)} badges  ${site.url}  (${site.title})`);
  const name = site.file.replace(/\.html$/, '').replace(/\//g, '-');
  // Bring the first badge into view: on post pages the comments sit below the post.
  if (badges)
    await page
      .locator('[data-replyline-item]')
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
  if (!headed) await shoot(page, name);
  if (site.url.includes('/status/') && (await page.locator('[data-testid="tweetTextarea_0"]').count())) {
    await page.locator('[data-testid="tweetTextarea_0"]').click();
    await page.keyboard.press('Control+Shift+Space');
    await page.keyboard.type('thanks');
    await page.waitForTimeout(300);
    if (!headed) await shoot(page, `${name}-palette`);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    if (!headed) await shoot(page, `${name}-inserted`);
    // The reply guard: a public reply must not carry an e-mail address.
    await page.keyboard.type(' Or write to me at riley@northwind.example');
    await page.waitForTimeout(800);
    if (!headed) await shoot(page, `${name}-guard`);
  }
  if (site.url.endsWith('/notifications/mentions') && badges) {
    await page.locator('[data-replyline-item]').first().click();
    await page.frameLocator('replyline-customer-panel iframe').locator('#person-name').waitFor();
    await page.waitForTimeout(500);
    if (!headed) await shoot(page, `${name}-panel`);
    await page.keyboard.press('Escape');
  }
  if (!headed) await page.close();
}

const popup = await context.newPage();
await popup.setViewportSize({ width: 440, height: 600 });
await popup.goto(`chrome-extension://${extensionId}/popup.html`);
await popup.locator('[role="option"]').first().waitFor();
if (!headed) await shoot(popup, 'popup');

const options = await context.newPage();
await options.goto(`chrome-extension://${extensionId}/options.html`);
await options.getByText('Templates').first().waitFor();
if (!headed) await shoot(options, 'options');

const dashboard = await context.newPage();
await dashboard.setViewportSize({ width: 1280, height: 1400 });
await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
await dashboard.getByRole('heading', { name: 'Replyline dashboard' }).waitFor();
// The demo's items are all recent: a week shows them better than a month.
await dashboard.getByLabel('Last 7 days').check();
await dashboard.waitForTimeout(1500);
if (!headed) await shoot(dashboard, 'dashboard');

if (headed) {
  console.log('\nThe browser stays open: try the popup page, Tab after ";thanks" in the X reply box, Ctrl+Shift+Space. Close it to end.');
  await new Promise((done) => context.on('close', done));
} else {
  await context.close();
  console.log(`\nNo display: headless run. Screenshots (${shots.length}) are in ${outDir}/`);
  for (const shot of shots) console.log(`  ${shot}`);
}
