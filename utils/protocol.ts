// One typed message protocol between content scripts, extension pages and the background.
// Requests are validated on receipt; every reply is an envelope; senders are checked per message.
import * as z from 'zod/mini';
import type { ItemView } from '@/utils/backlog';
import { backlogQuerySchema } from '@/utils/backlog-filter';
import type { BacklogPage } from '@/utils/backlog-query';
import type { BacklogCounts } from '@/utils/counters';
import type { CustomerProfile, CustomerRow } from '@/utils/customers';
import type { StorageReport } from '@/utils/data-erase';
import type { ImportResult } from '@/utils/data-transfer';
import { type HealthWarning, healthReportSchema, type PlatformHealth } from '@/utils/health';
import type { MetricsItemsPage, MetricsReport } from '@/utils/metrics';
import type { SatisfactionReport } from '@/utils/satisfaction';
import {
  type Account,
  accountSchema,
  type BusinessHours,
  businessHoursSchema,
  type Customer,
  capturedItemSchema,
  type ExportFile,
  type HistoryEntry,
  type itemKey,
  LIMITS,
  type Note,
  platformSchema,
  prioritySchema,
  SATISFACTION_OUTCOMES,
  type Settings,
  type SlaEvent,
  type SlaPolicy,
  settingsSchema,
  slaPolicySchema,
  statusSchema,
  type Template,
  templateSchema,
} from '@/utils/schema';
import type { Topic } from '@/utils/topics';

const keySchema = z.object({ platform: platformSchema, externalId: z.string().check(z.minLength(1), z.maxLength(200)) });
const recordIdSchema = z.string().check(z.minLength(1), z.maxLength(100));

/** The dashboard's longest range: a report stays a few hundred day rows. */
export const METRICS_MAX_DAYS = 400;
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
  'items/capture': { audience: 'content', schema: z.object({ items: z.array(capturedItemSchema).check(z.maxLength(500)) }) },
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
  'health/report': { audience: 'content', schema: healthReportSchema },
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

export interface PageContextResponse {
  brandHandles: string[];
  brandName?: string;
  agentName?: string;
  templates: Template[];
  paletteShortcut: string;
  sidebarShortcut: string;
  sidebarSide: 'left' | 'right';
  /** Brand voice guides by brand handle or `*` (utils/voice-guard.ts). */
  voice?: Settings['voice'];
  /** Brand listening keywords, only while listening is on. */
  listening?: Settings['listening'];
}

export interface Responses {
  'items/capture': ItemView[];
  'items/get': ItemView[];
  'items/list-pending': { items: ItemView[]; urgent: number; pending: number };
  'items/set-status': ItemView;
  'items/open': { focusedTab: boolean };
  'page/context': PageContextResponse;
  'items/history': { history: HistoryEntry[]; events: SlaEvent[] };
  'policies/list': SlaPolicy[];
  'policies/save': SlaPolicy;
  'policies/delete': null;
  'policies/reorder': SlaPolicy[];
  'business-hours/list': BusinessHours[];
  'business-hours/save': BusinessHours;
  'business-hours/delete': null;
  'health/report': null;
  'health/list': { warnings: HealthWarning[]; platforms: PlatformHealth[] };
  'health/clear': null;
  'accounts/list': Account[];
  'accounts/save': Account;
  'accounts/delete': null;
  'templates/list': Template[];
  'templates/save': Template;
  'templates/delete': null;
  'templates/used': null;
  'settings/get': Settings;
  'settings/save': Settings;
  'data/export': ExportFile;
  'data/import': ImportResult;
  // --- customers, notes, priority (issue 6)
  'customers/profile': CustomerProfile;
  'customers/list': { customers: CustomerRow[]; total: number };
  'customers/link': CustomerProfile;
  'customers/unlink': CustomerProfile;
  'customers/dismiss-suggestion': null;
  'customers/save': Customer;
  'customers/erase': { items: number; notes: number };
  'notes/save': Note;
  'notes/delete': null;
  'items/set-priority': ItemView;
  // --- popup queries and counts (issue 7)
  'items/query': BacklogPage;
  'items/counts': BacklogCounts;
  // --- metrics dashboard (issue 7)
  'insights/topics': { complaints: Topic[]; questions: Topic[] };
  'insights/satisfaction': SatisfactionReport;
  'items/set-outcome': ItemView;
  'metrics/report': MetricsReport;
  'metrics/items': MetricsItemsPage;
  // --- data ownership (issue 7)
  'data/storage': StorageReport;
  'data/erase': { removed: Record<string, number> };
}

export type RequestName = keyof typeof requests;
export type RequestOf<K extends RequestName> = z.infer<(typeof requests)[K]['schema']>;

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };
export type ErrorCode = 'bad-request' | 'forbidden' | 'not-found' | 'failed' | 'unknown-message';

export interface Wire {
  type: string;
  payload: unknown;
}

export class RemoteError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Messages the background pushes to content scripts in a tab. */
export type TabMessage =
  | { type: 'tab/items-changed'; items: ItemView[] }
  | { type: 'tab/reveal'; key: ReturnType<typeof itemKey> }
  /** Which item the user is on in this tab: the one the focused composer answers, else the focused item, else the last revealed. */
  | { type: 'tab/current-item' }
  | { type: 'tab/config-changed' };

/** Pushed to extension pages so open views refresh. */
export type PageBroadcast = { type: 'broadcast/backlog-changed' };

// The worker restarts when the browser stopped it; Chrome says so with these while it wakes.
// A worker stopped while it handled a request closes the channel unanswered, whether or not its write
// committed: requests are repeated, which captures, saves and imports (upserts by key) allow.
const TRANSIENT = /Receiving end does not exist|Could not establish connection|message port closed|message channel closed/i;
/** True for the errors `send` gives up with when the background never answered. */
export const isBackgroundUnreachable = (error: unknown) => TRANSIENT.test(String(error));

export async function send<K extends RequestName>(type: K, payload: RequestOf<K>): Promise<Responses[K]> {
  let lastError: unknown;
  for (const delay of [0, 100, 400, 1200]) {
    if (delay) await new Promise((r) => setTimeout(r, delay));
    try {
      const reply = (await browser.runtime.sendMessage({ type, payload } satisfies Wire)) as Envelope<Responses[K]> | undefined;
      if (!reply) throw new Error('Receiving end does not exist (no reply)');
      if (reply.ok) return reply.data;
      throw new RemoteError(reply.error.code, reply.error.message);
    } catch (error) {
      if (error instanceof RemoteError || !TRANSIENT.test(String(error))) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
