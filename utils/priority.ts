// Item priority: rules on the customer's words and a negative tone raise it on capture, before the
// SLA policy is matched (policies can match on priority); a priority set by hand is never changed.
import { type ItemView, loadSlaContext, stripUndefined, toView, withDeadlines } from '@/utils/backlog';
import type { ItemRecord, ReplylineDb } from '@/utils/db';
import { compileRuleMatch, ruleMatches } from '@/utils/keyword-match';
import type { Priority, PriorityRule, Settings } from '@/utils/schema';
import { NEGATIVE_SENTIMENT_MAX, type Platform } from '@/utils/schema-core';
import { scoreSentiment } from '@/utils/sentiment';

/** Used while the user has not saved rules of their own. */
export const DEFAULT_PRIORITY_RULES: readonly PriorityRule[] = [
  { id: 'refund', name: 'Refund', match: 'refund*', priority: 'high' },
  { id: 'cancel', name: 'Cancellation', match: 'cancel*', priority: 'high' },
  { id: 'broken', name: 'Something broken', match: 'broken', priority: 'high' },
  { id: 'legal', name: 'Legal threat', match: 'lawyer*, attorney*, legal action, sue, suing', priority: 'urgent' },
  // "down" alone would also catch "write it down": only the phrases that mean a service is down.
  { id: 'outage', name: 'Outage', match: 'outage*, is down, was down, are down, went down, still down', priority: 'high' },
];

export const DEFAULT_NEGATIVE_PRIORITY: Priority = 'high';

const RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
const higher = (a: Priority | undefined, b: Priority) => (a && RANK[a] >= RANK[b] ? a : b);

export interface PriorityRules {
  rules: { regex: RegExp; priority: Priority }[];
  negative: Priority;
}

type PrioritySettings = Pick<Settings, 'priorityRules' | 'negativeSentimentPriority'>;

/** Saved rules were validated; a rule that still fails to compile is skipped rather than stopping capture. */
export function compilePriorityRules(settings: PrioritySettings): PriorityRules {
  const rules = (settings.priorityRules ?? DEFAULT_PRIORITY_RULES).flatMap((rule) => {
    if (rule.enabled === false) return [];
    try {
      return [{ regex: compileRuleMatch(rule.match), priority: rule.priority }];
    } catch {
      return [];
    }
  });
  return { rules, negative: settings.negativeSentimentPriority ?? DEFAULT_NEGATIVE_PRIORITY };
}

export async function loadPriorityRules(db: ReplylineDb): Promise<PriorityRules> {
  const [rules, negative] = await db.settings.bulkGet(['priorityRules', 'negativeSentimentPriority']);
  return compilePriorityRules({
    priorityRules: rules?.value as PriorityRule[] | undefined,
    negativeSentimentPriority: negative?.value as Priority | undefined,
  });
}

/** The highest priority any enabled rule or the sentiment gives; undefined (normal) when none applies. */
export function priorityFor(rules: PriorityRules, text: string | undefined, sentiment: number | undefined): Priority | undefined {
  let result: Priority | undefined;
  if (sentiment !== undefined && sentiment <= NEGATIVE_SENTIMENT_MAX) result = rules.negative;
  if (text) for (const rule of rules.rules) if (ruleMatches(rule.regex, text)) result = higher(result, rule.priority);
  return result;
}

/**
 * The record with its message's sentiment (scored again only when the text changed since `previous`)
 * and the priority the rules and that sentiment give, unless the user set one by hand.
 */
export function withPriority(record: ItemRecord, rules: PriorityRules, previous?: Pick<ItemRecord, 'text'>): ItemRecord {
  const rescore = record.text !== undefined && (record.sentiment === undefined || record.text !== previous?.text);
  const sentiment = rescore && record.text !== undefined ? scoreSentiment(record.text, record.language) : record.sentiment;
  const scored = { ...record, sentiment };
  if (record.priorityManual) return scored;
  return { ...scored, priority: priorityFor(rules, record.text, sentiment) };
}

/** Set by hand: kept from now on, and the SLA policy that fits the new priority applies. */
export async function setItemPriority(
  db: ReplylineDb,
  key: { platform: Platform; externalId: string },
  priority: Priority,
): Promise<ItemView> {
  return db.transaction('rw', db.items, db.slaPolicies, db.businessHours, async () => {
    const item = await db.items.get([key.platform, key.externalId]);
    if (!item) throw new Error(`No item ${key.platform}:${key.externalId}`);
    const manual: ItemRecord = { ...item, priority, priorityManual: true };
    // A snoozed clock is paused with the time it had left; it resumes under the policy that fits then.
    const next = stripUndefined(item.status === 'snoozed' ? manual : withDeadlines(manual, await loadSlaContext(db)));
    await db.items.put(next);
    return toView(next);
  });
}
