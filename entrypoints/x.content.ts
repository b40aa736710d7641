import { startEngine } from '@/utils/engine/engine';
import { xAdapter } from '@/utils/sites/x';

export default defineContentScript({
  matches: ['https://x.com/*', 'https://twitter.com/*'],
  runAt: 'document_idle',
  main: (ctx) => startEngine(ctx, xAdapter),
});
