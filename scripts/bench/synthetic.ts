// Synthetic large pages for `npm run bench`, generated at run time from the committed local pages
// (nothing generated is committed): an X timeline and a Facebook post thread.
//
// X: the per-tweet structure is copied from test/pages/sites/x/notifications-mentions.html: the file
// is parsed by the browser's own DOMParser, the first customer tweet that replies to the brand alone
// is cloned, and its handle, name, id, time and text are turned into placeholders. Every generated
// tweet fills them in: ids are X snowflakes whose time part encodes a recent posting time
// (site-server.ts's `xStatusId`), so the extension reads real-looking ages (on track, due soon, overdue).
// Facebook: the same with the first customer comment of test/pages/sites/facebook/post.html (name,
// profile slug, comment id, relative age and text), the post's Lexical comment box kept below.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BrowserContext, Page, Route } from '@playwright/test';
import { renderTemplate, SITE_PAGES, xStatusId } from '../../test/pages/site-server.ts';

export const MENTIONS_URL = 'https://x.com/notifications/mentions';
export const MENTIONS_FILE = resolve('test/pages/sites/x/notifications-mentions.html');
export const STATUS_URL = 'https://x.com/maya_rides/status/2124573908005815395';
export const BRAND = 'northwindco';
export const FACEBOOK_POST_URL = 'https://www.facebook.com/northwindco/posts/1187465203918274';
export const FACEBOOK_POST_FILE = resolve('test/pages/sites/facebook/post.html');

