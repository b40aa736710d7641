// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capturedItemSchema } from '@/utils/schema-core';
import { facebookAdapter } from '@/utils/sites/facebook';
import { listeningMatchers } from '@/utils/sites/listening';
import type { PageContext } from '@/utils/sites/types';
import { byId, item, pageContext, parseAt } from './adapter-kit';

const html = readFileSync(join(import.meta.dirname, '../fixtures/facebook/search-results.html'), 'utf8');
const SEARCH_PATH = '/search/posts/?q=northwind%20trail';
const SEARCH_URL = `https://www.facebook.com${SEARCH_PATH}`;
const doc = parseAt(SEARCH_PATH, html);
const NOW = new Date('2026-08-03T10:00:00.000Z');
const KEYWORDS = ['northwind trail', 'trail 2'];
const listeningCtx = (url: string, enabled: boolean, keywords = KEYWORDS): PageContext => ({
  ...pageContext(url, ['northwindco'], NOW),
  listening: listeningMatchers({ enabled, keywords }),
});
const post = (n: number) => byId(doc, `f${n}`);

describe('Facebook brand listening on post search', () => {
  test('search results are their own surface (not "post"); result posts and their comments are item roots', () => {
    const surface = facebookAdapter.surfaces.find((s) => s.path.test(new URL(SEARCH_URL).pathname));
    expect(surface).toMatchObject({ name: 'search results', expect: 'never' });
    expect(facebookAdapter.findItems(doc).map((el) => el.id)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f6-c1']);
    expect(facebookAdapter.itemRootOf(post(1).querySelector('[data-ad-comet-preview]') as Element)).toBe(post(1));
    expect(facebookAdapter.itemRootOf(byId(doc, 'f6-c1').querySelector('div[dir="auto"]') as Element)?.id).toBe('f6-c1');
  });

  test('listening on: a customer post naming a keyword is a valid mention, id and permalink from its timestamp link', () => {
    const ctx = listeningCtx(SEARCH_URL, true);
    const first = item(facebookAdapter.extract(post(1), ctx));
    expect(capturedItemSchema().safeParse(first).success).toBe(true);
    expect(first).toEqual({
      platform: 'facebook',
      externalId: 'pfbid0Jq7RtW2xNp4LmZ8sKcYvBd3Hg',
      kind: 'mention',
      permalink: 'https://www.facebook.com/juniper.okafor/posts/pfbid0Jq7RtW2xNp4LmZ8sKcYvBd3Hg',
      author: { name: 'Juniper Okafor', handle: 'juniper.okafor', profileUrl: 'https://www.facebook.com/juniper.okafor' },
      text: 'Three weeks on the Northwind Trail 2 and my knees finally stopped complaining.\nWorth every cent. #trailrunning',
      postedAt: '2026-08-03T08:00:00.000Z',
      postedAtApproximate: true,
      byBrand: false,
    });
    // A group post: the id is the /permalink/<id>, the author a group member link (no slug).
    expect(item(facebookAdapter.extract(post(4), ctx))).toEqual({
      platform: 'facebook',
      externalId: '1190000000000004',
      kind: 'mention',
      permalink: 'https://www.facebook.com/groups/trailrunners.lakeside/permalink/1190000000000004',
      author: { name: 'Rohan Mehta', profileUrl: 'https://www.facebook.com/profile.php?id=100081234500004' },
      text: 'NORTHWIND TRAIL sizing runs small, order half a size up.',
      postedAt: '2026-08-03T05:00:00.000Z',
      postedAtApproximate: true,
      byBrand: false,
    });
    expect(item(facebookAdapter.extract(post(6), ctx))).toMatchObject({
      externalId: '1190000000000006',
      author: { handle: 'mara.lindqvist' },
    });
  });

  test('keywords match whole words; a permalink.php post is read by its story_fbid', () => {
    const ctx = listeningCtx(SEARCH_URL, true);
    expect(facebookAdapter.extract(post(2), ctx)).toEqual({ type: 'skip', reason: 'not-addressed' });
    expect(facebookAdapter.extract(post(5), ctx)).toEqual({ type: 'skip', reason: 'not-addressed' });
    expect(item(facebookAdapter.extract(post(2), listeningCtx(SEARCH_URL, true, ['trail season'])))).toMatchObject({
      externalId: '1190000000000002',
      permalink: 'https://www.facebook.com/permalink.php?story_fbid=1190000000000002&id=100081234500001',
    });
  });

  test("the brand Page's own post is never a listened mention; a comment under a result keeps the comment rules", () => {
    const ctx = listeningCtx(SEARCH_URL, true);
    expect(facebookAdapter.extract(post(3), ctx)).toEqual({ type: 'skip', reason: 'own' });
    expect(facebookAdapter.extract(byId(doc, 'f6-c1'), ctx)).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test('listening off, or no usable keyword: nothing is a mention', () => {
    for (const ctx of [
      listeningCtx(SEARCH_URL, false),
      listeningCtx(SEARCH_URL, true, []),
      pageContext(SEARCH_URL, ['northwindco'], NOW),
    ]) {
      for (const n of [1, 2, 4, 6]) expect(facebookAdapter.extract(post(n), ctx)).toEqual({ type: 'skip', reason: 'not-addressed' });
    }
  });

  test('badges go right after the author name link, inside the post', () => {
    const anchor = facebookAdapter.badgeAnchor(post(1));
    expect(anchor.position).toBe('afterend');
    expect(anchor.element.closest('h3')).not.toBeNull();
    expect(post(1).contains(anchor.element)).toBe(true);
  });

  test('other pages are unaffected: on the home feed the same posts are no items, their comments still are', () => {
    const home = parseAt('/', html);
    expect(facebookAdapter.findItems(home).map((el) => el.id)).toEqual(['f6-c1']);
    expect(facebookAdapter.itemRootOf(home.getElementById('f1') as Element)).toBeNull();
    expect(facebookAdapter.extract(home.getElementById('f1') as Element, listeningCtx('https://www.facebook.com/', true))).toEqual({
      type: 'skip',
      reason: 'not-an-item',
    });
  });
});
