// X (x.com, twitter.com) site adapter: pure functions over the DOM plus the one selector table below.
// Everything read from the page is hostile: it is read as text (never markup), length-capped, stripped of
// bidi/control characters, and URLs are rebuilt from validated handles and ids, never copied from hrefs.
/*
 * Manual check on the live site (signed in as the brand; sites.md §6.1), after any X redesign:
 * - /notifications/mentions: every reply to the brand has one badge; likes/follows have none.
 * - A status page opened on a customer's reply: the focal tweet gets a badge (id from the URL).
 * - Reply in the inline box and in the modal (/compose/post?in_reply_to=…): ";shortcut" + Tab and
 *   Ctrl+Shift+Space insert, the Reply button enables, and what is posted is exactly the preview.
 * - Shortcut + Tab in an EMPTY reply box, and over a selected word, never blanks the editor.
 * - After posting, the customer's badge turns Answered without a reload.
 * - Another UI language: note which items fall back to "mention" (the "Replying to" line is English).
 */
import { type CapturedItem, capturedItemSchema, type ItemKind, LIMITS } from '@/utils/schema';
import { cap, clean, composersOwning, normalizeHandles, readLabel, readText } from '@/utils/sites/dom-text';
import { guardExtract } from '@/utils/sites/extract-guard';
import type { ExtractOutcome, PageContext, SiteAdapter } from '@/utils/sites/types';
import { machineTime, xIdToDate } from '@/utils/time';

/**
 * Every selector this adapter uses. Stability order: data-testid, then role/aria, then structure;
 * never X's generated atomic classes (`css-…`, `r-…`), which change with every deploy.
 */
export const selectors = {
  /** Tweets, replies and mentions on every surface (feed, status page, Mentions and All tabs). */
  tweet: 'article[data-testid="tweet"]',
  /** 2026-07 capture (All tab): likes/follows/reposts are their own article testid; never items. */
  notification: 'article[data-testid="notification"]',
  /** 2026-09 feed capture: a quoted post nests its own User-Name/time/tweetText inside this block. */
  quote: '[data-testid="quoteTweet"]',
  /** The author block: name link, `@handle` link and (not on the focal tweet) the permalink-wrapped time. */
  userName: '[data-testid="User-Name"]',
  /** Site-relative links; profile links are exactly `/<handle>`. */
  profileLink: 'a[href^="/"]',
  avatar: '[data-testid^="UserAvatar-Container-"]',
  /** The time element; its status-link ancestor carries the id except on a status page's focal tweet. */
  time: 'time',
  statusLink: 'a[href*="/status/"]',
  text: '[data-testid="tweetText"]',
  /**
   * 2026-07 capture: the "Replying to @a and @b" context has NO data-testid, role or aria hook: it is a grey
   * `div[dir="ltr"]` whose first own text node is "Replying to " (English UI text: other locales read
   * differently), with one `a[href="/<h>"]` per named handle.
   */
  replyContext: 'div[dir="ltr"]',
  /** 2026-09 feed capture: the account switcher holds the display name and the `@handle` in separate spans. */
  accountSwitcher: '[data-testid="SideNav_AccountSwitcher_Button"]',
  /** Draft.js reply/post editor: the testid sits on the editable (modal) or on a wrapper (2026-07 inline capture). */
  tweetEditor: '[data-testid^="tweetTextarea_"][contenteditable="true"], [data-testid^="tweetTextarea_"] [contenteditable="true"]',
  /** Narrow/mobile layouts render a real textarea in the same container. */
  tweetTextarea: 'textarea[data-testid^="tweetTextarea_"], [data-testid^="tweetTextarea_"] textarea',
  /** Legacy DM editor (Draft): 2026-07 capture has the testid on the editable; it may also wrap one. */
  dmEditor: '[data-testid="dmComposerTextInput"][contenteditable="true"], [data-testid="dmComposerTextInput"] [contenteditable="true"]',
  xchatEditor: 'textarea[data-testid="dm-composer-textarea"]',
  /** Testid holders that focus may land on instead of the editable inside them. */
  composerWrapper: '[data-testid^="tweetTextarea_"], [data-testid="dmComposerTextInput"]',
  /** Inline reply box and modal; the action-bar `reply` icon only opens a composer, it never submits. */
  tweetSubmit: '[data-testid="tweetButtonInline"], [data-testid="tweetButton"]',
  /** 2026-07 capture: the DM drawer's Send is type=submit and sits on every page: only for DM editors. */
  dmSubmit: '[data-testid="dmComposerSendButton"]',
  xchatSubmit: '[data-testid="dm-composer-send-button"]',
  /** Display name, `@handle` and "Ad" label leaves (2026-07/09 captures: text sits in nested spans). */
  textLeaf: 'span',
  /** Any link: the "Ad" label is the User-Name span that is not inside one. */
  anyLink: 'a',
} as const;

