// Reply length limits per platform, counted the way each site counts, so the palette can say
// "312 / 280" before the site itself refuses to send.
import { lazyValue } from '@/utils/lazy-value';
import { PLATFORM_NAMES, type Platform } from '@/utils/schema-core';

export const REPLY_LIMITS: Record<Platform, { max: number; unit: string }> = {
  x: { max: 280, unit: 'weighted characters' },
  facebook: { max: 8000, unit: 'characters' },
  instagram: { max: 2200, unit: 'characters' },
  // Comments; LinkedIn messages allow more, but a comment is the tighter, more common case.
  linkedin: { max: 1250, unit: 'characters' },
};

// Characters as the user sees them: one per grapheme cluster ("👨‍👩‍👧" is one). Without
// Intl.Segmenter (old browsers) we fall back to code points, which over-counts such sequences.
// Made on first use: creating one loads its break rules, ~12 ms in Node, too much for a content
// script's start.
const segmenter = lazyValue(() =>
  typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null,
);
const graphemes = (text: string): string[] => {
  const s = segmenter();
  return s ? Array.from(s.segment(text), (g) => g.segment) : Array.from(text);
};

// URLs as X sees them: with an http(s) scheme and any alphabetic TLD, or bare (`northwind.co/help`)
// with a common generic TLD or a two-letter country code, so "file.txt" is not a URL. Not after
// `@`, a word character, `.` or `-` (emails and the middle of words). A path must end on a
// character that is not trailing punctuation ("see x.co/a." or "tried x.co?" count the final mark
// as text). Labels are bounded and separated by a literal dot and the path has one `\S*`: no
// nested ambiguous quantifiers, so matching cannot backtrack catastrophically. A typo such as
// "Thanks.We" reads as a bare domain (".we" looks like a country code); X has a TLD list, we don't.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const PATH = '(?::\\d{1,5})?(?:[/?#]\\S*[^\\s.,;:!?()\'"\\]’”]|/)?';
const URL_RE = new RegExp(
  `(?<![\\w@.-])(?:https?://(?:${LABEL}\\.)+[a-z]{2,24}|(?:${LABEL}\\.)+(?:com|net|org|edu|gov|info|biz|app|dev|shop|store|help|[a-z]{2}))(?![\\w-])${PATH}`,
  'giu',
);

/** Every URL counts as this many, whatever its length (X shortens it to a t.co link). */
export const X_URL_LENGTH = 23;

// twitter-text v3: these code points weigh 1 (Latin, Greek, Cyrillic, Hebrew, Arabic… and
// common punctuation); everything else (CJK, most symbols) weighs 2.
const LIGHT: readonly [number, number][] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];
const codePointWeight = (cp: number) => (LIGHT.some(([a, b]) => cp >= a && cp <= b) ? 1 : 2);
// An emoji sequence (ZWJ family, skin tone, flag, keycap "1️⃣") counts 2 however many code points it has.
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** ASCII without CR (CRLF is one grapheme): no grapheme of more than one code unit, none heavier than 1. */
function isPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f || c === 0x0d) return false;
  }
  return true;
}

function weighText(text: string): number {
  // Most replies are plain ASCII: no segmenter to create nor emoji pattern to compile on the way to
  // the first insertion (they were most of the first Tab's 6 ms in the bench's profile).
  if (isPlain(text)) return text.length;
  let n = 0;
  for (const g of graphemes(text)) {
    if (EMOJI.test(g)) n += 2;
    else for (const ch of g) n += codePointWeight(ch.codePointAt(0) ?? 0);
  }
  return n;
}

/** X's weighted length (twitter-text v3): NFC first, URLs 23, emoji 2, other code points 1 or 2. */
export function weightedLength(text: string): number {
  const nfc = text.normalize('NFC');
  let n = 0;
  let last = 0;
  for (const m of nfc.matchAll(URL_RE)) {
    n += weighText(nfc.slice(last, m.index)) + X_URL_LENGTH;
    last = m.index + m[0].length;
  }
  return n + weighText(nfc.slice(last));
}

export interface ReplyLength {
  length: number;
  max: number;
  over: boolean;
}

export function replyLength(platform: Platform, text: string): ReplyLength {
  const { max } = REPLY_LIMITS[platform];
  const length = platform === 'x' ? weightedLength(text) : isPlain(text) ? text.length : graphemes(text).length;
  return { length, max, over: length > max };
}

/** The confirmation asked before inserting an over-long reply; `key` is what inserts it anyway. */
export const overLimitWarning = (platform: Platform, r: ReplyLength, key: 'Tab' | 'Enter') =>
  `This reply is ${r.length} / ${r.max} characters on ${PLATFORM_NAMES[platform]}: press ${key} again to insert it anyway`;
