import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // MV3 everywhere (contract C1): WXT would otherwise build MV2 for Firefox.
  manifestVersion: 3,
  // Parallel builds (benchmarks, isolated e2e runs) each get their own output folder.
  outDir: process.env.REPLYLINE_OUT_DIR || '.output',
  vite: () => ({ plugins: [tailwindcss()] }),
  manifest: ({ browser }) => ({
    name: 'Replyline',
    description: 'Social customer care in place: SLA badges, backlog and reply templates on X, Facebook, Instagram and LinkedIn.',
    // alarms: the one SLA scheduler alarm; notifications: grouped due-soon and overdue alerts.
    // No host permissions: content scripts declare their sites, and nothing is ever fetched.
    permissions: ['alarms', 'notifications'],
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
