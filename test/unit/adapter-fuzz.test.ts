// @vitest-environment jsdom
// @vitest-environment-options { "url": "https://x.com/notifications/mentions" }
// Adapter fuzzing: every fixture of every platform, mutated with a seeded generator the way a hostile
// or half-rendered page looks (nodes dropped, doubled and swapped, script URLs, garbage times, 1 MB
// text, bidi and control characters, forged markers, DOM clobbering). No adapter call may throw
// (except where a clobbered document breaks the DOM API itself: the engine contains that), and every
// item that comes out is one the backlog can take. Set FUZZ_SEED to replay a failure.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startEngine } from '@/utils/engine/engine';
import type { HealthReport } from '@/utils/health';
import { type CapturedItem, capturedItemSchema, LIMITS, type Platform } from '@/utils/schema-core';
import { facebookAdapter } from '@/utils/sites/facebook';
import { SITE_HOSTS } from '@/utils/sites/hosts';
import { instagramAdapter } from '@/utils/sites/instagram';
import { linkedinAdapter } from '@/utils/sites/linkedin';
import type { ExtractOutcome, SiteAdapter } from '@/utils/sites/types';
import { xAdapter } from '@/utils/sites/x';
import { pageContext, parse } from './adapter-kit';
import { MEGABYTE_STRING, type Rng, seededRng } from './fuzz-kit';

// Fuzzing is CPU-bound: on a busy machine a fixture takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 60_000 });
/** vi.waitFor with room for a busy machine (its default gives up after 1 s). */
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000 });
const SEED = Number(process.env.FUZZ_SEED ?? 1337);
const ROUNDS_PER_FIXTURE = 16;
const NOW = new Date('2026-07-29T12:00:00.000Z');

const PLATFORMS: { adapter: SiteAdapter; brand: string; urls: string[] }[] = [
  {
    adapter: xAdapter,
    brand: 'northwindco',
    urls: [
      'https://x.com/notifications/mentions',
      'https://x.com/home',
      'https://x.com/mayalind/status/2079222987619121560',
      'https://x.com/northwindco/status/2079869057236687159',
      'https://x.com/i/chat/1588204711-2047730019',
    ],
  },
  {
    adapter: facebookAdapter,
    brand: 'northwindco',
    urls: [
      'https://www.facebook.com/northwindco/posts/1187465203918274',
      'https://www.facebook.com/',
      'https://www.facebook.com/notifications',
      'https://www.facebook.com/messages/t/100055512345678',
    ],
  },
  {
    adapter: instagramAdapter,
    brand: 'northwindco',
    urls: [
      'https://www.instagram.com/p/DNw4Kp7aQzR/',
      'https://www.instagram.com/reel/Cq3TzXbN8wL/',
      'https://www.instagram.com/direct/t/17843209871234567/',
    ],
  },
  {
    adapter: linkedinAdapter,
    brand: 'northwind-co',
    urls: [
      'https://www.linkedin.com/feed/',
      'https://www.linkedin.com/feed/update/urn:li:ugcPost:7487054099251253304/',
      'https://www.linkedin.com/notifications/',
      'https://www.linkedin.com/messaging/thread/2-R3JhY2VPa2Fmb3I=/',
    ],
  },
];

