// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capturedItemSchema } from '@/utils/schema-core';
import { linkedinAdapter } from '@/utils/sites/linkedin';
import { listeningMatchers } from '@/utils/sites/listening';
import type { PageContext } from '@/utils/sites/types';
import { byId, item, pageContext, parseAt } from './adapter-kit';

const html = readFileSync(join(import.meta.dirname, '../fixtures/linkedin/search-results.html'), 'utf8');
const SEARCH_PATH = '/search/results/content/?keywords=northwind%20trail';
const SEARCH_URL = `https://www.linkedin.com${SEARCH_PATH}`;
const doc = parseAt(SEARCH_PATH, html);
const NOW = new Date('2026-08-03T10:00:00.000Z');
const KEYWORDS = ['northwind trail', 'trail 2'];
const listeningCtx = (url: string, enabled: boolean, keywords = KEYWORDS): PageContext => ({
  ...pageContext(url, ['northwind-co'], NOW),
  listening: listeningMatchers({ enabled, keywords }),
});
const post = (n: number) => byId(doc, `p${n}`);

describe('LinkedIn brand listening on content search', () => {
  test('search results are their own surface; each outermost result post is an item root, as are open comments', () => {
    const surface = linkedinAdapter.surfaces.find((s) => s.path.test(new URL(SEARCH_URL).pathname));
    expect(surface).toMatchObject({ name: 'search results', expect: 'never' });
    expect(linkedinAdapter.findItems(doc).map((el) => el.id)).toEqual(['p2-c1', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    expect(linkedinAdapter.itemRootOf(byId(doc, 'p2-c1').querySelector('time') as Element)?.id).toBe('p2-c1');
    const text = post(1).querySelector('.update-components-text') as Element;
    expect(linkedinAdapter.itemRootOf(text)).toBe(post(1));
    // The reshared post inside #p1 belongs to #p1.
    const reshared = post(1).querySelector('.update-components-mini-update-v2') as Element;
    expect(linkedinAdapter.itemRootOf(reshared)).toBe(post(1));
  });

  test('listening on: a customer post naming a keyword is a valid mention with the URN time', () => {
    const ctx = listeningCtx(SEARCH_URL, true);
    const first = item(linkedinAdapter.extract(post(1), ctx));
    expect(capturedItemSchema().safeParse(first).success).toBe(true);
    expect(first).toEqual({
      platform: 'linkedin',
      externalId: '7489954460467201000',
      kind: 'mention',
      permalink: 'https://www.linkedin.com/feed/update/urn:li:activity:7489954460467201000/',
      author: { name: 'Juniper Okafor', handle: 'juniper-okafor', profileUrl: 'https://www.linkedin.com/in/juniper-okafor/' },
      text: 'Three weeks on the Northwind Trail 2 and my knees finally stopped complaining.\nWorth every cent.',
      postedAt: '2026-08-03T08:05:00.000Z',
      postedAtApproximate: false,
      byBrand: false,
    });
    // data-id instead of data-urn, upper case: still the keyword.
    expect(item(linkedinAdapter.extract(post(6), ctx))).toMatchObject({
      externalId: '7489741809254401005',
      author: { name: 'Rohan Mehta', handle: 'rohan-mehta-3b' },
      postedAt: '2026-08-02T18:00:00.000Z',
    });
  });

  test('keywords match whole words: "trail season" and "northwind trails" are not mentions', () => {
    const ctx = listeningCtx(SEARCH_URL, true);
    expect(linkedinAdapter.extract(post(2), ctx)).toEqual({ type: 'skip', reason: 'not-addressed' });
    expect(linkedinAdapter.extract(post(4), ctx)).toEqual({ type: 'skip', reason: 'not-addressed' });
    // A prefix keyword takes the plural.
    expect(item(linkedinAdapter.extract(post(4), listeningCtx(SEARCH_URL, true, ['northwind trail*'])))).toMatchObject({
      kind: 'mention',
      author: { handle: 'ines-patricio' },
    });
  });

  test("the brand's own post and a promoted post are never listened mentions", () => {
    const ctx = listeningCtx(SEARCH_URL, true);
    expect(linkedinAdapter.extract(post(3), ctx)).toEqual({ type: 'skip', reason: 'own' });
    expect(linkedinAdapter.extract(post(5), ctx)).toEqual({ type: 'skip', reason: 'sponsored' });
  });

  test('a comment open under a result keeps the comment rules: naming the brand, it is a mention', () => {
    expect(item(linkedinAdapter.extract(byId(doc, 'p2-c1'), listeningCtx(SEARCH_URL, false)))).toMatchObject({
      externalId: '7489968301670400077',
      kind: 'mention',
      author: { handle: 'lena-brandt-9' },
    });
  });

  test('listening off, or no usable keyword: nothing is a mention', () => {
    for (const ctx of [
      listeningCtx(SEARCH_URL, false),
      listeningCtx(SEARCH_URL, true, []),
      listeningCtx(SEARCH_URL, true, ['/(a+)+/']),
      pageContext(SEARCH_URL, ['northwind-co'], NOW),
    ]) {
      for (const n of [1, 2, 4, 6]) expect(linkedinAdapter.extract(post(n), ctx)).toEqual({ type: 'skip', reason: 'not-addressed' });
    }
  });

  test('badges go right after the actor link, inside the post', () => {
    const anchor = linkedinAdapter.badgeAnchor(post(1));
    expect(anchor.position).toBe('afterend');
    expect(anchor.element.matches('a.update-components-actor__meta-link')).toBe(true);
    expect(post(1).contains(anchor.element)).toBe(true);
    expect(anchor.element.closest('.update-components-mini-update-v2')).toBeNull();
  });

  test('other pages are unaffected: the same markup holds no item, even with listening on', () => {
    const feed = parseAt('/feed/', html);
    expect(linkedinAdapter.findItems(feed).map((el) => el.id)).toEqual(['p2-c1']);
    expect(linkedinAdapter.itemRootOf(feed.getElementById('p1') as Element)).toBeNull();
    expect(linkedinAdapter.extract(feed.getElementById('p1') as Element, listeningCtx('https://www.linkedin.com/feed/', true))).toEqual({
      type: 'skip',
      reason: 'not-an-item',
    });
  });
});
