// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capturedItemSchema } from '@/utils/schema-core';
import { linkedinAdapter, selectors } from '@/utils/sites/linkedin';
import { byId, item, pageContext, parse } from './adapter-kit';

// Messaging shows local wall-clock labels only; pin the zone so "4:05 PM" has one meaning.
process.env.TZ = 'UTC';

const FIXTURES = join(import.meta.dirname, '../fixtures/linkedin');
const DEMO = join(import.meta.dirname, '../pages/sites/linkedin');
const NOW = new Date('2026-07-29T12:00:00.000Z');
const BRAND = ['northwind-co'];
const FEED_URL = 'https://www.linkedin.com/feed/';
const EMBER_URL = 'https://www.linkedin.com/feed/update/urn:li:ugcPost:7487054099251253304/';
const NOTIF_URL = 'https://www.linkedin.com/notifications/';
const THREAD_URL = 'https://www.linkedin.com/messaging/thread/2-R3JhY2VPa2Fmb3I=/';

const load = (name: string) => parse(readFileSync(join(FIXTURES, name), 'utf8'));

const ctx = (url: string, brandHandles: readonly string[] = BRAND, now = NOW) => pageContext(url, brandHandles, now);

const enc = (s: string) => encodeURIComponent(s).replace(/\(/g, '%28').replace(/\)/g, '%29');
function permalink(post: string, id: string, parent?: string): string {
  const top = parent ?? id;
  let q = `commentUrn=${enc(`urn:li:comment:(${post},${top})`)}&dashCommentUrn=${enc(`urn:li:fsd_comment:(${top},${post})`)}`;
  if (parent) q += `&replyUrn=${enc(`urn:li:comment:(${post},${id})`)}&dashReplyUrn=${enc(`urn:li:fsd_comment:(${id},${post})`)}`;
  return `https://www.linkedin.com/feed/update/${post}/?${q}`;
}

const PA = 'urn:li:activity:7487431586611204116';
const C1 = '7487782775685128215';
const C2 = '7487794523930636314';
const C3 = '7487801524224016413';
const C4 = '7487809073971220512';

