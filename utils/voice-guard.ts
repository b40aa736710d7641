// The brand voice guard: checks a reply draft (or a template body) against the brand's voice guide
// and returns compact hints. Pure and fast (it runs after each typing burst in the content script):
// the guide's phrase lists compile once per guide object, the draft is read once, capped in size.
import { detectLanguage } from '@/utils/language';
import { lazyValue } from '@/utils/lazy-value';
import type { VoiceGuide } from '@/utils/schema';
import { type ItemKind, NEGATIVE_SENTIMENT_MAX, type Platform } from '@/utils/schema-core';

export type VoiceRule =
  | 'greeting-name'
  | 'address-name'
  | 'sign-off'
  | 'banned'
  | 'discouraged'
  | 'emoji'
  | 'exclamation'
  | 'caps'
  | 'private-data'
  | 'private-offer';

export interface VoiceHint {
  rule: VoiceRule;
  severity: 'info' | 'warn';
  message: string;
  /** UTF-16 offsets in the draft the hint is about. */
  range?: [number, number];
  /** Text that replaces `range` when the user clicks Apply (an insertion when the range is empty). */
  suggestion?: string;
}

export interface VoiceContext {
  platform: Platform;
  kind: ItemKind;
  publicReply: boolean;
  customer: { name?: string; firstName?: string; handle?: string };
  /** The answered item's sentiment, −1…1. */
  itemSentiment?: number;
  language?: string;
}

/** Drafts beyond this are checked on their first part only: a pasted megabyte must not freeze typing. */
export const VOICE_DRAFT_CAP = 10_000;
const CAPS_ACRONYM_MAX = 4;
const GREETING_REACH = 40;
const DEFAULT_ORDER_PATTERN = String.raw`#\s?\d{4,}|\b[A-Z]{2,4}-\d{4,}\b`;

/** The built-in guide: what is checked before the user writes one (and the editor's starting values). */
export const DEFAULT_VOICE_GUIDE: VoiceGuide = {
  greetByName: false,
  addressByName: false,
  banned: [],
  discouraged: [
    { phrase: 'calm down', alternative: 'I understand' },
    { phrase: 'as I said', alternative: 'to recap' },
    { phrase: 'unfortunately', alternative: 'right now' },
  ],
  maxExclamations: 2,
  maxCapsWords: 1,
  privateData: { emails: true, phones: true, orderPattern: DEFAULT_ORDER_PATTERN },
  privateOffer: true,
};

/** The guide for a brand account: its own, else the one for every account (`*`), else the built-in one. */
export function voiceGuideFor(voice: Record<string, VoiceGuide> | undefined, handle: string | null | undefined): VoiceGuide {
  const own = handle ? voice?.[handle.replace(/^@/, '').toLowerCase()] : undefined;
  return own ?? voice?.['*'] ?? DEFAULT_VOICE_GUIDE;
}

type Lang = 'en' | 'fr' | 'es' | 'de';
const LANGS: readonly Lang[] = ['en', 'fr', 'es', 'de'];

/** Ways to point a customer to a private channel, in the languages the guard knows (matched in any). */
const PRIVATE_CHANNEL = [
  // en
  'dm',
  'dms',
  'direct message',
  'private message',
  'message us',
  'send us a message',
  'inbox',
  'pm',
  // fr
  'mp',
  'message privé',
  'en privé',
  'message direct',
  'écrivez-nous',
  'boîte de réception',
  // es
  'md',
  'mensaje privado',
  'mensaje directo',
  'por privado',
  'escríbenos',
  'bandeja de entrada',
  // de
  'pn',
  'privatnachricht',
  'private nachricht',
  'direktnachricht',
  'schreib uns',
  'schreiben sie uns',
  'per nachricht',
];

