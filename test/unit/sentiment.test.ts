import { readFileSync } from 'node:fs';
import { personSentiment, SENTIMENT_CUT, scoreSentiment, sentimentLabel } from '@/utils/sentiment';

type Label = 'negative' | 'neutral' | 'positive';
const label = (text: string, language?: string) => sentimentLabel(scoreSentiment(text, language));

describe('scoreSentiment: labels of typical customer messages', () => {
  test.each<[string, Label]>([
    // negation
    ['happy with the service', 'positive'],
    ['not happy with the service', 'negative'],
    ["The manager didn't care", 'negative'],
    ['not bad at all', 'positive'],
    ['My order never arrived', 'negative'],
    ["Couldn't be happier with my purchase", 'positive'],
    ['No complaints, everything was perfect', 'positive'],
    // emoji and emoticons
    ['😡', 'negative'],
    ['🙏', 'positive'],
    ['Love it ❤️', 'positive'],
    ['thanks :)', 'positive'],
    ['meh :(', 'negative'],
    ['Oh wonderful, charged twice. Love that 🙃', 'negative'],
    // irony without emoji
    ['Thanks for wasting my whole afternoon.', 'negative'],
    ['Warranty claim denied. Great.', 'negative'],
    // customer care
    ['Still waiting for my refund', 'negative'],
    ["It's been 5 days and no reply", 'negative'],
    ['Wifi down since Monday', 'negative'],
    ['What time do you open on Sunday?', 'neutral'],
    ['Can I pay with PayPal?', 'neutral'],
    ['Please check your DMs', 'neutral'],
    ['Does customer support work on weekends?', 'neutral'],
    // "but" clauses
    ['Love the product but the delivery was a nightmare', 'negative'],
    ['a bit late but worth the wait, looks great', 'positive'],
    // slang, typos, elongation
    ['thx for the quick reply!!', 'positive'],
    ['u guys r a joke fr', 'negative'],
    ['Sooo good', 'positive'],
  ])('%s → %s', (text, expected) => {
    expect(label(text, 'en')).toBe(expected);
  });
});

describe('scoreSentiment: strength', () => {
  const score = (text: string) => scoreSentiment(text, 'en');

  test('stays within −1…1 and is 0 without any sentiment', () => {
    expect(score('awful terrible horrible worst disgusting '.repeat(50))).toBeGreaterThanOrEqual(-1);
    expect(score('amazing wonderful fantastic best '.repeat(50))).toBeLessThanOrEqual(1);
    expect(score('Order number is 88231, name is Jane Park.')).toBe(0);
    expect(score('')).toBe(0);
  });

  test.each([
    ['very happy', 'happy'],
    ['happy', 'slightly happy'],
    ['I am VERY happy', 'I am very happy'],
    ['AWFUL service', 'awful service'],
  ])('%s is more positive or more negative than %s', (stronger, weaker) => {
    expect(Math.abs(score(stronger))).toBeGreaterThan(Math.abs(score(weaker)));
    expect(Math.sign(score(stronger))).toBe(Math.sign(score(weaker)));
  });

  test('capitals on a negator make the negation stronger', () => {
    expect(score('I am NOT happy')).toBeLessThan(score('I am not happy'));
    expect(score('I am not happy')).toBeLessThan(0);
  });

  test('a message all in capitals is loud, not emphatic', () => {
    expect(score('WORST SERVICE EVER')).toBe(score('worst service ever'));
  });

  test('negation stops at the end of a sentence', () => {
    expect(label('Not today. Happy with it', 'en')).toBe('positive');
  });
});

describe('scoreSentiment: languages', () => {
  test.each<[string, string | undefined, Label]>([
    ['Merci beaucoup pour votre aide !', 'fr', 'positive'],
    ['Merci beaucoup pour votre aide !', undefined, 'positive'],
    ["Ma commande n'est jamais arrivée", 'fr', 'negative'],
    ['Je ne recommande pas', 'fr', 'negative'],
    ['Pésimo servicio', 'es', 'negative'],
    ['¡Muchas gracias!', 'es', 'positive'],
    ['Sehr enttäuscht von der Qualität', 'de', 'negative'],
    ['Vielen Dank für die schnelle Hilfe!', 'de-AT', 'positive'],
    // X's "undetermined" tag means the language is not known: it is guessed instead
    ['Vielen Dank!', 'und', 'positive'],
  ])('%s (%s) → %s', (text, language, expected) => {
    expect(label(text, language)).toBe(expected);
  });

  test('rare symbols of the emoji ranking carry no sentiment', () => {
    expect(scoreSentiment('Meeting at 🕐 about the 📜', 'en')).toBe(0);
  });

  test('a language without a word list is scored from its emoji only', () => {
    expect(scoreSentiment('terrible', 'it')).toBe(0);
    expect(scoreSentiment('terrible 😡', 'it')).toBe(scoreSentiment('😡', 'it'));
    expect(scoreSentiment('😡', 'it')).toBeLessThan(0);
  });
});

