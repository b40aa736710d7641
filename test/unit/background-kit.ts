// What the reliability tests send as: the router's environment, its two kinds of sender, the demo seed.
import { readFileSync } from 'node:fs';
import type { RouterEnv, Sender } from '@/utils/background/router';

export const TEST_ENV: RouterEnv = { extensionId: 'ourextension', extensionOrigin: 'chrome-extension://ourextension/' };
export const OPTIONS_PAGE: Sender = { id: 'ourextension', url: 'chrome-extension://ourextension/options.html' };
export const X_TAB: Sender = { id: 'ourextension', url: 'https://x.com/notifications/mentions', tab: { id: 7 } };

export const demoSeed = () => JSON.parse(readFileSync('test/pages/demo-seed.json', 'utf8')) as Record<string, unknown>;
