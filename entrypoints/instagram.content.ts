import { startEngine } from '@/utils/engine/engine';
import { instagramAdapter } from '@/utils/sites/instagram';

export default defineContentScript({
  matches: ['https://www.instagram.com/*'],
  runAt: 'document_idle',
  main: (ctx) => startEngine(ctx, instagramAdapter),
});
