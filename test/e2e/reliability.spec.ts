// Reliability in the real browser: the service worker stopped mid-flow, the extension reloaded under an
// open tab, a hostile page script, and not one request leaving the browser.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Request } from '@playwright/test';
import { SITE_ORIGINS } from '../pages/site-server.ts';
import { expect, openOptions, seededPage, seedFile, test } from './extension';
import { EXTENSION_DIR } from './launch';
import { workerInternals } from './worker';

// Requests made by the service worker itself are reported only with this (Chromium).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

const MENTIONS = 'https://x.com/notifications/mentions';

interface ExportFile {
  items: { platform: string; externalId: string }[];
  history: { platform: string; externalId: string; type: string }[];
}

/** The whole database, through the protocol, from an extension page. */
async function exportData(page: Page): Promise<ExportFile> {
  return page.evaluate(async () => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: unknown }> } } })
      .chrome.runtime;
    const reply = await runtime.sendMessage({ type: 'data/export', payload: {} });
    if (!reply.ok) throw new Error(JSON.stringify(reply));
    return reply.data as ExportFile;
  });
}

/** Adds `count` new customer replies to the X page, as infinite scroll does: copies of a reply with new ids. */
function streamReplies(page: Page, first: number, count: number): Promise<string[]> {
  return page.evaluate(
    ({ first, count }) => {
      const template = [...document.querySelectorAll('article[data-testid="tweet"]')].find((a) =>
        a.querySelector('a[href^="/sam_okafor/status/"]'),
      );
      const cell = template?.closest('[data-testid="cellInnerDiv"]') ?? template;
      if (!template || !cell) throw new Error('no reply to copy');
      const id = template.querySelector('a[href^="/sam_okafor/status/"]')?.getAttribute('href')?.split('/')[3] ?? '';
      const ids: string[] = [];
      for (let i = first; i < first + count; i++) {
        const next = (BigInt(id) + 1000n + BigInt(i)).toString();
        const copy = cell.cloneNode(true) as Element;
        for (const host of copy.querySelectorAll('[data-replyline-item]')) host.remove();
        for (const a of copy.querySelectorAll('a[href*="/status/"]'))
          a.setAttribute('href', (a.getAttribute('href') ?? '').replace(id, next));
        cell.parentElement?.append(copy);
        ids.push(next);
      }
      return ids;
    },
    { first, count },
  );
}

const keysOf = (page: Page) =>
  page.locator('[data-replyline-item]:not([data-forged])').evaluateAll((els) => els.map((e) => e.getAttribute('data-replyline-item')));

function captureLog(page: Page) {
  const lines: string[] = [];
  page.on('console', (message) => lines.push(message.text()));
  return lines;
}

test('worker stopped between capture batches, and while one is in flight: every item stored once, no error floods', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const page = await seededPage(context, extensionId, MENTIONS);
  const logs = captureLog(page);
  await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
  const options = await openOptions(context, extensionId);
  const internals = await workerInternals(context, extensionId);
  const streamed: string[] = [];
  for (let batch = 0; batch < 3; batch++) {
    await internals.stop();
    const ids = await streamReplies(page, batch * 5, 5);
    streamed.push(...ids);
    // Only the content script talks to the background now: its capture wakes the worker.
    await expect(page.locator(`[data-replyline-item="x:${ids.at(-1)}"]`)).toBeAttached();
    await internals.expectRunning();
    await expect.poll(async () => (await exportData(options)).items.filter((i) => ids.includes(i.externalId)).length).toBe(5);
  }
  // Stopped right after a batch is added: the capture may be in flight when the worker goes.
  const inFlight = await streamReplies(page, 100, 5);
  streamed.push(...inFlight);
  await internals.stop();
  await expect.poll(async () => (await exportData(options)).items.filter((i) => inFlight.includes(i.externalId)).length).toBe(5);

  const file = await exportData(options);
  const onPage = await keysOf(page);
  expect(new Set(onPage).size).toBe(onPage.length);
  for (const id of streamed) {
    expect(file.items.filter((i) => i.externalId === id)).toHaveLength(1);
    expect(file.history.filter((h) => h.externalId === id && h.type === 'captured')).toHaveLength(1);
  }
  expect(logs.filter((line) => /Receiving end does not exist|capture failed/i.test(line))).toEqual([]);
});

