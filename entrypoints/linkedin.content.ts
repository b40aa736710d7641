import { startEngine } from '@/utils/engine/engine';
import { linkedinAdapter } from '@/utils/sites/linkedin';

export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_idle',
  main: (ctx) => startEngine(ctx, linkedinAdapter),
});