const OFFER: Record<Lang, string> = {
  en: ' Could you send us a DM so we can look into it?',
  fr: ' Pouvez-vous nous écrire en message privé pour que nous regardions cela ?',
  es: ' ¿Nos escribes por mensaje privado para revisarlo?',
  de: ' Kannst du uns eine Direktnachricht schreiben, damit wir das prüfen?',
};
const GREETING: Record<Lang, string> = { en: 'Hi', fr: 'Bonjour', es: 'Hola', de: 'Hallo' };

const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
const isWordChar = (c: string | undefined) => !!c && WORD_CHAR_RE.test(c);

/** Lower-case, accents removed, with each folded character's offset in the original text. */
interface Folded {
  folded: string;
  offsets: number[];
}

export function foldText(text: string): Folded {
  let folded = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let f: string;
    if (code < 128) f = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : (text[i] as string);
    else f = (text[i] as string).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (let k = 0; k < f.length; k++) offsets.push(i);
    folded += f;
  }
  offsets.push(text.length);
  return { folded, offsets };
}

const foldPhrase = (phrase: string) => foldText(phrase.trim()).folded.replace(/\s+/g, ' ');
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * A phrase as a whitespace-tolerant pattern over folded text; whole words are checked by
 * `wholeWords`, not by lookarounds: V8 compiles each `\p{L}` class in a pattern into thousands of
 * ranges (~0.3 ms each), again whenever a GC flushed the unused code, and the 27 private-channel
 * phrases alone made the first check after a page load take 18 ms.
 */
const phraseRegExp = (phrase: string) => new RegExp(foldPhrase(phrase).split(' ').map(escapeRegex).join('\\s+'), 'gu');

/** A code point's worth of text just before / at `i`, so letters outside the BMP count as letters. */
const codePointBefore = (text: string, i: number) => {
  const unit = text.charCodeAt(i - 1);
  const start = unit >= 0xdc00 && unit <= 0xdfff ? i - 2 : i - 1;
  return start >= 0 ? String.fromCodePoint(text.codePointAt(start) ?? 0) : undefined;
};
const codePointAt = (text: string, i: number) => (i < text.length ? String.fromCodePoint(text.codePointAt(i) ?? 0) : undefined);

/** The matches of a phrase that stand as whole words, in text order, without overlaps. */
function* wholeWords(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (!isWordChar(codePointBefore(text, m.index)) && !isWordChar(codePointAt(text, end))) {
      yield m;
      re.lastIndex = end;
    } else re.lastIndex = m.index + 1;
  }
}

interface CompiledPhrase {
  re: RegExp;
  phrase: string;
  alternative?: string;
}

interface Compiled {
  banned: CompiledPhrase[];
  discouraged: CompiledPhrase[];
  privateWords: CompiledPhrase[];
  order?: RegExp;
  signOff?: string;
}

const compile = (list: VoiceGuide['banned'] = []): CompiledPhrase[] =>
  list.filter((p) => foldPhrase(p.phrase)).map((p) => ({ re: phraseRegExp(p.phrase), phrase: p.phrase, alternative: p.alternative }));

const compiledGuides = new WeakMap<VoiceGuide, Compiled>();
function compiled(guide: VoiceGuide): Compiled {
  let c = compiledGuides.get(guide);
  if (!c) {
    let order: RegExp | undefined;
    try {
      order = guide.privateData?.orderPattern ? new RegExp(guide.privateData.orderPattern, 'gu') : undefined;
    } catch {
      order = undefined;
    }
    c = {
      banned: compile(guide.banned),
      discouraged: compile(guide.discouraged),
      privateWords: compile(guide.privateData?.words?.map((phrase) => ({ phrase }))),
      order,
      signOff: guide.signOff?.trim() ? foldPhrase(guide.signOff) : undefined,
    };
    compiledGuides.set(guide, c);
  }
  return c;
}

