// Export and import (contract C4): one JSON file, validated whole before anything is written.
import { loadSlaContext, type SlaContext, stripUndefined, withDeadlines } from '@/utils/backlog';
import { attachIdentities, nameKeyOf } from '@/utils/customers';
import type { IdentityRecord, ItemRecord, ReplylineDb } from '@/utils/db';
import { customerKeyOf, forgetResolutionScan, normalizeHandle } from '@/utils/db';
import { duplicateRecordProblem, importBoundsProblem } from '@/utils/import-limits';
import { type Customer, EXPORT_FORMAT, EXPORT_VERSION, type ExportFile, exportFileSchema, type Identity, type Item } from '@/utils/schema';
import { matchPolicy } from '@/utils/sla';

export interface ImportProblem {
  /** Bracket-notation JSON path of the first problem, e.g. `templates[2].shortcut`; '' for the root. */
  path: string;
  message: string;
}
export type ImportResult = { ok: true; counts: Record<string, number> } | { ok: false; problem: ImportProblem };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    '',
  );
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
}

function describeIssue(issue: ZodIssueLike): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected ?? 'another type'}`;
    case 'invalid_value':
      return `expected one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return 'has the wrong format';
    case 'too_big':
      return 'is too long or too large';
    case 'too_small':
      return 'is too short or too small';
    default:
      return 'is not valid';
  }
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const exportedItem = ({
  dueSoonAt: _d,
  policyId: _p,
  customerKey: _c,
  alertedSoonFor: _s,
  alertedBreachFor: _b,
  slaState: _sla,
  slaNextAt: _next,
  dueKey: _due,
  priorityKey: _priority,
  tagKeys: _tags,
  ...item
}: ItemRecord): Item => item;
const exportedIdentity = ({
  key: _k,
  customerId: _c,
  nameKey: _n,
  firstSeenAt: _f,
  lastSeenAt: _l,
  ...identity
}: IdentityRecord): Identity => identity;

/** Identities live in their own table; the file carries them inside their customer. */
async function exportedCustomers(db: ReplylineDb): Promise<Customer[]> {
  const byCustomer = new Map<string, Identity[]>();
  for (const identity of await db.identities.orderBy('key').toArray()) {
    byCustomer.set(identity.customerId, [...(byCustomer.get(identity.customerId) ?? []), exportedIdentity(identity)]);
  }
  return (await db.customers.orderBy('id').toArray()).map((c) => {
    const identities = byCustomer.get(c.id);
    return identities ? { ...c, identities } : c;
  });
}

/** Customers go to their table and their identities to theirs: an identity named in the file moves to that customer. */
async function importCustomers(db: ReplylineDb, customers: readonly Customer[]) {
  await db.customers.bulkPut(customers.map(({ identities: _i, ...customer }) => customer));
  await db.identities.bulkPut(
    customers.flatMap((c) =>
      (c.identities ?? []).map((identity) => ({
        ...identity,
        key: customerKeyOf({ platform: identity.platform, author: identity }),
        customerId: c.id,
        nameKey: nameKeyOf(identity.name),
      })),
    ),
  );
}

export async function exportAll(db: ReplylineDb, now: Date): Promise<ExportFile> {
  return db.transaction('r', db.tables, async () => {
    const settings = Object.fromEntries((await db.settings.toArray()).map((s) => [s.key, s.value]));
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: now.toISOString(),
      settings,
      accounts: (await db.accounts.toArray()).sort((a, b) => byString(a.platform + a.handle, b.platform + b.handle)),
      templates: await db.templates.orderBy('id').toArray(),
      slaPolicies: await db.slaPolicies.orderBy('id').toArray(),
      businessHours: await db.businessHours.orderBy('id').toArray(),
      items: (await db.items.toArray()).map(exportedItem),
      customers: await exportedCustomers(db),
      notes: await db.notes.orderBy('id').toArray(),
      slaEvents: await db.slaEvents.orderBy('id').toArray(),
      history: await db.history.orderBy('id').toArray(),
    };
  });
}

