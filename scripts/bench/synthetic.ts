// Synthetic large X pages for `npm run bench`, generated at run time (nothing committed).
//
// The per-tweet structure is copied from test/pages/sites/x/notifications-mentions.html: the file is
// parsed by the browser's own DOMParser, the first customer tweet that replies to the brand alone is
// cloned, and its handle, name, id, time and text are turned into placeholders. Every generated tweet
// fills them in: ids are X snowflakes whose time part encodes a recent posting time (site-server.ts's
// `xStatusId`), so the extension reads real-looking ages (on track, due soon, overdue).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BrowserContext, Page, Route } from '@playwright/test';
import { renderTemplate, SITE_PAGES, xStatusId } from '../../test/pages/site-server.ts';

export const MENTIONS_URL = 'https://x.com/notifications/mentions';
export const MENTIONS_FILE = resolve('test/pages/sites/x/notifications-mentions.html');
export const STATUS_URL = 'https://x.com/maya_rides/status/2124573908005815395';
export const STATUS_FILE = resolve('test/pages/sites/x/status-unanswered.html');
export const BRAND = 'northwindco';

export interface TweetTemplate {
  /** One timeline cell (`[data-testid="cellInnerDiv"]` holding the article) with %PLACEHOLDERS%. */
  cell: string;
  /** The mentions page without its timeline cells; BENCH_MARKER stands where they were. */
  shell: string;
  /** The status page, BENCH_MARKER after its last conversation cell. */
  statusShell: string;
  /** Where the template came from (for the report). */
  source: { handle: string; name: string };
}

const BENCH_MARKER = '<!--BENCH-TWEETS-->';
const PLACEHOLDERS = ['%HANDLE%', '%NAME%', '%ID%', '%ISO%', '%AGE%', '%TEXT%', '%N%'] as const;

/**
 * Runs in the browser: parse the page, pick and clone a customer tweet, mark its variable parts.
 * Self-contained (it is serialized into the page).
 */
function extractTemplateInPage(arg: { html: string; brand: string; marker: string }) {
  const doc = new DOMParser().parseFromString(arg.html, 'text/html');
  const profileHandle = (a: Element) => /^\/([A-Za-z0-9_]{1,15})$/.exec(a.getAttribute('href') ?? '')?.[1] ?? null;
  const firstOwnText = (el: Element) => {
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3 && (c.textContent ?? '').trim()) return c.textContent ?? '';
    return '';
  };
  let chosen: Element | null = null;
  let handle = '';
  let name = '';
  for (const article of doc.querySelectorAll('article[data-testid="tweet"]')) {
    if (article.querySelector('[data-testid="quoteTweet"]')) continue;
    const userName = article.querySelector('[data-testid="User-Name"]');
    const link = userName ? [...userName.querySelectorAll('a[href^="/"]')].find((a) => profileHandle(a)) : undefined;
    const h = link ? profileHandle(link) : null;
    if (!link || !h || h.toLowerCase() === arg.brand) continue;
    const context = [...article.querySelectorAll('div[dir="ltr"]')].find((d) => /^\s*Replying to\b/.test(firstOwnText(d)));
    const named = context ? [...context.querySelectorAll('a[href^="/"]')].map(profileHandle) : [];
    if (named.length !== 1 || named[0]?.toLowerCase() !== arg.brand) continue;
    if (!article.querySelector('time[datetime]') || !article.querySelector('[data-testid="tweetText"]')) continue;
    chosen = article;
    handle = h;
    name = (link.textContent ?? '').trim();
    break;
  }
  if (!chosen) return { error: 'no customer tweet replying to the brand alone' };
  const cell = chosen.closest('[data-testid="cellInnerDiv"]');
  const list = cell?.parentElement;
  if (!cell || !list) return { error: 'the tweet is not inside a cellInnerDiv' };
  const clone = cell.cloneNode(true) as Element;

  const ids = new Map<string, string>();
  const fixIds = (value: string) =>
    value.replace(/id__[a-z0-9]+/g, (m) => {
      if (!ids.has(m)) ids.set(m, `id__b%N%x${ids.size}`);
      return ids.get(m) as string;
    });
  const xid = /__XID_\d+m(?:_[a-z0-9]+)?__/g;
  for (const el of [clone, ...clone.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const value = fixIds(attr.value.split(handle).join('%HANDLE%').replace(xid, '%ID%'));
      if (value !== attr.value) el.setAttribute(attr.name, value);
    }
  }
  const time = clone.querySelector('time[datetime]') as Element;
  time.setAttribute('datetime', '%ISO%');
  time.textContent = '%AGE%';
  time.closest('a')?.setAttribute('aria-label', '%AGE%');
  const text = clone.querySelector('[data-testid="tweetText"]') as Element;
  const span = text.querySelector('span');
  text.replaceChildren();
  const textSpan = doc.createElement('span');
  if (span) textSpan.className = span.className;
  textSpan.textContent = '%TEXT%';
  text.append(textSpan);
  const walker = doc.createTreeWalker(clone, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const value = (n.textContent ?? '').split(name).join('%NAME%').split(`@${handle}`).join('@%HANDLE%');
    if (value !== n.textContent) n.textContent = value;
  }
  const cellsBefore = list.querySelectorAll(':scope > [data-testid="cellInnerDiv"]').length;
  list.replaceChildren(doc.createComment(arg.marker.slice(4, -3)));
  list.setAttribute('data-bench-timeline', '');
  return {
    cell: clone.outerHTML,
    shell: `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`,
    handle,
    name,
    cellsBefore,
  };
}

