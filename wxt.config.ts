import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  vite: () => ({ plugins: [tailwindcss()] }),
  manifest: {
    name: 'Replyline',
    description: 'Social customer care in place: SLA badges, backlog and reply templates on X, Facebook, Instagram and LinkedIn.',
  },
});
