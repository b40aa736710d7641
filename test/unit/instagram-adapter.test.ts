// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capturedItemSchema } from '@/utils/schema-core';
import { instagramAdapter as ig, selectors } from '@/utils/sites/instagram';
import { renderTemplate } from '../pages/site-server';
import { byId, item, pageContext, parse } from './adapter-kit';

const FIXTURES = join(import.meta.dirname, '../fixtures/instagram');
const DEMO_PAGES = join(import.meta.dirname, '../pages/sites/instagram');
/** A local evening: DM separators ("Today 9:05 AM") are in the page's local time and must lie in the past. */
const NOW = new Date(2026, 6, 29, 20, 0, 0);
const BRAND = ['northwindco'];

const POST_URL = 'https://www.instagram.com/p/DNw4Kp7aQzR/';
const REEL_URL = 'https://www.instagram.com/reel/Cq3TzXbN8wL/';
const THREAD = '340282366841710300949128100000000001';
const THREAD_URL = `https://www.instagram.com/direct/t/${THREAD}/`;

const load = (name: string) => parse(readFileSync(join(FIXTURES, name), 'utf8'));

/** The demo pages' serve-time tokens, resolved against NOW as test/pages/site-server.ts would. */
function loadDemo(name: string): Document {
  const html = readFileSync(join(DEMO_PAGES, name), 'utf8')
    .replace(/__AGO_(\d+)m__/g, (_m, mins: string) => new Date(NOW.getTime() - Number(mins) * 60_000).toISOString())
    .replace(/__DATE_(\d+)m__/g, 'Jul 29, 2026');
  // The rest (__SEP_: separators in local time) as the site server renders them at NOW.
  return parse(renderTemplate(html, NOW));
}

const ctx = (url: string, brandHandles: readonly string[] = BRAND, now: Date = NOW) => pageContext(url, brandHandles, now);

const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const profile = (h: string) => ({ name: h, handle: h, profileUrl: `https://www.instagram.com/${h}/` });