const fixturesOf = (platform: Platform) => {
  const dir = join(import.meta.dirname, '../fixtures', platform);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((file) => ({ file, html: readFileSync(join(dir, file), 'utf8') }));
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE_IN_NAMES = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Document methods a named element can shadow (`<img name="querySelectorAll">`): the DOM itself breaks. */
const CLOBBERED_NAMES = ['querySelectorAll', 'querySelector', 'getElementById', 'createElement', 'body', 'documentElement'];

interface Mutation {
  name: string;
  apply(doc: Document, rng: Rng): void;
  /** Breaks the Document API: applied after the others, which need it. */
  last?: boolean;
}

/** The root element through the prototype's getter, which a named element cannot shadow. */
const rootOf = (doc: Document) => Reflect.get(Document.prototype, 'documentElement', doc) as Element;
const elements = (doc: Document) => [...rootOf(doc).querySelectorAll('body *')];
const pickElement = (doc: Document, rng: Rng, selector = '*') => {
  const found = [...rootOf(doc).querySelectorAll(`body ${selector}`)];
  return found.length ? rng.pick(found) : null;
};
const textNodes = (doc: Document) => {
  const walker = doc.createTreeWalker(rootOf(doc), 4);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
};

const MUTATIONS: Mutation[] = [
  { name: 'remove a node', apply: (doc, rng) => pickElement(doc, rng)?.remove() },
  {
    name: 'duplicate a node',
    apply: (doc, rng) => {
      const el = pickElement(doc, rng);
      el?.after(el.cloneNode(true));
    },
  },
  {
    name: 'swap two nodes',
    apply: (doc, rng) => {
      const all = elements(doc);
      const a = rng.pick(all);
      const b = rng.pick(all);
      if (!a || !b || a === b || a.contains(b) || b.contains(a)) return;
      const marker = doc.createComment('swap');
      a.replaceWith(marker);
      b.replaceWith(a);
      marker.replaceWith(b);
    },
  },
  {
    name: 'links to script and foreign URLs',
    apply: (doc, rng) => {
      const a = pickElement(doc, rng, 'a[href]');
      a?.setAttribute(
        'href',
        rng.pick([
          'javascript:alert(document.domain)',
          ' JAVASCRIPT:alert(1)',
          'data:text/html,<script>alert(1)</script>',
          'http://x.com/evil/status/1',
          '//evil.example/status/1',
          'https://evil.example/northwindco/status/2079869057236687159',
          'https://x.com.evil.example/a/status/1',
          `https://x.com/${'a'.repeat(3000)}`,
        ]),
      );
    },
  },
  {
    name: 'garbage times',
    apply: (doc, rng) => {
      const time = pickElement(doc, rng, 'time') ?? pickElement(doc, rng, '[datetime]');
      time?.setAttribute(
        'datetime',
        rng.pick(['yesterday', '', '9999-99-99T99:99:99Z', '2026-07-01T12:00:00Z<script>', '1e999', '-271821-04-20T00:00:00Z']),
      );
      if (time && rng.chance(0.5)) time.textContent = rng.pick(['3h', '∞', '-5m', '999999999d', '']);
    },
  },
  {
    name: '1 MB of text',
    apply: (doc, rng) => {
      const target = rng.pick(textNodes(doc));
      if (target) target.data += MEGABYTE_STRING;
    },
  },
  {
    name: 'bidi overrides and control characters',
    apply: (doc, rng) => {
      const target = rng.pick(textNodes(doc));
      if (target) target.data = `\u202E${target.data}\u0000\u0007\u001B[2J\u2066\u200B\r\u0085`;
    },
  },
  {
    name: 'markup in text',
    apply: (doc, rng) => {
      const target = rng.pick(textNodes(doc));
      if (target) target.data = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    },
  },
  {
    name: 'forged Replyline markers',
    apply: (doc, rng) => {
      const at = pickElement(doc, rng) ?? rootOf(doc);
      const forged = doc.createElement(rng.pick(['span', 'div', 'article']));
      forged.setAttribute('data-replyline-item', rng.pick(['x:1', 'x:<script>', 'facebook:../../', '']));
      forged.setAttribute('data-replyline-sla', 'answered');
      forged.textContent = 'Answered';
      at.append(forged);
    },
  },
  {
    name: 'hostile attribute values',
    apply: (doc, rng) => {
      const el = pickElement(doc, rng);
      const attr = el && rng.pick([...el.getAttributeNames(), 'aria-label', 'data-testid', 'id']);
      if (el && attr)
        el.setAttribute(attr, rng.pick(['', '"><img src=x onerror=alert(1)>', '\u202Eevil', MEGABYTE_STRING.slice(0, 100_000)]));
    },
  },
  {
    name: 'DOM clobbering of the document',
    last: true,
    apply: (doc, rng) => {
      const name = rng.pick(CLOBBERED_NAMES);
      const el = doc.createElement(rng.pick(['img', 'form', 'embed']));
      el.setAttribute('name', name);
      (pickElement(doc, rng) ?? rootOf(doc)).append(el);
    },
  },
  {
    name: 'DOM clobbering of elements',
    apply: (doc, rng) => {
      const el = pickElement(doc, rng);
      if (!el) return;
      const form = doc.createElement('form');
      form.id = rng.pick(['location', 'document', 'defaultView', 'top']);
      for (const name of [
        'parentNode',
        'parentElement',
        'attributes',
        'closest',
        'matches',
        'getAttribute',
        'querySelectorAll',
        'nodeName',
      ]) {
        const input = doc.createElement('input');
        input.name = name;
        form.append(input);
      }
      el.replaceWith(form);
      form.append(el);
    },
  },
];

/** Whether a named element now shadows a Document method: the DOM API itself is broken on this page. */
const documentClobbered = (doc: Document) => CLOBBERED_NAMES.some((name) => rootOf(doc).querySelector(`[name="${name}"]`));

function checkItem(platform: Platform, item: CapturedItem, context: string) {
  expect(capturedItemSchema().safeParse(item).success, context).toBe(true);
  expect(item.platform, context).toBe(platform);
  for (const url of [item.permalink, item.author.profileUrl]) {
    if (url === undefined) continue;
    const { protocol, hostname } = new URL(url);
    expect(protocol, `${context}: ${url}`).toBe('https:');
    expect(SITE_HOSTS[platform], `${context}: ${url}`).toContain(hostname);
  }
  expect(item.author.name, context).not.toMatch(UNSAFE_IN_NAMES);
  expect(item.author.handle ?? '', context).not.toMatch(UNSAFE_IN_NAMES);
  expect(item.text ?? '', context).not.toMatch(UNSAFE_IN_TEXT);
  expect((item.text ?? '').length, context).toBeLessThanOrEqual(LIMITS.text * 2);
}

describe.each(PLATFORMS)('$adapter.platform', ({ adapter, brand, urls }) => {
  test.each(fixturesOf(adapter.platform))('$file: mutated pages never break the adapter', ({ file, html }) => {
    const rng = seededRng(SEED + [...file, ...adapter.platform].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 0));
    const outcomes: Record<ExtractOutcome['type'], number> = { item: 0, skip: 0, error: 0 };
    for (let round = 0; round < ROUNDS_PER_FIXTURE; round++) {
      const doc = parse(html);
      const applied: string[] = [];
      const chosen = Array.from({ length: 1 + rng.int(6) }, () => rng.pick(MUTATIONS));
      for (const mutation of [...chosen.filter((m) => !m.last), ...chosen.filter((m) => m.last)]) {
        mutation.apply(doc, rng);
        applied.push(mutation.name);
      }
      const url = rng.pick(urls);
      const brandHandles = rng.pick([[brand], [], ['.*', '', `@${brand.toUpperCase()}`]]);
      const ctx = pageContext(url, brandHandles, NOW);
      const context = `${adapter.platform}/${file} round ${round} at ${url} after [${applied.join(', ')}] (FUZZ_SEED=${SEED})`;
      const clobbered = documentClobbered(doc);

      // A page that broke its own Document API may make any call throw: the engine contains that
      // (a failed scan, a rejected item). On any other page nothing may throw.
      const attempt = <T>(fn: () => T): T | undefined => {
        try {
          return fn();
        } catch (error) {
          if (!clobbered) throw new Error(`${context}: ${error instanceof Error ? error.stack : error}`);
          return undefined;
        }
      };
      attempt(() => adapter.viewerHandle(doc));
      for (const el of attempt(() => adapter.findItems(doc)) ?? attempt(() => adapter.findItems(rootOf(doc))) ?? []) {
        const outcome = attempt(() => adapter.extract(el, ctx));
        if (!outcome) continue;
        outcomes[outcome.type]++;
        if (outcome.type === 'item') checkItem(adapter.platform, outcome.item, context);
        expect(attempt(() => adapter.itemRootOf(el)) ?? el, context).toBe(el);
        const anchor = attempt(() => adapter.badgeAnchor(el));
        if (anchor)
          expect(el.contains(anchor.element) || anchor.element.contains(el) || anchor.element.parentNode === el.parentNode, context).toBe(
            true,
          );
      }
      for (const el of rng.chance(0.3) ? elements(doc).slice(0, 200) : []) {
        attempt(() => adapter.itemRootOf(el));
        const composer = attempt(() => adapter.findComposer(el));
        if (composer) {
          attempt(() => adapter.findSubmit(composer));
          attempt(() => adapter.replyTarget(composer, ctx));
        }
      }
    }
    // The mutations left readable items as well as broken ones: the fuzz reached both paths.
    expect(outcomes.item + outcomes.skip + outcomes.error).toBeGreaterThan(0);
  });
});

