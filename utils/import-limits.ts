// Bounds an import file must keep before the schema reads it. The schema caps every field it
// knows; these cap what it keeps unread (unknown fields of settings, business hours, customers and
// notes) and the size of the whole, so a hostile file cannot make the worker store megabytes of
// junk, overflow the stack in structured clone, or take minutes to be refused.
import type { ImportProblem } from '@/utils/data-transfer';
import { normalizeHandle } from '@/utils/db';
import type { ExportFile } from '@/utils/schema';

export const IMPORT_LIMITS = {
  /** Per top-level array. Chrome passes at most 64 MiB in one message: about 100,000 items. */
  records: 100_000,
  /** The export nests 5 levels deep; other tools' extra fields get room, not unbounded recursion. */
  depth: 32,
  /** Characters in any one string: the longest field the schema allows is 10,000. */
  stringLength: 100_000,
  /** Fields in any one object. */
  fields: 1_000,
} as const;

/** Names that would reach an object's prototype when a record is copied field by field. */
const FORBIDDEN_FIELDS = new Set(['__proto__', 'constructor', 'prototype']);

const fieldPath = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/** The first place where `raw` breaks a bound, in the bracket notation import problems use; null if none. */
export function importBoundsProblem(raw: unknown): ImportProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: raw, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string') {
      if (value.length > IMPORT_LIMITS.stringLength) {
        return { path, message: `is longer than ${IMPORT_LIMITS.stringLength.toLocaleString('en-US')} characters` };
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= IMPORT_LIMITS.depth) return { path, message: `is nested more than ${IMPORT_LIMITS.depth} levels deep` };
    if (Array.isArray(value)) {
      if (value.length > IMPORT_LIMITS.records) {
        return {
          path,
          message: `has ${value.length.toLocaleString('en-US')} records; at most ${IMPORT_LIMITS.records.toLocaleString('en-US')} are imported at once`,
        };
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > IMPORT_LIMITS.fields)
      return { path, message: `has more than ${IMPORT_LIMITS.fields.toLocaleString('en-US')} fields` };
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      if (FORBIDDEN_FIELDS.has(key)) return { path: fieldPath(path, key), message: 'is not an allowed field name' };
      stack.push({ value: (value as Record<string, unknown>)[key], path: fieldPath(path, key), depth: depth + 1 });
    }
  }
  return null;
}

type RecordOf<K extends keyof ExportFile> = NonNullable<ExportFile[K]> extends readonly (infer R)[] ? R : never;
const RECORD_KEYS: { [K in keyof ExportFile]?: (record: RecordOf<K>) => string } = {
  accounts: (a) => `${a.platform}:${normalizeHandle(a.handle)}`,
  templates: (t) => t.id,
  slaPolicies: (p) => p.id,
  businessHours: (b) => b.id,
  items: (i) => `${i.platform}:${i.externalId}`,
  customers: (c) => c.id,
  notes: (n) => n.id,
  slaEvents: (e) => e.id,
  history: (h) => h.id,
};

/** A record the file lists twice under the same key: which one would win is an accident of order. */
export function duplicateRecordProblem(file: ExportFile): ImportProblem | null {
  for (const [table, keyOf] of Object.entries(RECORD_KEYS) as [keyof ExportFile, (record: unknown) => string][]) {
    const records = file[table];
    if (!Array.isArray(records)) continue;
    const seen = new Map<string, number>();
    for (const [index, record] of records.entries()) {
      const key = keyOf(record);
      const first = seen.get(key);
      if (first !== undefined) return { path: `${table}[${index}]`, message: `has the same key as ${table}[${first}]` };
      seen.set(key, index);
    }
  }
  return null;
}
