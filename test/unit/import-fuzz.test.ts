// Import fuzzing (contract C4): malformed, huge and adversarial files are refused with the JSON path
// of the problem, and not one row changes. Set FUZZ_SEED to replay a failure.
import { captureItems, setItemStatus } from '@/utils/backlog';
import { exportAll, type ImportProblem, importData } from '@/utils/data-transfer';
import type { ReplylineDb } from '@/utils/db';
import { IMPORT_LIMITS } from '@/utils/import-limits';
import { demoSeed } from './background-kit';
import { deeplyNested, HOSTILE_STRINGS, mutate, prototypePolluted, seededRng, snapshotDb } from './fuzz-kit';
import { captured, freshDb } from './helpers';

// Fuzzing is CPU-bound: on a busy machine a round takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 60_000 });
const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const NOW = new Date('2026-07-01T12:10:00.000Z');
const seedFile = demoSeed();
const HEADER = { format: 'replyline-export', version: 1 } as const;

/** A database with every kind of record, and its export: the base every hostile file is made from. */
async function populated() {
  const db = freshDb();
  expect(await importData(db, seedFile)).toMatchObject({ ok: true });
  await captureItems(db, [captured(), captured({ externalId: '2072289111045169729', kind: 'dm', text: 'Hello?' })], NOW);
  await setItemStatus(db, { platform: 'x', externalId: '2072289111045169728' }, 'resolved', NOW);
  const file = JSON.parse(JSON.stringify(await exportAll(db, NOW))) as Record<string, unknown>;
  return { db, file };
}

/** Imports `raw` and checks it was refused at `path` with nothing written. */
async function expectRefused(db: ReplylineDb, raw: unknown, path: string | RegExp): Promise<ImportProblem> {
  const before = await snapshotDb(db);
  const result = await importData(db, raw);
  if (result.ok) throw new Error(`imported: ${JSON.stringify(result.counts)}`);
  if (typeof path === 'string') expect(result.problem.path).toBe(path);
  else expect(result.problem.path).toMatch(path);
  expect(result.problem.message).not.toBe('');
  expect(await snapshotDb(db)).toBe(before);
  return result.problem;
}

