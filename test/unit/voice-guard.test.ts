import { type VoiceGuide, voiceGuideSchema } from '@/utils/schema';
import { checkReply, DEFAULT_VOICE_GUIDE, VOICE_DRAFT_CAP, type VoiceContext, type VoiceRule, voiceGuideFor } from '@/utils/voice-guard';

const guide: VoiceGuide = {
  greetByName: true,
  signOff: '^Sam',
  banned: [
    { phrase: 'no problem', alternative: 'happy to help' },
    { phrase: 'dick' },
    { phrase: 'pas de souci', alternative: 'avec plaisir' },
    { phrase: 'kein Problem', alternative: 'gern geschehen' },
    { phrase: 'no hay problema', alternative: 'con gusto' },
  ],
  discouraged: [{ phrase: 'unfortunately', alternative: 'right now' }, { phrase: 'désolé' }],
  emoji: { x: { mode: 'limited', max: 1 }, linkedin: { mode: 'none' }, facebook: { mode: 'any' } },
  maxExclamations: 1,
  maxCapsWords: 0,
  privateData: { emails: true, phones: true, orderPattern: String.raw`#\d{5,}`, words: ['tracking code'] },
  privateOffer: true,
};

const ctx = (over: Partial<VoiceContext> = {}): VoiceContext => ({
  platform: 'x',
  kind: 'comment',
  publicReply: true,
  customer: { name: 'Maya Ortiz', firstName: 'Maya', handle: '@maya_rides' },
  ...over,
});

/** A reply that passes every rule of `guide`, to vary one thing at a time. */
const CLEAN = 'Hi Maya, thanks for the note. ^Sam';

const rulesOf = (draft: string, c = ctx(), g = guide) => checkReply(draft, g, c).map((h) => h.rule);

test('a clean reply has no hints', () => {
  expect(checkReply(CLEAN, guide, ctx())).toEqual([]);
});

