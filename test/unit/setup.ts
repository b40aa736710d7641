import 'fake-indexeddb/auto';
import emoji from 'sentiment/build/emoji.json';
import afinn from 'sentiment/languages/en/labels.json';
import { loadSentimentLists } from '@/utils/sentiment-lists';

// The extension reads these lists from its packaged files on first capture; tests hand them over
// from the package, so the background's later calls find them loaded and never fetch.
await loadSentimentLists(async (path) => (path.endsWith('emoji.json') ? emoji : afinn));
