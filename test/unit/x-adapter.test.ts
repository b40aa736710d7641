// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capturedItemSchema } from '@/utils/schema-core';
import type { ExtractOutcome } from '@/utils/sites/types';
import { selectors, xAdapter } from '@/utils/sites/x';
import { byId, item, pageContext, parse } from './adapter-kit';

const FIXTURES = join(import.meta.dirname, '../fixtures/x');
const NOW = new Date('2026-07-29T00:00:00.000Z');
const BRAND = ['northwindco'];

function load(name: string): Document {
  return parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

const ctx = (url: string, brandHandles: readonly string[] = BRAND) => pageContext(url, brandHandles, NOW);

const MENTIONS_URL = 'https://x.com/notifications/mentions';
const S2 = '2079222987619121560';
const CUSTOMER_STATUS_URL = `https://x.com/mayalind/status/${S2}`;
const B0 = '2079869057236687159';
const BRAND_STATUS_URL = `https://x.com/northwindco/status/${B0}`;

describe('X adapter: notifications/mentions', () => {
  const doc = load('notifications-mentions.html');
  const items = xAdapter.findItems(doc);
  const c = ctx(MENTIONS_URL);

  test('finds the five tweets and never the like notification', () => {
    expect(items).toHaveLength(5);
    expect(items.every((el) => el.getAttribute('data-testid') === 'tweet')).toBe(true);
    expect(doc.querySelectorAll('article[data-testid="notification"]')).toHaveLength(1);
  });

  test('single-handle reply context → comment, with verified badge and emoji alt in the text', () => {
    expect(item(xAdapter.extract(items[0] as Element, c))).toEqual({
      platform: 'x',
      externalId: '2082031900424433586',
      kind: 'comment',
      // The text's lang attribute: the customer's language for template variants.
      language: 'en',
      permalink: 'https://x.com/mayalind/status/2082031900424433586',
      author: { name: 'Maya Lindqvist', handle: 'mayalind', profileUrl: 'https://x.com/mayalind' },
      text: 'My parcel has said "label created" for six days now 📦 — order NW-48213. Any update?',
      postedAt: '2026-07-28T09:14:22.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
  });

  test('multi-handle reply context → reply', () => {
    const it = item(xAdapter.extract(items[1] as Element, c));
    expect(it.kind).toBe('reply');
    expect(it.externalId).toBe('2082014154323889773');
    expect(it.author).toEqual({ name: 'Tomás Reyes', handle: 'tomasreyes', profileUrl: 'https://x.com/tomasreyes' });
    expect(it.text).toBe('Same here, the tracking link from @parcelhub just loops back to the login page.');
    expect(it.postedAt).toBe('2026-07-28T08:03:51.000Z');
  });

  test('bare @mention in the text (other letter case) → mention', () => {
    const it = item(xAdapter.extract(items[2] as Element, c));
    expect(it.kind).toBe('mention');
    expect(it.externalId).toBe('2081857178303430405');
    expect(it.text).toBe('Thinking about moving my shop to @NorthwindCo — does anyone know if they handle returns from Busan?');
    // the same tweet on the home feed is still a mention: the text names the brand
    expect(item(xAdapter.extract(items[2] as Element, ctx('https://x.com/home'))).kind).toBe('mention');
  });

  test('a reply to someone else counts as a mention on the Mentions tab only; emoji in the display name', () => {
    const it = item(xAdapter.extract(items[3] as Element, c));
    expect(it.kind).toBe('mention');
    expect(it.author.name).toBe('Ellie 🌿');
    expect(it.author.handle).toBe('ellie_fromleeds');
    expect(xAdapter.extract(items[3] as Element, ctx('https://x.com/home'))).toEqual({
      type: 'skip',
      reason: 'not-addressed',
    });
  });

  test('a time without datetime: postedAt decoded from the status id, exact', () => {
    const it = item(xAdapter.extract(items[4] as Element, c));
    expect(it.externalId).toBe('2081756531785723923');
    expect(it.postedAt).toBe('2026-07-27T15:00:09.000Z');
    expect(it.postedAtApproximate).toBe(false);
    expect(it.postedAt).not.toBe(NOW.toISOString());
  });

  test('a like notification is skipped even when handed to extract', () => {
    const like = doc.querySelector('article[data-testid="notification"]') as Element;
    expect(xAdapter.extract(like, c)).toEqual({ type: 'skip', reason: 'notification' });
    expect(xAdapter.itemRootOf(like)).toBeNull();
  });

  test('no brand configured → skip no-brand; brand handles match with @ and any case', () => {
    expect(xAdapter.extract(items[0] as Element, ctx(MENTIONS_URL, []))).toEqual({ type: 'skip', reason: 'no-brand' });
    expect(item(xAdapter.extract(items[0] as Element, ctx(MENTIONS_URL, ['@NorthwindCo']))).kind).toBe('comment');
  });

  test('itemRootOf and badgeAnchor stay inside the item', () => {
    const first = items[0] as Element;
    const textNode = first.querySelector('[data-testid="tweetText"] span')?.firstChild as Node;
    expect(xAdapter.itemRootOf(textNode)).toBe(first);
    const anchor = xAdapter.badgeAnchor(first);
    expect(anchor.position).toBe('beforeend');
    expect(anchor.element.getAttribute('data-testid')).toBe('User-Name');
    expect(first.contains(anchor.element)).toBe(true);
  });

  test('findItems includes the root itself when it is a tweet', () => {
    expect(xAdapter.findItems(items[1] as Element)).toEqual([items[1]]);
  });
});

describe('X adapter: status page on a customer focal tweet', () => {
  const doc = load('status-customer-focal.html');
  const items = xAdapter.findItems(doc);
  const c = ctx(CUSTOMER_STATUS_URL);
  const out = items.map((el) => xAdapter.extract(el, c));

  test('five tweets', () => {
    expect(items).toHaveLength(5);
  });

  test('the brand root post is a brand item with its own permalink id', () => {
    const it = item(out[0] as ExtractOutcome);
    expect(it).toMatchObject({ externalId: '2079204679481589843', byBrand: true, kind: 'comment' });
    expect(it.author).toEqual({ name: 'Northwind', handle: 'northwindco', profileUrl: 'https://x.com/northwindco' });
    expect(it.answersExternalId).toBeUndefined();
  });

  test('the focal tweet (bare time) takes its id from the URL', () => {
    expect(item(out[1] as ExtractOutcome)).toEqual({
      platform: 'x',
      externalId: S2,
      language: 'en',
      kind: 'comment',
      permalink: `https://x.com/mayalind/status/${S2}`,
      author: { name: 'Maya Lindqvist', handle: 'mayalind', profileUrl: 'https://x.com/mayalind' },
      text: 'Picked the 10–12 slot and the courier came at 19:40 🙃 order NW-48213',
      postedAt: '2026-07-20T15:12:45.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
  });

  test('a bare-time tweet off a status page cannot be identified → error', () => {
    expect(xAdapter.extract(items[1] as Element, ctx('https://x.com/home'))).toEqual({
      type: 'error',
      reason: 'no-status-id',
    });
  });

  test('the brand reply answers the focal customer tweet', () => {
    const it = item(out[2] as ExtractOutcome);
    expect(it).toMatchObject({
      externalId: '2079229853694297775',
      byBrand: true,
      kind: 'reply',
      answersExternalId: S2,
      postedAt: '2026-07-20T15:40:02.000Z',
    });
  });

  test('a stranger answering only the customer is not addressed; naming the brand too → reply', () => {
    expect(out[3]).toEqual({ type: 'skip', reason: 'not-addressed' });
    const it = item(out[4] as ExtractOutcome);
    expect(it).toMatchObject({ externalId: '2079242428216741918', kind: 'reply', byBrand: false });
    expect(it.author.handle).toBe('gracechen_');
  });

  test('the simplified capture shape (spans, no profile links) still yields author and handle', () => {
    // treat the customer as a brand handle so the stranger's reply becomes an item we can inspect
    const it = item(xAdapter.extract(items[3] as Element, ctx(CUSTOMER_STATUS_URL, ['mayalind'])));
    expect(it.author).toEqual({ name: 'Pablo Ortiz', handle: 'pablo_ortiz', profileUrl: 'https://x.com/pablo_ortiz' });
    expect(it.externalId).toBe('2079236262593428873');
    expect(it.kind).toBe('comment');
  });
});

describe('X adapter: status page on a brand focal tweet', () => {
  const doc = load('status-brand-focal.html');
  const items = xAdapter.findItems(doc);
  const c = ctx(BRAND_STATUS_URL);
  const out = items.map((el) => xAdapter.extract(el, c));

  test('the brand focal post: id from the URL, by brand', () => {
    expect(items).toHaveLength(6);
    expect(item(out[0] as ExtractOutcome)).toMatchObject({
      externalId: B0,
      byBrand: true,
      kind: 'comment',
      postedAt: '2026-07-22T10:00:00.000Z',
      permalink: `https://x.com/northwindco/status/${B0}`,
    });
  });

  test('direct replies naming only the brand are comments', () => {
    expect(out.slice(1, 4).map((o) => [item(o).externalId, item(o).kind, item(o).author.handle])).toEqual([
      ['2079870873371103827', 'comment', 'harperq'],
      ['2079873016660034755', 'comment', 'dev_okafor'],
      ['2079874379806392342', 'comment', 'harperq'],
    ]);
    expect(item(out[2] as ExtractOutcome).author.name).toBe('Dev Okafor');
    expect(item(out[2] as ExtractOutcome).postedAt).toBe('2026-07-22T10:15:44.000Z');
  });

  test('the brand answer points at the nearest preceding tweet by the named customer', () => {
    expect(item(out[4] as ExtractOutcome)).toMatchObject({
      externalId: '2079876606983660341',
      byBrand: true,
      kind: 'reply',
      answersExternalId: '2079874379806392342',
    });
  });

  test('a reply naming the brand and someone else → reply', () => {
    expect(item(out[5] as ExtractOutcome)).toMatchObject({
      externalId: '2079879488468135418',
      kind: 'reply',
      text: 'Same question as @someoneelse, is Faro included?',
      author: { name: 'Lucía Martins', handle: 'lucia_m' },
    });
  });
});

describe('X adapter: home feed', () => {
  const doc = load('home-feed.html');
  const items = xAdapter.findItems(doc);
  const c = ctx('https://x.com/home');
  const out = items.map((el) => xAdapter.extract(el, c));

  test('the article nested inside a quote is not an item', () => {
    expect(doc.querySelectorAll(selectors.tweet)).toHaveLength(7);
    expect(items).toHaveLength(6);
    const nested = doc.querySelector(`${selectors.quote} ${selectors.tweet}`) as Element;
    expect(items).not.toContain(nested);
    expect(xAdapter.extract(nested, c)).toEqual({ type: 'skip', reason: 'quoted' });
    // a node inside the quote belongs to the outer card
    expect(xAdapter.itemRootOf(nested.querySelector('[data-testid="tweetText"]') as Element)).toBe(items[4]);
  });

  test('the outer tweet wins over its quote: id, author, time and text', () => {
    expect(item(out[0] as ExtractOutcome)).toEqual({
      platform: 'x',
      externalId: '2080933571590523086',
      language: 'en',
      kind: 'mention',
      permalink: 'https://x.com/oskar_b/status/2080933571590523086',
      author: { name: 'Oskar Berg', handle: 'oskar_b', profileUrl: 'https://x.com/oskar_b' },
      text: 'Finally an honest review of @NorthwindCo’s next-day service 👇',
      postedAt: '2026-07-25T08:30:00.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
  });

  test('the Ad card is skipped', () => {
    expect(out[1]).toEqual({ type: 'skip', reason: 'ad' });
  });

  test("the brand's own post is a brand item", () => {
    expect(item(out[2] as ExtractOutcome)).toMatchObject({
      externalId: '2080924763554312159',
      byBrand: true,
      kind: 'comment',
      author: { handle: 'northwindco', name: 'Northwind' },
    });
  });

  test('an e-mail address or a longer handle is not a mention', () => {
    expect(out[3]).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test("a quote's mention and reply context do not address the quoting tweet", () => {
    expect(out[4]).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test("a media-only quote card: the quoted text, time and mention are never the card's own", () => {
    expect(out[5]).toEqual({ type: 'skip', reason: 'not-addressed' });
    // seen as the brand's own card, every field must still come from the outer tweet
    const it = item(xAdapter.extract(items[5] as Element, ctx('https://x.com/home', ['kofi_mensah'])));
    expect(it).toEqual({
      platform: 'x',
      externalId: '2080883881673471191',
      kind: 'comment',
      permalink: 'https://x.com/kofi_mensah/status/2080883881673471191',
      author: { name: 'Kofi Mensah', handle: 'kofi_mensah', profileUrl: 'https://x.com/kofi_mensah' },
      postedAt: '2026-07-25T05:12:33.000Z',
      postedAtApproximate: false,
      byBrand: true,
    });
  });

  test('viewerHandle reads the account switcher', () => {
    expect(xAdapter.viewerHandle(doc)).toBe('northwindco');
    expect(xAdapter.viewerHandle(load('notifications-mentions.html'))).toBeNull();
  });
});

describe('X adapter: hostile page', () => {
  const doc = load('hostile.html');
  const items = xAdapter.findItems(doc);
  const c = ctx(MENTIONS_URL);
  const out = items.map((el) => xAdapter.extract(el, c));

  test('extract never throws and every item passes the schema', () => {
    expect(items).toHaveLength(8);
    for (const o of out) {
      expect(['item', 'skip', 'error']).toContain(o.type);
      if (o.type === 'item') expect(capturedItemSchema().safeParse(o.item).success).toBe(true);
    }
  });

  test('markup-looking name and 20 000-character text stay inert, bidi-free and capped', () => {
    const it = item(out[0] as ExtractOutcome);
    expect(it.author).toEqual({
      name: '<img src=x onerror=alert(1)>oc.dniwhtron',
      handle: 'mallory_x',
      profileUrl: 'https://x.com/mallory_x',
    });
    expect(it.permalink).toBe('https://x.com/mallory_x/status/2081213679794707993');
    expect(it.kind).toBe('comment');
    const source = doc.querySelector('[data-testid="tweetText"]')?.textContent ?? '';
    expect(source.length).toBeGreaterThan(20000);
    expect(it.text).toHaveLength(5000);
    expect(it.text?.startsWith('@northwindco refund now refund now')).toBe(true);
    expect(it.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(it.author.name).not.toMatch(/[\u202A-\u202E]/);
  });

  test('a javascript: link that contains /status/ is rejected, not followed', () => {
    expect(out[1]).toEqual({ type: 'error', reason: 'bad-status-link' });
  });

  test('an out-of-range datetime falls back to the id; a 500-character name is capped', () => {
    const it = item(out[2] as ExtractOutcome);
    expect(it.postedAt).toBe('2026-07-26T01:30:15.000Z');
    expect(it.author.name).toBe('N'.repeat(200));
  });

  test('img alt is text, script and style contents are not', () => {
    expect(item(out[3] as ExtractOutcome).text).toBe('before <b>boom</b> after');
  });

  test('a display name imitating a reply context is not one', () => {
    expect(xAdapter.extract(items[4] as Element, ctx('https://x.com/home'))).toEqual({
      type: 'skip',
      reason: 'not-addressed',
    });
    const it = item(out[4] as ExtractOutcome);
    expect(it.kind).toBe('mention'); // listed on the Mentions tab
    expect(it.author.name).toBe('Replying to @northwindco');
  });

  test('an impersonator with the brand name and a lying @handle text is not the brand', () => {
    const it = item(out[5] as ExtractOutcome);
    expect(it.byBrand).toBe(false);
    expect(it.author.handle).toBe('northwindc0');
    expect(it.kind).toBe('comment');
  });

  test('an oversized status id and an empty shell are errors', () => {
    expect(out[6]).toEqual({ type: 'error', reason: 'bad-status-link' });
    expect(out[7]?.type).toBe('error');
  });

  test('odd inputs: non-tweets, regex-like brand handles, detached nodes', () => {
    const div = doc.createElement('div');
    expect(xAdapter.extract(div, c)).toEqual({ type: 'skip', reason: 'not-a-tweet' });
    const weird = ctx(MENTIONS_URL, ['.*', 'a(b', '', '@NorthwindCo']);
    expect(item(xAdapter.extract(items[0] as Element, weird)).kind).toBe('comment');
    expect(xAdapter.extract(items[6] as Element, ctx(MENTIONS_URL, ['.*']))).toEqual({ type: 'skip', reason: 'no-brand' });
    const detached = (items[3] as Element).cloneNode(true) as Element;
    expect(item(xAdapter.extract(detached, c)).externalId).toBe('2081182713247481821');
  });
});

describe('X adapter: every fixture', () => {
  test.each([
    ['notifications-mentions.html', MENTIONS_URL],
    ['status-customer-focal.html', CUSTOMER_STATUS_URL],
    ['status-brand-focal.html', BRAND_STATUS_URL],
    ['home-feed.html', 'https://x.com/home'],
    ['hostile.html', MENTIONS_URL],
    ['compose-surfaces.html', CUSTOMER_STATUS_URL],
  ])('%s: items pass capturedItemSchema, ids are unique', (file, url) => {
    const doc = load(file);
    const seen = new Set<string>();
    for (const el of xAdapter.findItems(doc)) {
      const o = xAdapter.extract(el, ctx(url));
      if (o.type !== 'item') continue;
      expect(capturedItemSchema().safeParse(o.item).success).toBe(true);
      expect(seen.has(o.item.externalId)).toBe(false);
      seen.add(o.item.externalId);
      expect(o.item.permalink).toMatch(/^https:\/\/x\.com\/[A-Za-z0-9_]{1,15}\/status\/\d{1,19}$/);
    }
  });
});

describe('X adapter: composers', () => {
  const doc = load('compose-surfaces.html');
  const statusCtx = ctx(CUSTOMER_STATUS_URL);

  test('findComposer returns the editable for each editor kind', () => {
    const inline = byId(doc, 'inline-editor');
    expect(xAdapter.findComposer(inline)).toBe(inline);
    expect(xAdapter.findComposer(inline.querySelector('[data-text]') as Element)).toBe(inline);
    // focus reported on the testid wrapper of the inline box (2026-07 capture shape)
    expect(xAdapter.findComposer(inline.closest('[data-testid="tweetTextarea_0"]') as Element)).toBe(inline);
    expect(xAdapter.findComposer(byId(doc, 'modal-editor'))).toBe(byId(doc, 'modal-editor'));
    expect(xAdapter.findComposer(byId(doc, 'narrow-textarea'))).toBe(byId(doc, 'narrow-textarea'));
    const dm = byId(doc, 'dm-editor');
    expect(xAdapter.findComposer(dm.querySelector('span') as Element)).toBe(dm);
    expect(xAdapter.findComposer(byId(doc, 'xchat-textarea'))).toBe(byId(doc, 'xchat-textarea'));
    expect(xAdapter.findComposer(doc.querySelector('article') as Element)).toBeNull();
    expect(xAdapter.findComposer(doc.querySelector('[data-testid="reply"]') as Element)).toBeNull();
  });

  test("findSubmit finds the composer's own button, never the DM drawer's Send", () => {
    expect(xAdapter.findSubmit(byId(doc, 'inline-editor'))).toBe(byId(doc, 'inline-submit'));
    expect(xAdapter.findSubmit(byId(doc, 'modal-editor'))).toBe(byId(doc, 'modal-submit'));
    expect(xAdapter.findSubmit(byId(doc, 'narrow-textarea'))).toBe(byId(doc, 'narrow-submit'));
    expect(xAdapter.findSubmit(byId(doc, 'dm-editor'))).toBe(byId(doc, 'dm-submit'));
    expect(xAdapter.findSubmit(byId(doc, 'xchat-textarea'))).toBe(byId(doc, 'xchat-submit'));
  });

  test('a composer without its own submit gets none, not a neighbour or the DM Send', () => {
    expect(xAdapter.findSubmit(byId(doc, 'pending-editor'))).toBeNull();
  });

  test('a DM-only page: the tweet composer lookup never returns the drawer Send', () => {
    const d = load('compose-surfaces.html');
    for (const id of ['inline-submit', 'modal-submit', 'narrow-submit']) byId(d, id).remove();
    expect(xAdapter.findSubmit(byId(d, 'inline-editor'))).toBeNull();
    expect(xAdapter.findSubmit(byId(d, 'modal-editor'))).toBeNull();
    expect(xAdapter.findSubmit(byId(d, 'dm-editor'))).toBe(byId(d, 'dm-submit'));
  });

  test('replyTarget: in_reply_to, then the status path, else null; an empty DM drawer never takes the status', () => {
    const inline = byId(doc, 'inline-editor');
    expect(xAdapter.replyTarget(inline, statusCtx)).toBe(S2);
    expect(xAdapter.replyTarget(inline, ctx('https://x.com/compose/post?in_reply_to=2081857178303430405'))).toBe('2081857178303430405');
    expect(xAdapter.replyTarget(inline, ctx(`https://x.com/mayalind/status/${S2}?in_reply_to=abc`))).toBe(S2);
    expect(xAdapter.replyTarget(inline, ctx(`https://x.com/mayalind/status/${S2}/photo/1`))).toBe(S2);
    expect(xAdapter.replyTarget(inline, ctx('https://x.com/home'))).toBeNull();
    expect(xAdapter.replyTarget(inline, ctx('https://x.com/compose/post'))).toBeNull();
    expect(xAdapter.replyTarget(byId(doc, 'dm-editor'), statusCtx)).toBeNull();
    expect(xAdapter.replyTarget(byId(doc, 'xchat-textarea'), statusCtx)).toBeNull();
  });
});

describe('X adapter: static parts', () => {
  test('matchesUrl', () => {
    for (const u of ['https://x.com/home', 'https://twitter.com/notifications', `https://x.com/a/status/${S2}`]) {
      expect(xAdapter.matchesUrl(new URL(u))).toBe(true);
    }
    for (const u of ['https://www.facebook.com/', 'https://x.com.evil.example/', 'https://notx.com/', 'http://x.com/home']) {
      expect(xAdapter.matchesUrl(new URL(u))).toBe(false);
    }
  });

  test('insertion techniques per editor', () => {
    expect(xAdapter.platform).toBe('x');
    expect(xAdapter.insertion).toEqual({
      draft: ['paste'],
      textarea: ['native-setter'],
      contenteditable: ['exec-command', 'paste'],
    });
  });

  test('the selector table uses no generated class names and every entry parses', () => {
    expect(xAdapter.selectors).toBe(selectors);
    for (const s of Object.values(selectors)) {
      expect(s).not.toMatch(/\b(?:css|r)-[0-9a-z]{4,}/);
      expect(() => document.querySelector(s)).not.toThrow();
    }
  });
});

describe('X adapter: replies under the focal tweet without a "Replying to" line', () => {
  const dropContext = (article: Element) => {
    for (const div of article.querySelectorAll('div[dir="ltr"]')) if (/^\s*Replying to/.test(div.textContent ?? '')) div.remove();
    return article;
  };

  test('under the brand focal tweet they are comments to the brand', () => {
    const doc = load('status-brand-focal.html');
    const reply = dropContext(xAdapter.findItems(doc)[1] as Element);
    expect(item(xAdapter.extract(reply, ctx(BRAND_STATUS_URL)))).toMatchObject({
      externalId: '2079870873371103827',
      kind: 'comment',
      byBrand: false,
    });
    // Elsewhere the same tweet is not addressed to the brand.
    expect(xAdapter.extract(reply, ctx('https://x.com/home'))).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test('a brand reply under a customer focal tweet answers that tweet', () => {
    const doc = load('status-brand-focal.html');
    const brandReply = dropContext(xAdapter.findItems(doc)[4] as Element);
    const customerUrl = `https://x.com/harperq/status/2079870873371103827`;
    expect(item(xAdapter.extract(brandReply, ctx(customerUrl)))).toMatchObject({ byBrand: true, answersExternalId: '2079870873371103827' });
  });
});

describe('X adapter: XChat thread', () => {
  const doc = load('xchat-thread.html');
  const URL_A = 'https://x.com/i/chat/1469212311-983402811';
  // Local-clock constructors: the shown "2:01 PM" is the user's own clock, whatever the test machine's zone.
  const DM_NOW = new Date(2026, 6, 29, 18, 30, 0);
  const dctx = (url = URL_A, now = DM_NOW, brandHandles: readonly string[] = BRAND) => pageContext(url, brandHandles, now);
  const items = xAdapter.findItems(doc);
  const out = items.map((el) => xAdapter.extract(el, dctx()));
  const ids = items.map((el) => el.getAttribute('data-dm-message-row'));
  const M1 = '5e0c6b7a-2f41-4c3d-9a8b-1d2e3f4a5b61';
  const M2 = '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f';
  const M4 = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
  const MAYA = { name: 'Maya Lindqvist 📦', handle: 'mayalind', profileUrl: 'https://x.com/mayalind' };

  test('finds the eight message rows and never the conversation rows', () => {
    expect(items).toHaveLength(8);
    expect(items.every((el) => el.hasAttribute('data-dm-message-row'))).toBe(true);
    for (const row of doc.querySelectorAll(selectors.xchatRow)) {
      expect(items).not.toContain(row);
      expect(xAdapter.itemRootOf(row)).toBeNull();
      expect(xAdapter.extract(row, dctx())).toEqual({ type: 'skip', reason: 'not-a-tweet' });
    }
  });

  test('an outgoing message with no customer message before it is skipped', () => {
    expect(out[0]).toEqual({ type: 'skip', reason: 'outgoing' });
  });

  test('incoming by sender avatar: customer from the selected row, emoji img as text, local clock time, approximate', () => {
    expect(item(out[1])).toEqual({
      platform: 'x',
      externalId: M1,
      kind: 'dm',
      permalink: 'https://x.com/i/chat/1469212311-983402811',
      author: MAYA,
      text: 'hi! my parcel 📦 still says "label created" 😩',
      postedAt: new Date(2026, 6, 29, 14, 1).toISOString(),
      postedAtApproximate: true,
      byBrand: false,
    });
  });

  test('incoming by data-direction: RTL text kept, bidi controls stripped', () => {
    const it = item(out[2]);
    expect(it).toMatchObject({ externalId: M2, kind: 'dm', author: MAYA, byBrand: false, postedAtApproximate: true });
    expect(it.text).toBe('الطلب رقم NW-48213 please');
    expect(it.postedAt).toBe(new Date(2026, 6, 29, 14, 2).toISOString());
  });

  test("the brand's message (data-is-outgoing) answers the nearest earlier incoming message", () => {
    expect(item(out[3])).toEqual({
      platform: 'x',
      externalId: 'b7a6c5d4-e3f2-4a1b-9c0d-e1f2a3b4c5d6',
      kind: 'dm',
      permalink: 'https://x.com/i/chat/1469212311-983402811',
      author: { name: 'northwindco', handle: 'northwindco', profileUrl: 'https://x.com/northwindco' },
      text: 'So sorry, Maya. Checking with the courier now.',
      postedAt: new Date(2026, 6, 29, 14, 5).toISOString(),
      postedAtApproximate: true,
      byBrand: true,
      answersExternalId: M2,
    });
  });

  test('data-is-outgoing="false" on a descendant; markup-looking text stays text; several spans; 24-hour clock', () => {
    expect(item(out[4])).toMatchObject({
      externalId: M4,
      text: '<b>thanks</b> @parcelhub says it left the depot\nsecond line 🚚',
      postedAt: new Date(2026, 6, 29, 14, 7).toISOString(),
      byBrand: false,
    });
  });

  test('an unreadable time label is an error, never the capture time', () => {
    expect(out[5]).toEqual({ type: 'error', reason: 'no-time' });
  });

  test('no sender and no direction attribute: error, not a guess', () => {
    expect(out[6]).toEqual({ type: 'error', reason: 'no-direction' });
  });

  test('a forged, non-uuid message row is an error', () => {
    expect(ids[7]).toBe('not-a-uuid"], *');
    expect(out[7]).toEqual({ type: 'error', reason: 'bad-message-id' });
  });

  test('a clock later than now is yesterday; relative ages parse; all approximate', () => {
    const early = new Date(2026, 6, 29, 13, 0, 0);
    expect(item(xAdapter.extract(items[1] as Element, dctx(URL_A, early))).postedAt).toBe(new Date(2026, 6, 28, 14, 1).toISOString());
    const label = (items[5] as Element).querySelector('span[aria-hidden="true"]') as Element;
    label.textContent = '3h';
    try {
      expect(item(xAdapter.extract(items[5] as Element, dctx())).postedAt).toBe(new Date(DM_NOW.getTime() - 3 * 3600_000).toISOString());
    } finally {
      label.textContent = 'Tuesday';
    }
  });

  test('the URL picks the conversation row over data-selected: a hostile name stays inert and bidi-free', () => {
    const it = item(xAdapter.extract(items[2] as Element, dctx('https://x.com/i/chat/1469212311-55501234')));
    expect(it.author).toEqual({
      name: '<img src=x onerror=alert(1)>oc.dniwhtron',
      handle: 'mallory_x',
      profileUrl: 'https://x.com/mallory_x',
    });
    expect(it.permalink).toBe('https://x.com/i/chat/1469212311-55501234');
  });

  test('a row whose description has no @handle names nobody: error', () => {
    expect(xAdapter.extract(items[2] as Element, dctx('https://x.com/i/chat/1469212311-70011'))).toEqual({
      type: 'error',
      reason: 'no-customer',
    });
  });

  test('the drawer off /i/chat: permalink from the selected row; no brand configured → skip', () => {
    const it = item(xAdapter.extract(items[2] as Element, dctx('https://x.com/home')));
    expect(it.permalink).toBe('https://x.com/i/chat/1469212311-983402811');
    expect(it.author).toEqual(MAYA);
    expect(xAdapter.extract(items[2] as Element, dctx(URL_A, DM_NOW, []))).toEqual({ type: 'skip', reason: 'no-brand' });
  });

  test('the viewer, not only the brand list, marks a sender avatar as outgoing', () => {
    const d = load('xchat-thread.html');
    const row = xAdapter.findItems(d)[1] as Element;
    (row.querySelector('[data-testid^="UserAvatar-Container-"]') as Element).setAttribute(
      'data-testid',
      'UserAvatar-Container-NorthwindCo',
    );
    expect(xAdapter.extract(row, dctx())).toEqual({ type: 'skip', reason: 'outgoing' });
  });

  test('itemRootOf, badgeAnchor and findItems on a row', () => {
    const row = items[1] as Element;
    const textNode = row.querySelector('span[dir="auto"]')?.firstChild as Node;
    expect(xAdapter.itemRootOf(textNode)).toBe(row);
    expect(xAdapter.badgeAnchor(row)).toEqual({ element: row, position: 'beforeend' });
    expect(xAdapter.findItems(row)).toEqual([row]);
    expect(xAdapter.viewerHandle(doc)).toBe('northwindco');
  });

  test('composer: own send button; replyTarget is the newest customer message that is an item', () => {
    const textarea = byId(doc, 'thread-textarea');
    expect(xAdapter.findComposer(textarea)).toBe(textarea);
    expect(xAdapter.findSubmit(textarea)).toBe(byId(doc, 'thread-send'));
    expect(xAdapter.replyTarget(textarea, dctx())).toBe(M4);
    expect(xAdapter.replyTarget(textarea, dctx(URL_A, DM_NOW, []))).toBeNull();
  });

  test('every item passes the schema; ids are unique', () => {
    const seen = new Set<string>();
    for (const o of out) {
      if (o.type !== 'item') continue;
      expect(capturedItemSchema().safeParse(o.item).success).toBe(true);
      expect(seen.has(o.item.externalId)).toBe(false);
      seen.add(o.item.externalId);
    }
    expect(seen.size).toBe(4);
  });
});

describe('X adapter: XChat PIN gate', () => {
  const doc = load('xchat-pin.html');

  test('nothing is found behind the gate, and a stale row handed to extract is skipped', () => {
    expect(xAdapter.findItems(doc)).toEqual([]);
    const stale = doc.querySelector(selectors.xchatMessage) as Element;
    expect(xAdapter.extract(stale, ctx('https://x.com/i/chat/pin/recovery'))).toEqual({ type: 'skip', reason: 'locked' });
    // the gate alone locks, whatever the URL
    expect(xAdapter.extract(stale, ctx('https://x.com/i/chat/1469212311-983402811'))).toEqual({ type: 'skip', reason: 'locked' });
  });

  test('the /i/chat/pin route locks even before the gate renders', () => {
    const d = load('xchat-pin.html');
    d.querySelector(selectors.xchatPin)?.remove();
    const row = d.querySelector(selectors.xchatMessage) as Element;
    expect(xAdapter.extract(row, ctx('https://x.com/i/chat/pin/recovery'))).toEqual({ type: 'skip', reason: 'locked' });
    expect(item(xAdapter.extract(row, ctx('https://x.com/i/chat/1469212311-983402811'))).externalId).toBe(
      '5e0c6b7a-2f41-4c3d-9a8b-1d2e3f4a5b61',
    );
  });
});

describe('X adapter: legacy /messages thread', () => {
  const doc = load('legacy-messages.html');
  const URL_L = 'https://x.com/messages/1469212311-774400112';
  const items = xAdapter.findItems(doc);
  const out = items.map((el) => xAdapter.extract(el, ctx(URL_L)));
  const TOMAS = { name: 'Tomás Reyes', handle: 'tomasreyes', profileUrl: 'https://x.com/tomasreyes' };

  test('four message entries; the conversation row is not an item', () => {
    expect(items).toHaveLength(4);
    expect(items.every((el) => el.getAttribute('data-testid') === 'messageEntry')).toBe(true);
    expect(xAdapter.itemRootOf(doc.querySelector('[data-testid="conversation"]') as Element)).toBeNull();
  });

  test('incoming with time[datetime]: exact, customer from the thread header, text link read as text', () => {
    expect(item(out[0])).toEqual({
      platform: 'x',
      externalId: '2081812404106289728',
      kind: 'dm',
      permalink: 'https://x.com/messages/1469212311-774400112',
      author: TOMAS,
      text: 'Hola 👋 the tracking link from @parcelhub loops back to the login page',
      postedAt: '2026-07-27T18:42:10.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
  });

  test('no datetime: the time is decoded from the message id, exact', () => {
    expect(item(out[1])).toMatchObject({
      externalId: '2081812995503684593',
      author: TOMAS,
      text: 'order NW-50112, two boxes',
      postedAt: '2026-07-27T18:44:31.000Z',
      postedAtApproximate: false,
    });
  });

  test('the brand reply answers the previous incoming message', () => {
    expect(item(out[2])).toMatchObject({
      externalId: '2081817416299524049',
      byBrand: true,
      answersExternalId: '2081812995503684593',
      postedAt: '2026-07-27T19:02:05.000Z',
    });
  });

  test('an entry without a message id is an error, never an invented id', () => {
    expect(out[3]).toEqual({ type: 'error', reason: 'no-message-id' });
  });

  test('a messageEntry outside DmScrollerContainer is not an item', () => {
    const d = load('legacy-messages.html');
    const stray = d.createElement('div');
    stray.setAttribute('data-testid', 'messageEntry');
    stray.setAttribute('data-message-id', '2081812404106289999');
    d.body.append(stray);
    expect(xAdapter.findItems(d)).toHaveLength(4);
  });

  test('the Draft DM composer: own Send; replyTarget is the newest readable customer message', () => {
    const editor = byId(doc, 'legacy-editor');
    expect(xAdapter.findComposer(editor)).toBe(editor);
    expect(xAdapter.findSubmit(editor)).toBe(byId(doc, 'legacy-send'));
    expect(xAdapter.replyTarget(editor, ctx(URL_L))).toBe('2081812995503684593');
  });

  test('badgeAnchor inside the entry', () => {
    expect(xAdapter.badgeAnchor(items[0] as Element)).toEqual({ element: items[0], position: 'beforeend' });
  });
});

test.each([
  ['fr', 'fr'],
  ['pt-BR', 'pt-BR'],
  ['und', undefined],
  ['zxx', undefined],
  ['qme', undefined],
  ['qht', undefined],
  ['"><script>', undefined],
])('the tweet text’s lang="%s" gives the customer’s language %s', (lang, language) => {
  const doc = load('notifications-mentions.html');
  const tweet = xAdapter.findItems(doc)[0] as Element;
  tweet.querySelector(selectors.text)?.setAttribute('lang', lang);
  expect(item(xAdapter.extract(tweet, ctx(MENTIONS_URL))).language).toBe(language);
});
