// @vitest-environment jsdom
// Every platform has its content entrypoint, adapter, fixtures and tests, and every selector in an
// adapter's table matches something in its fixtures (a selector nothing matches is dead or wrong).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORMS, type Platform } from '@/utils/schema-core';
import { facebookAdapter } from '@/utils/sites/facebook';
import { SITE_HOSTS } from '@/utils/sites/hosts';
import { instagramAdapter } from '@/utils/sites/instagram';
import { linkedinAdapter } from '@/utils/sites/linkedin';
import type { SiteAdapter } from '@/utils/sites/types';
import { xAdapter } from '@/utils/sites/x';
import { parse } from './adapter-kit';

const ROOT = join(import.meta.dirname, '../..');
const ADAPTERS: Record<Platform, SiteAdapter> = {
  x: xAdapter,
  facebook: facebookAdapter,
  instagram: instagramAdapter,
  linkedin: linkedinAdapter,
};

describe.each(PLATFORMS)('%s', (platform) => {
  const adapter = ADAPTERS[platform];

  test('has its content entrypoint on exactly its hosts, handing its adapter to the engine', () => {
    const entry = readFileSync(join(ROOT, `entrypoints/${platform}.content.ts`), 'utf8');
    expect(entry).toContain(`from '@/utils/sites/${platform}'`);
    expect(entry).toContain('startEngine(ctx, ');
    const matches = [...entry.matchAll(/'https:\/\/([^/']+)\/\*'/g)].map((m) => m[1]);
    expect(matches.sort()).toEqual([...SITE_HOSTS[platform]].sort());
  });

  test('has at least three fixtures and its adapter tests', () => {
    const fixtures = readdirSync(join(ROOT, `test/fixtures/${platform}`)).filter((f) => f.endsWith('.html'));
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
    expect(existsSync(join(ROOT, `test/unit/${platform}-adapter.test.ts`))).toBe(true);
    expect(adapter.platform).toBe(platform);
  });

  test('every selector in its table matches something in a fixture', () => {
    const docs = readdirSync(join(ROOT, `test/fixtures/${platform}`))
      .filter((f) => f.endsWith('.html'))
      .map((f) => parse(readFileSync(join(ROOT, `test/fixtures/${platform}`, f), 'utf8')));
    const unmatched = Object.entries(adapter.selectors).filter(([, selector]) => !docs.some((d) => d.querySelector(selector)));
    expect(unmatched).toEqual([]);
  });

  test('claims its own hosts and no other platform’s', () => {
    for (const [other, hosts] of Object.entries(SITE_HOSTS)) {
      for (const host of hosts) expect(adapter.matchesUrl(new URL(`https://${host}/some/path`))).toBe(other === platform);
    }
    expect(adapter.matchesUrl(new URL(`http://${SITE_HOSTS[platform][0]}/`))).toBe(false);
  });
});
