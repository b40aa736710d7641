import emoji from 'sentiment/build/emoji.json';
import afinn from 'sentiment/languages/en/labels.json';
import { installSentimentLists, scoreSentiment } from '@/utils/sentiment';
import { loadSentimentLists } from '@/utils/sentiment-lists';

afterEach(() => installSentimentLists({ afinn, emoji }));

test('without the lists English falls back to care phrases; once read, general words and emoji count', async () => {
  installSentimentLists({ afinn: {}, emoji: {} });
  expect(scoreSentiment('What a superb and delightful team 😍', 'en')).toBe(0);
  expect(scoreSentiment('still waiting for my refund', 'en')).toBeLessThan(0);

  const read = vi.fn(async (path: string) => (path.endsWith('afinn-165.json') ? afinn : emoji));
  await loadSentimentLists(read);
  expect(read.mock.calls.map(([path]) => path).sort()).toEqual(['/sentiment/afinn-165.json', '/sentiment/emoji.json']);
  expect(scoreSentiment('What a superb and delightful team 😍', 'en')).toBeGreaterThan(0.3);
  // Read once per worker life.
  await loadSentimentLists(read);
  expect(read).toHaveBeenCalledTimes(2);
});