describe('scoreSentiment: hostile input', () => {
  test('only the first characters count, so a 1 MB message costs no more than a short one', () => {
    const head = 'Great service, thank you! ';
    const huge = `${head}${'x'.repeat(1024 * 1024)} awful awful awful`;
    expect(scoreSentiment(huge, 'en')).toBe(scoreSentiment(head, 'en'));
    const hugeNegative = 'terrible '.repeat(200_000);
    expect(scoreSentiment(hugeNegative, 'en')).toBeLessThan(0);
  });

  test('zero-width characters do not hide a word', () => {
    expect(scoreSentiment('sc\u200Bam', 'en')).toBe(scoreSentiment('scam', 'en'));
    expect(scoreSentiment('scam', 'en')).toBeLessThan(0);
  });

  test.each([
    'constructor toString __proto__ hasOwnProperty valueOf',
    '\uD83D\uD83D bad \uDE00',
    '\u202Eevil\u202C <script>alert(1)</script> %s %n {{x}}',
    'https://example.com/:/path:(',
    '\0\u0001\uFFFF\uFEFF',
  ])('%j gives a finite score within −1…1', (text) => {
    for (const language of ['en', undefined, 'fr']) {
      const score = scoreSentiment(text, language);
      expect(Number.isFinite(score)).toBe(true);
      expect(Math.abs(score)).toBeLessThanOrEqual(1);
    }
  });

  test('prototype names are not words', () => {
    expect(scoreSentiment('constructor toString __proto__ hasOwnProperty valueOf', 'en')).toBe(0);
  });

  test('a link is not an emoticon', () => {
    expect(scoreSentiment('https://example.com/:/path:(', 'en')).toBe(0);
  });
});

describe('sentimentLabel', () => {
  test.each<[number, Label]>([
    [-1, 'negative'],
    [SENTIMENT_CUT.negativeBelow - 0.001, 'negative'],
    [SENTIMENT_CUT.negativeBelow, 'neutral'],
    [0, 'neutral'],
    [SENTIMENT_CUT.positiveAbove, 'neutral'],
    [SENTIMENT_CUT.positiveAbove + 0.001, 'positive'],
    [1, 'positive'],
  ])('%d → %s', (score, expected) => {
    expect(sentimentLabel(score)).toBe(expected);
  });
});

describe('personSentiment', () => {
  const at = (day: number, sentiment?: number) => ({ postedAt: `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`, sentiment });

  test('undefined without any non-neutral item', () => {
    expect(personSentiment([])).toBeUndefined();
    expect(personSentiment([at(1), at(2, 0), at(3, 0.05)])).toBeUndefined();
  });

  test('the mean of the last five non-neutral items by platform time, whatever the order given', () => {
    const items = [at(7, 0.8), at(1, -0.9), at(5, 0.05), at(3, 0.5), at(2, -0.8), at(6, 0.7), at(4, 0.6), at(8)];
    // day 1 is the sixth most recent non-neutral item: left out; day 5 is neutral, day 8 unscored
    expect(personSentiment(items)).toBeCloseTo((-0.8 + 0.5 + 0.6 + 0.7 + 0.8) / 5, 10);
  });

  test('fewer than five: the mean of those there are', () => {
    expect(personSentiment([at(1, -0.6), at(2, 0), at(3, -0.2)])).toBeCloseTo(-0.4, 10);
  });

  test('orders by instant, not by the text of the time', () => {
    const items = [
      { postedAt: '2026-03-01T12:00:00+05:00', sentiment: -0.9 }, // 07:00Z: the oldest
      { postedAt: '2026-03-01T08:00:00Z', sentiment: 0.6 },
      { postedAt: '2026-03-01T09:00:00Z', sentiment: 0.6 },
      { postedAt: '2026-03-01T10:00:00Z', sentiment: 0.6 },
      { postedAt: '2026-03-01T11:00:00Z', sentiment: 0.6 },
      { postedAt: '2026-03-01T11:30:00Z', sentiment: 0.6 },
    ];
    expect(personSentiment(items)).toBeCloseTo(0.6, 10);
  });
});

describe('the labelled set (test/data/sentiment-set.json)', () => {
  const set: { text: string; label: Label; lang: string }[] = JSON.parse(readFileSync('test/data/sentiment-set.json', 'utf8'));

  test('has at least 240 distinct labelled messages', () => {
    expect(set.length).toBeGreaterThanOrEqual(240);
    expect(new Set(set.map((e) => e.text)).size).toBe(set.length);
    for (const e of set) expect(['negative', 'neutral', 'positive']).toContain(e.label);
  });

  test('the scorer beats always answering the most frequent label, on the held-out third', () => {
    const heldOut = set.filter((_, i) => i % 3 === 2);
    const counts = new Map<Label, number>();
    for (const e of heldOut) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
    const baseline = Math.max(...counts.values()) / heldOut.length;
    const accuracy = heldOut.filter((e) => label(e.text, e.lang) === e.label).length / heldOut.length;
    expect(accuracy).toBeGreaterThan(baseline);
  });
});
