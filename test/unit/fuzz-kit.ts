// Shared by the fuzz tests: a seeded generator (a failure names its seed and reproduces), hostile
// values, random JSON and database snapshots to prove that a rejected input wrote nothing.
import type { ReplylineDb } from '@/utils/db';

export interface Rng {
  /** In [0, 1). */
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(values: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: tiny, fast and good enough to pick mutations. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (values) => values[int(values.length)] as (typeof values)[number], chance: (p) => next() < p };
}

/** `{ a: { a: … } }` `depth` levels deep, built without recursion. */
export function deeplyNested(depth: number, leaf: unknown = 'bottom'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

export const MEGABYTE_STRING = 'A'.repeat(1024 * 1024);

/** Strings a hostile page or file would try: markup, script URLs, bidi and control characters, lone surrogates. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http://x.com/evil',
  'moc.elgoog\u202Ehttps://',
  'Ma\u0000ya\u0007\u001B[31m',
  '\uD800',
  '\uFEFF\u200B\u2066zero width\u2069',
  '👩🏽‍💻'.repeat(50),
  '__proto__',
  'constructor',
  '{{customer.name}}',
  '../../../../etc/passwd',
  '%00%0d%0a',
  'x'.repeat(10_001),
];

const keyPollution = () => [
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  { ['__proto__']: { polluted: true } },
];

/** Values of the wrong type or size for any field. */
export function adversarialValues(): unknown[] {
  return [
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    1e308,
    -1,
    2 ** 53 + 1,
    0.5,
    true,
    [],
    {},
    [[[]]],
    ...HOSTILE_STRINGS,
    MEGABYTE_STRING,
    Array.from({ length: 100_000 }, (_, i) => i),
    deeplyNested(5_000),
    ...keyPollution(),
    new Date(0),
    Object.create(null),
  ];
}

/** Random JSON-like values: the shapes a confused or malicious sender produces. */
export function randomValue(rng: Rng, depth = 0): unknown {
  const roll = rng.int(depth > 3 ? 6 : 9);
  switch (roll) {
    case 0:
      return rng.pick(adversarialValuesSmall);
    case 1:
      return rng.next() * 10 ** rng.int(12) * (rng.chance(0.3) ? -1 : 1);
    case 2:
      return rng.pick(HOSTILE_STRINGS);
    case 3:
      return rng.chance(0.5);
    case 4:
      return String.fromCharCode(...Array.from({ length: rng.int(40) }, () => rng.int(0x3000)));
    case 5:
      return rng.pick([
        'x',
        'facebook',
        'pending',
        'comment',
        '2026-07-01T12:00:00.000Z',
        'https://x.com/a/status/1',
        'default',
        ';thanks',
      ]);
    case 6:
    case 7: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--) out[rng.pick(KEYS)] = randomValue(rng, depth + 1);
      return out;
    }
    default:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
  }
}

/** Small hostile values: cheap enough to put anywhere in a random structure. */
const adversarialValuesSmall: unknown[] = [null, Number.NaN, Number.POSITIVE_INFINITY, -1, 0, '', [], {}, ...keyPollution()];

/** Field names the protocol and the export file use, so random objects sometimes look almost right. */
const KEYS = [
  'items',
  'keys',
  'platform',
  'externalId',
  'id',
  'name',
  'shortcut',
  'body',
  'status',
  'limit',
  'offset',
  'file',
  'format',
  'version',
  'scope',
  'confirm',
  'author',
  'handle',
  'text',
  'postedAt',
  'surface',
  'counters',
  'failures',
  '__proto__',
  'constructor',
  'prototype',
];

/** A copy of `value` with one random leaf or key replaced by a hostile value. */
export function mutate(rng: Rng, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || rng.chance(0.15)) return rng.pick([...adversarialValuesSmall, ...HOSTILE_STRINGS]);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (!keys.length || rng.chance(0.1)) {
    (copy as Record<string, unknown>)[rng.pick(KEYS)] = randomValue(rng);
    return copy;
  }
  const key = rng.pick(keys);
  const target = copy as Record<string, unknown>;
  if (rng.chance(0.15)) delete target[key];
  else target[key] = mutate(rng, target[key]);
  return copy;
}

/** Every table's rows, as one comparable string. */
export async function snapshotDb(db: ReplylineDb): Promise<string> {
  const out: Record<string, unknown[]> = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) out[table.name] = await table.toArray();
  });
  return JSON.stringify(out);
}

/** True when a hostile key reached Object.prototype. */
export const prototypePolluted = () => 'polluted' in Object.prototype || 'polluted' in Array.prototype;