/** Every composer kind at once: used to decide which composer a submit button belongs to. */
const anyComposer = [selectors.tweetEditor, selectors.tweetTextarea, selectors.dmEditor, selectors.xchatEditor].join(', ');

/** English UI strings: 2026-07/09 captures; other locales will not match (then: no reply context, no ad label). */
const REPLYING_TO = /^\s*Replying to\b/;
const AD_LABEL = /^(?:Ad|Promoted)$/;

/** X handles: 1–15 of [A-Za-z0-9_]. */
const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const PROFILE_HREF = /^\/([A-Za-z0-9_]{1,15})\/?$/;
/** Status ids are 64-bit: at most 19 digits. Absolute hrefs are accepted on X's own hosts only. */
const STATUS_HREF = /^(?:https:\/\/(?:x|twitter)\.com)?\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,19})(?:[/?#]|$)/;
const STATUS_PATH = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,19})(?:\/|$)/;
const STATUS_ID = /^\d{1,19}$/;
/** Must match the prefix in `selectors.avatar`. */
const AVATAR_PREFIX = 'UserAvatar-Container-';
const HOSTS = new Set(['x.com', 'twitter.com']);

// ---------------------------------------------------------------- text helpers

/** The first non-blank text node directly inside `el`. */
function firstOwnText(el: Element): string {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3 && (c as Text).data.trim() !== '') return (c as Text).data;
  }
  return '';
}

// ---------------------------------------------------------------- structure helpers

/** Whether `node` belongs to a quoted post inside `item` rather than to `item` itself. */
function inQuote(node: Element, item: Element): boolean {
  const q = node.closest(selectors.quote);
  return q !== null && item.contains(q);
}

function own(item: Element, selector: string): Element | null {
  for (const el of item.querySelectorAll(selector)) {
    if (!inQuote(el, item)) return el;
  }
  return null;
}

function profileHandle(a: Element): string | null {
  const m = PROFILE_HREF.exec(a.getAttribute('href') ?? '');
  return m?.[1] ?? null;
}

interface StatusLink {
  handle: string;
  id: string;
}

type IdResult = { ok: true; id: string; link: StatusLink | null } | { ok: false; reason: string };

/**
 * The status id of a tweet: from the status link around its time, or, for the focal tweet of a
 * status page (2026-07 status/thread captures: its time has no self-permalink anchor), from the URL.
 */
function statusIdOf(item: Element, time: Element | null, url: URL): IdResult {
  const anchor = time?.closest(selectors.statusLink) ?? null;
  if (anchor && item.contains(anchor)) {
    const m = STATUS_HREF.exec(anchor.getAttribute('href') ?? '');
    if (!m?.[1] || !m[2]) return { ok: false, reason: 'bad-status-link' };
    return { ok: true, id: m[2], link: { handle: m[1], id: m[2] } };
  }
  if (!time) return { ok: false, reason: 'no-status-id' };
  const id = statusIdFromUrl(url);
  return id ? { ok: true, id, link: null } : { ok: false, reason: 'no-status-id' };
}

function statusIdFromUrl(url: URL): string | null {
  if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return null;
  return STATUS_PATH.exec(url.pathname)?.[2] ?? null;
}

