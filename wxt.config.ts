import { createRequire } from 'node:module';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';

const resolvePackage = createRequire(import.meta.url).resolve;

import { SITE_HOSTS } from './utils/sites/hosts';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // MV3 everywhere (contract C1): WXT would otherwise build MV2 for Firefox.
  manifestVersion: 3,
  // Parallel builds (benchmarks, isolated e2e runs) each get their own output folder.
  outDir: process.env.REPLYLINE_OUT_DIR || '.output',
  // REPLYLINE_SOURCEMAP=1: source maps to attribute bundle bytes to modules (never shipped).
  vite: () => ({ plugins: [tailwindcss()], build: { sourcemap: !!process.env.REPLYLINE_SOURCEMAP } }),
  hooks: {
    // The sentiment lists ship as files the worker reads on first capture (utils/sentiment-lists.ts),
    // keeping ≈ 45 kB of JSON out of its startup bundle.
    'build:publicAssets': (_, files) => {
      files.push(
        { absoluteSrc: resolvePackage('sentiment/languages/en/labels.json'), relativeDest: 'sentiment/afinn-165.json' },
        { absoluteSrc: resolvePackage('sentiment/build/emoji.json'), relativeDest: 'sentiment/emoji.json' },
      );
    },
  },
  manifest: ({ browser }) => ({
    name: 'Replyline',
    description: 'Social customer care in place: SLA badges, backlog and reply templates on X, Facebook, Instagram and LinkedIn.',
    // alarms: the one SLA scheduler alarm; notifications: grouped due-soon and overdue alerts.
    // No host permissions: content scripts declare their sites, and nothing is ever fetched.
    permissions: ['alarms', 'notifications'],
    // Stricter than Chrome's default (no 'wasm-unsafe-eval'): extension pages run only their own files.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    // The customer history panel is framed into the four sites' pages, and only theirs. Its scripts and
    // styles need no entry: the extension page loads them, not the site. Chromium: a per-session URL
    // (runtime.getURL returns it, checked in Chromium 156), so a site cannot probe the fixed one to
    // detect the extension; Firefox's URLs are per-install already and it does not know the key.
    web_accessible_resources: [
      {
        resources: ['customer-panel.html'],
        matches: Object.values(SITE_HOSTS).flatMap((hosts) => hosts.map((h) => `https://${h}/*`)),
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // Contract C6 global commands; users remap them at chrome://extensions/shortcuts. No Alt+letter
    // defaults: those type characters on Polish and other layouts.
    commands: {
      _execute_action: { suggested_key: { default: 'Ctrl+Shift+Y', mac: 'Command+Shift+Y' }, description: 'Open the Replyline backlog' },
      'next-urgent': {
        suggested_key: { default: 'Ctrl+Shift+Period', mac: 'Command+Shift+Period' },
        description: 'Go to the next most urgent item',
      },
      // No default keys: Chrome allows four, and free Ctrl+Shift letters clash with the browsers' own
      // (Firefox's Ctrl+Shift+E and K open developer tools). Users pick them at chrome://extensions/shortcuts.
      'resolve-current': { description: 'Resolve the item you are on' },
      'snooze-current': { description: 'Snooze the item you are on for an hour' },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'replyline@replyline.app', strict_min_version: '128.0' } } }
      : {}),
  }),
});
