import { expect, test } from '@playwright/test';
import { seededPage } from './extension';
import { launchWithExtension } from './launch.ts';

// Evaluated in the extension's service worker, where `chrome` exists.
declare const chrome: { action: { getBadgeText(details: object): Promise<string> } };

test('badges change state live, without a reload, and the toolbar badge counts them', async () => {
  // Serve the mentions page as if it were 10 minutes earlier, less 6 s: the 35-minute-old tweet is
  // then 6 s short of due-soon (45 min) and the 50-minute-old one 6 s short of breached (60 min).
  const { context, worker, extensionId } = await launchWithExtension({ now: new Date(Date.now() - 10 * 60_000 + 6_000) });
  try {
    const page = await seededPage(context, extensionId, 'https://x.com/notifications/mentions');
    const states = () =>
      page
        .locator('[data-replyline-item]')
        .evaluateAll((hosts) =>
          Object.fromEntries(hosts.map((h) => [h.getAttribute('data-replyline-item'), h.getAttribute('data-replyline-sla')])),
        );
    await expect.poll(async () => Object.values(await states()).includes('due-soon')).toBe(true);
    const before = await states();
    const badgeText = () => worker.evaluate(() => chrome.action.getBadgeText({}));
    const urgentBefore = Object.values(before).filter((s) => s === 'due-soon' || s === 'breached').length;
    await expect.poll(badgeText).toBe(String(urgentBefore));

    // Within 6 s + the 5 s tick + slack, with no reload.
    await expect
      .poll(
        async () => {
          const after = await states();
          const changes = Object.keys(before).map((k) => `${before[k]}→${after[k]}`);
          return changes.includes('on-track→due-soon') && changes.includes('due-soon→breached');
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const after = await states();
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  } finally {
    await context.close();
  }
});
