import emoji from 'sentiment/build/emoji.json';
import afinn from 'sentiment/languages/en/labels.json';

// Fresh copies of both modules: the test setup has already loaded the lists into the shared ones.
async function freshModules() {
  vi.resetModules();
  return { ...(await import('@/utils/sentiment')), ...(await import('@/utils/sentiment-lists')) };
}

test('without the lists English falls back to care phrases; once read, general words and emoji count', async () => {
  const { loadSentimentLists, scoreSentiment } = await freshModules();
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

test('a failed read is retried on the next capture', async () => {
  const { loadSentimentLists, scoreSentiment } = await freshModules();
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  await loadSentimentLists(async () => {
    throw new Error('gone');
  });
  expect(warn).toHaveBeenCalled();
  expect(scoreSentiment('superb', 'en')).toBe(0);
  await loadSentimentLists(async (path) => (path.endsWith('emoji.json') ? emoji : afinn));
  expect(scoreSentiment('superb', 'en')).toBeGreaterThan(0);
});