// Each row: the draft, the context change, the rules expected (exactly, in order).
test.each<[string, string, Partial<VoiceContext>, VoiceRule[]]>([
  ['greeting missing', 'Thanks for the note. ^Sam', {}, ['greeting-name']],
  ['greeting in lower case counts', 'hi maya, thanks. ^Sam', {}, []],
  ['greeting by handle counts', 'Hey @maya_rides, thanks. ^Sam', {}, []],
  ['name only late is not a greeting', 'Thanks for the note, we will look into it today, Maya. ^Sam', {}, ['greeting-name']],
  ['sign-off missing', 'Hi Maya, thanks for the note.', {}, ['sign-off']],
  ['banned phrase, en', 'Hi Maya, no problem! ^Sam', {}, ['banned']],
  ['banned phrase across spacing and case', 'Hi Maya, NO   Problem. ^Sam', {}, ['banned']],
  ['banned phrase, fr, accents folded', 'Bonjour Maya, pas de soucí. ^Sam', { language: 'fr' }, ['banned']],
  ['banned phrase, de', 'Hallo Maya, kein problem. ^Sam', { language: 'de' }, ['banned']],
  ['banned phrase, es', 'Hola Maya, no hay problema. ^Sam', { language: 'es' }, ['banned']],
  ['discouraged, with accents (desole)', 'Bonjour Maya, desole pour le retard. ^Sam', { language: 'fr' }, ['discouraged']],
  ['discouraged, en', 'Hi Maya, unfortunately it is late. ^Sam', {}, ['discouraged']],
  ['emoji within the limit on X', 'Hi Maya, thanks 🙏 ^Sam', {}, []],
  ['emoji over the limit on X', 'Hi Maya, thanks 🙏🎉 ^Sam', {}, ['emoji']],
  ['ZWJ family is one emoji', 'Hi Maya, thanks 👨‍👩‍👧 ^Sam', {}, []],
  ['no emoji on LinkedIn', 'Hi Maya, thanks 🙏 ^Sam', { platform: 'linkedin' }, ['emoji']],
  ['any emoji on Facebook', 'Hi Maya, 🙏🎉🎉🎉 ^Sam', { platform: 'facebook' }, []],
  ['one exclamation is fine', 'Hi Maya, thanks! ^Sam', {}, []],
  ['too many exclamations', 'Hi Maya, thanks!! ^Sam', {}, ['exclamation']],
  ['acronyms of four letters are not shouting', 'Hi Maya, see the FAQ ASAP. ^Sam', {}, []],
  ['a shouted word', 'Hi Maya, this is URGENT. ^Sam', {}, ['caps']],
  ['e-mail in a public reply', 'Hi Maya, write to help@northwind.example. ^Sam', {}, ['private-data']],
  ['e-mail in a DM is fine', 'Hi Maya, write to help@northwind.example. ^Sam', { publicReply: false, kind: 'dm' }, []],
  ['phone number in a public reply', 'Hi Maya, call +1 (555) 123-4567. ^Sam', {}, ['private-data']],
  ['a date is not a phone number', 'Hi Maya, it ships 2024-05-01. ^Sam', {}, []],
  ['a price is not a phone number', 'Hi Maya, it costs 1299.00 now. ^Sam', {}, []],
  ['order number per pattern', 'Hi Maya, order #123456 left today. ^Sam', {}, ['private-data']],
  ['private word', 'Hi Maya, your Tracking Code is below. ^Sam', {}, ['private-data']],
  ['negative item without a private channel', 'Hi Maya, sorry about that. ^Sam', { itemSentiment: -0.7 }, ['private-offer']],
  ['negative item, DM offered (en)', 'Hi Maya, sorry, send us a DM. ^Sam', { itemSentiment: -0.7 }, []],
  ['negative item, inbox (en)', 'Hi Maya, check your inbox. ^Sam', { itemSentiment: -0.7 }, []],
  ['negative item, fr', 'Bonjour Maya, écrivez-nous en message privé. ^Sam', { itemSentiment: -0.7, language: 'fr' }, []],
  ['negative item, es', 'Hola Maya, mándanos un mensaje privado. ^Sam', { itemSentiment: -0.7, language: 'es' }, []],
  ['negative item, de', 'Hallo Maya, schreib uns eine Direktnachricht. ^Sam', { itemSentiment: -0.7, language: 'de' }, []],
  ['negative item in a DM needs no offer', 'Hi Maya, sorry about that. ^Sam', { itemSentiment: -0.7, publicReply: false, kind: 'dm' }, []],
  ['neutral item needs no offer', 'Hi Maya, sorry about that. ^Sam', { itemSentiment: 0 }, []],
  ['"admin" does not contain the DM offer', 'Hi Maya, our admin will look. ^Sam', { itemSentiment: -0.7 }, ['private-offer']],
  // Whole words are checked after the match: the next candidate starts one character later.
  ['"dms" after "admins" still counts', 'Hi Maya, our admins read DMs. ^Sam', { itemSentiment: -0.7 }, []],
  ['a letter outside the BMP is part of the word', 'Hi Maya, 𝐚dm will look. ^Sam', { itemSentiment: -0.7 }, ['private-offer']],
])('%s', (_name, draft, over, expected) => {
  expect(rulesOf(draft, ctx(over))).toEqual(expected);
});

describe('false positives', () => {
  test.each([
    ['a customer named after a banned word', 'Hi Dick, thanks for the note. ^Sam', { name: 'Dick Turner', firstName: 'Dick' }],
    ['a name containing a banned word', 'Hi Benedick, thanks for the note. ^Sam', { name: 'Benedick Lowe', firstName: 'Benedick' }],
    ['a banned word inside a longer word', 'Hi Maya, Dickens is a classic. ^Sam', { name: 'Maya Ortiz', firstName: 'Maya' }],
    ['a banned word glued to a letter outside the BMP', 'Hi Maya, dick𝐚 is a name. ^Sam', { name: 'Maya Ortiz', firstName: 'Maya' }],
    ['a handle containing the phrase', 'Hi @noproblem_jo, thanks. ^Sam', { name: 'Jo', firstName: 'Jo', handle: '@noproblem_jo' }],
  ])('%s', (_name, draft, customer) => {
    expect(rulesOf(draft, ctx({ customer }))).toEqual([]);
  });

  test('the banned word still counts outside the name', () => {
    expect(rulesOf('Hi Dick, what a dick move. ^Sam', ctx({ customer: { name: 'Dick Turner', firstName: 'Dick' } }))).toEqual(['banned']);
  });
});