/** Runs in the browser: the status page with a marker after its last conversation cell. */
function statusShellInPage(arg: { html: string; marker: string }) {
  const doc = new DOMParser().parseFromString(arg.html, 'text/html');
  const cells = doc.querySelectorAll('[data-testid="cellInnerDiv"]');
  const last = cells[cells.length - 1];
  const list = last?.parentElement;
  if (!last || !list) return { error: 'no cellInnerDiv' };
  list.append(doc.createComment(arg.marker.slice(4, -3)));
  list.setAttribute('data-bench-timeline', '');
  return { shell: `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`, cells: cells.length };
}

/**
 * Reads the committed mentions page and turns one of its customer tweets into a template; also the
 * status page (with its Draft.js composer) ready to take generated replies.
 */
export async function loadTweetTemplate(page: Page): Promise<TweetTemplate> {
  const html = await readFile(MENTIONS_FILE, 'utf8');
  const out = await page.evaluate(extractTemplateInPage, { html, brand: BRAND, marker: BENCH_MARKER });
  if ('error' in out) throw new Error(`bench: cannot build the tweet template from ${MENTIONS_FILE}: ${out.error}`);
  const missing = PLACEHOLDERS.filter((p) => !out.cell.includes(p));
  if (missing.length) throw new Error(`bench: the tweet template lacks ${missing.join(', ')} (did the page structure change?)`);
  if (!out.shell.includes(BENCH_MARKER)) throw new Error('bench: the page shell lost its timeline marker');
  if (/__(?:XID|AGO)_/.test(out.cell)) throw new Error('bench: the tweet template still holds serve-time tokens');
  if (out.cellsBefore < 2) throw new Error(`bench: expected several timeline cells in ${MENTIONS_FILE}, found ${out.cellsBefore}`);
  const status = await page.evaluate(statusShellInPage, { html: await readFile(STATUS_FILE, 'utf8'), marker: BENCH_MARKER });
  if ('error' in status || !status.shell.includes(BENCH_MARKER) || status.cells < 3)
    throw new Error(`bench: cannot find the conversation cells of ${STATUS_FILE}`);
  return { cell: out.cell, shell: out.shell, statusShell: status.shell, source: { handle: out.handle, name: out.name } };
}

const FIRST = [
  'Maya',
  'Leo',
  'Ana',
  'Kofi',
  'Priya',
  'Jonas',
  'Sofia',
  'Omar',
  'Hana',
  'Diego',
  'Ines',
  'Tariq',
  'Yuki',
  'Noah',
  'Zara',
  'Eli',
];
const LAST = ['Okafor', 'Rossi', 'Nguyen', 'Schmidt', 'Haddad', 'Silva', 'Kowalski', 'Mensah', 'Tanaka', 'Dubois', 'Moreno', 'Larsen'];
const TEXTS = [
  'My order has been stuck at the sorting hub for four days, can you check what is going on?',
  'Is the Harbor backpack coming back in olive? Sold out for weeks now.',
  'The zipper on my rain shell broke after two weeks. How do I start a return?',
  'Tracking says delivered but there is nothing at my door. Help please.',
  'Do you ship to Norway? The checkout page will not take my postcode.',
  'Love the new trail shoes, but the size chart runs small. Can I exchange?',
  'Charged twice for the same order, need a refund on the second one.',
  'Any discount codes for students? Asking for the whole climbing club.',
];

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export interface GeneratedTweet {
  id: string;
  html: string;
}

