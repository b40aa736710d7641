// Satisfaction signal: after the brand answered, how the customer's next message reads. Thanks and
// "works now" count as resolved positively; "still", "again", "not fixed" or a clearly negative
// message as still negative. Pure: the background reads the items and hands them in.
import { foldAccents } from '@/utils/keyword-match';
import type { SatisfactionOutcome } from '@/utils/schema';
import { NEGATIVE_SENTIMENT_MAX, type Platform } from '@/utils/schema-core';
import { scoreSentiment, sentimentLabel } from '@/utils/sentiment';

/** How long after the brand reply the customer's next message still counts as its follow-up. */
export const FOLLOW_UP_DAYS = 7;
const DAY_MS = 86_400_000;
/** A follow-up reads from its first lines; a hostile megabyte costs no more than this. */
const MAX_CHARS = 1000;

// Matched on lower-case, accent-folded text; `\b` is ASCII-only, so boundaries are spelled out.
const W = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const words = (list: readonly string[]) => new RegExp(`${W}(?:${list.join('|')})${E}`, 'u');

/** Gratitude and "it works" in en/fr/es/de, and the emoji people thank with. */
const THANKS = words([
  'thanks?',
  'thank you',
  'thx',
  'ty',
  'tysm',
  'cheers',
  'appreciated?',
  'perfect',
  'works now',
  'working now',
  'sorted',
  'solved',
  'fixed',
  'resolved',
  'all good',
  'merci',
  'parfait',
  'ca marche',
  'ca fonctionne',
  'c est regle',
  'gracias',
  'perfecto',
  'ya funciona',
  'solucionado',
  'danke',
  'vielen dank',
  'perfekt',
  'klappt',
  'funktioniert jetzt',
  'geht wieder',
]);
const THANKS_EMOJI = /🙏|❤️|❤|👍|🥰|😊|🙌|💯|✅/u;

/** Still unhappy, whatever else the message says. */
const STILL_NEGATIVE = words([
  'still',
  'nothing',
  'again',
  'not (?:yet )?(?:fixed|sorted|solved|resolved|working)',
  "(?:isn't|isnt|hasn't|hasnt|wasn't|wasnt|doesn't|doesnt|didn't|didnt|does not|did not|is not|has not) (?:fixed|sorted|solved|resolved|work(?:ing)?|help(?:ed)?)",
  'no luck',
  'same (?:problem|issue|error)',
  'toujours',
  'encore',
  'rien',
  'ne (?:marche|fonctionne) (?:toujours )?pas',
  'pas (?:regle|resolu|repare)',
  'todavia',
  'sigue',
  'nada',
  'otra vez',
  'de nuevo',
  'no funciona',
  'immer noch',
  'noch nicht',
  'nichts',
  'wieder nicht',
  'schon wieder',
  '(?:funktioniert|klappt|geht) (?:immer noch )?nicht',
]);
const NEGATIVE_EMOJI = /👎|😡|🤬|🙄|🙃/u;

/** Where "again", "encore", "nothing else" are polite, not a complaint: dropped before the checks. */
const POLITE = words([
  'thanks? (?:you )?again',
  'merci encore',
  'encore merci',
  'gracias de nuevo',
  'danke nochmal',
  'nothing else',
  'rien d autre',
  'nada mas',
  'sonst nichts',
]);
/** A refusal, not gratitude for a fix: "no thanks", "non merci", "no gracias", "nein danke". */
const DECLINE = words(['no,? thanks?(?: you)?', 'non,? merci', 'no,? gracias', 'nein,? danke']);
/** Praise that opens a fresh complaint is sarcasm: "great, another delay", "perfect. yet another email". */
const SARCASM = new RegExp(
  `${W}(?:great|nice|perfect|wonderful|awesome|brilliant|fantastic|lovely|super|genial|toll|parfait)${E}[\\s,.!…]+(?:yet |une |un |otra |otro |noch )?(?:another|more|autre|nouvel(?:le)?|mas|eine weitere|ein weiterer)${E}`,
  'u',
);

