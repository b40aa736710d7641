// Domain types for Replyline. Every value that crosses a boundary (page → content script,
// content script → background, file → import) is parsed with one of these schemas.
// zod/mini keeps the always-on content script small (≈6 kB gz against ≈27 kB for classic zod).
import * as z from 'zod/mini';
import { ruleMatchProblem } from '@/utils/keyword-match';
import { itemSchemas, kindSchema, LIMITS, platformSchema, WEEKDAYS } from '@/utils/schema-core';

const { httpsUrl, isoDate, nonEmpty, pageFields, str } = itemSchemas();

export const STATUSES = ['pending', 'answered', 'resolved', 'snoozed', 'ignored'] as const;
export const statusSchema = z.enum(STATUSES);
export type ItemStatus = z.infer<typeof statusSchema>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

/** How a customer took the brand's answer (utils/satisfaction.ts). */
export const SATISFACTION_OUTCOMES = ['positive', 'negative', 'neutral'] as const;
export type SatisfactionOutcome = (typeof SATISFACTION_OUTCOMES)[number];

export const itemSchema = z.object({
  ...pageFields,
  externalId: nonEmpty(LIMITS.externalId),
  capturedAt: isoDate,
  status: statusSchema,
  firstResponseDueAt: z.optional(isoDate),
  answeredAt: z.optional(isoDate),
  resolvedAt: z.optional(isoDate),
  priority: z.optional(prioritySchema),
  /** `next` when the customer wrote again after a brand reply: the policy's next-response target applies. */
  responseTarget: z.optional(z.enum(['first', 'next'])),
  resolutionDueAt: z.optional(isoDate),
  /** While snoozed, the clocks are paused from `snoozedAt` and resume at `snoozedUntil` or on a new customer message. */
  snoozedAt: z.optional(isoDate),
  snoozedUntil: z.optional(isoDate),
  sentiment: z.optional(z.number().check(z.minimum(-1), z.maximum(1))),
  tags: z.optional(z.array(str(60)).check(z.maxLength(50))),
  /** Set by the user: priority rules never change it again. */
  priorityManual: z.optional(z.literal(true)),
  /** The agent name (options → You) when the brand reply was captured: satisfaction per agent. */
  answeredBy: z.optional(str(LIMITS.name)),
  /** The outcome the user tagged by hand; it wins over the reading of the customer's follow-up (utils/satisfaction.ts). */
  outcome: z.optional(z.enum(SATISFACTION_OUTCOMES)),
});
export type Item = z.infer<typeof itemSchema>;

export const accountSchema = z.object({
  platform: platformSchema,
  handle: nonEmpty(LIMITS.handle),
  displayName: z.optional(str(LIMITS.name)),
});
export type Account = z.infer<typeof accountSchema>;

export const templateSchema = z.object({
  id: nonEmpty(100),
  name: nonEmpty(LIMITS.name),
  shortcut: z.string().check(z.regex(/^[^\s]{2,40}$/, 'a shortcut is 2–40 characters without spaces')),
  body: nonEmpty(LIMITS.templateBody),
  platforms: z.optional(z.array(platformSchema)),
  /** The language of `body`; `variants` hold the same reply in others, chosen by the customer's language. */
  locale: z.optional(str(35)),
  variants: z.optional(z.array(z.object({ locale: nonEmpty(35), body: nonEmpty(LIMITS.templateBody) })).check(z.maxLength(20))),
  tags: z.optional(z.array(nonEmpty(40)).check(z.maxLength(20))),
  /** Brand handles this template is for (agencies with several brands); none means every account. */
  accounts: z.optional(z.array(nonEmpty(LIMITS.handle)).check(z.maxLength(50))),
  usageCount: z.optional(z.number().check(z.int(), z.minimum(0))),
  lastUsedAt: z.optional(isoDate),
});
export type Template = z.infer<typeof templateSchema>;

