// The part of the domain schema content scripts need: platforms, caps, weekdays, the item an adapter
// extracts and its key. Apart from utils/schema.ts because a bundle that imports a module evaluates every
// schema in it (the bundler keeps each `.check()` call, used or not): content scripts built all of
// utils/schema.ts's schemas as they started.
import * as z from 'zod/mini';
import { lazyValue } from '@/utils/lazy-value';

// zod's JIT compiles validators with `new Function`, which the MV3 extension CSP forbids.
z.config({ jitless: true });

export const PLATFORMS = ['x', 'facebook', 'instagram', 'linkedin'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;
export const PLATFORM_NAMES: Record<Platform, string> = { x: 'X', facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn' };

export const KINDS = ['comment', 'reply', 'mention', 'dm'] as const;
export const kindSchema = z.enum(KINDS);
export type ItemKind = z.infer<typeof kindSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** Caps on page-derived strings: page content is hostile and may be megabytes long. */
export const LIMITS = {
  text: 5000,
  name: 200,
  handle: 120,
  url: 2048,
  externalId: 200,
  templateBody: 10000,
  shortcut: 40,
} as const;

/**
 * The item schemas and the field helpers utils/schema.ts builds on, built on first use (the first
 * read slice, not the content script's start: constructing zod schemas, each `.check()` a clone,
 * was a few ms of that ~27 ms task).
 */
export const itemSchemas = lazyValue(() => {
  const isoDate = z.iso.datetime({ offset: true });
  const httpsUrl = z.url({ protocol: /^https$/ }).check(z.maxLength(LIMITS.url));
  const str = (max: number) => z.string().check(z.maxLength(max));
  const nonEmpty = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

  const authorSchema = z.object({
    handle: z.optional(str(LIMITS.handle)),
    name: nonEmpty(LIMITS.name),
    profileUrl: z.optional(httpsUrl),
  });

  /** What the page says about an item, wherever it is read from. */
  const pageFields = {
    platform: platformSchema,
    kind: kindSchema,
    permalink: z.optional(httpsUrl),
    author: authorSchema,
    text: z.optional(str(LIMITS.text)),
    postedAt: isoDate,
    postedAtApproximate: z.optional(z.boolean()),
    /** The customer's language when the page says (X marks tweet text with `lang`): picks a template variant. */
    language: z.optional(z.string().check(z.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/))),
  };

  /** What an adapter extracts from one item on the page. */
  const capturedItemSchema = z.object({
    ...pageFields,
    // Ids come from hostile pages: only the characters the four platforms' ids use (LinkedIn message
    // urns carry a comma and base64: `urn:li:msg_message:(urn:li:fsd_profile:ACo…,2-MTc…==)`).
    externalId: z.string().check(z.regex(/^[\w:.$(),=+/-]{1,200}$/)),
    /** true when the brand's own account wrote it: never pending. */
    byBrand: z.boolean(),
    /** For brand replies: the externalId of the customer item they answer. */
    answersExternalId: z.optional(z.string().check(z.maxLength(LIMITS.externalId))),
  });
  return { isoDate, httpsUrl, str, nonEmpty, authorSchema, pageFields, capturedItemSchema };
});
export const capturedItemSchema = () => itemSchemas().capturedItemSchema;
export type Author = z.infer<ReturnType<typeof itemSchemas>['authorSchema']>;
export type CapturedItem = z.infer<ReturnType<typeof capturedItemSchema>>;

/** A negative `sentiment`: at or below it priority rises, private-message templates rank first and the reply guard asks for a private channel. */
export const NEGATIVE_SENTIMENT_MAX = -0.3;

export type ItemKey = `${Platform}:${string}`;
export const itemKey = (item: { platform: Platform; externalId: string }): ItemKey => `${item.platform}:${item.externalId}`;
