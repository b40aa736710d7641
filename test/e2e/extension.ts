// The e2e fixture: a fresh profile with the extension per test. Any request that would leave the
// browser fails the test (Replyline makes no network calls at all).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type BrowserContext, test as base, expect, type Page, type Worker } from '@playwright/test';
import { SITE_ORIGINS } from '../pages/site-server.ts';
import { importThroughOptions, launchWithExtension } from './launch.ts';

export { importThroughOptions, openOptions } from './launch.ts';
export { expect };

// chrome:// is the browser's own UI (the SLA test stops the worker from chrome://serviceworker-internals).
const ALLOWED = [...SITE_ORIGINS, 'chrome-extension://', 'chrome://', 'data:', 'blob:', 'about:'];

export const test = base.extend<{ context: BrowserContext; worker: Worker; extensionId: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures name their dependencies by destructuring.
  context: async ({}, use) => {
    const { context } = await launchWithExtension();
    const leaks: string[] = [];
    context.on('request', (request) => {
      if (!ALLOWED.some((prefix) => request.url().startsWith(prefix))) leaks.push(request.url());
    });
    await use(context);
    await context.close();
    expect(leaks, 'requests that would have left the browser').toEqual([]);
  },
  worker: async ({ context }, use) => {
    await use(context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')));
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
});

export const seedFile = async () => JSON.parse(await readFile(resolve('test/pages/demo-seed.json'), 'utf8')) as Record<string, unknown>;

/** The demo seed imported through options, then a site page opened: where most tests start. */
export async function seededPage(context: BrowserContext, extensionId: string, url: string) {
  await importThroughOptions(context, extensionId, await seedFile());
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** A key press that makes the page close itself (the popup closes once it opened an item): the press may end with it. */
export async function pressClosing(page: Page, key: string) {
  await page.keyboard.press(key).catch((error: unknown) => {
    if (!page.isClosed()) throw error;
  });
}