interface AuthorInfo {
  handle: string | null;
  name: string;
}

/** Handle and display name from the tweet's own author block (not the quoted post's). */
function readAuthor(item: Element, block: Element | null, link: StatusLink | null): AuthorInfo {
  let handle: string | null = null;
  let nameLink: Element | null = null;
  if (block) {
    for (const a of block.querySelectorAll(selectors.profileLink)) {
      const h = profileHandle(a);
      if (h) {
        handle = h;
        nameLink = a;
        break;
      }
    }
    // The simplified status-page shape (2026-07 capture) has no links: only `<span>@handle</span>`.
    if (!handle) {
      for (const span of block.querySelectorAll(selectors.textLeaf)) {
        const m = /^@([A-Za-z0-9_]{1,15})$/.exec(span.textContent?.trim() ?? '');
        if (m?.[1]) {
          handle = m[1];
          break;
        }
      }
    }
  }
  if (!handle) {
    const avatar = own(item, selectors.avatar);
    const suffix = avatar?.getAttribute('data-testid')?.slice(AVATAR_PREFIX.length) ?? '';
    if (HANDLE.test(suffix)) handle = suffix;
  }
  if (!handle && link) handle = link.handle;

  let name = nameLink ? readLabel(nameLink, LIMITS.name) : '';
  if (!name || name.startsWith('@')) {
    name = '';
    for (const span of block?.querySelectorAll(selectors.textLeaf) ?? []) {
      const label = readLabel(span, LIMITS.name);
      if (label && label !== '·' && !label.startsWith('@')) {
        name = label;
        break;
      }
    }
  }
  if (!name && handle) name = handle;
  return { handle, name };
}

/** Lower-case handles named in the tweet's "Replying to" context, or null when it has none. */
function replyContextHandles(item: Element): string[] | null {
  for (const div of item.querySelectorAll(selectors.replyContext)) {
    if (inQuote(div, item) || div.closest(selectors.userName) || div.closest(selectors.text)) continue;
    if (!REPLYING_TO.test(firstOwnText(div))) continue;
    const handles: string[] = [];
    for (const a of div.querySelectorAll(selectors.profileLink)) {
      const h = profileHandle(a)?.toLowerCase();
      if (h && !handles.includes(h)) handles.push(h);
    }
    return handles;
  }
  return null;
}

function isAd(block: Element | null): boolean {
  if (!block) return false;
  for (const span of block.querySelectorAll(selectors.textLeaf)) {
    // 2026-09 feed capture: the "Ad" label is a bare span in User-Name, outside the profile links.
    if (!span.closest(selectors.anyLink) && AD_LABEL.test(span.textContent?.trim() ?? '')) return true;
  }
  return false;
}

function mentions(text: string, handle: string): boolean {
  // Handles are [A-Za-z0-9_] only (normalizeHandles), so they are safe inside a RegExp.
  return new RegExp(`(?:^|[^A-Za-z0-9_@])@${handle}(?![A-Za-z0-9_])`, 'i').test(text);
}

function postedAtOf(time: Element | null, id: string): string | null {
  return machineTime(time) ?? xIdToDate(id)?.toISOString() ?? null;
}

/** The author handle of a tweet, for matching (lower-case). */
function authorHandleOf(item: Element): string | null {
  const time = own(item, selectors.time);
  const anchor = time?.closest(selectors.statusLink);
  const link = anchor ? STATUS_HREF.exec(anchor.getAttribute('href') ?? '') : null;
  const fromLink = link?.[1] && link[2] ? { handle: link[1], id: link[2] } : null;
  return readAuthor(item, own(item, selectors.userName), fromLink).handle?.toLowerCase() ?? null;
}

