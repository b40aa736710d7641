/**
 * Local copies of the four sites, served AT THE REAL URLS through Playwright routing, so the
 * extension's content scripts (which match only the real hosts) run on them. Used by the e2e tests
 * and by `npm run demo`.
 *
 *   await routeSites(context)                      // every page below, times relative to "now"
 *   await routeSites(context, { now: new Date('2026-07-01T12:00:00Z') })   // frozen clock
 *
 * Routing (hosts x.com, twitter.com, www.facebook.com, www.instagram.com, www.linkedin.com):
 * - `/__replyline/sites/<platform>/<platform>.css` → the site's shared stylesheet beside its pages.
 * - `/__replyline/<file>` on any of those hosts → `<pagesDir>/dist/<file>` (built assets, e.g. the
 *   X composer bundle from `npx vite build --config test/pages/vite.config.ts`), with its content type.
 * - Document requests → the page whose `url` in SITE_PAGES equals the request's origin + pathname
 *   (trailing slash, query and hash ignored; the pathname is compared percent-decoded, so
 *   `urn%3Ali%3Aactivity%3A…` finds `urn:li:activity:…`). twitter.com falls back to the x.com
 *   page with the same path. Unknown documents get a small 404 page.
 * - Anything else (images, XHR, favicon…) → status 404. Nothing ever reaches the network, but
 *   only those five hosts are routed: the pages themselves reference no other host.
 *
 * Serve-time templating (applied to every page on every request; `now` = options.now, or the
 * time routeSites() was called, so reloads keep the same ids and times while badges age):
 *   __AGO_<n>m__            ISO-8601 UTC with milliseconds of now − n minutes  (2026-07-01T11:55:00.000Z)
 *   __XID_<n>m__            X status id (decimal) whose snowflake time is now − n minutes:
 *                           ((ms − 1288834974657) << 22) | low. `low` (22 bits) is deterministic per
 *                           occurrence: page index and occurrence index, so every untagged token
 *                           yields a distinct id, stable across reloads.
 *   __XID_<n>m_<tag>__      same, but `low` comes from <tag> ([a-z0-9]+): one id for every occurrence
 *                           of that tag on every page (the same tweet shown on several pages).
 *   __LIID_<n>m_<tag>__     LinkedIn activity/comment id: (ms << 22) | low(tag); untagged
 *   __LIID_<n>m__           form gives a distinct id per occurrence, like __XID_.
 *   __CLOCK_<n>m__          X's focal-tweet label, UTC: "11:55 AM · Jul 1, 2026"
 *   __DATE_<n>m__           "Jul 1, 2026" (UTC), e.g. Instagram's time[title]
 *   __SEP_<n>m__            a message-list separator in this machine's local time, as the browser
 *                           beside it reads it: "Today 9:14 AM", "Yesterday 4:12 PM", else
 *                           "Nov 22, 2026, 4:12 PM" (a fixed "Today 9:14 AM" is a future time
 *                           before 9:14, and the adapters rightly refuse it)
 *   <n> is a whole number of minutes (0 allowed). With the default SLA policy (60 min, due-soon at
 *   75 %), ages like 5m / 50m / 90m show on-track / due-soon / breached badges.
 *
 * Plain TypeScript runnable under Node 22 type stripping (no enums, no parameter properties, no
 * path aliases).
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Route } from '@playwright/test';

export interface SitePage {
  /** Full URL without query, e.g. https://x.com/notifications/mentions */
  url: string;
  /** Path relative to test/pages/sites/ */
  file: string;
  title: string;
}

