// Launches Debian's Chromium with the built extension in a fresh profile, the four sites served
// locally at their real URLs. Shared by the e2e tests and `npm run demo` (plain Node-runnable TS).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { routeSites } from '../pages/site-server.ts';

/** The built extension; another build can be tested with REPLYLINE_EXTENSION_DIR. */
export const EXTENSION_DIR = resolve(process.env.REPLYLINE_EXTENSION_DIR ?? '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, reproducible headless Chromium; shared with `npm run bench`. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchWithExtension(options: { headless?: boolean; now?: Date } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'replyline-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    headless: options.headless ?? true,
    executablePath: CHROMIUM,
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, ...CHROMIUM_ARGS],
    viewport: { width: 1280, height: 900 },
  });
  await routeSites(context, { now: options.now });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, worker, extensionId: new URL(worker.url()).host };
}

export async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

/** Imports a C4 file through the options page's "Import data" input, as a user would. */
export async function importThroughOptions(context: BrowserContext, extensionId: string, file: unknown, name = 'seed.json') {
  const page = await openOptions(context, extensionId);
  await page.getByLabel('Import data').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole('status').filter({ hasText: 'Imported' }).waitFor();
  await page.close();
}
