import type { BrowserContext } from '@playwright/test';
import type { Responses } from '../../utils/protocol.ts';
import { expect, importThroughOptions, seedFile, test } from './extension';

const SEARCH_URL = 'https://x.com/search?q=northwind%20trail&src=typed_query';
const MATCHING = ['Juniper Okafor', 'Rohan Mehta'];

async function searchWithListening(context: BrowserContext, extensionId: string, enabled: boolean) {
  const seed = await seedFile();
  const settings = { ...(seed.settings as object), listening: { enabled, keywords: ['northwind trail'] } };
  await importThroughOptions(context, extensionId, { ...seed, settings });
  const page = await context.newPage();
  await page.goto(SEARCH_URL);
  await expect(page.locator('article[data-testid="tweet"]')).toHaveCount(4);
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

test('listening on: search results naming a keyword get badges and enter the backlog as mentions', async ({ context, extensionId }) => {
  const page = await searchWithListening(context, extensionId, true);
  const badged = page.locator('article[data-testid="tweet"]:has([data-replyline-item])');
  await expect(badged).toHaveCount(MATCHING.length);
  for (const name of MATCHING) await expect(badged.filter({ hasText: name })).toHaveCount(1);
  // The brand's own post and a post without the keyword get none.
  await expect(
    page.locator('article[data-testid="tweet"]').filter({ hasText: 'Kasimir Wolff' }).locator('[data-replyline-item]'),
  ).toHaveCount(0);
  await expect(
    page.locator('article[data-testid="tweet"]').filter({ hasText: 'restock lands Friday' }).locator('[data-replyline-item]'),
  ).toHaveCount(0);
  await expect(
    badged.locator('[data-replyline-sla="on-track"], [data-replyline-sla="due-soon"], [data-replyline-sla="breached"]'),
  ).toHaveCount(MATCHING.length);

  await expect
    .poll(async () =>
      ((await extensionRequest(context, extensionId, 'data/export')).items ?? [])
        .filter((i) => MATCHING.includes(i.author.name))
        .map((i) => `${i.author.name}:${i.kind}:${i.status}`)
        .sort(),
    )
    .toEqual(MATCHING.map((name) => `${name}:mention:pending`));
});

test('listening off: the same search page gets no badge and adds nothing to the backlog', async ({ context, extensionId }) => {
  const page = await searchWithListening(context, extensionId, false);
  // Proof the engine read the page: its health report counts the three customer posts as skipped.
  await expect
    .poll(
      async () =>
        (await extensionRequest(context, extensionId, 'health/list')).platforms.find((p) => p.platform === 'x')?.surfaces['search results']
          ?.counters.skipped,
      {
        timeout: 30_000,
      },
    )
    .toBe(3);
  await expect(page.locator('[data-replyline-item]')).toHaveCount(0);
  expect((await extensionRequest(context, extensionId, 'data/export')).items?.filter((i) => MATCHING.includes(i.author.name))).toEqual([]);
});