test('worker stopped in the middle of an import: the options page retries, and every item is stored once', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const N = 30_000;
  const start = Date.parse('2026-05-01T08:00:00.000Z');
  const items = Array.from({ length: N }, (_, i) => ({
    platform: 'x',
    externalId: String(1_900_000_000_000_000_000n + BigInt(i)),
    kind: 'comment',
    author: { name: `Customer ${i % 500}`, handle: `customer_${i % 500}` },
    text: `Order ${i} has not arrived`,
    postedAt: new Date(start + i * 60_000).toISOString(),
    capturedAt: new Date(start + i * 60_000 + 5_000).toISOString(),
    status: 'pending',
  }));
  const options = await openOptions(context, extensionId);
  const internals = await workerInternals(context, extensionId);
  await options.bringToFront();
  await options.getByLabel('Import data').setInputFiles({
    name: 'backlog.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'replyline-export', version: 1, items })),
  });
  // The file is read, parsed and sent; the worker is stopped while it validates or writes.
  await options.waitForTimeout(1000);
  await internals.stop();
  const stoppedMidImport = !(await options.getByTestId('data-status').isVisible());
  test
    .info()
    .annotations.push({ type: 'worker stopped', description: stoppedMidImport ? 'before the import answered' : 'after the import' });
  await expect(options.getByTestId('data-status')).toContainText(`${N} items`, { timeout: 150_000 });
  const file = await exportData(options);
  expect(file.items).toHaveLength(N);
  expect(new Set(file.items.map((i) => i.externalId)).size).toBe(N);
});

/** As the Reload button of chrome://extensions does (an unpacked extension reloads only in developer mode). */
async function reloadExtension(context: BrowserContext, extensionId: string) {
  const extensions = await context.newPage();
  await extensions.goto('chrome://extensions/');
  await extensions.evaluate(async (id) => {
    const developer = (
      globalThis as unknown as {
        chrome: {
          developerPrivate: { updateProfileConfiguration(c: object): Promise<void>; reload(id: string, o: object): Promise<void> };
        };
      }
    ).chrome.developerPrivate;
    await developer.updateProfileConfiguration({ inDeveloperMode: true });
    await developer.reload(id, { failQuietly: true });
  }, extensionId);
  await extensions.close();
}

test('extension reloaded with a tab open: the orphaned script removes its badges and stops; after a reload, one badge per item', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(90_000);
  const page = await seededPage(context, extensionId, MENTIONS);
  await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
  const before = (await keysOf(page)).sort();
  expect(before.length).toBeGreaterThan(2);

  await reloadExtension(context, extensionId);
  // Chrome does not inject the new content script into open tabs: the old one, orphaned, must clean up.
  await expect(page.locator('[data-replyline-item]')).toHaveCount(0, { timeout: 20_000 });
  await streamReplies(page, 0, 2);
  // The orphan no longer observes the page: new items get no badge until the new script runs.
  await page.waitForTimeout(2000);
  await expect(page.locator('[data-replyline-item]')).toHaveCount(0);

  await page.reload();
  await expect.poll(async () => (await keysOf(page)).sort()).toEqual(before);
  const keys = await keysOf(page);
  expect(new Set(keys).size).toBe(keys.length);
  const again = await openOptions(context, extensionId);
  const file = await exportData(again);
  for (const key of before) {
    const id = (key ?? '').slice(2);
    expect(file.history.filter((h) => h.externalId === id && h.type === 'captured')).toHaveLength(1);
  }
});