/** Compiled on the first check, not as the content script starts. */
const privateChannelRes = lazyValue(() => PRIVATE_CHANNEL.map(phraseRegExp));
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Nine or more digits with the usual separators: a phone number, not a price or a date.
const PHONE_RE = /(?<![\p{L}\p{N}])\+?\(?\d(?:[\d\s().-]{7,18})\d(?![\p{L}\p{N}])/gu;
const EMOJI_RE = /\p{Extended_Pictographic}\uFE0F?(?:\u200D\p{Extended_Pictographic}\uFE0F?)*|\p{Regional_Indicator}{2}/gu;
const CAPS_WORD_RE = /(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])/gu;

const languageOf = (text: string, hint?: string): Lang => {
  const primary = (hint ?? detectLanguage(text) ?? 'en').split('-')[0] as Lang;
  return LANGS.includes(primary) ? primary : 'en';
};

/** Folded spans of the draft that are the customer's name, handle or name words: banned words inside them are the name. */
/** `proper`: written as a name (capitalised, or a handle). */
function nameSpans(text: string, { folded, offsets }: Folded, customer: VoiceContext['customer']): [number, number, boolean][] {
  const words = new Set<string>();
  for (const value of [customer.name, customer.firstName, customer.handle?.replace(/^@/, '')]) {
    if (!value) continue;
    const f = foldPhrase(value);
    if (f) words.add(f);
    for (const w of f.split(/[^\p{L}\p{N}_]+/u)) if (w.length > 1) words.add(w);
  }
  const spans: [number, number, boolean][] = [];
  for (const w of words) {
    for (let at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + 1)) {
      if (isWordChar(folded[at - 1]) || isWordChar(folded[at + w.length])) continue;
      const start = offsets[at] ?? 0;
      spans.push([at, at + w.length, /\p{Lu}/u.test(text[start] ?? '') || text[start - 1] === '@']);
    }
  }
  return spans;
}

