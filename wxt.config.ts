import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  vite: () => ({ plugins: [tailwindcss()] }),
  manifest: {
    name: 'Replyline',
    // alarms: the one SLA scheduler alarm. No host permissions: content scripts declare their sites.
    permissions: ['alarms'],
    description: 'Social customer care in place: SLA badges, backlog and reply templates on X, Facebook, Instagram and LinkedIn.',
  },
});
