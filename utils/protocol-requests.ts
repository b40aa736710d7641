// The protocol's requests as runtime schemas: what the background validates on receipt, and who may
// send each. Apart from utils/protocol.ts (its types only) so content scripts, which only send, do not
// build ~40 schemas as they start: zod schema construction was 10 ms of their 27 ms evaluation task.
import * as z from 'zod/mini';
import { backlogQuerySchema } from '@/utils/backlog-filter';
import { healthReportSchema } from '@/utils/health';
import { METRICS_MAX_DAYS } from '@/utils/protocol';
import {
  accountSchema,
  businessHoursSchema,
  prioritySchema,
  SATISFACTION_OUTCOMES,
  settingsSchema,
  slaPolicySchema,
  statusSchema,
  templateSchema,
} from '@/utils/schema';
import { capturedItemSchema, LIMITS, platformSchema } from '@/utils/schema-core';

const keySchema = z.object({ platform: platformSchema, externalId: z.string().check(z.minLength(1), z.maxLength(200)) });
const recordIdSchema = z.string().check(z.minLength(1), z.maxLength(100));

/** A dashboard range [from, to); days and hours are local to `timeZone` (the browser's, sent by the page). */
const metricsRangeSchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    timeZone: businessHoursSchema.shape.timezone,
    platforms: z.optional(z.array(platformSchema).check(z.maxLength(4))),
  })
  .check(
    z.refine((r) => Date.parse(r.to) > Date.parse(r.from) && Date.parse(r.to) - Date.parse(r.from) <= METRICS_MAX_DAYS * 86_400_000, {
      message: `the range ends after it starts and spans at most ${METRICS_MAX_DAYS} days`,
      path: ['to'],
    }),
  );

/**
 * `content`: content scripts on the supported sites and extension pages may send it.
 * `extension`: only extension pages (popup, options): anything that changes settings or exports data.
 */
type Audience = 'content' | 'extension';