test('a hostile page: forged markers, messages posted at the content script and forged WXT events change nothing', async ({
  context,
  extensionId,
}) => {
  const page = await seededPage(context, extensionId, MENTIONS);
  await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
  const options = await openOptions(context, extensionId);
  await expect.poll(async () => (await exportData(options)).items.length).toBeGreaterThan(2);
  const before = await exportData(options);
  const keys = (await keysOf(page)).sort();
  const articles = await page.locator('article[data-testid="tweet"]').count();

  const pageWorld = await page.evaluate(
    ({ extensionId }) => {
      // Forged hosts and markers inside real items and outside them.
      for (const article of document.querySelectorAll('article[data-testid="tweet"]')) {
        const forged = document.createElement('span');
        forged.setAttribute('data-replyline-item', 'x:1');
        forged.setAttribute('data-replyline-sla', 'answered');
        forged.setAttribute('data-forged', '');
        article.append(forged);
      }
      // Messages aimed at the content script and the background.
      const capture = {
        type: 'items/capture',
        payload: {
          items: [
            {
              platform: 'x',
              externalId: '1',
              kind: 'comment',
              author: { name: 'Forged' },
              postedAt: new Date().toISOString(),
              byBrand: false,
            },
          ],
        },
      };
      window.postMessage(capture, '*');
      window.postMessage({ type: 'tab/items-changed', items: [] }, '*');
      window.postMessage({ type: 'data/erase', payload: { scope: 'everything', confirm: 'erase' } }, '*');
      // WXT's "a newer copy of this script started" signal, forged: must not switch Replyline off.
      for (const target of [document, window]) {
        target.dispatchEvent(
          new CustomEvent(`${extensionId}:x:wxt:content-script-started`, { detail: { contentScriptName: 'x', messageId: 'forged' } }),
        );
      }
      window.postMessage({ type: `${extensionId}:x:wxt:content-script-started`, contentScriptName: 'x', messageId: 'forged' }, '*');
      // DOM clobbering of names the content script reads.
      const form = document.createElement('form');
      form.id = 'location';
      form.innerHTML = '<input name="href" value="javascript:alert(1)">';
      document.body.append(form);
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      return { canMessageExtension: typeof runtime?.sendMessage === 'function' };
    },
    { extensionId },
  );
  // The page's world has no way to message the extension (no externally_connectable).
  expect(pageWorld.canMessageExtension).toBe(false);

  // Replyline keeps working on the page: a new reply still gets its badge, and the old ones stay.
  const [fresh] = await streamReplies(page, 0, 1);
  await expect(page.locator(`[data-replyline-item="x:${fresh}"]`)).toBeAttached();
  expect((await keysOf(page)).filter((k) => k !== `x:${fresh}`).sort()).toEqual(keys);
  // The forged markers are the page's own, untouched; nothing forged reached the backlog.
  await expect(page.locator('[data-forged][data-replyline-sla="answered"]')).toHaveCount(articles);
  await expect.poll(async () => (await exportData(options)).items.length).toBe(before.items.length + 1);
  expect((await exportData(options)).items.some((i) => i.externalId === '1')).toBe(false);
});

/** http(s) requests that Replyline itself made (its worker or its pages), or that went anywhere but the served sites. */
function watchNetwork(context: BrowserContext) {
  const offending: string[] = [];
  const describe = (request: Request) => {
    if (!/^https?:/.test(request.url())) return null;
    if (request.serviceWorker()) return `service worker → ${request.url()}`;
    const frame = (() => {
      try {
        return request.frame().url();
      } catch {
        return '';
      }
    })();
    if (frame.startsWith('chrome-extension://')) return `${frame} → ${request.url()}`;
    if (!SITE_ORIGINS.some((origin) => request.url().startsWith(`${origin}/`))) return `${frame} → ${request.url()}`;
    return null;
  };
  context.on('request', (request) => {
    const problem = describe(request);
    if (problem) offending.push(problem);
  });
  return offending;
}

test('no request leaves the browser, and Replyline itself makes none, through a whole working session', async ({
  context,
  worker,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const offending = watchNetwork(context);
  const page = await seededPage(context, extensionId, MENTIONS);
  await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
  for (const url of [
    'https://www.facebook.com/northwindco/posts/1187465203918274',
    'https://www.instagram.com/p/DKq7Zt2xNwB',
    'https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567',
  ]) {
    await page.goto(url);
    await expect(page.locator('[data-replyline-item]').first()).toBeAttached();
  }
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator('[role="option"]').first()).toBeVisible();
  const options = await openOptions(context, extensionId);
  await exportData(options);
  await options
    .getByLabel('Import data')
    .setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(await seedFile())) });
  await expect(options.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();

  expect(offending).toEqual([]);
  // What the worker and the pages fetched, as they saw it themselves: their own files only.
  const notOwnFiles = () =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((url) => !url.startsWith('chrome-extension://'));
  expect(await worker.evaluate(notOwnFiles)).toEqual([]);
  expect(await popup.evaluate(notOwnFiles)).toEqual([]);
  expect(await options.evaluate(notOwnFiles)).toEqual([]);
});

test('the built extension: exactly its permissions, a strict page CSP, and no remote code', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(manifest.permissions.sort()).toEqual(['alarms', 'notifications']);
  expect(manifest.host_permissions).toBeUndefined();
  expect(manifest.externally_connectable).toBeUndefined();
  expect(manifest.content_security_policy.extension_pages).toBe("script-src 'self'; object-src 'self'");
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
  const remote: string[] = [];
  for (const file of files(EXTENSION_DIR).filter((f) => /\.(html|js)$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    if (
      /<script[^>]+src=["']?(?:https?:)?\/\/|import\(\s*["'`](?:https?:)?\/\/|importScripts\(\s*["'`]https?:|<link[^>]+href=["']?https?:\/\/[^"'>]+["']?[^>]*rel=["']?(?:stylesheet|modulepreload)/i.test(
        text,
      )
    ) {
      remote.push(file);
    }
  }
  expect(remote).toEqual([]);
});
