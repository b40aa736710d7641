// Adapter health: how well each platform's adapter reads the page, per surface (kind of page) and
// per selector. Sites change their DOM without notice; these counts turn "Replyline stopped
// working" into "Instagram: no items found on post pages since 14:02".
import * as z from 'zod/mini';
import { lazyValue } from '@/utils/lazy-value';
import { PLATFORM_NAMES, type Platform, platformSchema } from '@/utils/schema-core';

export const HEALTH_COUNTERS = ['found', 'extracted', 'skipped', 'rejected', 'composersFound', 'insertions', 'insertionsVerified'] as const;
export type HealthCounter = (typeof HEALTH_COUNTERS)[number];
export type HealthCounters = Record<HealthCounter, number>;

/**
 * How sure an empty page is a fault: `always` (a status page always shows its tweet), `usually`
 * (a post may have no comments: warn after several empty visits in a row), `never`.
 */
export const EXPECTATIONS = ['always', 'usually', 'never'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];
const EMPTY_VISITS_BEFORE_WARNING: Record<Expectation, number> = { always: 1, usually: 3, never: Number.POSITIVE_INFINITY };

/** Failures that a later success of this counter proves fixed. */
const CLEARED_BY: Record<string, HealthCounter> = {
  'composer not found': 'composersFound',
  'insertion not verified': 'insertionsVerified',
};
const FAILURE_WARNING_MS = 24 * 3_600_000;
const MAX_FAILURES = 50;

/** Built on first use: content scripts, which import this module, only send reports. */
export const healthReportSchema = lazyValue(() =>
  z.object({
    platform: platformSchema,
    surface: z.string().check(z.regex(/^[a-z][a-z -]{0,39}$/)),
    expect: z.enum(EXPECTATIONS),
    counters: z.partialRecord(z.enum(HEALTH_COUNTERS), z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000))),
    /** After a page settles: whether it showed any item. */
    visit: z.optional(z.enum(['empty', 'found'])),
    /** Elements each selector of the adapter's table matched on the page; -1 when the browser rejects it. */
    selectors: z.optional(
      z
        .record(z.string().check(z.maxLength(60)), z.number().check(z.int(), z.minimum(-1)))
        .check(z.refine((r) => Object.keys(r).length <= 100)),
    ),
    failures: z
      .array(z.object({ reason: z.string().check(z.maxLength(200)), count: z.number().check(z.int(), z.minimum(1)) }))
      .check(z.maxLength(50)),
  }),
);
export type HealthReport = z.infer<ReturnType<typeof healthReportSchema>>;

export interface SurfaceHealth {
  expect: Expectation;
  counters: HealthCounters;
  visits: number;
  emptyStreak: number;
  emptySince?: string;
  lastFoundAt?: string;
  lastSeenAt: string;
}

export interface PlatformHealth {
  platform: Platform;
  surfaces: Record<string, SurfaceHealth>;
  selectors: Record<string, { count: number; checkedAt: string; lastMatchedAt?: string }>;
  failures: { reason: string; count: number; since: string; last: string }[];
}

export interface HealthWarning {
  /** Absent for warnings about Replyline itself (storage full), not about reading a site. */
  platform?: Platform;
  message: string;
  since: string;
}

export const zeroCounters = (): HealthCounters => Object.fromEntries(HEALTH_COUNTERS.map((c) => [c, 0])) as HealthCounters;

export function applyHealthReport(previous: PlatformHealth | undefined, report: HealthReport, at: string): PlatformHealth {
  const health: PlatformHealth = structuredClone(previous) ?? { platform: report.platform, surfaces: {}, selectors: {}, failures: [] };
  const surface = health.surfaces[report.surface] ?? {
    expect: report.expect,
    counters: zeroCounters(),
    visits: 0,
    emptyStreak: 0,
    lastSeenAt: at,
  };
  health.surfaces[report.surface] = surface;
  surface.expect = report.expect;
  surface.lastSeenAt = at;
  for (const [name, n] of Object.entries(report.counters) as [HealthCounter, number][]) surface.counters[name] += n;
  if (report.visit) surface.visits += 1;
  if (report.visit === 'found' || (report.counters.found ?? 0) > 0) {
    surface.emptyStreak = 0;
    surface.emptySince = undefined;
    surface.lastFoundAt = at;
  } else if (report.visit === 'empty') {
    surface.emptyStreak += 1;
    surface.emptySince ??= at;
  }

  for (const [key, n] of Object.entries(report.selectors ?? {})) {
    const before = health.selectors[key];
    health.selectors[key] = { count: n, checkedAt: at, lastMatchedAt: n > 0 ? at : before?.lastMatchedAt };
  }

  for (const { reason, count } of report.failures) {
    const entry = health.failures.find((f) => f.reason === reason);
    if (entry) Object.assign(entry, { count: entry.count + count, last: at });
    else health.failures.push({ reason, count, since: at, last: at });
  }
  health.failures = health.failures
    .filter((f) => {
      const fixedBy = Object.entries(CLEARED_BY).find(([prefix]) => f.reason.startsWith(prefix))?.[1];
      return !(fixedBy && (report.counters[fixedBy] ?? 0) > 0);
    })
    .sort((a, b) => b.last.localeCompare(a.last))
    .slice(0, MAX_FAILURES);
  return health;
}

/** What the popup and options page warn about: recent failures and surfaces that stopped showing items. */
export function healthWarnings(records: readonly PlatformHealth[], now: number): HealthWarning[] {
  const warnings: HealthWarning[] = [];
  for (const { platform, failures, surfaces } of records) {
    for (const f of failures) {
      if (now - Date.parse(f.last) <= FAILURE_WARNING_MS) warnings.push({ platform, message: `${f.reason} (${f.count}×)`, since: f.since });
    }
    for (const [name, s] of Object.entries(surfaces)) {
      if (s.emptySince && s.emptyStreak >= EMPTY_VISITS_BEFORE_WARNING[s.expect]) {
        warnings.push({ platform, message: `no items found on ${name} pages`, since: s.emptySince });
      }
    }
  }
  return warnings.sort((a, b) => a.since.localeCompare(b.since));
}

/** "LinkedIn: composer not found (3×) since 14:02", with the date when it is not today. */
export function healthLine(w: HealthWarning, now = new Date()): string {
  const since = new Date(w.since);
  const when =
    since.toDateString() === now.toDateString()
      ? since.toLocaleTimeString(undefined, { timeStyle: 'short' })
      : since.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return `${w.platform ? `${PLATFORM_NAMES[w.platform]}: ` : ''}${w.message} since ${when}`;
}
