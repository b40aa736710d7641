// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listeningMatchers } from '@/utils/sites/listening';
import type { PageContext } from '@/utils/sites/types';
import { xAdapter } from '@/utils/sites/x';
import { byId, item, pageContext, parse } from './adapter-kit';

const doc = parse(readFileSync(join(import.meta.dirname, '../fixtures/x/search-results.html'), 'utf8'));
const NOW = new Date('2026-08-03T10:00:00.000Z');
const SEARCH_URL = 'https://x.com/search?q=northwind%20trail&src=typed_query';
const KEYWORDS = ['northwind trail', 'trail 2'];
const listeningCtx = (url: string, enabled: boolean, keywords = KEYWORDS): PageContext => ({
  ...pageContext(url, ['northwindco'], NOW),
  listening: listeningMatchers({ enabled, keywords }),
});
const tweet = (n: number) => byId(doc, `t20830000000000001${String(n).padStart(2, '0')}`);

describe('X brand listening on search results', () => {
  test('the search page is its own surface, where an empty page is no warning', () => {
    const surface = xAdapter.surfaces.find((s) => s.path.test(new URL(SEARCH_URL).pathname));
    expect(surface).toMatchObject({ name: 'search results', expect: 'never' });
    expect(xAdapter.findItems(doc)).toHaveLength(5);
  });

  test('listening on: a customer post naming a keyword is a mention, in any case', () => {
    const ctx = listeningCtx(SEARCH_URL, true);
    expect(item(xAdapter.extract(tweet(1), ctx))).toMatchObject({
      externalId: '2083000000000000101',
      kind: 'mention',
      byBrand: false,
      author: { handle: 'juniper_runs', name: 'Juniper Okafor' },
      permalink: 'https://x.com/juniper_runs/status/2083000000000000101',
      postedAt: '2026-08-03T08:05:00.000Z',
    });
    expect(item(xAdapter.extract(tweet(5), ctx))).toMatchObject({ kind: 'mention', author: { handle: 'rohan_climbs' } });
    // "trail season" names neither keyword: whole words and phrases only.
    expect(xAdapter.extract(tweet(2), ctx)).toEqual({ type: 'skip', reason: 'not-addressed' });
  });

  test("the brand's own post is never a listened mention", () => {
    expect(item(xAdapter.extract(tweet(3), listeningCtx(SEARCH_URL, true)))).toMatchObject({ byBrand: true, kind: 'comment' });
  });

  test('listening off, or no keyword: only what the existing rules track (an @-mention of the brand)', () => {
    for (const ctx of [
      listeningCtx(SEARCH_URL, false),
      listeningCtx(SEARCH_URL, true, []),
      pageContext(SEARCH_URL, ['northwindco'], NOW),
    ]) {
      expect(xAdapter.extract(tweet(1), ctx)).toEqual({ type: 'skip', reason: 'not-addressed' });
      expect(xAdapter.extract(tweet(5), ctx)).toEqual({ type: 'skip', reason: 'not-addressed' });
      expect(item(xAdapter.extract(tweet(4), ctx))).toMatchObject({ kind: 'mention', author: { handle: 'ines_ptr' } });
    }
  });

  test('keywords count on search pages only: the same post on the home timeline is not addressed to the brand', () => {
    expect(xAdapter.extract(tweet(1), listeningCtx('https://x.com/home', true))).toEqual({ type: 'skip', reason: 'not-addressed' });
  });
});

describe('listeningMatchers', () => {
  test('off, empty or only invalid keywords: no matcher; a prefix keyword and a regex keyword work', () => {
    expect(listeningMatchers(undefined)).toBeUndefined();
    expect(listeningMatchers({ enabled: false, keywords: ['northwind'] })).toBeUndefined();
    expect(listeningMatchers({ enabled: true, keywords: ['/(a+)+/'] })).toBeUndefined();
    const matchers = listeningMatchers({ enabled: true, keywords: ['northw*', '/trail\\s*2/i'] }) ?? [];
    expect(matchers).toHaveLength(2);
    expect(matchers[0]?.test('Northwinds')).toBe(true);
    expect(matchers[1]?.test('TRAIL2')).toBe(true);
  });
});
