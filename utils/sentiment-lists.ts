// Reads the sentiment word and emoji lists from the extension's own files (copied from the
// `sentiment` package by wxt.config.ts), once, on first use.
import { installSentimentLists } from '@/utils/sentiment';

const afinnUrl = '/sentiment/afinn-165.json';
const emojiUrl = '/sentiment/emoji.json';

let loading: Promise<void> | undefined;

/** Resolves once the lists are installed; a failed read is retried on the next call (scores stay coarser meanwhile). */
export function loadSentimentLists(read: (path: string) => Promise<unknown> = readPackaged): Promise<void> {
  loading ??= Promise.all([read(afinnUrl), read(emojiUrl)])
    .then(([afinn, emoji]) => installSentimentLists({ afinn: afinn as Record<string, number>, emoji: emoji as Record<string, number> }))
    .catch((error: unknown) => {
      loading = undefined;
      console.warn('[Replyline] sentiment lists unavailable', error);
    });
  return loading;
}

async function readPackaged(path: string): Promise<unknown> {
  const response = await fetch(browser.runtime.getURL(path as '/'));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}