describe('hints carry what Apply needs', () => {
  test('a banned phrase: its range in the draft and the alternative', () => {
    const draft = 'Hi Maya, No problem. ^Sam';
    const [hint] = checkReply(draft, guide, ctx());
    expect(hint?.range && draft.slice(...hint.range)).toBe('No problem');
    expect(hint?.suggestion).toBe('happy to help');
  });

  test('ranges stay right after characters that fold to several (ß, İ)', () => {
    const draft = 'Hi Maya, İİ straße no problem. ^Sam';
    const hint = checkReply(draft, guide, ctx()).find((h) => h.rule === 'banned');
    expect(hint?.range && draft.slice(...hint.range)).toBe('no problem');
  });

  test('greeting suggestion in the customer language', () => {
    expect(checkReply('Merci pour votre message. ^Sam', guide, ctx({ language: 'fr' }))[0]).toMatchObject({
      range: [0, 0],
      suggestion: 'Bonjour Maya, ',
    });
    expect(checkReply('Danke für die Nachricht und noch mehr. ^Sam', guide, ctx())[0]?.suggestion).toBe('Hallo Maya, ');
  });

  test('private-channel offer is appended in the language of the reply', () => {
    const draft = 'Hola Maya, lo siento mucho por el pedido. ^Sam';
    const hint = checkReply(draft, guide, ctx({ itemSentiment: -0.8 })).find((h) => h.rule === 'private-offer');
    expect(hint?.range).toEqual([draft.length, draft.length]);
    expect(hint?.suggestion).toContain('mensaje privado');
  });

  test('sign-off appended at the end, exclamation runs collapsed, caps lowered', () => {
    const draft = 'Hi Maya, that is GREAT!!!';
    const hints = checkReply(draft, guide, ctx());
    expect(hints.find((h) => h.rule === 'sign-off')).toMatchObject({ range: [25, 25], suggestion: ' ^Sam' });
    expect(hints.find((h) => h.rule === 'exclamation')).toMatchObject({ range: [22, 25], suggestion: '!' });
    expect(hints.find((h) => h.rule === 'caps')).toMatchObject({ range: [17, 22], suggestion: 'great' });
  });
});

test('address by name when greeting is not asked for', () => {
  const g: VoiceGuide = { addressByName: true };
  expect(rulesOf('Thanks for the note.', ctx(), g)).toEqual(['address-name']);
  expect(rulesOf('Thanks for the note, Maya.', ctx(), g)).toEqual([]);
  // Without a known name there is nothing to ask for.
  expect(rulesOf('Thanks for the note.', ctx({ customer: {} }), g)).toEqual([]);
});

test('the built-in guide flags private data and a missing private channel', () => {
  expect(rulesOf('Mail me at a@b.co', ctx({ itemSentiment: -0.5 }), DEFAULT_VOICE_GUIDE)).toEqual(['private-data', 'private-offer']);
  expect(voiceGuideSchema.safeParse(DEFAULT_VOICE_GUIDE).success).toBe(true);
});

test('guide per brand account, then `*`, then the built-in one', () => {
  const own: VoiceGuide = { signOff: 'x' };
  const all: VoiceGuide = { signOff: 'y' };
  expect(voiceGuideFor({ northwindco: own, '*': all }, '@NorthwindCo')).toBe(own);
  expect(voiceGuideFor({ northwindco: own, '*': all }, 'other')).toBe(all);
  expect(voiceGuideFor(undefined, 'other')).toBe(DEFAULT_VOICE_GUIDE);
});

test('an invalid order pattern is refused by the schema', () => {
  expect(voiceGuideSchema.safeParse({ privateData: { emails: true, phones: true, orderPattern: '(' } }).success).toBe(false);
});

test('a megabyte draft is checked on its first part only, quickly', () => {
  const huge = `Hi Maya, no problem. ${'word '.repeat(200_000)}help@northwind.example`;
  const hints = checkReply(huge, guide, ctx());
  expect(hints.map((h) => h.rule)).toContain('banned');
  // The e-mail lies beyond the cap: not read.
  expect(hints.some((h) => h.rule === 'private-data')).toBe(false);
  expect(hints.every((h) => !h.range || h.range[1] <= VOICE_DRAFT_CAP)).toBe(true);
});