describe('Instagram adapter: post page owned by the brand', () => {
  const doc = load('post-page.html');
  const items = ig.findItems(doc);
  const c = ctx(POST_URL);
  const out = (id: string) => ig.extract(byId(doc, id), c);

  test('finds every comment row and nested reply in document order, never the caption', () => {
    expect(items.map((el) => el.id)).toEqual([
      'c-oliver',
      'r-brand',
      'r-customer',
      'r-stranger',
      'r-brand-plain',
      'c-rtl',
      'c-long',
      'c-tag-friend',
      'c-brand',
      'c-hostile',
    ]);
  });

  test('a customer comment on the brand post: exact fields, emoji kept, machine time exact', () => {
    expect(item(out('c-oliver'))).toEqual({
      platform: 'instagram',
      externalId: '17900000000000101',
      kind: 'comment',
      permalink: 'https://www.instagram.com/p/DNw4Kp7aQzR/c/17900000000000101/',
      author: profile('oliver.tanaka'),
      text: 'Does the Harbor jacket run small? 🧥🤔',
      postedAt: '2026-07-28T09:00:00.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
  });

  test('the brand reply "@customer …" answers that customer\'s nearest earlier comment', () => {
    expect(item(out('r-brand'))).toEqual({
      platform: 'instagram',
      externalId: '17900000000000102',
      kind: 'reply',
      permalink: 'https://www.instagram.com/p/DNw4Kp7aQzR/c/17900000000000102/',
      author: profile('northwindco'),
      text: '@oliver.tanaka It runs true to size — the size chart is in our bio 📏',
      postedAt: '2026-07-28T09:30:00.000Z',
      postedAtApproximate: false,
      byBrand: true,
      answersExternalId: '17900000000000101',
    });
  });

  test('a customer reply to the brand; a stranger answering the customer is skipped', () => {
    expect(item(out('r-customer'))).toMatchObject({
      externalId: '17900000000000103',
      kind: 'reply',
      byBrand: false,
      author: profile('oliver.tanaka'),
      text: '@northwindco thanks! And are the sleeves long enough for me at 1.95 m?',
    });
    expect(out('r-stranger')).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test('a brand reply without a mention answers the comment it is nested under', () => {
    expect(item(out('r-brand-plain'))).toMatchObject({
      externalId: '17900000000000105',
      kind: 'reply',
      byBrand: true,
      answersExternalId: '17900000000000101',
    });
  });

  test('RTL text is kept as written', () => {
    expect(item(out('c-rtl'))).toMatchObject({
      externalId: '17900000000000201',
      kind: 'comment',
      author: profile('noa.levi'),
      text: 'האם יש משלוח לישראל? 🇮🇱 תודה!',
    });
  });

  test('very long text is capped; an empty datetime falls back to the relative label, flagged approximate', () => {
    const it = item(out('c-long'));
    expect(it.text).toHaveLength(5000);
    expect(it.text?.startsWith('The zip on my Harbor shell jammed')).toBe(true);
    expect(it.postedAt).toBe(ago(120));
    expect(it.postedAtApproximate).toBe(true);
  });

  test('tagging a friend on the brand post is not addressed to the brand', () => {
    expect(out('c-tag-friend')).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test("the brand's own top-level comment is a brand item answering nothing", () => {
    const it = item(out('c-brand'));
    expect(it).toMatchObject({ externalId: '17900000000000501', kind: 'comment', byBrand: true });
    expect(it.answersExternalId).toBeUndefined();
  });

  test('markup-looking text stays text and bidi overrides are stripped', () => {
    expect(item(out('c-hostile')).text).toBe('<img src=x onerror=alert(1)> is what my order page shows reversed');
  });

  test('no brand configured → skip; brand handles match with @ and any case', () => {
    expect(ig.extract(byId(doc, 'c-oliver'), ctx(POST_URL, []))).toEqual({ type: 'skip', reason: 'no-brand' });
    expect(item(ig.extract(byId(doc, 'r-brand'), ctx(POST_URL, ['@NorthwindCo']))).byBrand).toBe(true);
  });

  test('itemRootOf resolves to the innermost row; badgeAnchor sits after the author link inside the row', () => {
    const reply = byId(doc, 'r-customer');
    expect(ig.itemRootOf(reply.querySelector('time')?.firstChild as Node)).toBe(reply);
    const parent = byId(doc, 'c-oliver');
    expect(ig.itemRootOf(parent.querySelector('.rw-text span') as Element)).toBe(parent);
    expect(ig.itemRootOf(doc.querySelector('header') as Element)).toBeNull();
    const anchor = ig.badgeAnchor(parent);
    expect(anchor.position).toBe('afterend');
    expect(anchor.element.getAttribute('href')).toBe('/oliver.tanaka/');
    expect(anchor.element.closest('h3')).not.toBeNull();
    expect(parent.contains(anchor.element)).toBe(true);
    // the parent's anchor is its own, not a nested reply's
    expect(reply.contains(anchor.element)).toBe(false);
  });

  test('findItems on a subtree: the row itself, and nothing from a fragment inside a row', () => {
    const reply = byId(doc, 'r-brand');
    expect(ig.findItems(reply)).toEqual([reply]);
    expect(ig.findItems(reply.querySelector('.rw-meta') as Element)).toEqual([]);
  });

  test('viewerHandle reads the navigation profile entry', () => {
    expect(ig.viewerHandle(doc)).toBe('northwindco');
    expect(ig.viewerHandle(parse('<p>nothing</p>'))).toBeNull();
  });
});

describe('Instagram adapter: feed, sponsored post, reel modal', () => {
  const doc = load('feed-modal.html');
  const c = ctx(REEL_URL);
  const out = (id: string) => ig.extract(byId(doc, id), c);

  test('finds the sponsored comment, the modal rows and the comment notifications only', () => {
    expect(ig.findItems(doc).map((el) => el.id)).toEqual([
      'ad-comment',
      'm-mention',
      'm-brand-reply',
      'm-owner',
      'n-comment',
      'n-reply',
      'n-like',
      'n-mention',
    ]);
    expect(byId(doc, 'm-mention').closest('div[role="dialog"] article')?.id).toBe('reel');
  });

  test('comments under a sponsored post are skipped', () => {
    expect(out('ad-comment')).toEqual({ type: 'skip', reason: 'sponsored' });
  });

  test("naming the brand on someone else's reel → mention; username-prefixed reel links give /p/ permalinks", () => {
    expect(item(out('m-mention'))).toEqual({
      platform: 'instagram',
      externalId: '17900000000000801',
      kind: 'mention',
      permalink: 'https://www.instagram.com/p/Cq3TzXbN8wL/c/17900000000000801/',
      author: profile('ben.ok'),
      text: '@northwindco is this your new shell? 😍',
      postedAt: '2026-07-28T21:00:00.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
  });

  test('the brand answer in the modal points at the mention; the owner talking on her own reel is skipped', () => {
    expect(item(out('m-brand-reply'))).toMatchObject({ kind: 'reply', byBrand: true, answersExternalId: '17900000000000801' });
    expect(out('m-owner')).toEqual({ type: 'skip', reason: 'not-addressed' });
    // seen from the owner's side every field is read, the query string dropped
    expect(item(ig.extract(byId(doc, 'm-owner'), ctx(REEL_URL, ['ella.runs'])))).toMatchObject({
      externalId: '17900000000000803',
      byBrand: true,
      permalink: 'https://www.instagram.com/p/Cq3TzXbN8wL/c/17900000000000803/',
    });
  });

  test('"commented:" notification → comment with its quoted text and machine time', () => {
    expect(item(out('n-comment'))).toEqual({
      platform: 'instagram',
      externalId: '17900000000000901',
      kind: 'comment',
      permalink: 'https://www.instagram.com/p/DNw4Kp7aQzR/c/17900000000000901/',
      author: profile('zoe.park'),
      text: 'When is the forest green restock? 🌲',
      postedAt: '2026-07-28T22:40:00.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
  });

  test('"replied to your comment" → reply; a time without datetime is an estimate from its label', () => {
    expect(item(out('n-reply'))).toMatchObject({
      externalId: '17900000000000902',
      kind: 'reply',
      author: profile('liam.w'),
      text: 'Got it, thanks for the quick answer',
      postedAt: ago(60),
      postedAtApproximate: true,
    });
  });

  test('likes and mentions notifications are skipped; follows are not items at all', () => {
    expect(out('n-like')).toEqual({ type: 'skip', reason: 'notification-type' });
    expect(out('n-mention')).toEqual({ type: 'skip', reason: 'notification-type' });
    expect(ig.itemRootOf(byId(doc, 'n-follow'))).toBeNull();
    expect(ig.itemRootOf(byId(doc, 'n-comment').querySelector('time') as Element)).toBe(byId(doc, 'n-comment'));
    expect(ig.badgeAnchor(byId(doc, 'n-comment'))).toEqual({ element: byId(doc, 'n-comment'), position: 'beforeend' });
  });
});

describe('Instagram adapter: DM thread', () => {
  const doc = load('direct-thread.html');
  const c = ctx(THREAD_URL);
  const out = (id: string) => ig.extract(byId(doc, id), c);
  const aylin = { name: 'Aylin Demir', handle: 'aylin.d', profileUrl: 'https://www.instagram.com/aylin.d/' };

  test('message rows only: no separators, no conversation-list rows', () => {
    expect(ig.findItems(doc).map((el) => el.id)).toEqual(['m1', 'out1', 'm2', 'm-noid', 'm3', 'out2']);
  });

  test('an incoming message: customer from the thread header, id from the node, exact separator time', () => {
    expect(item(out('m1'))).toEqual({
      platform: 'instagram',
      externalId: 'mid.$gAAB1q2w3e4r5t6y7u8i9o0pQrStUv',
      kind: 'dm',
      permalink: `https://www.instagram.com/direct/t/${THREAD}/`,
      author: aylin,
      text: 'Merhaba! Siparişim nerede? 📦 Order NW-77120',
      postedAt: '2026-07-20T15:00:00.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
  });

  test('"Yesterday" and "Today" separators give approximate local times; RTL and line breaks kept', () => {
    expect(item(out('m2'))).toMatchObject({
      externalId: 'mid.$gAAB1q2w3e4r5t6y7u8i9o0pRtlTwo',
      text: 'مرحبا، هل يمكنني تغيير عنوان التوصيل؟ 🏠',
      postedAt: new Date(2026, 6, 28, 16, 12).toISOString(),
      postedAtApproximate: true,
      author: aylin,
    });
    expect(item(out('m3'))).toMatchObject({
      text: "Any news on my parcel?\nIt's been a week 🙏",
      postedAt: new Date(2026, 6, 29, 9, 5).toISOString(),
      postedAtApproximate: true,
    });
  });

  test("the brand's outgoing messages are skipped; a message without a node id is an error, never an invented id", () => {
    expect(out('out1')).toEqual({ type: 'skip', reason: 'outgoing' });
    expect(out('out2')).toEqual({ type: 'skip', reason: 'outgoing' });
    expect(out('m-noid')).toEqual({ type: 'error', reason: 'no-message-id' });
  });

  test('a separator in the future is no time: error, never the capture time', () => {
    expect(ig.extract(byId(doc, 'm3'), ctx(THREAD_URL, BRAND, new Date(2026, 6, 29, 8, 0)))).toEqual({ type: 'error', reason: 'no-time' });
  });

  test('other routes still read the message but have no thread permalink', () => {
    expect(item(ig.extract(byId(doc, 'm1'), ctx('https://www.instagram.com/'))).permalink).toBeUndefined();
  });

  test('itemRootOf and badgeAnchor keep to the row', () => {
    const m1 = byId(doc, 'm1');
    expect(ig.itemRootOf(m1.querySelector('[dir="auto"]')?.firstChild as Node)).toBe(m1);
    expect(ig.itemRootOf(byId(doc, 'sep-today'))).toBeNull();
    expect(ig.badgeAnchor(m1)).toEqual({ element: m1, position: 'beforeend' });
  });
});

describe('Instagram adapter: hostile page', () => {
  const doc = load('hostile.html');
  const items = ig.findItems(doc);
  const c = ctx('https://www.instagram.com/p/HstlPost01/');
  const out = (id: string) => ig.extract(byId(doc, id), c);

  test('extract never throws and every item passes the schema', () => {
    expect(items.length).toBeGreaterThanOrEqual(12);
    for (const el of items) {
      const o = ig.extract(el, c);
      expect(['item', 'skip', 'error']).toContain(o.type);
      if (o.type === 'item') expect(capturedItemSchema().safeParse(o.item).success).toBe(true);
    }
  });

  test('a markup-looking display name is never the author; 20 000 characters are capped, scripts and bidi dropped', () => {
    const it = item(out('h-markup'));
    expect(it.author).toEqual(profile('mallory.x'));
    expect(it.kind).toBe('comment');
    expect(it.text).toHaveLength(5000);
    expect(it.text?.startsWith('🔥@northwindco refund now @northwindco')).toBe(true);
    expect(it.text).not.toMatch(/alert|[\u202A-\u202E\u2066-\u2069]/);
  });

  test('javascript:, off-site and oversized comment links are rejected, not followed', () => {
    expect(out('h-js')).toEqual({ type: 'error', reason: 'bad-comment-link' });
    expect(out('h-offsite')).toEqual({ type: 'error', reason: 'bad-comment-link' });
    expect(out('h-bigid')).toEqual({ type: 'error', reason: 'bad-comment-link' });
  });

  test('an out-of-range datetime falls back to the label; an unreadable time is an error', () => {
    expect(item(out('h-baddate'))).toMatchObject({ postedAt: ago(5), postedAtApproximate: true });
    expect(out('h-nodate')).toEqual({ type: 'error', reason: 'no-time' });
  });

  test('an empty shell and a feature-page author link have no author', () => {
    expect(out('h-shell')).toEqual({ type: 'error', reason: 'no-author' });
    expect(out('h-reserved')).toEqual({ type: 'error', reason: 'no-author' });
  });

  test('an impersonator showing the brand name is not the brand', () => {
    expect(item(out('h-impostor'))).toMatchObject({ byBrand: false, author: profile('northwindco_official'), kind: 'comment' });
  });

  test('DMs: a markup name from the grid label is cleaned text; a malformed node id is an error', () => {
    const it = item(out('d-ok'));
    expect(it.author).toEqual({
      name: '<img src=x onerror=alert(1)>',
      handle: 'mallory.x',
      profileUrl: 'https://www.instagram.com/mallory.x/',
    });
    expect(it.text).toBe('hi there');
    expect(out('d-badid')).toEqual({ type: 'error', reason: 'no-message-id' });
    expect(item(out('d-second')).externalId).toBe('mid.$hostileOkMessage02');
  });

  test('odd inputs: non-items, regex-like brand handles, detached rows', () => {
    expect(ig.extract(doc.createElement('div'), c)).toEqual({ type: 'skip', reason: 'not-an-item' });
    expect(ig.extract(byId(doc, 'h-markup'), ctx(c.url.href, ['.*', 'a(b', '']))).toEqual({ type: 'skip', reason: 'no-brand' });
    expect(item(ig.extract(byId(doc, 'h-markup'), ctx(c.url.href, ['.*', '@NorthwindCo']))).kind).toBe('comment');
    const detached = byId(doc, 'h-impostor').cloneNode(true) as Element;
    expect(ig.extract(detached, c)).toEqual({ type: 'skip', reason: 'not-an-item' });
  });
});

describe('Instagram adapter: demo pages (test/pages/sites/instagram)', () => {
  test('post.html: every customer comment and the brand reply', () => {
    const doc = loadDemo('post.html');
    const c = ctx('https://www.instagram.com/p/DKq7Zt2xNwB/');
    const got = ig.findItems(doc).map((el) => item(ig.extract(el, c)));
    expect(got.map((i) => [i.externalId, i.kind, i.author.handle, i.byBrand, i.answersExternalId ?? null])).toEqual([
      ['17984523011234567', 'comment', 'lena.moves', false, null],
      ['18034567123456789', 'comment', 'rafael_outdoors', false, null],
      ['17899812345098765', 'comment', 'the.kiwi.hiker', false, null],
      ['18112233445566778', 'reply', 'northwindco', true, '17899812345098765'],
      ['17955544433322211', 'reply', 'the.kiwi.hiker', false, null],
      ['17912039485761234', 'comment', 'mara.vogel', false, null],
    ]);
    expect(got[0]).toEqual({
      platform: 'instagram',
      externalId: '17984523011234567',
      kind: 'comment',
      permalink: 'https://www.instagram.com/p/DKq7Zt2xNwB/c/17984523011234567/',
      author: profile('lena.moves'),
      text: 'Do you ship to Canada? 🇨🇦 Would love the navy one',
      postedAt: ago(8),
      postedAtApproximate: false,
      byBrand: false,
    });
    expect(got[2]?.text).toBe('@northwindco any restock date for the Fjord parka in navy?');
    expect(got[5]?.postedAt).toBe(ago(300));
    const box = doc.querySelector('textarea') as Element;
    expect(ig.findComposer(box)).toBe(box);
    expect(ig.findSubmit(box)?.textContent).toBe('Post');
    expect(ig.viewerHandle(doc)).toBe('northwindco');
  });

  test('direct-thread.html: incoming messages from the header customer, outgoing skipped', () => {
    const doc = loadDemo('direct-thread.html');
    const c = ctx('https://www.instagram.com/direct/t/17843209871234567/');
    const out = ig.findItems(doc).map((el) => ig.extract(el, c));
    expect(out).toHaveLength(4);
    expect(out[1]).toEqual({ type: 'skip', reason: 'outgoing' });
    const msgs = [out[0], out[2], out[3]].map(item);
    expect(msgs.map((m) => [m.externalId, m.text, m.postedAt])).toEqual([
      [
        'mid.$cAAAB8Rk2x0yVZq1a1mRnY3uXw9Ld',
        'Hi! Do you have the Fjord parka in navy, size S?',
        new Date(2026, 6, 28, 16, 12).toISOString(),
      ],
      ['mid.$cAAAB8Rk2x0yVa0c3sLmQ8hTyU4Ee', 'I ordered it last week (order NW-50177)', new Date(2026, 6, 29, 9, 14).toISOString()],
      [
        'mid.$cAAAB8Rk2x0yVa0dKf2ZpW6nR1sYu',
        'It arrived with a broken zipper 😞 can I get a replacement?',
        new Date(2026, 6, 29, 9, 14).toISOString(),
      ],
    ]);
    for (const m of msgs) {
      expect(m).toMatchObject({
        kind: 'dm',
        byBrand: false,
        postedAtApproximate: true,
        permalink: 'https://www.instagram.com/direct/t/17843209871234567/',
        author: { name: 'Lena Moreau', handle: 'lena.moves', profileUrl: 'https://www.instagram.com/lena.moves/' },
      });
    }
    const editor = doc.querySelector('[data-lexical-editor="true"]') as Element;
    expect(ig.findComposer(editor.querySelector('p') as Element)).toBe(editor);
    expect(ig.findSubmit(editor)?.textContent).toBe('Send');
    // A DM reply answers the latest message from the customer.
    expect(ig.replyTarget(editor, c)).toBe('mid.$cAAAB8Rk2x0yVa0dKf2ZpW6nR1sYu');
  });
});

describe('Instagram adapter: every fixture', () => {
  test.each([
    ['post-page.html', POST_URL],
    ['feed-modal.html', REEL_URL],
    ['direct-thread.html', THREAD_URL],
    ['hostile.html', 'https://www.instagram.com/p/HstlPost01/'],
  ])('%s: items pass capturedItemSchema, ids are unique, permalinks are rebuilt on the own host', (file, url) => {
    const doc = load(file);
    const seen = new Set<string>();
    for (const el of ig.findItems(doc)) {
      const o = ig.extract(el, ctx(url));
      if (o.type !== 'item') continue;
      expect(capturedItemSchema().safeParse(o.item).success).toBe(true);
      expect(seen.has(o.item.externalId)).toBe(false);
      seen.add(o.item.externalId);
      expect(o.item.permalink ?? '').toMatch(/^(?:https:\/\/www\.instagram\.com\/(?:p\/[\w-]+\/c\/\d+|direct\/t\/\d+)\/)?$/);
    }
  });
});

describe('Instagram adapter: composers', () => {
  test('comment textarea: composer, its own Post, reply target from the pre-filled @mention', () => {
    const doc = load('post-page.html');
    const box = byId(doc, 'comment-box') as HTMLTextAreaElement;
    expect(ig.findComposer(box)).toBe(box);
    expect(ig.findSubmit(box)).toBe(byId(doc, 'comment-post'));
    expect(ig.replyTarget(box, ctx(POST_URL))).toBeNull();
    box.value = '@oliver.tanaka ';
    expect(ig.replyTarget(box, ctx(POST_URL))).toBe('17900000000000103');
    box.value = '@nobody.here ';
    expect(ig.replyTarget(box, ctx(POST_URL))).toBeNull();
    // a comment permalink page answers that comment
    expect(ig.replyTarget(box, ctx('https://www.instagram.com/p/DNw4Kp7aQzR/c/17900000000000201/'))).toBe('17900000000000201');
    expect(ig.findComposer(doc.querySelector('article') as Element)).toBeNull();
    expect(ig.findComposer(byId(doc, 'comment-post'))).toBeNull();
  });

  test('placeholder fallback and the reel input', () => {
    const doc = load('feed-modal.html');
    const input = byId(doc, 'reel-input');
    expect(ig.findComposer(input)).toBe(input);
    expect(ig.findSubmit(input)).toBe(byId(doc, 'reel-post'));
    const d = parse('<form><textarea placeholder="Add a comment…"></textarea><div role="button">Post</div></form>');
    const ta = d.querySelector('textarea') as Element;
    expect(ig.findComposer(ta)).toBe(ta);
    expect(ig.findSubmit(ta)).toBe(d.querySelector('[role="button"]'));
  });

  test('DM Lexical editor: its own Send; never a Post of another form', () => {
    const doc = load('direct-thread.html');
    const editor = byId(doc, 'dm-editor');
    expect(ig.findComposer(editor.querySelector('br') as Element)).toBe(editor);
    expect(ig.findSubmit(editor)).toBe(byId(doc, 'dm-send'));
    expect(ig.replyTarget(editor, ctx(THREAD_URL))).toBe('mid.$gAAB1q2w3e4r5t6y7u8i9o0pThree3');
    byId(doc, 'dm-send').remove();
    expect(ig.findSubmit(editor)).toBeNull();
  });

  test('a form holding two composers hands out no submit; a non-composer gets none', () => {
    const d = parse(
      '<form><textarea id="a" aria-label="Add a comment…"></textarea><textarea id="b" aria-label="Add a comment…"></textarea><div role="button">Post</div></form>',
    );
    expect(ig.findSubmit(byId(d, 'a'))).toBeNull();
    expect(ig.findSubmit(d.body)).toBeNull();
  });
});

describe('Instagram adapter: static parts', () => {
  test('matchesUrl: www.instagram.com over https only', () => {
    for (const u of [POST_URL, REEL_URL, THREAD_URL, 'https://www.instagram.com/accounts/activity/']) {
      expect(ig.matchesUrl(new URL(u))).toBe(true);
    }
    for (const u of [
      'https://x.com/home',
      'https://twitter.com/northwindco',
      'https://www.facebook.com/northwindco',
      'https://www.linkedin.com/company/northwind-co/',
      'http://www.instagram.com/',
      'https://www.instagram.com.evil.example/',
      'https://instagram.com.evil.example/p/DNw4Kp7aQzR/',
    ]) {
      expect(ig.matchesUrl(new URL(u))).toBe(false);
    }
  });

  test('platform and insertion techniques', () => {
    expect(ig.platform).toBe('instagram');
    expect(ig.insertion).toEqual({ textarea: ['native-setter'], lexical: ['exec-command', 'before-input', 'paste'] });
  });

  test('the selector table uses no generated class names, every entry parses and matches a fixture', () => {
    expect(ig.selectors).toBe(selectors);
    const docs = ['post-page.html', 'feed-modal.html', 'direct-thread.html', 'hostile.html'].map(load);
    for (const [name, s] of Object.entries(selectors)) {
      expect(s, name).not.toMatch(/\.(?:x[0-9a-z]{5,}|_a[0-9a-z]{2,})/);
      expect(() => document.querySelector(s), name).not.toThrow();
      expect(
        docs.some((d) => d.querySelector(s) !== null),
        `${name} matches nothing`,
      ).toBe(true);
    }
  });
});
