import { startEngine } from '@/utils/engine/engine';
import { facebookAdapter } from '@/utils/sites/facebook';

export default defineContentScript({
  matches: ['https://www.facebook.com/*'],
  runAt: 'document_idle',
  main: (ctx) => startEngine(ctx, facebookAdapter),
});
