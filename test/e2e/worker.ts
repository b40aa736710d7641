// Stopping the extension's service worker the way Chrome does when it idles. CDP's
// ServiceWorker.stopAllWorkers does not reach extension workers; chrome://serviceworker-internals does.
import { type BrowserContext, expect } from '@playwright/test';

export async function workerInternals(context: BrowserContext, extensionId: string) {
  const page = await context.newPage();
  await page.goto('chrome://serviceworker-internals/');
  const registration = page.locator('.serviceworker-registration').filter({ hasText: extensionId });
  const state = async () => {
    const text = ((await registration.textContent()) ?? '').replace(/\s+/g, ' ');
    return { running: text.includes('Running Status: RUNNING'), instance: /DevTools agent route ID: (\d+)/.exec(text)?.[1] };
  };
  return {
    page,
    registration,
    /** Stops it; a message retried at once may start a new instance before the page shows STOPPED. */
    async stop() {
      await page.reload();
      const before = await state();
      await registration.getByRole('button', { name: 'Stop' }).first().click();
      await expect
        .poll(async () => {
          const now = await state();
          return !now.running || now.instance !== before.instance;
        })
        .toBe(true);
    },
    /** Something woke it since (reloaded: the page may show the state as of its last load). */
    async expectRunning() {
      await expect
        .poll(async () => {
          await page.reload();
          return (await state()).running;
        })
        .toBe(true);
    },
  };
}