const normalized = (text: string) =>
  foldAccents(text.slice(0, MAX_CHARS))
    .toLowerCase()
    .replace(/[’'`]/g, "'")
    // French elisions read as words: "c'est" → "c est".
    .replace(/(?<=[\p{L}])'(?=[\p{L}])(?!t)/gu, ' ')
    .replace(/\s+/g, ' ');

/**
 * How a customer's message after a brand reply reads. Still-negative cues win over thanks ("thanks
 * but it's still broken", "thanks for nothing") and sarcasm are negative; a plain refusal ("no
 * thanks") is neutral; then a sentiment below −0.3 is negative, thanks or a positive sentiment
 * positive, the rest neutral. `sentiment` is the stored score when there is one (scored from `text` otherwise).
 */
export function classifyFollowUp(text: string, language?: string, sentiment?: number): SatisfactionOutcome {
  const plain = normalized(text).replace(new RegExp(POLITE.source, 'gu'), ' ');
  if (STILL_NEGATIVE.test(plain) || NEGATIVE_EMOJI.test(plain) || SARCASM.test(plain)) return 'negative';
  // The scorer reads "no thanks" as negated thanks: a refusal says nothing about the answer.
  if (DECLINE.test(plain)) return 'neutral';
  const score = sentiment ?? scoreSentiment(text.slice(0, MAX_CHARS), language);
  if (score < NEGATIVE_SENTIMENT_MAX) return 'negative';
  if (THANKS.test(plain) || THANKS_EMOJI.test(plain)) return 'positive';
  return sentimentLabel(score) === 'positive' ? 'positive' : 'neutral';
}

/** What the rate needs of an item (an ItemRecord fits). */
export interface SatisfactionItem {
  platform: Platform;
  externalId: string;
  kind: string;
  customerKey?: string;
  postedAt: string;
  answeredAt?: string;
  answeredBy?: string;
  outcome?: SatisfactionOutcome;
  text?: string;
  language?: string;
  sentiment?: number;
}

export interface SatisfactionRow {
  /** The platform, or the agent name (`null`: answered before an agent name was set, or by hand). */
  platform?: Platform;
  agent?: string | null;
  /** Items the brand answered in the period. */
  answered: number;
  positive: number;
  negative: number;
  neutral: number;
  /** No follow-up within FOLLOW_UP_DAYS of the reply: not counted in the rate. */
  noReply: number;
  /** No follow-up yet, and the FOLLOW_UP_DAYS window is still open: not counted in the rate. */
  waiting: number;
  /** positive / (positive + negative + neutral); null with no follow-up to judge. */
  rate: number | null;
}

export interface SatisfactionReport {
  total: SatisfactionRow;
  byPlatform: SatisfactionRow[];
  byAgent: SatisfactionRow[];
}

export type ItemVerdict = SatisfactionOutcome | 'no-reply' | 'waiting';

/**
 * The customer's follow-up to an answered item: their first message on the same platform posted
 * after the brand reply and within FOLLOW_UP_DAYS of it. A DM's follow-up is the next DM of that
 * person (their DM thread); a public item's, their next public comment, reply or mention.
 */
export function followUpOf(item: SatisfactionItem, sameCustomer: readonly SatisfactionItem[]): SatisfactionItem | undefined {
  if (!item.answeredAt) return undefined;
  const after = Date.parse(item.answeredAt);
  const until = after + FOLLOW_UP_DAYS * DAY_MS;
  const isDm = item.kind === 'dm';
  let next: SatisfactionItem | undefined;
  for (const other of sameCustomer) {
    if (other.externalId === item.externalId || other.platform !== item.platform || (other.kind === 'dm') !== isDm) continue;
    const at = Date.parse(other.postedAt);
    if (at > after && at <= until && (!next || at < Date.parse(next.postedAt))) next = other;
  }
  return next;
}

/** An answered item's verdict: the manual outcome when set, else its follow-up's reading. */
export function verdictOf(item: SatisfactionItem, sameCustomer: readonly SatisfactionItem[], now: number): ItemVerdict {
  if (item.outcome) return item.outcome;
  const next = followUpOf(item, sameCustomer);
  if (next) return classifyFollowUp(next.text ?? '', next.language, next.sentiment);
  const windowEnd = Date.parse(item.answeredAt ?? item.postedAt) + FOLLOW_UP_DAYS * DAY_MS;
  return windowEnd <= now ? 'no-reply' : 'waiting';
}

const emptyRow = (): Omit<SatisfactionRow, 'platform' | 'agent'> => ({
  answered: 0,
  positive: 0,
  negative: 0,
  neutral: 0,
  noReply: 0,
  waiting: 0,
  rate: null,
});

const VERDICT_FIELD: Record<ItemVerdict, 'positive' | 'negative' | 'neutral' | 'noReply' | 'waiting'> = {
  positive: 'positive',
  negative: 'negative',
  neutral: 'neutral',
  'no-reply': 'noReply',
  waiting: 'waiting',
};

/**
 * "Resolved positively" over the items the brand answered in [from, to) (by `answeredAt`):
 *   rate = positive / (positive + negative + neutral)
 * where each answered item counts once, by its manual outcome when the user tagged one, else by the
 * reading of the customer's follow-up (followUpOf). Items without a follow-up are not in the rate:
 * `noReply` once FOLLOW_UP_DAYS have passed since the reply, `waiting` before. Silence is reported,
 * never taken as satisfaction. `items` must hold the answered items and their customers' later
 * messages (the background reads them by postedAt around the period).
 */
export function satisfactionReport(items: readonly SatisfactionItem[], range: { from: Date; to: Date }, now: number): SatisfactionReport {
  const byCustomer = new Map<string, SatisfactionItem[]>();
  for (const item of items) {
    const key = `${item.platform}|${item.customerKey ?? ''}`;
    const list = byCustomer.get(key);
    if (list) list.push(item);
    else byCustomer.set(key, [item]);
  }
  const [from, to] = [range.from.getTime(), range.to.getTime()];
  const total = emptyRow();
  const platforms = new Map<Platform, SatisfactionRow>();
  const agents = new Map<string | null, SatisfactionRow>();
  for (const item of items) {
    const answeredAt = item.answeredAt ? Date.parse(item.answeredAt) : Number.NaN;
    if (!(answeredAt >= from && answeredAt < to)) continue;
    const sameCustomer = item.customerKey ? (byCustomer.get(`${item.platform}|${item.customerKey}`) ?? []) : [];
    const field = VERDICT_FIELD[verdictOf(item, sameCustomer, now)];
    const agent = item.answeredBy ?? null;
    const platformRow = platforms.get(item.platform) ?? { platform: item.platform, ...emptyRow() };
    const agentRow = agents.get(agent) ?? { agent, ...emptyRow() };
    platforms.set(item.platform, platformRow);
    agents.set(agent, agentRow);
    for (const row of [total, platformRow, agentRow]) {
      row.answered++;
      row[field]++;
    }
  }
  const withRate = <R extends Omit<SatisfactionRow, 'platform' | 'agent'>>(row: R): R => {
    const judged = row.positive + row.negative + row.neutral;
    return { ...row, rate: judged ? row.positive / judged : null };
  };
  return {
    total: withRate(total),
    byPlatform: [...platforms.values()].map(withRate).sort((a, b) => b.answered - a.answered),
    byAgent: [...agents.values()].map(withRate).sort((a, b) => b.answered - a.answered),
  };
}

/** At most this many items are read for a report: a huge backlog must not stall the worker. */
export const SATISFACTION_ITEMS_CAP = 50_000;

/** Answered items posted this long before the period still count when the answer falls in it. */
export const SATISFACTION_LOOKBACK_DAYS = 60;

/**
 * The postedAt bounds to read for a period: its answered items (posted up to the lookback before
 * it) and their follow-ups (up to FOLLOW_UP_DAYS after it). A day more each side covers postedAt
 * strings written with a UTC offset, which sort by their local digits.
 */
export function satisfactionReadBounds(range: { from: Date; to: Date }): [string, string] {
  return [
    new Date(range.from.getTime() - (SATISFACTION_LOOKBACK_DAYS + 1) * DAY_MS).toISOString(),
    new Date(range.to.getTime() + (FOLLOW_UP_DAYS + 1) * DAY_MS).toISOString(),
  ];
}
