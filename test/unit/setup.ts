import 'fake-indexeddb/auto';
import emoji from 'sentiment/build/emoji.json';
import afinn from 'sentiment/languages/en/labels.json';
import { installSentimentLists } from '@/utils/sentiment';

// The extension reads these lists from its packaged files on first capture; tests install them directly.
installSentimentLists({ afinn, emoji });