/**
 * Tweet number `i` (0-based, unique across the page and the scroll appends). Ages spread over
 * 1–119 minutes, so with the default policy (60 min, due soon at 75 %) all three states appear.
 */
export function tweet(template: TweetTemplate, i: number, now: number): GeneratedTweet {
  const first = FIRST[i % FIRST.length] as string;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
  const handle = `${first.toLowerCase()}_${i}`;
  const ageMinutes = 1 + ((i * 7) % 119);
  const ms = now - ageMinutes * 60_000 - (i % 60) * 1000;
  // Low bits 0x100000 + i never meet site-server's per-page (< 0x4000) or tagged (0x200000 bit) ids.
  const id = xStatusId(ms, BigInt(0x100000 + i));
  const text = `@${BRAND} ${TEXTS[i % TEXTS.length]} (#${i})`;
  const html = template.cell
    .replaceAll('%HANDLE%', handle)
    .replaceAll('%NAME%', escapeHtml(`${first} ${last}`))
    .replaceAll('%ID%', id)
    .replaceAll('%ISO%', new Date(ms).toISOString())
    .replaceAll('%AGE%', `${ageMinutes}m`)
    .replaceAll('%TEXT%', escapeHtml(text))
    .replaceAll('%N%', i.toString(36));
  return { id, html };
}

/**
 * Cells back to back: the site (React) inserts element cells, never whitespace text nodes between
 * them. (A text node added to the timeline makes the engine rescan the whole timeline: see the report.)
 */
function cells(template: TweetTemplate, from: number, count: number, now: Date): string {
  const out: string[] = [];
  for (let i = from; i < from + count; i++) out.push(tweet(template, i, now.getTime()).html);
  return out.join('');
}

function fill(shell: string, html: string, now: Date, pageUrl: string): string {
  const [before, after] = shell.split(BENCH_MARKER);
  // The shell's own serve-time tokens are rendered as site-server would for that page.
  const index = Math.max(
    0,
    SITE_PAGES.findIndex((p) => p.url === pageUrl),
  );
  return renderTemplate(`${before}${html}${after}`, now, index);
}

/** Synthetic pages are numbered apart, so no two pages of one browser share a tweet. */
export const FIRST_TWEET = { mentions: (size: number) => size * 10, status: 50_000 };

/** The mentions page: the original shell with `count` generated customer tweets as its timeline. */
export function mentionsPage(template: TweetTemplate, count: number, now: Date): string {
  return fill(template.shell, cells(template, FIRST_TWEET.mentions(count), count, now), now, MENTIONS_URL);
}

/** The status page (focal customer tweet, composer, replies) with `count` more replies to the brand below. */
export function statusThreadPage(template: TweetTemplate, count: number, now: Date): string {
  return fill(template.statusShell, cells(template, FIRST_TWEET.status, count, now), now, STATUS_URL);
}

/** Chunks of tweet HTML for the infinite-scroll scenario, numbered after the page's own. */
export function appendChunks(template: TweetTemplate, from: number, count: number, chunk: number, now: Date): string[] {
  const out: string[] = [];
  for (let start = from; start < from + count; start += chunk) out.push(cells(template, start, Math.min(chunk, from + count - start), now));
  return out;
}

export function benchMentionsUrl(count: number): string {
  return `${MENTIONS_URL}?bench=${count}`;
}

export function benchStatusUrl(count: number): string {
  return `${STATUS_URL}?bench=${count}`;
}

/**
 * Registered AFTER routeSites, so it is asked first: serves the synthetic pages (keyed by their full
 * URL, query included); every other request falls back to routeSites' handler (the real local pages).
 */
export async function routeBenchPages(context: BrowserContext, pages: ReadonlyMap<string, string>): Promise<void> {
  await context.route('https://x.com/**', async (route: Route) => {
    const body = route.request().resourceType() === 'document' ? pages.get(route.request().url()) : undefined;
    if (body === undefined) return route.fallback();
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'cache-control': 'no-store' }, body });
  });
}
