import type { Platform } from '@/utils/schema-core';
import { overLimitWarning, REPLY_LIMITS, replyLength, weightedLength } from '@/utils/text-length';

// X's weighted length (twitter-text v3). Each expected value is worked out by hand from the rules,
// and each case differs from what a naive count (UTF-16 length, code points, no NFC, URL as typed)
// would give, so a broken rule fails here.
test.each([
  ['ASCII', 'Hello, world!', 13],
  ['accented Latin, NFC input', 'Café déjà vu', 12],
  ['accented Latin, NFD input (normalized first)', 'Cafe\u0301 de\u0301ja\u0300 vu', 12],
  ['CJK: 2 each', '日本語のテキスト', 16],
  ['Cyrillic: 1 each', 'Привет', 6],
  ['Hebrew: 1 each', 'שלום', 4],
  ['Arabic: 1 each', 'مرحبا', 5],
  ['typographic quotes U+2018/U+2019 and em dash U+2014: 1 each', '‘quoted’ — dash', 15],
  ['ellipsis U+2026 lies between the light ranges: 2', 'Wait…', 6],
  ['prime U+2032: 1', '5′', 2],
  ['a single emoji: 2, not its 2 UTF-16 units each', '👍', 2],
  ['ZWJ family: 2 for 7 code points', '👨‍👩‍👧‍👦', 2],
  ['flag (two regional indicators): 2', '🇫🇷', 2],
  ['skin tone modifier: 2', '👍🏽', 2],
  ['keycap 1️⃣ (digit + VS16 + U+20E3): 2', '1️⃣', 2],
  ['emoji within text', 'Thanks 🙏', 9],
  ['a long https URL: 23', 'https://northwind.co/help/orders/track?id=1234567890&lang=en-GB#status-of-my-order', 23],
  ['a short URL still counts 23', 'Visit x.co', 29],
  ['two URLs', 'Read https://a.example.com/x and https://b.example.org/y', 56],
  ['URL with a query', 'Track it: https://northwind.co/t?order=12345&ref=x', 33],
  ['bare domain with a path', 'See northwind.co/help for more', 36],
  ['trailing full stop is not part of the URL', 'Go to northwind.co/help.', 30],
  ['trailing question mark is not part of the URL', 'Tried northwind.co?', 30],
  ['an email address is not a URL', 'help@northwind.co', 17],
  ['a file name is not a URL', 'notes.txt', 9],
])('X weighs %s', (_name, text, expected) => {
  expect(weightedLength(text)).toBe(expected);
  expect(replyLength('x', text).length).toBe(expected);
});

test.each<[string, Platform, string, number]>([
  ['an emoji family is 1 on Instagram', 'instagram', '👨‍👩‍👧‍👦', 1],
  ['a flag is 1 on Facebook', 'facebook', 'Go 🇫🇷', 4],
  ['CJK is 1 each on Facebook', 'facebook', '日本語', 3],
  ['NFD accents are one character each on LinkedIn', 'linkedin', 'Cafe\u0301', 4],
  ['URLs count as typed on Instagram', 'instagram', 'https://northwind.co/help', 25],
  ['CRLF is one character on LinkedIn', 'linkedin', 'a\r\nb', 3],
])('%s', (_name, platform, text, expected) => {
  expect(replyLength(platform, text).length).toBe(expected);
});

test.each<[string, Platform, string, boolean]>([
  ['280 weighted on X', 'x', 'a'.repeat(280), false],
  ['281 weighted on X', 'x', 'a'.repeat(281), true],
  ['140 CJK = 280 on X', 'x', '日'.repeat(140), false],
  ['140 CJK + 1 = 281 on X', 'x', `${'日'.repeat(140)}a`, true],
  ['11 URLs × 23 + 11 spaces + 16 = 280 on X', 'x', `${Array(11).fill('https://northwind.co/a').join(' ')} ${'z'.repeat(16)}`, false],
  ['11 URLs × 23 + 11 spaces + 17 = 281 on X', 'x', `${Array(11).fill('https://northwind.co/a').join(' ')} ${'z'.repeat(17)}`, true],
  ['1,250 on LinkedIn', 'linkedin', 'a'.repeat(1250), false],
  ['1,251 on LinkedIn', 'linkedin', 'a'.repeat(1251), true],
  ['2,200 on Instagram', 'instagram', 'b'.repeat(2200), false],
  ['2,200 emoji families on Instagram', 'instagram', '👨‍👩‍👧‍👦'.repeat(2200), false],
  ['2,201 on Instagram', 'instagram', 'b'.repeat(2201), true],
  ['8,000 on Facebook', 'facebook', 'c'.repeat(8000), false],
  ['8,001 on Facebook', 'facebook', 'c'.repeat(8001), true],
])('limit: %s → over %s', (_name, platform, text, over) => {
  const r = replyLength(platform, text);
  expect(r.max).toBe(REPLY_LIMITS[platform].max);
  expect(r.over).toBe(over);
  expect(r.over).toBe(r.length > r.max);
});

test('the limits are the platforms’ published ones', () => {
  expect(Object.fromEntries(Object.entries(REPLY_LIMITS).map(([p, l]) => [p, l.max]))).toEqual({
    x: 280,
    linkedin: 1250,
    instagram: 2200,
    facebook: 8000,
  });
});

test('the warning names the length, the limit, the platform and the key', () => {
  expect(overLimitWarning('x', { length: 312, max: 280, over: true }, 'Tab')).toBe(
    'This reply is 312 / 280 characters on X: press Tab again to insert it anyway',
  );
});

test('pathological input does not make the URL pattern backtrack for long', () => {
  const start = performance.now();
  weightedLength('a.'.repeat(20_000));
  weightedLength(`https://northwind.co/${'.'.repeat(20_000)}`);
  weightedLength(`${'a-'.repeat(20_000)}.`);
  weightedLength('ab.'.repeat(10_000));
  expect(performance.now() - start).toBeLessThan(1000);
});

test('without Intl.Segmenter, characters fall back to code points', async () => {
  vi.resetModules();
  vi.stubGlobal('Intl', { ...Intl, Segmenter: undefined });
  try {
    const fallback = await import('@/utils/text-length');
    expect(fallback.replyLength('instagram', '👨‍👩‍👧‍👦').length).toBe(7);
    expect(fallback.replyLength('instagram', 'abc').length).toBe(3);
  } finally {
    vi.unstubAllGlobals();
    vi.resetModules();
  }
});

test.each([
  'Thanks so much for your patience!',
  'Line one\nline two\ttabbed',
  'Windows line\r\nbreaks count as one character each',
  'see northwind.co/help or https://northwind.co/a?b=1.',
  '',
])('plain ASCII is counted without the segmenter, as the full count would: %j', (text) => {
  // A space and one non-ASCII letter send the same text down the full path (segmenter, emoji and weights).
  for (const platform of ['x', 'facebook', 'instagram', 'linkedin'] as const)
    expect(replyLength(platform, text).length + 2, platform).toBe(replyLength(platform, `${text} é`).length);
});