/** Follows a bracket-notation path as far as it goes; the parent of a missing field must exist. */
function parentExists(raw: unknown, path: string): boolean {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let node = raw;
  for (const part of parts.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return parts.length === 0 || (typeof node === 'object' && node !== null);
}

describe('malformed shapes and versions', () => {
  test.each<[string, unknown, string]>([
    ['null', null, ''],
    ['an array', [HEADER], ''],
    ['a string', 'replyline-export', ''],
    ['a number', 1, ''],
    ['an empty object', {}, 'format'],
    ['another format', { ...HEADER, format: 'replyline-backup' }, 'format'],
    ['version 0', { ...HEADER, version: 0 }, 'version'],
    ['version 2', { ...HEADER, version: 2 }, 'version'],
    ['version "1"', { ...HEADER, version: '1' }, 'version'],
    ['version NaN', { ...HEADER, version: Number.NaN }, 'version'],
    ['items not an array', { ...HEADER, items: { 0: captured() } }, 'items'],
    ['settings an array', { ...HEADER, settings: [] }, 'settings'],
    ['an item of the wrong type', { ...HEADER, items: ['x:1'] }, 'items[0]'],
    [
      'a javascript: permalink',
      { ...HEADER, items: [{ ...captured(), capturedAt: NOW.toISOString(), status: 'pending', permalink: 'javascript:alert(1)' }] },
      'items[0].permalink',
    ],
    [
      'an http profile url',
      { ...HEADER, accounts: [], customers: [{ id: 'c', identities: [{ platform: 'x', name: 'A', profileUrl: 'http://x.com/a' }] }] },
      'customers[0].identities[0].profileUrl',
    ],
    [
      'a date that is not a date',
      { ...HEADER, history: [{ id: 'h', platform: 'x', externalId: '1', at: 'yesterday', type: 'captured' }] },
      'history[0].at',
    ],
    [
      'a sentiment of Infinity',
      { ...HEADER, items: [{ ...captured(), capturedAt: NOW.toISOString(), status: 'pending', sentiment: Number.POSITIVE_INFINITY }] },
      'items[0].sentiment',
    ],
  ])('%s', async (_, raw, path) => {
    const { db } = await populated();
    await expectRefused(db, raw, path);
  });
});

describe('huge files', () => {
  test(`more than ${IMPORT_LIMITS.records} records in one array: refused before anything is parsed`, async () => {
    const { db, file } = await populated();
    const item = (file.items as unknown[])[0];
    const problem = await expectRefused(db, { ...HEADER, items: Array.from({ length: 200_000 }, () => item) }, 'items');
    expect(problem.message).toBe('has 200,000 records; at most 100,000 are imported at once');
  });

  test('a 50 MB string in a known field and in a field only kept: refused at its path', async () => {
    const { db, file } = await populated();
    const huge = 'A'.repeat(50 * 1024 * 1024);
    const items = file.items as Record<string, unknown>[];
    await expectRefused(db, { ...file, items: [items[0], { ...items[1], text: huge }] }, 'items[1].text');
    const problem = await expectRefused(db, { ...HEADER, settings: { agentName: 'Riley', notes: huge } }, 'settings.notes');
    expect(problem.message).toBe('is longer than 100,000 characters');
  });

  test('a field nested thousands of levels deep (a stack overflow in structured clone) is refused', async () => {
    const { db } = await populated();
    const problem = await expectRefused(db, { ...HEADER, settings: { extra: deeplyNested(100_000) } }, /^settings\.extra(\.a)+$/);
    expect(problem.message).toBe('is nested more than 32 levels deep');
  });

  test('an object with more fields than any record has is refused', async () => {
    const { db } = await populated();
    const wide = Object.fromEntries(Array.from({ length: IMPORT_LIMITS.fields + 1 }, (_, i) => [`k${i}`, i]));
    await expectRefused(db, { ...HEADER, businessHours: [{ id: 'wide', ...wide }] }, 'businessHours[0]');
  });

  test('one bad record at the end of 20,000 good ones: nothing of the 20,000 is written', async () => {
    const { db, file } = await populated();
    const [base] = file.items as Record<string, unknown>[];
    const items: Record<string, unknown>[] = Array.from({ length: 20_000 }, (_, i) => ({
      ...base,
      externalId: String(3_000_000_000_000_000_000n + BigInt(i)),
    }));
    items[19_999] = { ...items[19_999], postedAt: 'soon' };
    await expectRefused(db, { ...HEADER, items }, 'items[19999].postedAt');
  });
});

describe('prototype pollution and duplicate keys', () => {
  test.each<[string, string, string]>([
    ['at the root', '{"format":"replyline-export","version":1,"__proto__":{"polluted":true}}', '__proto__'],
    ['in settings', '{"format":"replyline-export","version":1,"settings":{"__proto__":{"polluted":true}}}', 'settings.__proto__'],
    [
      'in a kept field',
      '{"format":"replyline-export","version":1,"customers":[{"id":"c","extra":{"constructor":{"prototype":{"polluted":true}}}}]}',
      'customers[0].extra.constructor',
    ],
    ['in a note', '{"format":"replyline-export","version":1,"notes":[{"id":"n","prototype":{"polluted":true}}]}', 'notes[0].prototype'],
  ])('%s: refused, and no prototype changes', async (_, json, path) => {
    const { db } = await populated();
    await expectRefused(db, JSON.parse(json), path);
    expect(prototypePolluted()).toBe(false);
  });

  test('duplicate JSON keys: JSON.parse keeps the last, which is then checked like any value', async () => {
    const { db } = await populated();
    await expectRefused(db, JSON.parse('{"format":"replyline-export","format":"evil","version":1}'), 'format');
  });

  test.each<[string, (file: Record<string, unknown[]>) => Record<string, unknown>, string]>([
    ['the same item twice', (f) => ({ ...HEADER, items: [f.items?.[0], f.items?.[1], f.items?.[0]] }), 'items[2]'],
    [
      'the same template id twice',
      (f) => ({ ...HEADER, templates: [f.templates?.[0], { ...(f.templates?.[0] as object), shortcut: ';other' }] }),
      'templates[1]',
    ],
    [
      'one account written two ways',
      () => ({
        ...HEADER,
        accounts: [
          { platform: 'x', handle: '@Brand' },
          { platform: 'x', handle: 'brand' },
        ],
      }),
      'accounts[1]',
    ],
    ['the same history entry twice', (f) => ({ ...HEADER, history: [f.history?.[0], f.history?.[0]] }), 'history[1]'],
  ])('%s: refused, naming the second', async (_, make, path) => {
    const { db, file } = await populated();
    const problem = await expectRefused(db, make(file as Record<string, unknown[]>), path);
    expect(problem.message).toMatch(/^has the same key as \w+\[\d+\]$/);
  });
});

test('hostile strings in every string field: stored as inert text when the schema allows them, else refused at their path', async () => {
  const { db, file } = await populated();
  const strings: string[] = [];
  const paths: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') paths.push(path);
    else if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(file, '');
  const rng = seededRng(SEED);
  for (const path of paths.filter((p) => p !== 'format' && p !== 'exportedAt')) {
    const hostile = rng.pick(HOSTILE_STRINGS);
    const copy = structuredClone(file);
    const parts = path.match(/[^.[\]]+/g) as string[];
    let node = copy as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
    node[parts.at(-1) as string] = hostile;
    const before = await snapshotDb(db);
    const result = await importData(db, copy);
    if (result.ok) strings.push(hostile);
    else {
      // The field itself, or its record when the new value clashes with a stored one (a changed id keeps a stored shortcut).
      const record = path.match(/^\w+\[\d+\]/)?.[0] ?? path;
      expect(result.problem.path, `${path} = ${JSON.stringify(hostile).slice(0, 40)}`).toMatch(
        new RegExp(`^${record.replace(/[[\]]/g, '\\$&')}`),
      );
      expect(await snapshotDb(db)).toBe(before);
    }
  }
  // Some were accepted as plain text: the test reached the write path, not only the refusals.
  expect(strings.length).toBeGreaterThan(0);
});

test('random mutations of a full export: either imported whole or refused at an existing place, with nothing written', async () => {
  const { db, file } = await populated();
  const rng = seededRng(SEED + 1);
  let refused = 0;
  for (let i = 0; i < 300; i++) {
    let raw: unknown = file;
    for (let n = 1 + rng.int(3); n > 0; n--) raw = mutate(rng, raw);
    const before = await snapshotDb(db);
    const result = await importData(db, raw);
    if (result.ok) continue;
    refused++;
    const context = `mutation ${i} (FUZZ_SEED=${SEED})`;
    expect(parentExists(raw, result.problem.path), `${context}: ${result.problem.path}`).toBe(true);
    expect(await snapshotDb(db), context).toBe(before);
  }
  expect(refused).toBeGreaterThan(100);
  expect(prototypePolluted()).toBe(false);
});