function firstDuplicate(values: readonly string[]): number {
  const seen = new Set<string>();
  for (const [index, value] of values.entries()) {
    if (seen.has(value)) return index;
    seen.add(value);
  }
  return -1;
}

/** Validates `raw` completely; writes nothing unless every record is valid, then merges by key. */
export async function importData(db: ReplylineDb, raw: unknown): Promise<ImportResult> {
  const outOfBounds = importBoundsProblem(raw);
  if (outOfBounds) return { ok: false, problem: outOfBounds };
  const parsed = exportFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as unknown as ZodIssueLike;
    return { ok: false, problem: { path: formatPath(issue.path), message: describeIssue(issue) } };
  }
  const file = parsed.data;
  const duplicate = duplicateRecordProblem(file);
  if (duplicate) return { ok: false, problem: duplicate };
  const templates = file.templates ?? [];
  const dup = firstDuplicate(templates.map((t) => t.shortcut));
  if (dup >= 0) {
    return { ok: false, problem: { path: `templates[${dup}].shortcut`, message: 'this shortcut is used twice in the file' } };
  }
  return db.transaction('rw', db.tables, async () => {
    for (const [index, t] of templates.entries()) {
      const holder = await db.templates.where('shortcut').equals(t.shortcut).first();
      if (holder && holder.id !== t.id) {
        return {
          ok: false as const,
          problem: { path: `templates[${index}].shortcut`, message: `already used by the template "${holder.name}"` },
        };
      }
    }
    if (file.settings) await db.settings.bulkPut(Object.entries(file.settings).map(([key, value]) => ({ key, value })));
    const accounts = (file.accounts ?? []).map((a) => ({ ...a, handle: normalizeHandle(a.handle) }));
    await db.accounts.bulkPut(accounts);
    await db.templates.bulkPut(templates);
    await db.slaPolicies.bulkPut(file.slaPolicies ?? []);
    await db.businessHours.bulkPut(file.businessHours ?? []);
    await importCustomers(db, file.customers ?? []);
    await db.notes.bulkPut(file.notes ?? []);
    await db.slaEvents.bulkPut(file.slaEvents ?? []);
    await db.history.bulkPut(file.history ?? []);
    const ctx = await loadSlaContext(db);
    const items = (file.items ?? []).map((item) => itemRecordFromImport(item, ctx));
    await db.items.bulkPut(items);
    await forgetResolutionScan(db);
    // Items from a file without customers (older versions) get their people as a capture would.
    await attachIdentities(db, items);
    return {
      ok: true as const,
      counts: {
        accounts: accounts.length,
        templates: templates.length,
        slaPolicies: file.slaPolicies?.length ?? 0,
        businessHours: file.businessHours?.length ?? 0,
        items: items.length,
        customers: file.customers?.length ?? 0,
        notes: file.notes?.length ?? 0,
        slaEvents: file.slaEvents?.length ?? 0,
        history: file.history?.length ?? 0,
      },
    };
  });
}

/** Keeps the file's due time when it has one; the due-soon point follows the policy's share. */
function itemRecordFromImport(item: Item, ctx: SlaContext): ItemRecord {
  const computed = withDeadlines({ ...item, customerKey: customerKeyOf(item) }, ctx);
  if (!item.firstResponseDueAt) return stripUndefined({ ...computed, resolutionDueAt: item.resolutionDueAt ?? computed.resolutionDueAt });
  const policy = matchPolicy(ctx.policies, item);
  const start = Date.parse(item.postedAt);
  const span = Date.parse(item.firstResponseDueAt) - start;
  const dueSoonAt = new Date(start + Math.round((span * policy.dueSoonPercent) / 100)).toISOString();
  return stripUndefined({ ...item, customerKey: computed.customerKey, dueSoonAt, policyId: policy.id });
}