export const slaPolicySchema = z.object({
  id: nonEmpty(100),
  name: nonEmpty(LIMITS.name),
  order: z.number(),
  match: z.object({
    platforms: z.optional(z.array(platformSchema)),
    kinds: z.optional(z.array(kindSchema)),
    priorities: z.optional(z.array(prioritySchema)),
  }),
  firstResponseMinutes: z.number().check(z.positive(), z.maximum(525600)),
  nextResponseMinutes: z.optional(z.number().check(z.positive(), z.maximum(525600))),
  resolutionMinutes: z.optional(z.number().check(z.positive(), z.maximum(525600))),
  dueSoonPercent: z.number().check(z.minimum(1), z.maximum(99)),
  businessHoursId: z.optional(nonEmpty(100)),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/** "09:00"; "24:00" only as an interval's end (open until midnight). */
const wallTime = z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is HH:MM, 00:00–24:00'));
const localDate = z.string().check(z.regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'a date is YYYY-MM-DD'));

export const businessIntervalSchema = z
  .object({ start: wallTime, end: wallTime })
  .check(z.refine((i) => i.start < i.end && i.start !== '24:00', { message: 'an interval ends after it starts', path: ['end'] }));
export type BusinessInterval = z.infer<typeof businessIntervalSchema>;

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/**
 * A business calendar. The deadline walks only open time: the weekday intervals in `timezone`
 * (UTC when absent), minus holidays (whole local days; `recurring` ones every year on that month and
 * day) and one-off closures (absolute instants). Several intervals per day; they must not overlap.
 * A day left out is closed; a record without `week` is open around the clock. Every field but `id`
 * is optional and unknown fields are kept, so a file from another tool imports without loss.
 */
export const businessHoursSchema = z.looseObject({
  id: nonEmpty(100),
  name: z.optional(str(LIMITS.name)),
  timezone: z.optional(z.string().check(z.refine(isTimeZone, 'an IANA time zone such as Europe/Paris'))),
  week: z.optional(
    z.object(
      Object.fromEntries(WEEKDAYS.map((d) => [d, z.optional(z.array(businessIntervalSchema).check(z.maxLength(12)))])) as Record<
        Weekday,
        z.ZodMiniOptional<z.ZodMiniArray<typeof businessIntervalSchema>>
      >,
    ),
  ),
  holidays: z.optional(
    z.array(z.object({ date: localDate, name: z.optional(str(LIMITS.name)), recurring: z.optional(z.boolean()) })).check(z.maxLength(500)),
  ),
  closures: z.optional(z.array(z.object({ start: isoDate, end: isoDate, reason: z.optional(str(LIMITS.name)) })).check(z.maxLength(500))),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** One platform identity of a person: what items attach to automatically (by `identityKeyOf`). */
export const identitySchema = z.object({
  platform: platformSchema,
  handle: z.optional(str(LIMITS.handle)),
  name: nonEmpty(LIMITS.name),
  profileUrl: z.optional(httpsUrl),
  /** The website the person's profile links to, when a page shows it: a signal for link suggestions. */
  site: z.optional(httpsUrl),
});
export type Identity = z.infer<typeof identitySchema>;

/**
 * A person, with identities on one or more platforms. Identities are linked across platforms only
 * when the user confirms a suggestion, never automatically. Unknown fields are kept (contract C4).
 */
export const customerSchema = z.looseObject({
  id: nonEmpty(100),
  name: z.optional(str(LIMITS.name)),
  identities: z.optional(z.array(identitySchema).check(z.maxLength(50))),
  tags: z.optional(z.array(nonEmpty(60)).check(z.maxLength(50))),
  createdAt: z.optional(isoDate),
  /** Customer ids the user said are someone else: never suggested again. */
  notSame: z.optional(z.array(nonEmpty(100)).check(z.maxLength(500))),
});
export type Customer = z.infer<typeof customerSchema>;

export const noteSchema = z.looseObject({
  id: nonEmpty(100),
  customerId: z.optional(nonEmpty(100)),
  body: z.optional(str(LIMITS.text)),
  createdAt: z.optional(isoDate),
  updatedAt: z.optional(isoDate),
});
export type Note = z.infer<typeof noteSchema>;

export const SLA_METRICS = ['first-response', 'next-response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** A missed target: at most one per customer message and metric, so `id` is `<metric>|<platform>|<externalId>`. */
export const slaEventSchema = z.object({
  id: nonEmpty(400),
  platform: platformSchema,
  externalId: nonEmpty(LIMITS.externalId),
  metric: z.enum(SLA_METRICS),
  dueAt: isoDate,
  /** When the miss was seen: the due time, or later when the item was captured late. */
  at: isoDate,
  policyId: z.optional(nonEmpty(100)),
});
export type SlaEvent = z.infer<typeof slaEventSchema>;

export const HISTORY_TYPES = ['captured', 'status', 'answered', 'snoozed', 'woke', 'reopened'] as const;
/** One state change of an item, for its history. */
export const historyEntrySchema = z.object({
  id: nonEmpty(100),
  platform: platformSchema,
  externalId: nonEmpty(LIMITS.externalId),
  at: isoDate,
  type: z.enum(HISTORY_TYPES),
  from: z.optional(statusSchema),
  to: z.optional(statusSchema),
  note: z.optional(str(300)),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const localTime = z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM'));
export const alertSettingsSchema = z.object({
  enabled: z.boolean(),
  /** A desktop notification this many minutes before a reply is due (0: none). */
  beforeMinutes: z.number().check(z.int(), z.minimum(0), z.maximum(1440)),
  atBreach: z.boolean(),
  /** No notifications between these local times (the browser's time zone); held ones come grouped after. */
  quietStart: z.optional(localTime),
  quietEnd: z.optional(localTime),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;
export const DEFAULT_ALERTS: AlertSettings = { enabled: true, beforeMinutes: 10, atBreach: true };

/** Sets an item's priority on capture when its text matches `match` (see utils/keyword-match.ts). */
export const priorityRuleSchema = z.object({
  id: nonEmpty(100),
  name: z.optional(str(LIMITS.name)),
  match: z.string().check(
    z.superRefine((match, ctx) => {
      const problem = ruleMatchProblem(match);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: match });
    }),
  ),
  priority: prioritySchema,
  enabled: z.optional(z.boolean()),
});
export type PriorityRule = z.infer<typeof priorityRuleSchema>;

/**
 * Opens the customer history panel on the page. Not Ctrl+Shift+K (Firefox's web console) nor H (its
 * history library), U (Unicode entry on Linux), Ctrl+K (LinkedIn's link); L is free in Chrome, Firefox and the four sites.
 */
export const DEFAULT_SIDEBAR_SHORTCUT = 'Ctrl+Shift+L';

const retentionDays = z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(36500)));
/** What the background keeps: message text older than `textDays` is dropped (timing stays for the metrics); handled items older than `itemDays` are deleted. */
export const retentionSchema = z.object({ textDays: retentionDays, itemDays: retentionDays });
export type RetentionSettings = z.infer<typeof retentionSchema>;

/** A phrase the brand avoids, with what to say instead (utils/voice-guard.ts). */
export const voicePhraseSchema = z.object({ phrase: nonEmpty(100), alternative: z.optional(str(200)) });
/** `limited`: at most `max` emoji per reply on that platform. */
export const emojiRuleSchema = z.object({
  mode: z.enum(['none', 'limited', 'any']),
  max: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(50))),
});
const compiles = (source: string) => {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
};
/** A brand account's voice: what the reply guard checks drafts and template bodies against. */
export const voiceGuideSchema = z.object({
  greetByName: z.optional(z.boolean()),
  addressByName: z.optional(z.boolean()),
  signOff: z.optional(str(100)),
  banned: z.optional(z.array(voicePhraseSchema).check(z.maxLength(200))),
  discouraged: z.optional(z.array(voicePhraseSchema).check(z.maxLength(200))),
  emoji: z.optional(z.partialRecord(platformSchema, emojiRuleSchema)),
  maxExclamations: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(50))),
  /** ALL CAPS words longer than four letters (shorter ones are acronyms: FAQ, ASAP). */
  maxCapsWords: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(50))),
  privateData: z.optional(
    z.object({
      emails: z.boolean(),
      phones: z.boolean(),
      /** A regular expression for the brand's order numbers. */
      orderPattern: z.optional(z.string().check(z.maxLength(200), z.refine(compiles, 'not a valid regular expression'))),
      words: z.optional(z.array(nonEmpty(100)).check(z.maxLength(100))),
    }),
  ),
  /** A public reply to a negative item should offer a private channel. */
  privateOffer: z.optional(z.boolean()),
});
export type VoiceGuide = z.infer<typeof voiceGuideSchema>;