export const SITE_PAGES: SitePage[] = [
  // X
  {
    url: 'https://x.com/notifications/mentions',
    file: 'x/notifications-mentions.html',
    title: 'X – Mentions (replies to @northwindco, a bare mention, a like)',
  },
  { url: 'https://x.com/notifications', file: 'x/notifications-all.html', title: 'X – Notifications, All tab (like, follow, two replies)' },
  { url: 'https://x.com/home', file: 'x/home.html', title: 'X – Home timeline (brand tweet, customer reply, Ad, quote tweet)' },
  {
    url: 'https://x.com/maya_rides/status/2124573908005815395',
    file: 'x/status-unanswered.html',
    title: 'X – Conversation: focal customer reply + Draft.js reply composer',
  },
  {
    url: 'https://x.com/leo_bakes/status/2124534804509624728',
    file: 'x/status-answered.html',
    title: 'X – Conversation: customer reply already answered by the brand',
  },
  {
    url: 'https://x.com/i/chat/1588204711-2047730019',
    file: 'x/xchat-thread.html',
    title: 'X – XChat thread with a customer + React 19 controlled textarea composer',
  },
  { url: 'https://x.com/search', file: 'x/search.html', title: 'X – Search results for "northwind trail" (brand listening)' },
  // Facebook
  {
    url: 'https://www.facebook.com/northwindco/posts/1187465203918274',
    file: 'facebook/post.html',
    title: 'Facebook – Northwind post with comments and replies',
  },
  { url: 'https://www.facebook.com/notifications', file: 'facebook/notifications.html', title: 'Facebook – Notifications' },
  {
    url: 'https://www.facebook.com/messages/t/100072231456789',
    file: 'facebook/messenger-thread.html',
    title: 'Facebook – Messenger thread with a customer + Lexical composer',
  },
  {
    url: 'https://www.facebook.com/search/posts',
    file: 'facebook/search.html',
    title: 'Facebook – Post search results for "northwind trail" (brand listening)',
  },
  // Instagram
  { url: 'https://www.instagram.com/p/DKq7Zt2xNwB', file: 'instagram/post.html', title: 'Instagram – Northwind post with comments' },
  {
    url: 'https://www.instagram.com/direct/t/17843209871234567',
    file: 'instagram/direct-thread.html',
    title: 'Instagram – DM thread with a customer',
  },
  {
    url: 'https://www.instagram.com/reel/DLm3Qx8vTzA',
    file: 'instagram/reel.html',
    title: 'Instagram – Northwind reel; the comment field is swapped for a React textarea on click',
  },
  // LinkedIn
  {
    url: 'https://www.linkedin.com/feed/update/urn:li:activity:7530182030132434567',
    file: 'linkedin/post.html',
    title: 'LinkedIn – Northwind post with SDUI comments',
  },
  {
    url: 'https://www.linkedin.com/feed/update/urn:li:ugcPost:7487054099251253304',
    file: '../../fixtures/linkedin/ember-post.html',
    title: 'LinkedIn – legacy Ember post with Quill comment boxes (the adapter fixture, plain styles)',
  },
  { url: 'https://www.linkedin.com/notifications', file: 'linkedin/notifications.html', title: 'LinkedIn – Notifications' },
  {
    url: 'https://www.linkedin.com/messaging/thread/2-NWQ5ZjM4YjAtYTE3Yy00ZTJkLWI4ZjMtNzE2YjA5YzRkMmE1XzEwMA==',
    file: 'linkedin/messaging-thread.html',
    title: 'LinkedIn – messaging thread (plain contenteditable) with a shared post and its comment box',
  },
  {
    url: 'https://www.linkedin.com/search/results/content',
    file: 'linkedin/search.html',
    title: 'LinkedIn – Content search results for "northwind trail" (brand listening)',
  },
];

export const SITE_ORIGINS = [
  'https://x.com',
  'https://twitter.com',
  'https://www.facebook.com',
  'https://www.instagram.com',
  'https://www.linkedin.com',
] as const;

const HERE = dirname(fileURLToPath(import.meta.url));
const X_EPOCH = 1288834974657n;
const MINUTE = 60_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** origin + percent-decoded pathname, no trailing slash. */
export function pageKey(rawUrl: string): string {
  const u = new URL(rawUrl);
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the raw path when it is not valid percent-encoding
  }
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');
  if (path === '/') path = '';
  return `${u.origin}${path}`;
}

