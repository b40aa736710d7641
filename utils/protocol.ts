// One typed message protocol between content scripts, extension pages and the background.
// Requests are validated on receipt; every reply is an envelope; senders are checked per message.
import type * as z from 'zod/mini';
import type { ItemView } from '@/utils/backlog';
import type { BacklogPage } from '@/utils/backlog-query';
import type { BacklogCounts } from '@/utils/counters';
import type { CustomerProfile, CustomerRow } from '@/utils/customers';
import type { StorageReport } from '@/utils/data-erase';
import type { ImportResult } from '@/utils/data-transfer';
import type { HealthWarning, PlatformHealth } from '@/utils/health';
import type { MetricsItemsPage, MetricsReport } from '@/utils/metrics';
import type { requests } from '@/utils/protocol-requests';
import type { SatisfactionReport } from '@/utils/satisfaction';
import type {
  Account,
  BusinessHours,
  Customer,
  ExportFile,
  HistoryEntry,
  Note,
  Settings,
  SlaEvent,
  SlaPolicy,
  Template,
} from '@/utils/schema';
import type { itemKey } from '@/utils/schema-core';
import type { Topic } from '@/utils/topics';

/** The dashboard's longest range: a report stays a few hundred day rows. */
export const METRICS_MAX_DAYS = 400;

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