export const settingsSchema = z.looseObject({
  agentName: z.optional(str(LIMITS.name)),
  paletteShortcut: z.optional(str(40)),
  alerts: z.optional(alertSettingsSchema),
  /** Absent: the built-in rules (utils/priority.ts); an empty list turns them off. */
  priorityRules: z.optional(z.array(priorityRuleSchema).check(z.maxLength(100))),
  /** The priority of an item whose sentiment is −0.3 or lower (default high). */
  negativeSentimentPriority: z.optional(prioritySchema),
  retention: z.optional(retentionSchema),
  /** The customer history panel: which edge it opens on, and the in-page key that opens it. */
  sidebarSide: z.optional(z.enum(['left', 'right'])),
  sidebarShortcut: z.optional(str(40)),
  /** Brand voice guides keyed by brand handle (lower-case, no `@`), `*` for every account. */
  voice: z.optional(z.record(z.string().check(z.maxLength(LIMITS.handle)), voiceGuideSchema)),
  /** Brand listening (off unless enabled): posts on the sites' search pages matching a keyword become mentions. */
  listening: z.optional(
    z.object({
      enabled: z.boolean(),
      keywords: z
        .array(
          z.string().check(
            z.minLength(1),
            z.maxLength(100),
            z.refine((k) => !ruleMatchProblem(k), 'not a valid keyword'),
          ),
        )
        .check(z.maxLength(50)),
    }),
  ),
});
export type Settings = z.infer<typeof settingsSchema>;

export const EXPORT_FORMAT = 'replyline-export';
export const EXPORT_VERSION = 1;

export const exportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.optional(isoDate),
  settings: z.optional(settingsSchema),
  accounts: z.optional(z.array(accountSchema)),
  templates: z.optional(z.array(templateSchema)),
  slaPolicies: z.optional(z.array(slaPolicySchema)),
  businessHours: z.optional(z.array(businessHoursSchema)),
  items: z.optional(z.array(itemSchema)),
  customers: z.optional(z.array(customerSchema)),
  notes: z.optional(z.array(noteSchema)),
  slaEvents: z.optional(z.array(slaEventSchema)),
  history: z.optional(z.array(historyEntrySchema)),
});
export type ExportFile = z.infer<typeof exportFileSchema>;