// Audit of the `content` entries (test/unit/protocol-fuzz.test.ts pins the list): each is what a
// content script must do on the page, and none lets a page change the user's settings or read the backlog.
export const requests = {
  // content: the page's items are the input; the background upserts them idempotently, by key.
  'items/capture': { audience: 'content', schema: z.object({ items: z.array(capturedItemSchema()).check(z.maxLength(500)) }) },
  // content: badges need the stored state of the items this page shows, and only those (by key).
  'items/get': { audience: 'content', schema: z.object({ keys: z.array(keySchema).check(z.maxLength(1000)) }) },
  'items/list-pending': {
    audience: 'extension',
    schema: z.object({
      limit: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
      offset: z.optional(z.number().check(z.int(), z.minimum(0))),
    }),
  },
  'items/set-status': {
    audience: 'extension',
    schema: z.object({ key: keySchema, status: statusSchema, snoozeUntil: z.optional(z.iso.datetime({ offset: true })) }),
  },
  'items/history': { audience: 'extension', schema: keySchema },
  'items/open': { audience: 'extension', schema: keySchema },
  // content: read-only; brand handles, agent name and templates are what insertion puts on the page anyway.
  'page/context': { audience: 'content', schema: z.object({ platform: platformSchema }) },
  'policies/list': { audience: 'extension', schema: z.object({}) },
  'policies/save': { audience: 'extension', schema: slaPolicySchema },
  'policies/delete': { audience: 'extension', schema: z.object({ id: z.string() }) },
  /** Ids in the new order: each gets its index as `order`, in one transaction. */
  'policies/reorder': {
    audience: 'extension',
    schema: z.object({ ids: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(200)) }),
  },
  'business-hours/list': { audience: 'extension', schema: z.object({}) },
  'business-hours/save': { audience: 'extension', schema: businessHoursSchema },
  'business-hours/delete': { audience: 'extension', schema: z.object({ id: z.string() }) },
  // content: diagnostics counted on the page; bounded counters, never exported.
  'health/report': { audience: 'content', schema: healthReportSchema() },
  'health/list': { audience: 'extension', schema: z.object({}) },
  'health/clear': { audience: 'extension', schema: z.object({}) },
  'accounts/list': { audience: 'extension', schema: z.object({}) },
  'accounts/save': { audience: 'extension', schema: accountSchema },
  'accounts/delete': { audience: 'extension', schema: z.object({ platform: platformSchema, handle: z.string() }) },
  // content: read-only, for the palette (the same templates page/context gives).
  'templates/list': { audience: 'content', schema: z.object({}) },
  'templates/save': { audience: 'extension', schema: templateSchema },
  'templates/delete': { audience: 'extension', schema: z.object({ id: z.string() }) },
  // content: insertion happens on the page; it only bumps a use count that ranks the palette.
  'templates/used': { audience: 'content', schema: z.object({ id: z.string().check(z.maxLength(100)) }) },
  'settings/get': { audience: 'extension', schema: z.object({}) },
  'settings/save': { audience: 'extension', schema: settingsSchema },
  'data/export': { audience: 'extension', schema: z.object({}) },
  'data/import': { audience: 'extension', schema: z.object({ file: z.unknown() }) },
  // --- customers, notes, priority (issue 6)
  /** One person, from one of their items or by id (the sidebar is an extension page). */
  'customers/profile': {
    audience: 'extension',
    schema: z
      .object({ item: z.optional(keySchema), customerId: z.optional(recordIdSchema) })
      .check(z.refine((r) => !!r.item || !!r.customerId, 'give an item or a customerId')),
  },
  'customers/list': {
    audience: 'extension',
    schema: z.object({
      query: z.optional(z.string().check(z.maxLength(200))),
      limit: z.number().check(z.int(), z.minimum(1), z.maximum(200)),
      offset: z.optional(z.number().check(z.int(), z.minimum(0))),
    }),
  },
  'customers/link': { audience: 'extension', schema: z.object({ customerId: recordIdSchema, otherId: recordIdSchema }) },
  'customers/unlink': {
    audience: 'extension',
    schema: z.object({ customerId: recordIdSchema, identityKey: z.string().check(z.minLength(1), z.maxLength(400)) }),
  },
  'customers/dismiss-suggestion': { audience: 'extension', schema: z.object({ customerId: recordIdSchema, otherId: recordIdSchema }) },
  'customers/save': {
    audience: 'extension',
    schema: z.object({
      id: recordIdSchema,
      name: z.optional(z.string().check(z.maxLength(LIMITS.name))),
      tags: z.optional(z.array(z.string().check(z.maxLength(60))).check(z.maxLength(50))),
    }),
  },
  'customers/erase': { audience: 'extension', schema: z.object({ customerId: recordIdSchema }) },
  'notes/save': {
    audience: 'extension',
    schema: z.object({
      id: z.optional(recordIdSchema),
      customerId: recordIdSchema,
      body: z.string().check(z.minLength(1), z.maxLength(LIMITS.text)),
    }),
  },
  'notes/delete': { audience: 'extension', schema: z.object({ id: recordIdSchema }) },
  'items/set-priority': { audience: 'extension', schema: z.object({ key: keySchema, priority: prioritySchema }) },
  // --- popup queries and counts (issue 7)
  /** A page of the backlog, most urgent first, filtered; `after` is the previous page's `next`. */
  'items/query': { audience: 'extension', schema: backlogQuerySchema },
  'items/counts': { audience: 'extension', schema: z.object({}) },
  // --- metrics dashboard (issue 7)
  /** Recurring complaint and question topics of items posted in [from, to), with the previous period's counts. */
  'insights/topics': {
    audience: 'extension',
    schema: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
  },
  /** "Resolved positively" rates of the items the brand answered in [from, to), per platform and agent (utils/satisfaction.ts). */
  'insights/satisfaction': {
    audience: 'extension',
    schema: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
  },
  /** The outcome tagged by hand (null clears it): it wins over the reading of the follow-up. */
  'items/set-outcome': { audience: 'extension', schema: z.object({ key: keySchema, outcome: z.nullable(z.enum(SATISFACTION_OUTCOMES)) }) },
  'metrics/report': { audience: 'extension', schema: metricsRangeSchema },
  /** The dashboard's items table: a page of the range's items, newest first. */
  'metrics/items': {
    audience: 'extension',
    schema: z.object({
      range: metricsRangeSchema,
      offset: z.number().check(z.int(), z.minimum(0)),
      limit: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
    }),
  },
  // --- data ownership (issue 7)
  'data/storage': { audience: 'extension', schema: z.object({}) },
  /** `confirm` guards against a stray call: the options page sends it only after the user confirmed. */
  'data/erase': {
    audience: 'extension',
    schema: z.object({ scope: z.enum(['customer-data', 'everything']), confirm: z.literal('erase') }),
  },
} as const satisfies Record<string, { audience: Audience; schema: z.ZodMiniType }>;
