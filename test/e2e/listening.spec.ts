import type { BrowserContext } from '@playwright/test';
import type { Responses } from '../../utils/protocol.ts';
import type { Platform } from '../../utils/schema-core.ts';
import { expect, importThroughOptions, openOptions, seedFile, test } from './extension';

interface SearchPage {
  platform: Platform;
  url: string;
  /** The result posts' roots on the local page. */
  post: string;
  posts: number;
  /** Authors of the customer posts that name "northwind trail". */
  matching: string[];
  /** A customer post without the keyword and the brand's own post, by their text. */
  unmatched: string[];
}

const X: SearchPage = {
  platform: 'x',
  url: 'https://x.com/search?q=northwind%20trail&src=typed_query',
  post: 'article[data-testid="tweet"]',
  posts: 4,
  matching: ['Juniper Okafor', 'Rohan Mehta'],
  unmatched: ['Kasimir Wolff', 'restock lands Friday'],
};
const LINKEDIN: SearchPage = {
  platform: 'linkedin',
  url: 'https://www.linkedin.com/search/results/content/?keywords=northwind%20trail',
  post: '.search-results-container .feed-shared-update-v2',
  posts: 4,
  matching: ['Amara Diallo', 'Tobias Lind'],
  unmatched: ['Kasimir Wolff', 'restock lands Friday'],
};
const FACEBOOK: SearchPage = {
  platform: 'facebook',
  url: 'https://www.facebook.com/search/posts/?q=northwind%20trail',
  post: '[role="feed"] [role="article"]',
  posts: 4,
  matching: ['Priya Raman', 'Mateo Silva'],
  unmatched: ['Kasimir Wolff', 'restock lands Friday'],
};
const KEYWORDS = ['northwind trail'];

/** The demo seed (brand accounts, templates) with listening set, imported as a user would. */
async function importWithListening(context: BrowserContext, extensionId: string, enabled: boolean) {
  const seed = await seedFile();
  const settings = { ...(seed.settings as object), listening: { enabled, keywords: KEYWORDS } };
  await importThroughOptions(context, extensionId, { ...seed, settings });
}

async function openSearch(context: BrowserContext, site: SearchPage) {
  const page = await context.newPage();
  await page.goto(site.url);
  await expect(page.locator(site.post)).toHaveCount(site.posts);
  return page;
}

// Evaluated in the popup page, an extension page: the same message the popup and options send.
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** A request from an extension page, as the popup sends it. */
async function extensionRequest<K extends 'data/export' | 'health/list'>(context: BrowserContext, extensionId: string, type: K) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const reply = await page.evaluate((t) => chrome.runtime.sendMessage({ type: t, payload: {} }), type);
  await page.close();
  return (reply as { data: Responses[K] }).data;
}

async function expectListenedMentions(context: BrowserContext, extensionId: string, site: SearchPage) {
  const page = await openSearch(context, site);
  const posts = page.locator(site.post);
  const badged = posts.filter({ has: page.locator('[data-replyline-item]') });
  await expect(badged).toHaveCount(site.matching.length);
  for (const name of site.matching) await expect(badged.filter({ hasText: name })).toHaveCount(1);
  // A post without the keyword and the brand's own post get none.
  for (const text of site.unmatched) await expect(posts.filter({ hasText: text }).locator('[data-replyline-item]')).toHaveCount(0);
  await expect(
    badged.locator('[data-replyline-sla="on-track"], [data-replyline-sla="due-soon"], [data-replyline-sla="breached"]'),
  ).toHaveCount(site.matching.length);
  await expect(badged.locator(`[data-replyline-item^="${site.platform}:"]`)).toHaveCount(site.matching.length);

  await expect
    .poll(async () =>
      ((await extensionRequest(context, extensionId, 'data/export')).items ?? [])
        .filter((i) => i.platform === site.platform && site.matching.includes(i.author.name))
        .map((i) => `${i.author.name}:${i.kind}:${i.status}`)
        .sort(),
    )
    .toEqual(site.matching.map((name) => `${name}:mention:pending`).sort());
}

/** With listening off the page gets no badge and the backlog nothing, though the engine read every post. */
async function expectNothingListened(context: BrowserContext, extensionId: string, site: SearchPage, skipped: number) {
  const page = await openSearch(context, site);
  // Proof the engine read the page: its health report counts the posts as skipped.
  await expect
    .poll(
      async () =>
        (await extensionRequest(context, extensionId, 'health/list')).platforms.find((p) => p.platform === site.platform)?.surfaces[
          'search results'
        ]?.counters.skipped,
      { timeout: 30_000 },
    )
    .toBe(skipped);
  await expect(page.locator('[data-replyline-item]')).toHaveCount(0);
  const items = (await extensionRequest(context, extensionId, 'data/export')).items ?? [];
  expect(items.filter((i) => i.platform === site.platform && site.matching.includes(i.author.name))).toEqual([]);
}

test('listening on: X search results naming a keyword get badges and enter the backlog as mentions', async ({ context, extensionId }) => {
  await importWithListening(context, extensionId, true);
  await expectListenedMentions(context, extensionId, X);
});

test('listening off: the same X search page gets no badge and adds nothing to the backlog', async ({ context, extensionId }) => {
  await importWithListening(context, extensionId, false);
  // The three customer posts are skipped; the brand's own post and an @-mention are items by the usual rules.
  await expectNothingListened(context, extensionId, X, 3);
});

test('turned on in the options page (a bad keyword is refused first): LinkedIn content search results become mentions', async ({
  context,
  extensionId,
}) => {
  await importThroughOptions(context, extensionId, await seedFile());
  const options = await openOptions(context, extensionId);
  const section = options.locator('section').filter({ has: options.getByRole('heading', { name: 'Brand listening' }) });
  const enable = section.getByLabel('Listen for brand keywords on search pages');
  await expect(enable).not.toBeChecked();
  await enable.check();
  const keywords = section.getByRole('textbox', { name: 'Keywords' });
  await keywords.fill('northwind trail\n/(a+)+/');
  await section.getByRole('button', { name: 'Save brand listening' }).click();
  await expect(section.getByRole('alert')).toContainText('/(a+)+/');
  await expect(keywords).toHaveAttribute('aria-invalid', 'true');
  await keywords.fill(KEYWORDS.join(', '));
  await section.getByRole('button', { name: 'Save brand listening' }).click();
  await expect(section.getByRole('status')).toHaveText('Brand listening is on.');
  await expect(section.getByRole('alert')).toHaveCount(0);
  await options.close();

  await expectListenedMentions(context, extensionId, LINKEDIN);
});

test('listening on: Facebook post search results naming a keyword get badges and enter the backlog as mentions', async ({
  context,
  extensionId,
}) => {
  await importWithListening(context, extensionId, true);
  await expectListenedMentions(context, extensionId, FACEBOOK);
});

test('listening off: LinkedIn and Facebook search pages get no badge and add nothing', async ({ context, extensionId }) => {
  await importWithListening(context, extensionId, false);
  // Every post is skipped: three customers' posts (not addressed) and the brand's own.
  await expectNothingListened(context, extensionId, LINKEDIN, 4);
  await expectNothingListened(context, extensionId, FACEBOOK, 4);
});
