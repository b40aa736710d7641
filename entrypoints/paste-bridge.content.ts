// Firefox hands an empty DataTransfer to paste events built in the isolated world, so there the
// engine asks this page-world script to build the event (sites.md §0.1). A page script could send
// the same request, but it could paste into its own editor anyway: nothing is gained by forging it.
import { PASTE_BRIDGE_EVENT } from '@/utils/engine/insert';

export default defineContentScript({
  matches: [
    'https://x.com/*',
    'https://twitter.com/*',
    'https://www.facebook.com/*',
    'https://www.instagram.com/*',
    'https://www.linkedin.com/*',
  ],
  world: 'MAIN',
  include: ['firefox'],
  runAt: 'document_start',
  main() {
    window.addEventListener(PASTE_BRIDGE_EVENT, (event) => {
      const text = (event as CustomEvent<unknown>).detail;
      if (typeof text !== 'string' || text.length > 20_000) return;
      const selection = document.getSelection();
      const target = selection?.anchorNode?.parentElement?.closest('[contenteditable="true"]') ?? document.activeElement;
      if (!target) return;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
  },
});
