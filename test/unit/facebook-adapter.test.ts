// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capturedItemSchema } from '@/utils/schema-core';
import { facebookAdapter, selectors } from '@/utils/sites/facebook';
import { byId, item, pageContext, parse } from './adapter-kit';

const FIXTURES = join(import.meta.dirname, '../fixtures/facebook');
const DEMO_PAGES = join(import.meta.dirname, '../pages/sites/facebook');
const NOW = new Date('2026-07-29T12:00:00.000Z');
const BRAND = ['northwindco'];
const FB = 'https://www.facebook.com';
const POST = '3141592653589793';
const POST_URL = `${FB}/northwindco/posts/${POST}`;
const FEED_URL = `${FB}/`;
const NOTIFICATIONS_URL = `${FB}/notifications`;
const THREAD_URL = `${FB}/messages/t/100055512345678`;

function load(name: string): Document {
  return parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

/** The demo pages' serve-time `__AGO_<n>m__` tokens, resolved against NOW as the site server would. */
function loadDemo(name: string): Document {
  const html = readFileSync(join(DEMO_PAGES, name), 'utf8').replace(/__AGO_(\d+)m__/g, (_m, mins: string) =>
    new Date(NOW.getTime() - Number(mins) * 60_000).toISOString(),
  );
  return parse(html);
}

const ctx = (url: string, brandHandles: readonly string[] = BRAND, now: Date = NOW) => pageContext(url, brandHandles, now);

const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const extractById = (doc: Document, id: string, url = POST_URL) => facebookAdapter.extract(byId(doc, id), ctx(url));

describe('Facebook adapter: post permalink', () => {
  const doc = load('post-permalink.html');
  const items = facebookAdapter.findItems(doc);

  test('finds every comment and reply article, never the post or the suggested post around them', () => {
    expect(items.map((el) => el.id)).toEqual(['c1', 'r1', 'r2', 'r3', 'r5', 'c2', 'c3', 'r4', 'c4', 'c5', 'c6', 's1', 's2']);
    expect(items.some((el) => el.hasAttribute('aria-posinset'))).toBe(false);
  });

  test('a customer comment on the brand post: exact fields, paragraphs and emoji alt kept', () => {
    expect(item(extractById(doc, 'c1'))).toEqual({
      platform: 'facebook',
      externalId: '4100000000000001',
      kind: 'comment',
      permalink: `${POST_URL}?comment_id=4100000000000001`,
      author: { name: 'Lena Park', handle: 'lena.park.7', profileUrl: `${FB}/lena.park.7` },
      text: 'Does the Harbor shell fit over a backpack? 🎒\nAsking for a 40 l pack.',
      postedAt: ago(5),
      postedAtApproximate: true,
      byBrand: false,
    });
  });

  test('the brand reply answers the comment its mention names', () => {
    expect(item(extractById(doc, 'r1'))).toEqual({
      platform: 'facebook',
      externalId: '4100000000000011',
      kind: 'reply',
      permalink: `${POST_URL}?comment_id=4100000000000001&reply_comment_id=4100000000000011`,
      author: { name: 'Northwind', handle: 'northwindco', profileUrl: `${FB}/northwindco` },
      text: 'Lena Park It does, size up once and it covers a 40 l pack 👍',
      postedAt: ago(2),
      postedAtApproximate: true,
      byBrand: true,
      answersExternalId: '4100000000000001',
    });
  });

  test('a later brand reply answers the nearest earlier item by the mentioned customer', () => {
    expect(item(extractById(doc, 'r5'))).toMatchObject({
      externalId: '4100000000000014',
      byBrand: true,
      answersExternalId: '4100000000000012',
    });
  });

  test('a customer reply opening with the brand mention is a reply item ("Just now" → age 0)', () => {
    expect(item(extractById(doc, 'r2'))).toMatchObject({
      externalId: '4100000000000012',
      kind: 'reply',
      byBrand: false,
      text: 'Northwind Great, and is the hood removable?',
      postedAt: NOW.toISOString(),
      postedAtApproximate: true,
    });
  });

  test('a stranger answering a customer is not addressed to the brand', () => {
    expect(extractById(doc, 'r3')).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test('RTL name and text, profile.php author: no handle, a rebuilt profile URL', () => {
    const it = item(extractById(doc, 'c2'));
    expect(it.author).toEqual({ name: 'يارا منصور', profileUrl: `${FB}/profile.php?id=100071234567890` });
    expect(it.text).toBe('هل يتوفر المقاس الكبير باللون الأخضر؟ 🙏');
    expect(it.postedAt).toBe(ago(180));
  });

  test("the brand's own top-level comment is a brand item answering nothing; a reply under it is a customer reply", () => {
    const own = item(extractById(doc, 'c3'));
    expect(own).toMatchObject({ externalId: '4100000000000003', kind: 'comment', byBrand: true, postedAt: ago(24 * 60) });
    expect(own.answersExternalId).toBeUndefined();
    expect(item(extractById(doc, 'r4'))).toMatchObject({
      externalId: '4100000000000031',
      kind: 'reply',
      byBrand: false,
      author: { name: 'Jonas Weber', handle: 'jonas.weber' },
      permalink: `${POST_URL}?comment_id=4100000000000003&reply_comment_id=4100000000000031`,
    });
  });

  test('locale fallback: an article without the English label is found by its comment link', () => {
    expect(byId(doc, 'c4').hasAttribute('aria-label')).toBe(false);
    expect(item(extractById(doc, 'c4'))).toMatchObject({ externalId: '4100000000000004', kind: 'comment', postedAt: ago(2 * 24 * 60) });
  });

  test('an age label in another language is not guessed: error, never the capture time', () => {
    expect(extractById(doc, 'c5')).toEqual({ type: 'error', reason: 'no-time' });
  });

  test('a base64 comment:<post>_<comment> id is normalised to the numeric comment id', () => {
    expect(item(extractById(doc, 'c6'))).toMatchObject({
      externalId: '4100000000000077',
      permalink: `${POST_URL}?comment_id=4100000000000077`,
      postedAt: ago(240),
    });
  });

  test('comments of the sponsored suggested post below are skipped (base64 and post-shaped links)', () => {
    expect(extractById(doc, 's1')).toEqual({ type: 'skip', reason: 'other-post' });
    expect(extractById(doc, 's2')).toEqual({ type: 'skip', reason: 'other-post' });
  });

  test('tracking parameters never reach a permalink', () => {
    for (const el of items) {
      const o = facebookAdapter.extract(el, ctx(POST_URL));
      if (o.type === 'item') expect(o.item.permalink).not.toMatch(/__cft__|__tn__/);
    }
  });

  test('no brand configured → skip; brand handles match with @ and in any case', () => {
    expect(facebookAdapter.extract(byId(doc, 'c1'), ctx(POST_URL, []))).toEqual({ type: 'skip', reason: 'no-brand' });
    expect(item(facebookAdapter.extract(byId(doc, 'r1'), ctx(POST_URL, ['@NorthwindCo']))).byBrand).toBe(true);
  });

  test('a comment link without a post path takes the owner from the page URL', () => {
    const other = `${FB}/trailheadco/posts/${POST}`;
    expect(facebookAdapter.extract(byId(doc, 'c6'), ctx(other))).toEqual({ type: 'skip', reason: 'not-addressed' });
    // the post-shaped link of c1 names its owner itself
    expect(item(facebookAdapter.extract(byId(doc, 'c1'), ctx(other))).kind).toBe('comment');
  });

  test('itemRootOf and badgeAnchor stay inside the item', () => {
    const c1 = byId(doc, 'c1');
    const textNode = c1.querySelector('div[dir="auto"]')?.firstChild as Node;
    expect(facebookAdapter.itemRootOf(textNode)).toBe(c1);
    const inReply = byId(doc, 'r1').querySelector('a') as Element;
    expect(facebookAdapter.itemRootOf(inReply)).toBe(byId(doc, 'r1'));
    expect(facebookAdapter.itemRootOf(doc.querySelector('[data-ad-comet-preview]') as Element)).toBeNull();
    const anchor = facebookAdapter.badgeAnchor(c1);
    expect(anchor.position).toBe('afterend');
    expect(anchor.element.textContent).toBe('Lena Park');
    expect(c1.contains(anchor.element)).toBe(true);
  });

  test('findItems includes the root itself when it is an item', () => {
    expect(facebookAdapter.findItems(byId(doc, 'c2'))).toEqual([byId(doc, 'c2')]);
  });
});

describe('Facebook adapter: feed with a post dialog', () => {
  const doc = load('feed.html');
  const items = facebookAdapter.findItems(doc);

  test('comments nested in feed posts and in the dialog are found; the posts are not items', () => {
    expect(items.map((el) => el.id)).toEqual(['f2', 'g1', 'g2', 'g3', 'f1', 'f1r']);
  });

  test('on the feed the post owner comes from the comment link', () => {
    expect(item(extractById(doc, 'f1', FEED_URL))).toEqual({
      platform: 'facebook',
      externalId: '6100000000000001',
      kind: 'comment',
      permalink: `${FB}/northwindco/posts/1618033988749894?comment_id=6100000000000001`,
      author: { name: 'Aiko Tanaka', handle: 'aiko.tanaka', profileUrl: `${FB}/aiko.tanaka` },
      text: 'My order NW-77120 shows delivered but nothing arrived 😕',
      postedAt: ago(45),
      postedAtApproximate: true,
      byBrand: false,
    });
  });

  test('a reply nested inside its comment article: each keeps its own text and id', () => {
    expect(item(extractById(doc, 'f1', FEED_URL)).text).not.toContain('So sorry');
    expect(item(extractById(doc, 'f1r', FEED_URL))).toMatchObject({
      externalId: '6100000000000002',
      byBrand: true,
      answersExternalId: '6100000000000001',
    });
  });

  test('comments under a sponsored post of another page are not addressed', () => {
    expect(extractById(doc, 'f2', FEED_URL)).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test('group post: a plain comment is skipped, a reply opening with the brand mention is an item', () => {
    expect(extractById(doc, 'g1', FEED_URL)).toEqual({ type: 'skip', reason: 'not-addressed' });
    expect(extractById(doc, 'g3', FEED_URL)).toEqual({ type: 'skip', reason: 'not-addressed' });
    expect(item(extractById(doc, 'g2', FEED_URL))).toMatchObject({
      externalId: '6300000000000002',
      kind: 'reply',
      permalink: `${FB}/groups/gravelcrew/posts/2236067977499789?comment_id=6300000000000001&reply_comment_id=6300000000000002`,
    });
  });

  test('a group member link becomes a profile.php URL', () => {
    const it = item(facebookAdapter.extract(byId(doc, 'g1'), ctx(FEED_URL, ['100023456789012'])));
    expect(it.author).toEqual({ name: 'Rosa Lind', profileUrl: `${FB}/profile.php?id=100023456789012` });
  });
});

describe('Facebook adapter: hostile page', () => {
  const doc = load('hostile.html');
  const items = facebookAdapter.findItems(doc);
  const c = ctx(POST_URL);

  test('extract never throws and every item passes the schema', () => {
    expect(items).toHaveLength(11);
    for (const el of items) {
      const o = facebookAdapter.extract(el, c);
      expect(['item', 'skip', 'error']).toContain(o.type);
      if (o.type === 'item') expect(capturedItemSchema().safeParse(o.item).success).toBe(true);
    }
  });

  test('a markup-looking name and a 20 000-character text stay inert, bidi-free and capped', () => {
    const it = item(extractById(doc, 'h1'));
    expect(it.author).toEqual({
      name: '<img src=x onerror=alert(1)>oc.dniwhtron',
      handle: 'mallory.fb',
      profileUrl: `${FB}/mallory.fb`,
    });
    expect(byId(doc, 'h1').textContent?.length).toBeGreaterThan(20000);
    expect(it.text).toHaveLength(5000);
    expect(it.text?.startsWith('refund now refund now')).toBe(true);
    expect(it.text).not.toMatch(/alert|display:none|[\u202A-\u202E\u2066-\u2069]/);
  });

  test('javascript:, foreign-host, oversized and undecodable comment links are rejected', () => {
    for (const id of ['h2', 'h3', 'h6', 'h7']) expect(extractById(doc, id)).toEqual({ type: 'error', reason: 'no-comment-id' });
    expect(extractById(doc, 'h5')).toEqual({ type: 'error', reason: 'no-comment-id' });
  });

  test('an article labelled as a reply whose links name no reply id is an error, not its parent', () => {
    expect(extractById(doc, 'h8')).toEqual({ type: 'error', reason: 'no-reply-id' });
  });

  test('a 500-character name is capped to 200', () => {
    expect(item(extractById(doc, 'h4')).author.name).toBe('N'.repeat(200));
  });

  test('impersonators: the brand name on a foreign profile link or a look-alike slug is not the brand', () => {
    expect(item(extractById(doc, 'h9'))).toMatchObject({ byBrand: false, author: { name: 'Northwind' } });
    expect(item(extractById(doc, 'h9')).author.handle).toBeUndefined();
    expect(item(extractById(doc, 'h10'))).toMatchObject({ byBrand: false, author: { handle: 'northwindc0', name: 'Northwind' } });
  });

  test('a sticker-only comment is an item without text', () => {
    const it = item(extractById(doc, 'h11'));
    expect(it.text).toBeUndefined();
  });

  test('odd inputs: non-items, regex-like brand handles, detached nodes', () => {
    expect(facebookAdapter.extract(doc.createElement('div'), c)).toEqual({ type: 'skip', reason: 'not-an-item' });
    expect(item(facebookAdapter.extract(byId(doc, 'h10'), ctx(POST_URL, ['.*', 'a(b', '', '@NorthwindCo']))).kind).toBe('comment');
    expect(facebookAdapter.extract(byId(doc, 'h10'), ctx(POST_URL, ['(', '*']))).toEqual({ type: 'skip', reason: 'no-brand' });
    const detached = byId(load('post-permalink.html'), 'r1').cloneNode(true) as Element;
    expect(item(facebookAdapter.extract(detached, c))).toMatchObject({ externalId: '4100000000000011', byBrand: true });
  });
});

describe('Facebook adapter: notifications', () => {
  const doc = load('notifications.html');
  const items = facebookAdapter.findItems(doc);
  const c = ctx(NOTIFICATIONS_URL);

  test('rows with a notification link are items; section headers are not', () => {
    expect(items.map((el) => el.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9']);
  });

  test('feed_comment → comment with the bold name, quoted text and abbr age', () => {
    expect(item(facebookAdapter.extract(byId(doc, 'n1'), c))).toEqual({
      platform: 'facebook',
      externalId: '4100000000000001',
      kind: 'comment',
      permalink: `${POST_URL}?comment_id=4100000000000001`,
      author: { name: 'Lena Park' },
      text: 'Does the Harbor shell fit over a backpack? 🎒',
      postedAt: ago(5),
      postedAtApproximate: true,
      byBrand: false,
    });
  });

  test('feed_comment_reply → reply keyed by reply_comment_id, the same id as on the post page', () => {
    expect(item(facebookAdapter.extract(byId(doc, 'n2'), c))).toMatchObject({
      externalId: '4100000000000031',
      kind: 'reply',
      author: { name: 'Jonas Weber' },
      permalink: `${POST_URL}?comment_id=4100000000000003&reply_comment_id=4100000000000031`,
      postedAt: ago(20),
    });
  });

  test('reactions, mentions, memories and recommendations are skipped', () => {
    for (const id of ['n3', 'n4', 'n5', 'n6']) {
      expect(facebookAdapter.extract(byId(doc, id), c)).toEqual({ type: 'skip', reason: 'notification-type' });
    }
  });

  test('a hostile actor name stays text; an unknown-locale age and a javascript: link are errors', () => {
    expect(item(facebookAdapter.extract(byId(doc, 'n7'), c)).author.name).toBe('<img src=x onerror=alert(1)>');
    expect(facebookAdapter.extract(byId(doc, 'n8'), c)).toEqual({ type: 'error', reason: 'no-time' });
    expect(facebookAdapter.extract(byId(doc, 'n9'), c)).toEqual({ type: 'error', reason: 'bad-notification-link' });
  });

  test('itemRootOf and badgeAnchor: the row, outside its link', () => {
    const row = byId(doc, 'n1');
    expect(facebookAdapter.itemRootOf(row.querySelector('b') as Element)).toBe(row);
    expect(facebookAdapter.itemRootOf(byId(doc, 'hdr-new'))).toBeNull();
    expect(facebookAdapter.badgeAnchor(row)).toEqual({ element: row, position: 'beforeend' });
  });
});

describe('Facebook adapter: Messenger thread', () => {
  const doc = load('messenger.html');
  const items = facebookAdapter.findItems(doc);
  // Separators are in the page's local time: pick a local evening so that "Today at 9:12 AM" is in the past.
  const localNow = new Date(2026, 6, 29, 18, 0, 0);
  const c = ctx(THREAD_URL, BRAND, localNow);

  test('rows of the conversation grid only, never the conversation list', () => {
    expect(items.map((el) => el.id)).toEqual(['sep1', 'm1', 'm2', 'sep2', 'm3', 'm4', 'sep3', 'm5']);
  });

  test('an incoming message: customer from the thread header, id from the DOM, time from its separator', () => {
    expect(item(facebookAdapter.extract(byId(doc, 'm1'), c))).toEqual({
      platform: 'facebook',
      externalId: 'mid.$cAAAAB1Xq9ZtR4aKb2Fv0sW1',
      kind: 'dm',
      permalink: THREAD_URL,
      author: { name: 'Sam Rivera' },
      text: 'Hi! My parcel NW-88231 came with a torn sleeve 😞',
      postedAt: new Date(2026, 6, 29, 9, 12).toISOString(),
      postedAtApproximate: true,
      byBrand: false,
    });
  });

  test('an id attribute works too; RTL text; "Yesterday at" separators', () => {
    expect(item(facebookAdapter.extract(byId(doc, 'm3'), c))).toMatchObject({
      externalId: 'mid.$cAAAAB1Xq9ZtR4aKd9Jr4tY5',
      text: 'שלום, הנה התמונה',
      postedAt: new Date(2026, 6, 29, 10, 40).toISOString(),
    });
    expect(item(facebookAdapter.extract(byId(doc, 'm5'), c)).postedAt).toBe(new Date(2026, 6, 28, 20, 0).toISOString());
  });

  test('outgoing messages and separators are skipped; a message without a DOM id is an error, never an invented id', () => {
    expect(facebookAdapter.extract(byId(doc, 'm2'), c)).toEqual({ type: 'skip', reason: 'outgoing' });
    expect(facebookAdapter.extract(byId(doc, 'sep1'), c)).toEqual({ type: 'skip', reason: 'separator' });
    expect(facebookAdapter.extract(byId(doc, 'm4'), c)).toEqual({ type: 'error', reason: 'no-message-id' });
  });

  test('a separator later than now is not a time', () => {
    const morning = new Date(2026, 6, 29, 8, 0, 0);
    expect(facebookAdapter.extract(byId(doc, 'm1'), ctx(THREAD_URL, BRAND, morning))).toEqual({ type: 'error', reason: 'no-time' });
  });

  test('the composer and its send button; a reply answers the latest message from the customer', () => {
    const editor = byId(doc, 'dm-editor');
    expect(facebookAdapter.findComposer(editor.querySelector('p') as Element)).toBe(editor);
    expect(facebookAdapter.findSubmit(editor)).toBe(byId(doc, 'dm-submit'));
    // m5 "ping", not m2 (the brand's own) nor m4 (no id).
    expect(facebookAdapter.replyTarget(editor, c)).toBe('mid.$cAAAAB1Xq9ZtR4aKe1Ks6uZ7');
  });
});

describe('Facebook adapter: composers', () => {
  const doc = load('post-permalink.html');
  const c = ctx(POST_URL);

  test('findComposer returns the Lexical editable, from inside it too', () => {
    for (const id of ['post-editor', 'reply-editor', 'pending-editor']) {
      const editor = byId(doc, id);
      expect(facebookAdapter.findComposer(editor)).toBe(editor);
      expect(facebookAdapter.findComposer(editor.querySelector('p') as Element)).toBe(editor);
    }
    expect(facebookAdapter.findComposer(byId(doc, 'c1'))).toBeNull();
  });

  test("findSubmit returns the composer's own form button, never the identity switcher or a neighbour's", () => {
    expect(facebookAdapter.findSubmit(byId(doc, 'post-editor'))).toBe(byId(doc, 'post-submit'));
    expect(facebookAdapter.findSubmit(byId(doc, 'reply-editor'))).toBe(byId(doc, 'reply-submit'));
    expect(facebookAdapter.findSubmit(byId(doc, 'pending-editor'))).toBeNull();
    expect(facebookAdapter.findSubmit(byId(doc, 'c1'))).toBeNull();
  });

  test('replyTarget: the latest comment by the person the reply box names; the post box answers no item', () => {
    expect(facebookAdapter.replyTarget(byId(doc, 'reply-editor'), c)).toBe('4100000000000012');
    expect(facebookAdapter.replyTarget(byId(doc, 'pending-editor'), c)).toBe('4100000000000031');
    expect(facebookAdapter.replyTarget(byId(doc, 'post-editor'), c)).toBeNull();
  });

  test('the dialog composer on the feed', () => {
    const feed = load('feed.html');
    expect(facebookAdapter.findSubmit(byId(feed, 'dialog-editor'))).toBe(byId(feed, 'dialog-submit'));
    expect(facebookAdapter.replyTarget(byId(feed, 'dialog-editor'), ctx(FEED_URL))).toBeNull();
  });
});

describe('Facebook adapter: demo pages (test/pages/sites/facebook)', () => {
  const DEMO_POST = `${FB}/northwindco/posts/1187465203918274`;

  test('post.html: customer comments, the brand answer and the follow-up reply', () => {
    const doc = loadDemo('post.html');
    const out = facebookAdapter.findItems(doc).map((el) => item(facebookAdapter.extract(el, ctx(DEMO_POST))));
    expect(out.map((it) => [it.externalId, it.kind, it.byBrand, it.author.name, it.answersExternalId])).toEqual([
      ['1523874092218473', 'comment', false, 'Hannah Weiss', undefined],
      ['1098234765123984', 'comment', false, 'Marcus Bell', undefined],
      ['2293847561029384', 'comment', false, 'Priya Nair', undefined],
      ['1029384756473829', 'reply', true, 'Northwind', '2293847561029384'],
      ['873492018374652', 'reply', false, 'Priya Nair', undefined],
    ]);
    expect(out[0]).toEqual({
      platform: 'facebook',
      externalId: '1523874092218473',
      kind: 'comment',
      permalink: `${DEMO_POST}?comment_id=1523874092218473`,
      author: { name: 'Hannah Weiss', handle: 'hannah.weiss.52', profileUrl: `${FB}/hannah.weiss.52` },
      text: 'Do these run true to size? I’m between an M and an L 🤔',
      postedAt: ago(12),
      postedAtApproximate: true,
      byBrand: false,
    });
    expect(out[1]?.author).toEqual({ name: 'Marcus Bell', profileUrl: `${FB}/profile.php?id=100084512390871` });
    expect(out[4]?.permalink).toBe(`${DEMO_POST}?comment_id=2293847561029384&reply_comment_id=873492018374652`);
    const editor = doc.querySelector(selectors.lexicalEditor) as Element;
    expect(facebookAdapter.findSubmit(editor)?.getAttribute('aria-label')).toBe('Comment');
  });

  test('notifications.html: the feed_comment and feed_comment_reply rows match the post page ids', () => {
    const doc = loadDemo('notifications.html');
    const out = facebookAdapter.findItems(doc).map((el) => facebookAdapter.extract(el, ctx(NOTIFICATIONS_URL)));
    const found = out.filter((o) => o.type === 'item').map((o) => item(o));
    expect(found.map((it) => [it.externalId, it.kind, it.author.name, it.postedAt])).toEqual([
      ['1523874092218473', 'comment', 'Hannah Weiss', ago(12)],
      ['873492018374652', 'reply', 'Priya Nair', ago(25)],
      ['1098234765123984', 'comment', 'Marcus Bell', ago(60)],
    ]);
    expect(found[2]?.text).toBe('Still waiting on a refund for a return I sent three weeks ago. Order NW-50931…');
    expect(out.filter((o) => o.type !== 'item').every((o) => o.type === 'skip' && o.reason === 'notification-type')).toBe(true);
  });
});

describe('Facebook adapter: every fixture', () => {
  const pages: [string, string][] = [
    ['post-permalink.html', POST_URL],
    ['feed.html', FEED_URL],
    ['hostile.html', POST_URL],
    ['notifications.html', NOTIFICATIONS_URL],
    ['messenger.html', THREAD_URL],
  ];

  test.each(pages)('%s: items pass capturedItemSchema, ids are unique, URLs are facebook.com', (file, url) => {
    const doc = load(file);
    const seen = new Set<string>();
    for (const el of facebookAdapter.findItems(doc)) {
      const o = facebookAdapter.extract(el, ctx(url));
      if (o.type !== 'item') continue;
      expect(capturedItemSchema().safeParse(o.item).success).toBe(true);
      expect(seen.has(o.item.externalId)).toBe(false);
      seen.add(o.item.externalId);
      expect(o.item.permalink).toMatch(/^https:\/\/www\.facebook\.com\//);
      if (o.item.author.profileUrl) expect(o.item.author.profileUrl).toMatch(/^https:\/\/www\.facebook\.com\/[\w.]+(?:\?id=\d+)?$/);
    }
  });

  test('every selector in the table matches something in at least one fixture', () => {
    const docs = pages.map(([f]) => load(f));
    for (const [name, sel] of Object.entries(selectors)) {
      expect(
        docs.some((d) => d.querySelector(sel) !== null),
        name,
      ).toBe(true);
    }
  });
});

describe('Facebook adapter: static parts', () => {
  test('matchesUrl: www.facebook.com over https only', () => {
    for (const u of [POST_URL, NOTIFICATIONS_URL, THREAD_URL, FEED_URL]) expect(facebookAdapter.matchesUrl(new URL(u))).toBe(true);
    for (const u of [
      'https://x.com/home',
      'https://twitter.com/northwindco',
      'https://www.instagram.com/northwindco/',
      'https://www.linkedin.com/company/northwind-co/',
      'http://www.facebook.com/',
      'https://www.facebook.com.evil.example/',
      'https://business.facebook.com/',
    ]) {
      expect(facebookAdapter.matchesUrl(new URL(u))).toBe(false);
    }
  });

  test('insertion techniques, platform, viewer', () => {
    expect(facebookAdapter.platform).toBe('facebook');
    expect(facebookAdapter.insertion).toEqual({ lexical: ['exec-command', 'before-input', 'paste'] });
    expect(facebookAdapter.viewerHandle(load('post-permalink.html'))).toBeNull();
  });

  test('the selector table uses no generated class names and every entry parses', () => {
    expect(facebookAdapter.selectors).toBe(selectors);
    for (const s of Object.values(selectors)) {
      expect(s).not.toMatch(/\.x[0-9a-z]{5,}/);
      expect(() => document.querySelector(s)).not.toThrow();
    }
  });
});