export function checkReply(draft: string, guide: VoiceGuide, context: VoiceContext): VoiceHint[] {
  const text = draft.length > VOICE_DRAFT_CAP ? draft.slice(0, VOICE_DRAFT_CAP) : draft;
  if (!text.trim()) return [];
  const c = compiled(guide);
  const fold = foldText(text);
  const { folded, offsets } = fold;
  const original = (start: number, end: number): [number, number] => [offsets[start] ?? text.length, offsets[end] ?? text.length];
  const hints: VoiceHint[] = [];
  const lang = languageOf(text, context.language);
  const names = nameSpans(text, fold, context.customer);
  // "Hi Dick" is the customer, "a dick move" is not.
  const inName = (s: number, e: number) => names.some(([a, b, proper]) => proper && s >= a && e <= b);

  const phrases = (list: CompiledPhrase[], rule: 'banned' | 'discouraged', severity: VoiceHint['severity']) => {
    for (const p of list) {
      for (const m of wholeWords(p.re, folded)) {
        const end = m.index + m[0].length;
        if (inName(m.index, end)) continue;
        const range = original(m.index, end);
        const found = text.slice(...range);
        hints.push({
          rule,
          severity,
          message: `${rule === 'banned' ? 'Not in our voice' : 'Avoid'}: "${found}"${p.alternative ? `, say "${p.alternative}"` : ''}`,
          range,
          suggestion: p.alternative || undefined,
        });
      }
    }
  };
  phrases(c.banned, 'banned', 'warn');
  phrases(c.discouraged, 'discouraged', 'info');

  const firstName = context.customer.firstName || context.customer.name;
  const named = names.length > 0;
  if (guide.greetByName && firstName) {
    // "Hi Maya," or "Maya, …": the name in the opening words.
    if (!names.some(([a]) => a < GREETING_REACH)) {
      hints.push({
        rule: 'greeting-name',
        severity: 'info',
        message: `Greet ${firstName} by name`,
        range: [0, 0],
        suggestion: `${GREETING[lang]} ${firstName}, `,
      });
    }
  } else if (guide.addressByName && firstName && !named) {
    hints.push({
      rule: 'address-name',
      severity: 'info',
      message: `Address ${firstName} by name`,
      range: [0, 0],
      suggestion: `${firstName}, `,
    });
  }

  if (
    c.signOff &&
    !folded
      .trimEnd()
      .slice(-c.signOff.length - 40)
      .includes(c.signOff)
  ) {
    const end = text.trimEnd().length;
    hints.push({
      rule: 'sign-off',
      severity: 'info',
      message: `End with "${guide.signOff?.trim()}"`,
      range: [end, end],
      suggestion: ` ${guide.signOff?.trim()}`,
    });
  }

  const emoji = guide.emoji?.[context.platform];
  if (emoji && emoji.mode !== 'any') {
    const max = emoji.mode === 'none' ? 0 : (emoji.max ?? 1);
    const found = [...text.matchAll(EMOJI_RE)];
    const excess = found[max];
    if (excess?.index !== undefined) {
      hints.push({
        rule: 'emoji',
        severity: 'info',
        message: max ? `${found.length} emoji: at most ${max} on this platform` : 'No emoji on this platform',
        range: [excess.index, excess.index + excess[0].length],
      });
    }
  }

  if (guide.maxExclamations !== undefined) {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '!' || ++count <= guide.maxExclamations) continue;
      let end = i;
      while (text[end] === '!') end++;
      let start = i;
      while (text[start - 1] === '!') start--;
      hints.push({
        rule: 'exclamation',
        severity: 'info',
        message: `More than ${guide.maxExclamations} exclamation mark${guide.maxExclamations === 1 ? '' : 's'}`,
        range: [start, end],
        ...(end - start > 1 ? { suggestion: '!' } : {}),
      });
      break;
    }
  }

  if (guide.maxCapsWords !== undefined) {
    const shouting = [...text.matchAll(CAPS_WORD_RE)].filter((m) => m[0].length > CAPS_ACRONYM_MAX);
    const excess = shouting[guide.maxCapsWords];
    if (excess?.index !== undefined) {
      const word = excess[0];
      hints.push({
        rule: 'caps',
        severity: 'info',
        message: `${shouting.length} words in capitals: write "${word}" in lower case`,
        range: [excess.index, excess.index + word.length],
        suggestion: word.toLowerCase(),
      });
    }
  }

  if (context.publicReply && guide.privateData) {
    const privateHint = (what: string, range: [number, number]) =>
      hints.push({ rule: 'private-data', severity: 'warn', message: `${what} in a public reply: move it to a private message`, range });
    const scan = (re: RegExp | undefined, what: string) => {
      if (!re) return;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (!m[0]) {
          re.lastIndex++;
          continue;
        }
        privateHint(what, [m.index, m.index + m[0].length]);
      }
    };
    if (guide.privateData.emails) scan(EMAIL_RE, 'An e-mail address');
    if (c.order) scan(c.order, 'An order number');
    if (guide.privateData.phones) {
      PHONE_RE.lastIndex = 0;
      for (let m = PHONE_RE.exec(text); m; m = PHONE_RE.exec(text)) {
        const digits = m[0].replace(/\D/g, '').length;
        const covered = hints.some((h) => h.rule === 'private-data' && h.range && m && h.range[0] <= m.index && h.range[1] >= m.index + 1);
        if (digits >= 9 && digits <= 15 && !covered) privateHint('A phone number', [m.index, m.index + m[0].length]);
      }
    }
    for (const w of c.privateWords) {
      for (const m of wholeWords(w.re, folded)) privateHint(`"${w.phrase}"`, original(m.index, m.index + m[0].length));
    }
  }

  if (
    guide.privateOffer !== false &&
    context.publicReply &&
    context.itemSentiment !== undefined &&
    context.itemSentiment <= NEGATIVE_SENTIMENT_MAX &&
    !privateChannelRes().some((re) => !wholeWords(re, folded).next().done)
  ) {
    const end = text.trimEnd().length;
    hints.push({
      rule: 'private-offer',
      severity: 'warn',
      message: 'The customer is unhappy: offer a private channel',
      range: [end, end],
      suggestion: OFFER[lang],
    });
  }
  return hints;
}
