// One typed message protocol between content scripts, extension pages and the background.
// Requests are validated on receipt; every reply is an envelope; senders are checked per message.
import * as z from 'zod/mini';
import type { ItemView } from '@/utils/backlog';
import type { ImportResult } from '@/utils/data-transfer';
import { type HealthWarning, healthReportSchema, type PlatformHealth } from '@/utils/health';
import {
  type Account,
  accountSchema,
  type BusinessHours,
  businessHoursSchema,
  capturedItemSchema,
  type ExportFile,
  type HistoryEntry,
  type itemKey,
  platformSchema,
  type Settings,
  type SlaEvent,
  type SlaPolicy,
  settingsSchema,
  slaPolicySchema,
  statusSchema,
  type Template,
  templateSchema,
} from '@/utils/schema';

const keySchema = z.object({ platform: platformSchema, externalId: z.string().check(z.minLength(1), z.maxLength(200)) });

/**
 * `content`: content scripts on the supported sites and extension pages may send it.
 * `extension`: only extension pages (popup, options): anything that changes settings or exports data.
 */
type Audience = 'content' | 'extension';

export const requests = {
  'items/capture': { audience: 'content', schema: z.object({ items: z.array(capturedItemSchema).check(z.maxLength(500)) }) },
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
  'health/report': { audience: 'content', schema: healthReportSchema },
  'health/list': { audience: 'extension', schema: z.object({}) },
  'health/clear': { audience: 'extension', schema: z.object({}) },
  'accounts/list': { audience: 'extension', schema: z.object({}) },
  'accounts/save': { audience: 'extension', schema: accountSchema },
  'accounts/delete': { audience: 'extension', schema: z.object({ platform: platformSchema, handle: z.string() }) },
  'templates/list': { audience: 'content', schema: z.object({}) },
  'templates/save': { audience: 'extension', schema: templateSchema },
  'templates/delete': { audience: 'extension', schema: z.object({ id: z.string() }) },
  'templates/used': { audience: 'content', schema: z.object({ id: z.string().check(z.maxLength(100)) }) },
  'settings/get': { audience: 'extension', schema: z.object({}) },
  'settings/save': { audience: 'extension', schema: settingsSchema },
  'data/export': { audience: 'extension', schema: z.object({}) },
  'data/import': { audience: 'extension', schema: z.object({ file: z.unknown() }) },
  // --- customers, notes, priority (issue 6)
  // --- popup queries and counts (issue 7)
  // --- metrics dashboard (issue 7)
  // --- data ownership (issue 7)
} as const satisfies Record<string, { audience: Audience; schema: z.ZodMiniType }>;

export interface PageContextResponse {
  brandHandles: string[];
  brandName?: string;
  agentName?: string;
  templates: Template[];
  paletteShortcut: string;
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
  // --- popup queries and counts (issue 7)
  // --- metrics dashboard (issue 7)
  // --- data ownership (issue 7)
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
const TRANSIENT = /Receiving end does not exist|Could not establish connection|message port closed/i;

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