describe('LinkedIn adapter: SDUI feed', () => {
  const doc = load('sdui-feed.html');
  const items = linkedinAdapter.findItems(doc);
  const c = ctx(FEED_URL);
  const out = items.map((el) => linkedinAdapter.extract(el, c));

  test('one root per comment URN: wrappers and the re-rendered copy are not extra items', () => {
    expect(doc.querySelectorAll(`[componentkey="replaceableComment_urn:li:comment:(${PA},${C1})"]`)).toHaveLength(4);
    expect(items).toHaveLength(9);
    expect(items[0]?.id).toBe(`replaceableComment_urn:li:comment:(${PA},${C1})`);
    expect(items[0]?.closest('#post-a')).not.toBeNull();
  });

  test('a customer comment on the brand post: RTL text, emoji, <br> newline, time from the id', () => {
    expect(item(out[0])).toEqual({
      platform: 'linkedin',
      externalId: C1,
      kind: 'comment',
      permalink: permalink(PA, C1),
      author: { name: 'Leila Haddad', handle: 'leila-haddad', profileUrl: 'https://www.linkedin.com/in/leila-haddad/' },
      text: 'هل يمكنني إصلاح سترتي القديمة؟ 🧥\nOrder NW-1182, bought in 2019 ✨',
      postedAt: '2026-07-28T08:15:30.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
  });

  test('the brand reply (company link, Author badge) answers the comment it replies to', () => {
    expect(item(out[1])).toEqual({
      platform: 'linkedin',
      externalId: C2,
      kind: 'reply',
      permalink: permalink(PA, C2, C1),
      author: { name: 'Northwind', handle: 'northwind-co', profileUrl: 'https://www.linkedin.com/company/northwind-co/' },
      text: 'Leila Haddad Yes! Bring it to any store, repairs are free for life.',
      postedAt: '2026-07-28T09:02:11.000Z',
      postedAtApproximate: false,
      byBrand: true,
      answersExternalId: C1,
    });
  });

  test("a customer's follow-up in the brand thread is a reply", () => {
    expect(item(out[2])).toMatchObject({ externalId: C3, kind: 'reply', byBrand: false, postedAt: '2026-07-28T09:30:00.000Z' });
    expect(item(out[2]).author.handle).toBe('leila-haddad');
    expect(item(out[2]).text).toBe('Northwind Thank you 🙏 does that include the zip?');
  });

  test('whitespace collapses as rendered; the degree badge is not part of the name', () => {
    expect(item(out[3])).toMatchObject({ externalId: C4, kind: 'comment', text: 'Do you repair zippers on backpacks too?' });
    expect(item(out[3]).author).toEqual({
      name: 'Tomás Reyes',
      handle: 'tomas-reyes-4a1b2c',
      profileUrl: 'https://www.linkedin.com/in/tomas-reyes-4a1b2c/',
    });
  });

  test('skips: a stranger-to-stranger reply, the viewer’s own “• You” comment, a sponsored post, an unaddressed comment', () => {
    expect(out[4]).toEqual({ type: 'skip', reason: 'not-addressed' });
    expect(out[5]).toEqual({ type: 'skip', reason: 'own' });
    expect(out[6]).toEqual({ type: 'skip', reason: 'sponsored' });
    expect(out[8]).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test("a comment naming the brand on someone else's post is a mention", () => {
    expect(item(out[7])).toMatchObject({
      externalId: '7487848064221229106',
      kind: 'mention',
      author: { name: 'Mei Tanaka', handle: 'mei-tanaka' },
      text: 'Northwind fixed my jacket in a week.',
      postedAt: '2026-07-28T12:34:56.000Z',
    });
  });

  test('the brand handle is matched case-insensitively and with @; no brand → skip', () => {
    expect(item(linkedinAdapter.extract(items[1] as Element, ctx(FEED_URL, ['@Northwind-Co']))).byBrand).toBe(true);
    expect(linkedinAdapter.extract(items[0] as Element, ctx(FEED_URL, []))).toEqual({ type: 'skip', reason: 'no-brand' });
  });

  test('a viewer acting as the brand person: "• You" on a brand handle is a brand item', () => {
    expect(item(linkedinAdapter.extract(items[5] as Element, ctx(FEED_URL, ['riley-chen-nw'])))).toMatchObject({
      byBrand: true,
      kind: 'comment',
    });
    expect(linkedinAdapter.viewerHandle(doc)).toBe('riley-chen-nw');
  });

  test('itemRootOf resolves wrappers and inner nodes to the item root; badgeAnchor stays inside it', () => {
    const root = items[0] as Element;
    const text = root.querySelector('[data-testid="expandable-text-box"]')?.firstChild as Node;
    expect(linkedinAdapter.itemRootOf(text)).toBe(root);
    const outerWrapper = root.parentElement?.parentElement as Element;
    expect(outerWrapper.getAttribute('componentkey')).toBe(root.getAttribute('componentkey'));
    expect(linkedinAdapter.itemRootOf(outerWrapper)).toBe(root);
    expect(linkedinAdapter.itemRootOf(byId(doc, 'postlevel-editor'))).toBeNull();
    const anchor = linkedinAdapter.badgeAnchor(root);
    expect(anchor.position).toBe('afterend');
    expect(root.contains(anchor.element)).toBe(true);
    expect(linkedinAdapter.findItems(root)).toEqual([root]);
  });
});

const PE = 'urn:li:ugcPost:7487054099251253304';
const E1 = '7487507084083257403';

describe('LinkedIn adapter: legacy Ember post page', () => {
  const doc = load('ember-post.html');
  const items = linkedinAdapter.findItems(doc);
  const c = ctx(EMBER_URL);
  const out = items.map((el) => linkedinAdapter.extract(el, c));

  test('nested replies are their own items, in page order', () => {
    expect(items.map((el) => el.id)).toEqual(['ember210', 'ember220', 'ember230', 'ember240', 'ember250']);
  });

  test('a very long comment: the parent does not absorb its nested replies; text capped at 5000', () => {
    const it = item(out[0]);
    expect(it).toMatchObject({
      externalId: E1,
      kind: 'comment',
      permalink: permalink(PE, E1),
      author: { name: 'Kwame Mensah', handle: 'kwame-mensah-77', profileUrl: 'https://www.linkedin.com/in/kwame-mensah-77/' },
      postedAt: '2026-07-27T14:00:00.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
    expect(it.text).toHaveLength(5000);
    expect(it.text?.startsWith('The stitching on the left shoulder strap')).toBe(true);
    expect(it.text).not.toContain('So sorry');
  });

  test('the nested brand reply answers its parent; the follow-up is a customer reply', () => {
    expect(item(out[1])).toEqual({
      platform: 'linkedin',
      externalId: '7487524700160061502',
      kind: 'reply',
      permalink: permalink(PE, '7487524700160061502', E1),
      author: { name: 'Northwind', handle: 'northwind-co', profileUrl: 'https://www.linkedin.com/company/northwind-co/' },
      text: 'Kwame Mensah So sorry! Send it to us, the repair and postage are on us.',
      postedAt: '2026-07-27T15:10:00.000Z',
      postedAtApproximate: false,
      byBrand: true,
      answersExternalId: E1,
    });
    expect(item(out[2])).toMatchObject({
      externalId: '7487548733521985601',
      kind: 'reply',
      byBrand: false,
      text: 'Where do I get the label? 📦',
    });
  });

  test('the brand’s own top-level comment ("• You") is a brand comment without an answer', () => {
    const it = item(out[3]);
    expect(it).toMatchObject({ externalId: '7487567482060869700', kind: 'comment', byBrand: true });
    expect(it.answersExternalId).toBeUndefined();
    expect(linkedinAdapter.viewerHandle(doc)).toBe('northwind-co');
  });

  test('a Hebrew name and percent-encoded unicode slug; RTL text', () => {
    expect(item(out[4])).toMatchObject({
      externalId: '7487756225740873799',
      kind: 'comment',
      author: {
        name: 'נועה לוי',
        handle: 'נועה-לוי',
        profileUrl: 'https://www.linkedin.com/in/%D7%A0%D7%95%D7%A2%D7%94-%D7%9C%D7%95%D7%99/',
      },
      text: 'האם השירות זמין גם בישראל? 🇮🇱',
    });
  });

  test('the post author is found from the permalink page when the comment is outside the card', () => {
    const d = load('ember-post.html');
    const article = byId(d, 'ember250');
    d.body.append(article); // detached from .feed-shared-update-v2, still on the post page
    expect(item(linkedinAdapter.extract(article, ctx(EMBER_URL))).kind).toBe('comment');
    expect(linkedinAdapter.extract(article, ctx(FEED_URL))).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test('itemRootOf picks the nested reply, not its parent', () => {
    const reply = byId(doc, 'ember220');
    expect(linkedinAdapter.itemRootOf(reply.querySelector('time') as Element)).toBe(reply);
    expect(linkedinAdapter.badgeAnchor(reply).element.closest('article')).toBe(reply);
  });
});

describe('LinkedIn adapter: notifications', () => {
  const doc = load('notifications.html');
  const items = linkedinAdapter.findItems(doc);
  const c = ctx(NOTIF_URL);
  const out = items.map((el) => linkedinAdapter.extract(el, c));
  const P = 'urn:li:activity:7484909971046494294';

  test('every card is found; the reply card takes the replyUrn, not the brand’s commentUrn', () => {
    expect(items).toHaveLength(8);
    expect(item(out[0])).toEqual({
      platform: 'linkedin',
      externalId: '7487960068915277898',
      kind: 'reply',
      permalink: permalink(P, '7487960068915277898', '7487929869926481997'),
      author: { name: 'Imran Qureshi', handle: 'imran-qureshi', profileUrl: 'https://www.linkedin.com/in/imran-qureshi/' },
      text: 'Northwind thanks, is the 2XL back in stock?',
      postedAt: '2026-07-28T20:00:00.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
  });

  test('a mention with only a commentUrn, and a comment on the brand post', () => {
    expect(item(out[1])).toMatchObject({
      externalId: '7487978943283286096',
      kind: 'mention',
      author: { name: 'Sara Lind', handle: 'sara-lind' },
      text: 'Northwind can you help my friend here? 🙌',
      permalink: permalink('urn:li:ugcPost:7487431586611204116', '7487978943283286096'),
    });
    expect(item(out[2])).toMatchObject({
      externalId: '7487991563944026195',
      kind: 'comment',
      text: 'Is repair-by-post available in Türkiye?',
      postedAt: '2026-07-28T22:05:09.000Z',
    });
  });

  test('reactions, impressions and trending cards are skipped', () => {
    expect(out.slice(3, 6)).toEqual([
      { type: 'skip', reason: 'not-actionable' },
      { type: 'skip', reason: 'not-actionable' },
      { type: 'skip', reason: 'not-actionable' },
    ]);
  });

  test('hostile card: markup-looking name and text stay inert text, bidi removed; a foreign-host link is an error', () => {
    const it = item(out[6]);
    expect(it.author).toEqual({
      name: '<img src=x onerror=alert(1)>oc.dniwhtron',
      handle: 'mallory-x',
      profileUrl: 'https://www.linkedin.com/in/mallory-x/',
    });
    expect(it.text).toBe('<script>alert(1)</script> refund now');
    expect(out[7]).toEqual({ type: 'error', reason: 'bad-link' });
  });

  test('the badge goes after the headline, inside the card', () => {
    const card = items[0] as Element;
    const anchor = linkedinAdapter.badgeAnchor(card);
    expect(anchor).toEqual({ element: card.querySelector('a.nt-card__headline'), position: 'afterend' });
    expect(linkedinAdapter.itemRootOf(card.querySelector('strong') as Element)).toBe(card);
  });
});

describe('LinkedIn adapter: messaging', () => {
  const doc = load('messaging.html');
  const items = linkedinAdapter.findItems(doc);
  const c = ctx(THREAD_URL);
  const out = items.map((el) => linkedinAdapter.extract(el, c));

  test('thread messages only, never conversation-list rows', () => {
    expect(items.map((el) => el.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  test('incoming messages: customer from the header, urn as id, approximate local time', () => {
    expect(item(out[0])).toEqual({
      platform: 'linkedin',
      externalId: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAB1x2y3z,2-MTcyMDAwMDAwMDAwMWE=)',
      kind: 'dm',
      permalink: THREAD_URL,
      author: { name: 'Grace Okafor', handle: 'grace-okafor', profileUrl: 'https://www.linkedin.com/in/grace-okafor/' },
      text: 'Hi! My order NW-5521 arrived with a torn seam 😕',
      postedAt: '2026-07-28T16:05:00.000Z',
      postedAtApproximate: true,
      byBrand: false,
    });
    // a grouped message without its own name or time inherits the group's
    expect(item(out[1])).toMatchObject({
      externalId: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAB1x2y3z,2-MTcyMDAwMDAwMDAwMmI+/w==)',
      author: { name: 'Grace Okafor' },
      postedAt: '2026-07-28T16:05:00.000Z',
    });
    expect(item(out[3])).toMatchObject({
      text: 'Also, the invoice has the wrong address.\nCan you fix it?',
      postedAt: '2026-07-29T10:41:00.000Z',
    });
  });

  test("the brand's outgoing message is skipped; messages are tracked even with no brand configured", () => {
    expect(out[2]).toEqual({ type: 'skip', reason: 'outgoing' });
    expect(linkedinAdapter.extract(items[0] as Element, ctx(THREAD_URL, [])).type).toBe('item');
  });

  test('composer, its own Send, and the latest incoming message as reply target', () => {
    const editor = byId(doc, 'thread-editor');
    expect(linkedinAdapter.findComposer(editor)).toBe(editor);
    expect(linkedinAdapter.findComposer(editor.closest('.msg-form') as Element)).toBe(editor);
    expect(linkedinAdapter.findSubmit(editor)).toBe(byId(doc, 'thread-send'));
    expect(linkedinAdapter.replyTarget(editor, c)).toBe('urn:li:msg_message:(urn:li:fsd_profile:ACoAAB1x2y3z,2-MTcyMDAwMDAwMDAwNGQ=)');
  });
});

describe('LinkedIn adapter: hostile page', () => {
  const doc = load('hostile.html');
  const items = linkedinAdapter.findItems(doc);
  const c = ctx(FEED_URL);
  const out = items.map((el) => linkedinAdapter.extract(el, c));

  test('extract never throws and every item passes the schema', () => {
    expect(items).toHaveLength(10);
    for (const o of out) {
      expect(['item', 'skip', 'error']).toContain(o.type);
      if (o.type === 'item') expect(capturedItemSchema().safeParse(o.item).success).toBe(true);
    }
  });

  test('markup-looking name and 20 000-character text stay inert, bidi-free and capped', () => {
    const it = item(out[0]);
    expect(it.author).toEqual({
      name: '<img src=x onerror=alert(1)>oc.dniwhtron',
      handle: 'mallory-x',
      profileUrl: 'https://www.linkedin.com/in/mallory-x/',
    });
    expect(it.text).toHaveLength(5000);
    expect(it.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]|alert|\{/);
  });

  test('impersonators: a javascript: link, an off-site brand link, a look-alike slug are not the brand', () => {
    expect(item(out[1])).toMatchObject({ byBrand: false, author: { name: 'Northwind' } });
    expect(item(out[1]).author.handle).toBeUndefined();
    expect(item(out[2])).toMatchObject({ byBrand: false, kind: 'comment' });
    expect(item(out[2]).author.profileUrl).toBeUndefined();
  });

  test('an oversized id and an empty shell are errors', () => {
    expect(out[3]).toEqual({ type: 'error', reason: 'bad-comment-urn' });
    expect(out[4]).toEqual({ type: 'error', reason: 'no-author' });
  });

  test('an id that decodes to no plausible time falls back to the relative label, flagged approximate', () => {
    expect(item(out[5])).toMatchObject({ externalId: '12345', postedAt: '2026-07-29T10:00:00.000Z', postedAtApproximate: true });
  });

  test('a 500-character name is capped; a slug that is not one gives no handle', () => {
    const it = item(out[6]);
    expect(it.author.name).toBe('N'.repeat(200));
    expect(it.author.handle).toBeUndefined();
  });

  test('a broken percent-escape in a slug, a non-numeric comment id, a message urn with markup', () => {
    expect(item(out[7]).author).toEqual({ name: 'Bad Percent' });
    expect(out[8]).toEqual({ type: 'error', reason: 'bad-comment-urn' });
    expect(out[9]).toEqual({ type: 'error', reason: 'bad-message-urn' });
  });

  test('odd inputs: non-items, regex-like brand handles, detached nodes', () => {
    expect(linkedinAdapter.extract(doc.createElement('div'), c)).toEqual({ type: 'skip', reason: 'not-an-item' });
    expect(linkedinAdapter.extract(items[0] as Element, ctx(FEED_URL, ['.*', 'a(b', '']))).toEqual({ type: 'skip', reason: 'no-brand' });
    const detached = load('sdui-feed.html').getElementById(`replaceableComment_urn:li:comment:(${PA},${C2})`)?.cloneNode(true) as Element;
    // Detached, the post is unknown: the reply to a customer no longer reads as the brand's answer to anything.
    expect(item(linkedinAdapter.extract(detached, ctx(FEED_URL)))).toMatchObject({ externalId: C2, byBrand: true, kind: 'reply' });
  });
});

describe('LinkedIn adapter: comment composers', () => {
  test('SDUI: post-level box submits with its own "Comment" button and answers nobody', () => {
    const doc = load('sdui-feed.html');
    const editor = byId(doc, 'postlevel-editor');
    expect(linkedinAdapter.findComposer(editor)).toBe(editor);
    expect(linkedinAdapter.findComposer(byId(doc, 'postlevel-wrapper'))).toBe(editor);
    expect(linkedinAdapter.findSubmit(editor)).toBe(byId(doc, 'postlevel-submit'));
    expect(linkedinAdapter.replyTarget(editor, ctx(FEED_URL))).toBeNull();
  });

  test('SDUI: a thread reply box finds the Reply button beside it and the latest comment of the person in its chip', () => {
    const doc = load('sdui-feed.html');
    const editor = byId(doc, 'leila-editor');
    expect(linkedinAdapter.findComposer(editor.querySelector('strong') as Element)).toBe(editor);
    expect(linkedinAdapter.findSubmit(editor)).toBe(byId(doc, 'leila-submit'));
    expect(linkedinAdapter.replyTarget(editor, ctx(FEED_URL))).toBe(C3);
  });

  test('never the action-bar Comment toggle, the messaging Send, or another box’s button', () => {
    const doc = load('sdui-feed.html');
    expect(linkedinAdapter.findComposer(byId(doc, 'comment-toggle'))).toBeNull();
    byId(doc, 'leila-submit').remove();
    expect(linkedinAdapter.findSubmit(byId(doc, 'leila-editor'))).toBeNull();
    expect(linkedinAdapter.findSubmit(byId(doc, 'overlay-msg-editor'))).toBe(byId(doc, 'overlay-send'));
  });

  test('Ember Quill: post form and nested reply form each have their own submit; never the chat overlay Send', () => {
    const doc = load('ember-post.html');
    const post = byId(doc, 'post-quill');
    const reply = byId(doc, 'reply-quill');
    expect(linkedinAdapter.findComposer(post.querySelector('br') as Element)).toBe(post);
    expect(linkedinAdapter.findSubmit(post)).toBe(byId(doc, 'post-quill-submit'));
    expect(linkedinAdapter.findSubmit(reply)).toBe(byId(doc, 'reply-quill-submit'));
    expect(linkedinAdapter.replyTarget(post, ctx(EMBER_URL))).toBeNull();
    expect(linkedinAdapter.replyTarget(reply, ctx(EMBER_URL))).toBe('7487548733521985601');
    byId(doc, 'post-quill-submit').remove();
    expect(linkedinAdapter.findSubmit(post)).toBeNull();
    expect(linkedinAdapter.findSubmit(byId(doc, 'overlay-editor'))).toBe(byId(doc, 'overlay-send'));
  });
});

// ---------------------------------------------------------------- the demo pages under test/pages

/** A fixed stand-in for test/pages/site-server.ts's serve-time tokens: LinkedIn ids are (ms << 22) | low. */
const DEMO_NOW = Date.parse('2026-07-01T12:00:00.000Z');
function demoId(mins: number, tag: string): string {
  let low = 0;
  for (const ch of tag) low = (low * 31 + ch.charCodeAt(0)) % 0x400000;
  return ((BigInt(DEMO_NOW - mins * 60_000) << 22n) | BigInt(low)).toString();
}
function loadDemo(name: string): Document {
  const html = readFileSync(join(DEMO, name), 'utf8')
    .replace(/__LIID_(\d+)m_([a-z0-9]+)__/g, (_m, mins: string, tag: string) => demoId(Number(mins), tag))
    .replace(/__AGO_(\d+)m__/g, (_m, mins: string) => new Date(DEMO_NOW - Number(mins) * 60_000).toISOString());
  return parse(html);
}
const ago = (mins: number) => new Date(DEMO_NOW - mins * 60_000).toISOString();

describe('LinkedIn adapter: demo pages (test/pages/sites/linkedin)', () => {
  const demoCtx = (url: string) => ctx(url, BRAND, new Date(DEMO_NOW));

  test('post.html: every comment, the brand reply and its answer', () => {
    const doc = loadDemo('post.html');
    const c = demoCtx('https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567');
    const got = linkedinAdapter.findItems(doc).map((el) => item(linkedinAdapter.extract(el, c)));
    expect(got.map((i) => [i.externalId, i.kind, i.author.handle, i.byBrand, i.postedAt, i.answersExternalId])).toEqual([
      [demoId(12, 'daniel'), 'comment', 'daniel-osei-4b2a17', false, ago(12), undefined],
      [demoId(55, 'sofia'), 'comment', 'sofia-lindqvist-3b8a21', false, ago(55), undefined],
      [demoId(40, 'nwsofia'), 'reply', 'northwind-co', true, ago(40), demoId(55, 'sofia')],
      [demoId(20, 'sofiarep'), 'reply', 'sofia-lindqvist-3b8a21', false, ago(20), undefined],
      [demoId(48, 'hugo'), 'comment', 'hugomartins', false, ago(48), undefined],
      [demoId(180, 'marta'), 'comment', 'marta-kowalczyk-7a1b3c', false, ago(180), undefined],
    ]);
    expect(got[0]).toMatchObject({
      author: { name: 'Daniel Osei', profileUrl: 'https://www.linkedin.com/in/daniel-osei-4b2a17/' },
      text: 'Are you hiring for the Rotterdam warehouse team? I couldn’t find the listing on your careers page.',
      postedAtApproximate: false,
    });
    expect(got[2]?.author.name).toBe('Northwind');
    expect(got[3]?.text).toBe('Northwind Found it, thanks! Will you publish the tier-2 suppliers next year?');
    expect(got[5]?.text).toBe('Congrats on the B Corp recertification! 👏');
  });

  test('post.html: composers, submits and reply target', () => {
    const doc = loadDemo('post.html');
    const c = demoCtx('https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567');
    const editors = [...doc.querySelectorAll('.tiptap.ProseMirror')];
    expect(editors).toHaveLength(2);
    const [postLevel, reply] = editors as [Element, Element];
    expect(linkedinAdapter.findSubmit(postLevel)?.textContent?.trim()).toBe('Comment');
    expect(linkedinAdapter.findSubmit(reply)?.textContent?.trim()).toBe('Reply');
    expect(linkedinAdapter.replyTarget(postLevel, c)).toBeNull();
    expect(linkedinAdapter.replyTarget(reply, c)).toBe(demoId(20, 'sofiarep'));
  });

  test('notifications.html: replies and the mention are items with the reply/comment id; the rest is skipped', () => {
    const doc = loadDemo('notifications.html');
    const out = linkedinAdapter.findItems(doc).map((el) => linkedinAdapter.extract(el, demoCtx('https://www.linkedin.com/notifications')));
    expect(out.map((o) => (o.type === 'item' ? [o.item.externalId, o.item.kind, o.item.author.handle, o.item.postedAt] : o))).toEqual([
      [demoId(20, 'sofiarep'), 'reply', 'sofia-lindqvist-3b8a21', ago(20)],
      { type: 'skip', reason: 'not-actionable' },
      [demoId(35, 'elena'), 'mention', 'elena-petrova-9c2d11', ago(35)],
      { type: 'skip', reason: 'not-actionable' },
      { type: 'skip', reason: 'not-actionable' },
      [demoId(1500, 'jonas'), 'reply', 'jonasberg', ago(1500)],
    ]);
    expect(item(out[0])).toMatchObject({
      author: { name: 'Sofia Lindqvist' },
      text: 'Northwind Found it, thanks! Will you publish the tier-2 suppliers next year?',
    });
  });
});

describe('LinkedIn adapter: every fixture', () => {
  test.each([
    ['sdui-feed.html', FEED_URL],
    ['ember-post.html', EMBER_URL],
    ['notifications.html', NOTIF_URL],
    ['messaging.html', THREAD_URL],
    ['hostile.html', FEED_URL],
  ])('%s: items pass capturedItemSchema, ids are unique, links are LinkedIn https', (file, url) => {
    const doc = load(file);
    const seen = new Set<string>();
    for (const el of linkedinAdapter.findItems(doc)) {
      const o = linkedinAdapter.extract(el, ctx(url));
      if (o.type !== 'item') continue;
      expect(capturedItemSchema().safeParse(o.item).success).toBe(true);
      expect(seen.has(o.item.externalId)).toBe(false);
      seen.add(o.item.externalId);
      for (const link of [o.item.permalink, o.item.author.profileUrl]) if (link) expect(link).toMatch(/^https:\/\/www\.linkedin\.com\//);
    }
  });
});

describe('LinkedIn adapter: static parts', () => {
  test('matchesUrl: www.linkedin.com over https only', () => {
    for (const u of [
      'https://www.linkedin.com/feed/',
      'https://www.linkedin.com/notifications/',
      'https://www.linkedin.com/messaging/thread/2-x/',
    ]) {
      expect(linkedinAdapter.matchesUrl(new URL(u))).toBe(true);
    }
    for (const u of [
      'https://x.com/home',
      'https://www.facebook.com/northwindco',
      'https://www.instagram.com/northwindco/',
      'http://www.linkedin.com/feed/',
      'https://www.linkedin.com.evil.example/feed/',
      'https://evil.example/www.linkedin.com/',
    ]) {
      expect(linkedinAdapter.matchesUrl(new URL(u))).toBe(false);
    }
  });

  test('platform and insertion techniques', () => {
    expect(linkedinAdapter.platform).toBe('linkedin');
    expect(linkedinAdapter.insertion).toEqual({
      prosemirror: ['exec-command', 'paste'],
      quill: ['exec-command', 'paste'],
      contenteditable: ['exec-command'],
    });
  });

  test('every selector parses, uses no hashed class, and matches something in at least one fixture', () => {
    expect(linkedinAdapter.selectors).toBe(selectors);
    const docs = ['sdui-feed.html', 'ember-post.html', 'notifications.html', 'messaging.html', 'hostile.html'].map(load);
    for (const [name, s] of Object.entries(selectors)) {
      expect(s, name).not.toMatch(/\.[_a-z]?[0-9a-f]{6,8}\b/);
      expect(() => document.querySelector(s)).not.toThrow();
      expect(
        docs.some((d) => d.querySelector(s) !== null),
        `${name} matches nothing`,
      ).toBe(true);
    }
  });
});