/** The id of the nearest tweet above `item` (document order) written by one of `handles`. */
function answeredId(item: Element, handles: Set<string>, url: URL): string | undefined {
  if (handles.size === 0) return undefined;
  const all = findItems(item.getRootNode() as unknown as ParentNode);
  const at = all.indexOf(item);
  for (let i = at - 1; i >= 0; i--) {
    const prev = all[i] as Element;
    const h = authorHandleOf(prev);
    if (!h || !handles.has(h)) continue;
    const r = statusIdOf(prev, own(prev, selectors.time), url);
    return r.ok ? r.id : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------- adapter

function findItems(root: ParentNode): Element[] {
  const out: Element[] = [];
  const consider = (el: Element) => {
    if (!el.parentElement?.closest(selectors.quote)) out.push(el);
  };
  if ((root as Node).nodeType === 1 && (root as Element).matches(selectors.tweet)) consider(root as Element);
  for (const el of root.querySelectorAll(selectors.tweet)) consider(el);
  return out;
}

function itemRootOf(node: Node): Element | null {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el) {
    const article = el.closest(selectors.tweet);
    if (!article) return null;
    const q = article.parentElement?.closest(selectors.quote) ?? null;
    if (!q) return article;
    el = q.parentElement;
  }
  return null;
}

function extractUnsafe(el: Element, ctx: PageContext): ExtractOutcome {
  if (el.matches(selectors.notification)) return { type: 'skip', reason: 'notification' };
  if (!el.matches(selectors.tweet)) return { type: 'skip', reason: 'not-a-tweet' };
  if (el.parentElement?.closest(selectors.quote)) return { type: 'skip', reason: 'quoted' };

  const block = own(el, selectors.userName);
  const time = own(el, selectors.time);
  // 2026-09 feed capture: promoted cards show "Ad" and carry no time (placementTracking is on ordinary cards too).
  if (!time && isAd(block)) return { type: 'skip', reason: 'ad' };

  const brands = normalizeHandles(ctx.brandHandles, HANDLE);
  if (brands.size === 0) return { type: 'skip', reason: 'no-brand' };

  const idr = statusIdOf(el, time, ctx.url);
  if (!idr.ok) return { type: 'error', reason: idr.reason };
  const { id, link } = idr;

  const author = readAuthor(el, block, link);
  if (!author.name) return { type: 'error', reason: 'no-author' };
  const postedAt = postedAtOf(time, id);
  if (!postedAt) return { type: 'error', reason: 'no-time' };

  const textEl = own(el, selectors.text);
  const text = textEl ? cap(clean(readText(textEl, LIMITS.text * 2)).trim(), LIMITS.text) : '';
  const handle = author.handle;
  const lower = handle?.toLowerCase() ?? null;
  const context = replyContextHandles(el);
  const byBrand = lower !== null && brands.has(lower);

  // On a status page the URL names the conversation's focal tweet and its author.
  const focal = STATUS_PATH.exec(ctx.url.pathname);
  const focalOwner = focal?.[1]?.toLowerCase();
  const focalEl = focal ? focalArticle(el.ownerDocument) : null;
  const belowFocal = !!focalEl && focalEl !== el && !!(focalEl.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  let kind: ItemKind;
  let answersExternalId: string | undefined;
  if (byBrand) {
    kind = context ? 'reply' : 'comment';
    if (context) answersExternalId = answeredId(el, new Set(context.filter((h) => !brands.has(h))), ctx.url);
    // 2026-11: X often omits "Replying to" on direct replies under the focal tweet: the brand's
    // reply there answers the focal customer tweet.
    else if (belowFocal && focalOwner && !brands.has(focalOwner)) answersExternalId = focal?.[2];
  } else {
    const named = context?.filter((h) => brands.has(h)) ?? [];
    if (context && named.length > 0) {
      kind = named.length === context.length ? 'comment' : 'reply';
    } else if (!context && belowFocal && focalOwner && brands.has(focalOwner)) {
      // Same omission: a context-less reply under the brand's focal tweet answers the brand.
      kind = 'comment';
    } else if ([...brands].some((b) => mentions(text, b)) || isMentionsPage(ctx.url)) {
      kind = 'mention';
    } else {
      return { type: 'skip', reason: 'not-addressed' };
    }
  }

  const item: CapturedItem = {
    platform: 'x',
    externalId: id,
    kind,
    permalink: handle ? `https://x.com/${handle}/status/${id}` : `https://x.com/i/status/${id}`,
    author: {
      name: author.name,
      ...(handle ? { handle, profileUrl: `https://x.com/${handle}` } : {}),
    },
    ...(text ? { text } : {}),
    postedAt,
    // Both sources are exact: the machine datetime, or the millisecond time encoded in the id.
    postedAtApproximate: false,
    byBrand,
    ...(answersExternalId ? { answersExternalId } : {}),
  };
  const parsed = capturedItemSchema.safeParse(item);
  return parsed.success ? { type: 'item', item: parsed.data } : { type: 'error', reason: 'invalid-item' };
}

/** The status page's focal tweet: the one whose time has no permalink (it is the page itself). */
function focalArticle(doc: Document): Element | null {
  for (const article of doc.querySelectorAll(selectors.tweet)) {
    const time = own(article, selectors.time);
    if (time && !time.closest(selectors.statusLink)) return article;
  }
  return null;
}

function isMentionsPage(url: URL): boolean {
  return url.pathname.replace(/\/+$/, '') === '/notifications/mentions';
}

type ComposerKind = 'tweet' | 'dm' | 'xchat';

function composerKind(composer: Element): ComposerKind | null {
  if (composer.matches(selectors.tweetEditor) || composer.matches(selectors.tweetTextarea)) return 'tweet';
  if (composer.matches(selectors.dmEditor)) return 'dm';
  if (composer.matches(selectors.xchatEditor)) return 'xchat';
  return null;
}

const SUBMIT: Record<ComposerKind, string> = {
  tweet: selectors.tweetSubmit,
  dm: selectors.dmSubmit,
  xchat: selectors.xchatSubmit,
};

export const xAdapter: SiteAdapter = {
  platform: 'x',
  selectors,

  matchesUrl(url) {
    return url.protocol === 'https:' && HOSTS.has(url.hostname);
  },

  findItems,
  itemRootOf,

  extract: guardExtract(extractUnsafe),

  badgeAnchor(el) {
    // Inside User-Name, so the host stays inside the item root when X recycles the cell.
    return { element: own(el, selectors.userName) ?? el, position: 'beforeend' };
  },

  viewerHandle(doc) {
    const button = doc.querySelector(selectors.accountSwitcher);
    if (!button) return null;
    for (const span of button.querySelectorAll(selectors.textLeaf)) {
      const m = /^@([A-Za-z0-9_]{1,15})$/.exec(span.textContent?.trim() ?? '');
      if (m?.[1]) return m[1].toLowerCase();
    }
    return null;
  },

  findComposer(el) {
    const direct =
      el.closest(selectors.tweetEditor) ??
      el.closest(selectors.tweetTextarea) ??
      el.closest(selectors.dmEditor) ??
      el.closest(selectors.xchatEditor);
    if (direct) return direct;
    if (el.matches(selectors.composerWrapper)) {
      const inside = el.querySelectorAll(anyComposer);
      if (inside.length === 1) return inside[0] as Element;
    }
    return null;
  },

  findSubmit(composer) {
    const kind = composerKind(composer);
    if (!kind) return null;
    // The button must belong to THIS composer's own container: on a status page the DM drawer's
    // type=submit Send, another inline box and the reply modal's button are all in the document.
    for (let a = composer.parentElement; a; a = a.parentElement) {
      for (const button of a.querySelectorAll(SUBMIT[kind])) {
        if (composersOwning(button, anyComposer).includes(composer)) return button;
      }
    }
    return null;
  },

  replyTarget(composer, ctx) {
    // DMs answer a conversation, not a status, even when the drawer sits on a status page.
    if (composerKind(composer) !== 'tweet') return null;
    const param = ctx.url.searchParams.get('in_reply_to');
    if (param && STATUS_ID.test(param)) return param;
    return statusIdFromUrl(ctx.url);
  },

  insertion: {
    // Spike §0.1: execCommand into an empty Draft editor crashes it; synthetic paste is safe.
    draft: ['paste'],
    textarea: ['native-setter'],
    contenteditable: ['exec-command', 'paste'],
  },
};