/** 21-bit FNV-1a hash of a tag; bit 21 marks tagged ids so they never meet untagged ones. */
function tagLow(tag: string): bigint {
  let h = 0x811c9dc5;
  for (let i = 0; i < tag.length; i++) {
    h ^= tag.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return BigInt((h & 0x1fffff) | 0x200000);
}

/** Untagged: page index (11 bits) and occurrence index (10 bits). */
function occurrenceLow(pageIndex: number, occurrence: number): bigint {
  return BigInt(((pageIndex & 0x7ff) << 10) | (occurrence & 0x3ff));
}

/** X snowflake for a time in ms. */
export function xStatusId(ms: number, low = 0n): string {
  return (((BigInt(ms) - X_EPOCH) << 22n) | (low & 0x3fffffn)).toString();
}

/** LinkedIn id (activity, comment) for a time in ms. */
export function linkedInId(ms: number, low = 0n): string {
  return ((BigInt(ms) << 22n) | (low & 0x3fffffn)).toString();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function dateLabel(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

function sepLabel(d: Date, now: Date): string {
  const h = d.getHours();
  const time = `${h % 12 === 0 ? 12 : h % 12}:${pad2(d.getMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
  const day = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const days = Math.round((day(now) - day(d)) / (24 * 60 * MINUTE));
  if (days === 0) return `Today ${time}`;
  if (days === 1) return `Yesterday ${time}`;
  return `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}, ${time}`;
}

function clockLabel(d: Date): string {
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}:${pad2(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'} · ${dateLabel(d)}`;
}

/** Applies the serve-time tokens documented at the top of this file. */
export function renderTemplate(html: string, now: Date, pageIndex = 0): string {
  const base = now.getTime();
  let xOccurrence = 0;
  let liOccurrence = 0;
  return html.replace(
    /__(AGO|XID|LIID|CLOCK|DATE|SEP)_(\d+)m(?:_([a-z0-9]+))?__/g,
    (_m: string, kind: string, mins: string, tag: string | undefined) => {
      const ms = base - Number(mins) * MINUTE;
      switch (kind) {
        case 'AGO':
          return new Date(ms).toISOString();
        case 'CLOCK':
          return clockLabel(new Date(ms));
        case 'DATE':
          return dateLabel(new Date(ms));
        case 'SEP':
          return sepLabel(new Date(ms), now);
        case 'XID':
          return xStatusId(ms, tag ? tagLow(tag) : occurrenceLow(pageIndex, ++xOccurrence));
        default:
          return linkedInId(ms, tag ? tagLow(tag) : occurrenceLow(pageIndex, ++liOccurrence));
      }
    },
  );
}

function notFoundPage(url: string): string {
  const esc = url.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head><body style="font-family: system-ui, sans-serif; padding: 40px;"><h1>404 – no local page</h1><p>Replyline test pages have no page for <code>${esc}</code>.</p></body></html>`;
}

export async function routeSites(context: BrowserContext, options: { now?: Date; pagesDir?: string } = {}): Promise<void> {
  /** Directory holding `sites/` and `dist/` (default: this file's directory, test/pages). */
  const pagesDir = options.pagesDir ?? HERE;
  const sitesDir = join(pagesDir, 'sites');
  const distDir = join(pagesDir, 'dist');
  const now = options.now ?? new Date();
  const table = new Map<string, number>();
  SITE_PAGES.forEach((p, i) => {
    table.set(pageKey(p.url), i);
  });

  const handler = async (route: Route): Promise<void> => {
    const request = route.request();
    let url: URL;
    try {
      url = new URL(request.url());
    } catch {
      await route.fulfill({ status: 404, body: '' });
      return;
    }

    if (url.pathname.startsWith('/__replyline/')) {
      const rel = decodeURIComponent(url.pathname.slice('/__replyline/'.length));
      // Shared site stylesheets live beside the pages; built editor apps in dist/.
      const root = rel.startsWith('sites/') ? pagesDir : distDir;
      const file = normalize(join(root, rel));
      if (!rel || rel.includes('\0') || !file.startsWith(root + sep)) {
        await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
        return;
      }
      try {
        const body = await readFile(file);
        await route.fulfill({
          status: 200,
          contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          headers: { 'cache-control': 'no-store' },
          body,
        });
      } catch {
        await route.fulfill({ status: 404, contentType: 'text/plain', body: `missing ${rel} (build it first)` });
      }
      return;
    }

    if (request.resourceType() !== 'document') {
      await route.fulfill({ status: 404, body: '' });
      return;
    }

    let key = pageKey(url.href);
    let index = table.get(key);
    if (index === undefined && url.hostname === 'twitter.com') {
      key = key.replace('https://twitter.com', 'https://x.com');
      index = table.get(key);
    }
    const page = index === undefined ? undefined : SITE_PAGES[index];
    if (index === undefined || !page) {
      await route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body: notFoundPage(url.href) });
      return;
    }
    try {
      const html = await readFile(join(sitesDir, page.file), 'utf8');
      await route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'cache-control': 'no-store' },
        body: renderTemplate(html, now, index),
      });
    } catch (err) {
      await route.fulfill({
        status: 500,
        contentType: 'text/plain; charset=utf-8',
        body: `cannot read ${page.file}: ${String(err)}`,
      });
    }
  };

  for (const origin of SITE_ORIGINS) {
    await context.route(`${origin}/**`, handler);
  }
}