describe('the engine on a hostile page', () => {
  const sent: { type: string; payload: unknown }[] = [];
  beforeEach(() => {
    sent.length = 0;
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string; payload: unknown }) => {
      sent.push(message);
      if (message.type === 'page/context')
        return { ok: true, data: { brandHandles: ['northwindco'], templates: [], paletteShortcut: 'Ctrl+Shift+Space' } };
      return { ok: true, data: message.type === 'items/capture' || message.type === 'items/get' ? [] : null };
    }) as typeof browser.runtime.sendMessage);
  });
  afterEach(() => vi.restoreAllMocks());

  const load = (html: string) => document.body.replaceChildren(...document.importNode(parse(html).body, true).childNodes);
  const reports = () => sent.filter((m) => m.type === 'health/report').map((m) => m.payload as HealthReport);
  const total = (counter: keyof HealthReport['counters']) => reports().reduce((n, r) => n + (r.counters[counter] ?? 0), 0);

  test('rejects are counted in adapter health; only valid items are sent; forged markers are left alone', async () => {
    load(fixturesOf('x').find((f) => f.file === 'hostile.html')?.html ?? '');
    const forged = document.createElement('span');
    forged.setAttribute('data-replyline-item', 'x:1');
    forged.setAttribute('data-replyline-sla', 'answered');
    document.body.prepend(forged);
    const ctx = new ContentScriptContext('x');
    // What the adapter says about each item root, independently of the engine.
    const expected = { found: 0, extracted: 0, skipped: 0, rejected: 0 };
    const page = pageContext(location.href, ['northwindco'], new Date());
    for (const el of xAdapter.findItems(document)) {
      const outcome = xAdapter.extract(el, page);
      expected.found++;
      if (outcome.type === 'skip') expected.skipped++;
      else if (outcome.type === 'item' && capturedItemSchema().safeParse(outcome.item).success) expected.extracted++;
      else expected.rejected++;
    }
    expect(expected.rejected).toBeGreaterThan(0);

    await startEngine(ctx, xAdapter);
    await eventually(() => expect(sent.some((m) => m.type === 'items/capture')).toBe(true));
    await eventually(() => expect(total('found')).toBe(expected.found));
    expect({ found: total('found'), extracted: total('extracted'), skipped: total('skipped'), rejected: total('rejected') }).toEqual(
      expected,
    );
    expect(reports().flatMap((r) => r.failures).length).toBeGreaterThan(0);

    const capturedItems = sent.filter((m) => m.type === 'items/capture').flatMap((m) => (m.payload as { items: CapturedItem[] }).items);
    expect(capturedItems).toHaveLength(expected.extracted);
    for (const item of capturedItems) checkItem('x', item, item.externalId);
    // The forged marker is still the page's own element, untouched; ours carry real keys.
    expect(forged.isConnected && forged.getAttribute('data-replyline-sla')).toBe('answered');
    const ours = () => [...document.querySelectorAll('[data-replyline-item]')].filter((h) => h !== forged);
    // Badges go in at the batch's write phase, a frame after the capture is sent.
    await eventually(() => expect(ours().length).toBeGreaterThan(0));
    const hosts = ours();
    for (const host of hosts) expect(capturedItems.map((i) => `x:${i.externalId}`)).toContain(host.getAttribute('data-replyline-item'));

    // The extension goes away: every host is removed and nothing else is touched.
    ctx.notifyInvalidated();
    expect([...document.querySelectorAll('[data-replyline-item]')]).toEqual([forged]);
  });

  test('a forged "newer copy started" event is refused; once the extension is gone the script stops and removes every badge', async () => {
    load(fixturesOf('x').find((f) => f.file === 'notifications-mentions.html')?.html ?? '');
    const ctx = new ContentScriptContext('x');
    await startEngine(ctx, xAdapter);
    await eventually(() => expect(document.querySelectorAll('[data-replyline-item]').length).toBeGreaterThan(0));
    const announce = () =>
      document.dispatchEvent(
        new CustomEvent(Reflect.get(ContentScriptContext, 'SCRIPT_STARTED_MESSAGE_TYPE') as string, {
          detail: { contentScriptName: 'x', messageId: 'forged' },
        }),
      );
    announce();
    expect(ctx.isValid).toBe(true);
    expect(document.querySelectorAll('[data-replyline-item]').length).toBeGreaterThan(0);

    // An orphaned script: the extension was reloaded, and `browser.runtime` went with it.
    const runtime = browser.runtime;
    Object.defineProperty(browser, 'runtime', { value: undefined, configurable: true });
    try {
      announce();
      expect(ctx.signal.aborted).toBe(true);
      expect(document.querySelectorAll('[data-replyline-item]')).toHaveLength(0);
    } finally {
      Object.defineProperty(browser, 'runtime', { value: runtime, configurable: true });
    }
  });

  test('a page that clobbers the document API: the failure is counted and items added later are still read', async () => {
    load('<main id="timeline"></main><img name="querySelectorAll"><form name="querySelector"></form>');
    const ctx = new ContentScriptContext('x');
    await startEngine(ctx, xAdapter);
    await eventually(() =>
      expect(reports().flatMap((r) => r.failures.map((f) => f.reason))).toContainEqual(expect.stringMatching(/^page scan failed/)),
    );
    const mentions = parse(fixturesOf('x').find((f) => f.file === 'notifications-mentions.html')?.html ?? '');
    document.getElementById('timeline')?.append(...document.importNode(mentions.body, true).childNodes);
    await eventually(() => expect(sent.some((m) => m.type === 'items/capture')).toBe(true));
    ctx.notifyInvalidated();
  });
});