export interface TweetTemplate {
  /** One timeline cell (`[data-testid="cellInnerDiv"]` holding the article) with %PLACEHOLDERS%. */
  cell: string;
  /** The mentions page without its timeline cells; BENCH_MARKER stands where they were. */
  shell: string;
  /** Where the template came from (for the report). */
  source: { handle: string; name: string };
  /** One Facebook comment thread (`.fb-thread`) with %PLACEHOLDERS%, and its post page shell. */
  facebook: { thread: string; shell: string };
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

/**
 * Runs in the browser: the first customer comment of the Facebook post page as a thread template,
 * and the page with its comment threads replaced by the marker. Self-contained.
 */
function facebookTemplateInPage(arg: { html: string; marker: string }) {
  const doc = new DOMParser().parseFromString(arg.html, 'text/html');
  const threads = [...doc.querySelectorAll('.fb-thread')];
  const chosen = threads.find((t) => {
    const article = t.querySelector('[role="article"]');
    return /^Comment by /.test(article?.getAttribute('aria-label') ?? '') && !t.querySelector('.fb-replies');
  });
  const article = chosen?.querySelector('[role="article"]');
  const idLink = article?.querySelector('a[href*="comment_id="]');
  const author = article?.querySelector('.fb-c-author a');
  if (!chosen || !article || !idLink || !author || !article.querySelector('.fb-c-text'))
    return { error: 'no plain customer comment thread' };
  const name = (author.textContent ?? '').trim();
  const slug = new URL(author.getAttribute('href') ?? '', 'https://www.facebook.com').pathname.slice(1);
  const commentId = new URL(idLink.getAttribute('href') ?? '', 'https://www.facebook.com').searchParams.get('comment_id') ?? '';
  if (!name || !slug || !commentId) return { error: 'the comment lacks a name, profile slug or comment id' };
  const clone = chosen.cloneNode(true) as Element;
  for (const el of [clone, ...clone.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const value = attr.value.split(commentId).join('%CID%').split(slug).join('%SLUG%').split(name).join('%NAME%');
      if (value !== attr.value) el.setAttribute(attr.name, value);
    }
  }
  clone.querySelector('[role="article"]')?.setAttribute('aria-label', 'Comment by %NAME% %AGO%');
  const link = clone.querySelector('a[href*="comment_id="]');
  if (link) link.textContent = '%AGE%';
  const text = clone.querySelector('.fb-c-text');
  if (text) text.textContent = '%TEXT%';
  const walker = doc.createTreeWalker(clone, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const value = (n.textContent ?? '').split(name).join('%NAME%');
    if (value !== n.textContent) n.textContent = value;
  }
  (threads[0] as Element).before(doc.createComment(arg.marker.slice(4, -3)));
  for (const t of threads) t.remove();
  return { thread: clone.outerHTML, shell: `<!DOCTYPE html>\n${doc.documentElement.outerHTML}` };
}

/** Reads the committed mentions and Facebook post pages and turns a customer item of each into a template. */
export async function loadTweetTemplate(page: Page): Promise<TweetTemplate> {
  const html = await readFile(MENTIONS_FILE, 'utf8');
  const out = await page.evaluate(extractTemplateInPage, { html, brand: BRAND, marker: BENCH_MARKER });
  if ('error' in out) throw new Error(`bench: cannot build the tweet template from ${MENTIONS_FILE}: ${out.error}`);
  const missing = PLACEHOLDERS.filter((p) => !out.cell.includes(p));
  if (missing.length) throw new Error(`bench: the tweet template lacks ${missing.join(', ')} (did the page structure change?)`);
  if (!out.shell.includes(BENCH_MARKER)) throw new Error('bench: the page shell lost its timeline marker');
  if (/__(?:XID|AGO)_/.test(out.cell)) throw new Error('bench: the tweet template still holds serve-time tokens');
  if (out.cellsBefore < 2) throw new Error(`bench: expected several timeline cells in ${MENTIONS_FILE}, found ${out.cellsBefore}`);
  const facebook = await page.evaluate(facebookTemplateInPage, { html: await readFile(FACEBOOK_POST_FILE, 'utf8'), marker: BENCH_MARKER });
  if ('error' in facebook) throw new Error(`bench: cannot build the comment template from ${FACEBOOK_POST_FILE}: ${facebook.error}`);
  const fbMissing = ['%NAME%', '%SLUG%', '%CID%', '%AGE%', '%AGO%', '%TEXT%'].filter((p) => !facebook.thread.includes(p));
  if (fbMissing.length || !facebook.shell.includes(BENCH_MARKER))
    throw new Error(`bench: the Facebook comment template lacks ${fbMissing.join(', ') || 'its place in the page'}`);
  return {
    cell: out.cell,
    shell: out.shell,
    source: { handle: out.handle, name: out.name },
    facebook: { thread: facebook.thread, shell: facebook.shell },
  };
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

function fill(shell: string, html: string, now: Date, pageUrl: string): string {
  const [before, after] = shell.split(BENCH_MARKER);
  // The shell's own serve-time tokens are rendered as site-server would for that page.
  const index = Math.max(
    0,
    SITE_PAGES.findIndex((p) => p.url === pageUrl),
  );
  return renderTemplate(`${before}${html}${after}`, now, index);
}

/** Synthetic pages are numbered apart, so no two pages of one browser share an item. */
export const FIRST_ITEM = { stream: 100_000, facebook: 300_000 };

/** The X mentions page with an empty timeline: the stream scenario fills it. */
export function streamShellPage(template: TweetTemplate, now: Date): string {
  return fill(template.shell, '', now, MENTIONS_URL);
}

/**
 * Chunks of tweet HTML for the streaming timeline, numbered from `from`, with their badge keys. Cells
 * back to back: the site (React) inserts element cells, never whitespace text nodes between them.
 */
export function appendChunks(template: TweetTemplate, from: number, count: number, chunk: number, now: Date) {
  const out: { html: string; keys: string[] }[] = [];
  for (let start = from; start < from + count; start += chunk) {
    const tweets = [];
    for (let i = start; i < Math.min(from + count, start + chunk); i++) tweets.push(tweet(template, i, now.getTime()));
    out.push({ html: tweets.map((t) => t.html).join(''), keys: tweets.map((t) => `x:${t.id}`) });
  }
  return out;
}

/** Comment `i`: ages 1–59 minutes and 1–2 hours (Facebook shows "12m", "1h"), so all three SLA states appear. */
function facebookComment(template: TweetTemplate, i: number): string {
  const first = FIRST[i % FIRST.length] as string;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
  const minutes = 1 + ((i * 7) % 119);
  const age = minutes < 60 ? `${minutes}m` : '1h';
  const ago = minutes < 60 ? `${minutes} minutes ago` : 'an hour ago';
  return template.facebook.thread
    .replaceAll('%NAME%', escapeHtml(`${first} ${last}`))
    .replaceAll('%SLUG%', `${first.toLowerCase()}.${last.toLowerCase()}.${i}`)
    .replaceAll('%CID%', String(1_000_000_000_000 + i))
    .replaceAll('%AGE%', age)
    .replaceAll('%AGO%', ago)
    .replaceAll('%TEXT%', escapeHtml(`${TEXTS[i % TEXTS.length]} (#${i})`));
}

/** The brand's Facebook post with `count` customer comments (and its Lexical comment box below). */
export function facebookThreadPage(template: TweetTemplate, count: number, now: Date): string {
  const comments: string[] = [];
  for (let i = FIRST_ITEM.facebook; i < FIRST_ITEM.facebook + count; i++) comments.push(facebookComment(template, i));
  return fill(template.facebook.shell, comments.join(''), now, FACEBOOK_POST_URL);
}

export const benchUrl = (base: string, tag: string) => `${base}?bench=${tag}`;

/**
 * Registered AFTER routeSites, so it is asked first: serves the synthetic pages (keyed by their full
 * URL, query included); every other request falls back to routeSites' handler (the real local pages).
 */
export async function routeBenchPages(context: BrowserContext, pages: ReadonlyMap<string, string>): Promise<void> {
  await context.route(/^https:\/\/(x\.com|www\.facebook\.com)\//, async (route: Route) => {
    const body = route.request().resourceType() === 'document' ? pages.get(route.request().url()) : undefined;
    if (body === undefined) return route.fallback();
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'cache-control': 'no-store' }, body });
  });
}
