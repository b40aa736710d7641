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
 * - DMs: an /i/chat/<a>-<b> thread and the chat drawer badge each customer message once and none of the brand's;
 *   note how direction shows (avatar, data-direction, data-is-outgoing, or only alignment: then every message is an
 *   error), what the thread header looks like, and the time labels of older messages ("Yesterday", dates: errors
 *   today). The PIN screen shows no badge. Legacy /messages: whether entries carry any id attribute at all.
 */
import { type CapturedItem, type ItemKind, LIMITS } from '@/utils/schema-core';
import { cap, clean, composersOwning, normalizeHandles, oneLine, readLabel, readText } from '@/utils/sites/dom-text';
import { guardExtract, validated } from '@/utils/sites/extract-guard';
import { isListenedPost } from '@/utils/sites/listening';
import type { ExtractOutcome, PageContext, SiteAdapter } from '@/utils/sites/types';
import { approxTime, machineTime, threadClockTime, xIdToDate } from '@/utils/time';

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

  // DMs: two generations live at once (sites.md §1.1). No real capture of either exists: the XChat hooks come
  // from public selector files (H), the legacy ones are M, and the thread header and id attribute are L (§6.1).
  /** XChat message: the value is the message uuid (also `data-testid="message-<uuid>"`, `data-send-status`). */
  xchatMessage: '[data-dm-message-row]',
  /** The thread's message list; the chat drawer (`chat-drawer-root`) carries its own on any page. */
  xchatList: '[data-testid="dm-message-list"]',
  xchatDrawer: '[data-testid="chat-drawer-root"]',
  /** `message-text-<uuid>`: matched exactly against the row's uuid in code, never trusted by prefix alone. */
  xchatTextBlock: '[data-testid^="message-text-"]',
  xchatTextSpan: 'span[dir="auto"]',
  /** The shown time ("2:01 PM") is a display-only, aria-hidden sibling of the text: no machine time at all. */
  xchatTimeLabel: 'span[aria-hidden="true"]',
  /**
   * Conversation rows (suffix `a:b` ↔ route `/i/chat/a-b`, `data-selected`); never items. aria-description is
   * "<name>, @h, <last msg>, <time>".
   */
  xchatRow: '[data-testid^="dm-conversation-item-"]',
  xchatSelectedRow: '[data-testid^="dm-conversation-item-"][data-selected="true"]',
  /** While the E2EE PIN gate shows (also at `/i/chat/pin/…`), whatever message rows remain are not readable. */
  xchatPin: '[data-testid="pin-code-input-container"]',
  /** Reconstructed, not captured (L): the open thread's header, with the customer's profile link. */
  dmHeader: '[data-testid="dm-conversation-header"]',
  /** Direction is M (sites.md §1.5): some builds mark it, others only align the bubble. */
  dmDirection: '[data-direction], [data-is-outgoing]',
  legacyScroller: '[data-testid="DmScrollerContainer"]',
  legacyMessage: '[data-testid="DmScrollerContainer"] [data-testid="messageEntry"]',
  /** Reconstructed (L): the only stable legacy message id we accept; without it a message is an error. */
  legacyMessageId: '[data-message-id]',
  legacyText: '[dir="auto"]',
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
/** `/search?q=…`: results are the same tweet cells as the timeline. */
const SEARCH_PATH = /^\/search\/?$/;
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

/**
 * 2026-11: X marks tweet text with its detected language (`lang="fr"`), or with codes that name
 * none: `und` (undetermined), `zxx`, and private `q…` codes for emoji-only, hashtag-only or media posts.
 */
function languageOf(textEl: Element | null): string | undefined {
  const lang = textEl?.getAttribute('lang')?.trim() ?? '';
  return /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/.test(lang) && lang !== 'und' && lang !== 'zxx' && !/^q[a-t][a-z]$/.test(lang)
    ? lang
    : undefined;
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
  const all = findItems(item.getRootNode() as unknown as ParentNode).filter((el) => el.matches(selectors.tweet));
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

// ---------------------------------------------------------------- direct messages

/** XChat message ids are uuids; legacy ones are snowflakes (also the only ids whose time we can decode). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const XCHAT_ROW_PREFIX = 'dm-conversation-item-';
const XCHAT_TEXT_PREFIX = 'message-text-';
/** 1:1 conversations are `<a>-<b>` (user ids), groups `g<digits>`. */
const XCHAT_PATH = /^\/i\/chat\/(\d{1,20}-\d{1,20}|g\d{1,20})\/?$/;
const LEGACY_PATH = /^\/messages\/(\d{1,20}-\d{1,20})\/?$/;
const ROW_SUFFIX = /^(\d{1,20}):(\d{1,20})$/;

interface DmGeneration {
  kind: 'xchat' | 'legacy';
  message: string;
  list: string;
}

const XCHAT: DmGeneration = { kind: 'xchat', message: selectors.xchatMessage, list: selectors.xchatList };
const LEGACY: DmGeneration = { kind: 'legacy', message: selectors.legacyMessage, list: selectors.legacyScroller };

function dmGeneration(el: Element): DmGeneration | null {
  if (el.matches(selectors.xchatMessage)) return XCHAT;
  if (el.matches(selectors.legacyMessage)) return LEGACY;
  return null;
}

function docOf(root: ParentNode): Document | null {
  return (root as Node).nodeType === 9 ? (root as Document) : (root as Node).ownerDocument;
}

/** The PIN gate: sites.md §1.7 (never force a reload to get past it; show nothing instead). */
function xchatLocked(doc: Document | null, url?: URL): boolean {
  const path = url?.pathname ?? doc?.location?.pathname ?? '';
  return path.startsWith('/i/chat/pin') || !!doc?.querySelector(selectors.xchatPin);
}

function viewerHandleOf(doc: Document | null): string | null {
  const button = doc?.querySelector(selectors.accountSwitcher);
  if (!button) return null;
  for (const span of button.querySelectorAll(selectors.textLeaf)) {
    const m = /^@([A-Za-z0-9_]{1,15})$/.exec(span.textContent?.trim() ?? '');
    if (m?.[1]) return m[1].toLowerCase();
  }
  return null;
}

/** The sender's handle when the message shows its avatar (lower-case); text links are never the sender. */
function dmSender(msg: Element): string | null {
  const suffix = msg.querySelector(selectors.avatar)?.getAttribute('data-testid')?.slice(AVATAR_PREFIX.length) ?? '';
  return HANDLE.test(suffix) ? suffix.toLowerCase() : null;
}

type Direction = 'in' | 'out';

/** Compared with the viewer (and the brand) where the sender shows, else the build's direction attributes. */
function dmDirection(msg: Element, brands: Set<string>, viewer: string | null): Direction | null {
  const sender = dmSender(msg);
  if (sender) return brands.has(sender) || sender === viewer ? 'out' : 'in';
  const holder = msg.matches(selectors.dmDirection) ? msg : msg.querySelector(selectors.dmDirection);
  const dir = holder?.getAttribute('data-direction')?.trim().toLowerCase();
  if (dir === 'incoming' || dir === 'received' || dir === 'in') return 'in';
  if (dir === 'outgoing' || dir === 'sent' || dir === 'out') return 'out';
  const outgoing = holder?.getAttribute('data-is-outgoing')?.trim().toLowerCase();
  if (outgoing === 'true') return 'out';
  if (outgoing === 'false') return 'in';
  return null;
}

function dmId(msg: Element, gen: DmGeneration): string | null {
  if (gen.kind === 'xchat') {
    const id = msg.getAttribute('data-dm-message-row') ?? '';
    return UUID.test(id) ? id.toLowerCase() : null;
  }
  const holder = msg.matches(selectors.legacyMessageId) ? msg : msg.querySelector(selectors.legacyMessageId);
  const id = holder?.getAttribute('data-message-id')?.trim() ?? '';
  return STATUS_ID.test(id) ? id : null;
}

/** The messages of `msg`'s own thread, in document order. */
function threadMessages(msg: Element, gen: DmGeneration): Element[] {
  const list = msg.closest(gen.list);
  return list ? [...list.querySelectorAll(gen.message)] : [msg];
}

/** The nearest earlier incoming message of the same thread: what a brand message answers. */
function previousIncoming(msg: Element, gen: DmGeneration, brands: Set<string>, viewer: string | null): string | undefined {
  const all = threadMessages(msg, gen);
  for (let i = all.indexOf(msg) - 1; i >= 0; i--) {
    const prev = all[i] as Element;
    if (dmDirection(prev, brands, viewer) !== 'in') continue;
    const id = dmId(prev, gen);
    if (id) return id;
  }
  return undefined;
}

/** The conversation path segment `a-b` (or `g<n>`): from the URL, else (drawer) the selected row. */
function conversationOf(msg: Element, gen: DmGeneration, url: URL): string | null {
  const onX = url.protocol === 'https:' && HOSTS.has(url.hostname);
  const fromUrl = onX ? (gen.kind === 'xchat' ? XCHAT_PATH : LEGACY_PATH).exec(url.pathname)?.[1] : undefined;
  if (fromUrl) return fromUrl;
  if (gen.kind !== 'xchat') return null;
  const row = (msg.closest(selectors.xchatDrawer) ?? msg.ownerDocument).querySelector(selectors.xchatSelectedRow);
  const m = ROW_SUFFIX.exec(row?.getAttribute('data-testid')?.slice(XCHAT_ROW_PREFIX.length) ?? '');
  return m ? `${m[1]}-${m[2]}` : null;
}

/** The open conversation's row: the one the URL names, else the selected one (drawer), scoped to the drawer. */
function selectedRow(msg: Element, conversation: string | null): Element | null {
  const scope = msg.closest(selectors.xchatDrawer) ?? msg.ownerDocument;
  const wanted = conversation?.includes('-') ? `${XCHAT_ROW_PREFIX}${conversation.replace('-', ':')}` : null;
  if (wanted) {
    for (const row of scope.querySelectorAll(selectors.xchatRow)) if (row.getAttribute('data-testid') === wanted) return row;
  }
  return scope.querySelector(selectors.xchatSelectedRow);
}

/**
 * Name and handle from a row's "<name>, @h, <last msg>, <time>". The first ", @h, " wins: a display name
 * that itself contains one can still mislead this (the header and the sender's avatar are tried first).
 */
function rowCustomer(row: Element): AuthorInfo | null {
  const desc = oneLine(row.getAttribute('aria-description') ?? '', LIMITS.text);
  const m = /^(.+?), @([A-Za-z0-9_]{1,15}), /.exec(desc);
  if (!m?.[1] || !m[2]) return null;
  return { name: cap(m[1], LIMITS.name).trim(), handle: m[2] };
}

/** The customer the thread is with: its header, else (XChat) the open conversation's row. */
function threadCustomer(msg: Element, gen: DmGeneration, conversation: string | null): AuthorInfo | null {
  const scope = msg.closest(selectors.xchatDrawer) ?? msg.ownerDocument;
  const header = scope.querySelector(selectors.dmHeader);
  if (header) {
    const a = readAuthor(header, header, null);
    if (a.handle && a.name) return a;
  }
  if (gen.kind !== 'xchat') return null;
  const row = selectedRow(msg, conversation);
  return row ? rowCustomer(row) : null;
}

/** Today's clock label as a local time (the page shows the user's clock); a future time means yesterday. */
function xchatTextBlock(msg: Element, id: string): Element | null {
  for (const block of msg.querySelectorAll(selectors.xchatTextBlock)) {
    if (block.getAttribute('data-testid')?.toLowerCase() === `${XCHAT_TEXT_PREFIX}${id}`) return block;
  }
  return null;
}

interface DmContent {
  text: string;
  postedAt: string | null;
  approximate: boolean;
}

function readDmContent(msg: Element, gen: DmGeneration, id: string, now: Date): DmContent {
  const parts: string[] = [];
  if (gen.kind === 'xchat') {
    const block = xchatTextBlock(msg, id);
    for (const span of block?.querySelectorAll(selectors.xchatTextSpan) ?? []) parts.push(readText(span, LIMITS.text * 2));
    // The shown time is display-only: a clock label, or a relative age; never the capture time.
    let postedAt: string | null = null;
    for (const span of msg.querySelectorAll(selectors.xchatTimeLabel)) {
      const label = oneLine(readText(span, 40), 40);
      if (!label) continue;
      postedAt = threadClockTime(label, '', now) ?? approxTime(label, now);
      break;
    }
    return { text: cap(clean(parts.join('\n')).trim(), LIMITS.text), postedAt, approximate: true };
  }
  const time = msg.querySelector(selectors.time);
  const textEl = [...msg.querySelectorAll(selectors.legacyText)].find(
    (el) => !el.querySelector(selectors.time) && !el.closest(selectors.time),
  );
  const text = textEl ? cap(clean(readText(textEl, LIMITS.text * 2)).trim(), LIMITS.text) : '';
  return { text, postedAt: postedAtOf(time, id), approximate: false };
}

function extractDm(el: Element, gen: DmGeneration, ctx: PageContext): ExtractOutcome {
  const doc = el.ownerDocument;
  if (gen.kind === 'xchat' && xchatLocked(doc, ctx.url)) return { type: 'skip', reason: 'locked' };
  const brands = normalizeHandles(ctx.brandHandles, HANDLE);
  if (brands.size === 0) return { type: 'skip', reason: 'no-brand' };
  const id = dmId(el, gen);
  if (!id) return { type: 'error', reason: gen.kind === 'xchat' ? 'bad-message-id' : 'no-message-id' };
  const viewer = viewerHandleOf(doc);
  const direction = dmDirection(el, brands, viewer);
  if (!direction) return { type: 'error', reason: 'no-direction' };

  const conversation = conversationOf(el, gen, ctx.url);
  let author: AuthorInfo;
  let answersExternalId: string | undefined;
  if (direction === 'out') {
    answersExternalId = previousIncoming(el, gen, brands, viewer);
    if (!answersExternalId) return { type: 'skip', reason: 'outgoing' };
    const sender = dmSender(el);
    const handle = sender ?? (viewer && brands.has(viewer) ? viewer : ([...brands][0] as string));
    author = { name: handle, handle };
  } else {
    const customer = threadCustomer(el, gen, conversation);
    const sender = dmSender(el);
    if (customer && (!sender || customer.handle?.toLowerCase() === sender)) author = customer;
    // A group thread: the avatar names the sender, the header names the group.
    else if (sender) author = { name: sender, handle: sender };
    else return { type: 'error', reason: 'no-customer' };
    if (author.handle && brands.has(author.handle.toLowerCase())) return { type: 'skip', reason: 'own-conversation' };
  }

  const content = readDmContent(el, gen, id, ctx.now);
  if (!content.postedAt) return { type: 'error', reason: 'no-time' };
  const base = gen.kind === 'xchat' ? 'https://x.com/i/chat/' : 'https://x.com/messages/';
  const handle = author.handle;
  return validated({
    platform: 'x',
    externalId: id,
    kind: 'dm',
    ...(conversation ? { permalink: `${base}${conversation}` } : {}),
    author: { name: author.name || (handle ?? ''), ...(handle ? { handle, profileUrl: `https://x.com/${handle}` } : {}) },
    ...(content.text ? { text: content.text } : {}),
    postedAt: content.postedAt,
    postedAtApproximate: content.approximate,
    byBrand: direction === 'out',
    ...(answersExternalId ? { answersExternalId } : {}),
  });
}

/** The id of the newest customer message in the thread a DM composer belongs to. */
function dmReplyTarget(composer: Element, gen: DmGeneration, ctx: PageContext): string | null {
  for (let a = composer.parentElement; a; a = a.parentElement) {
    const lists = a.querySelectorAll(gen.list);
    if (lists.length === 0) continue;
    // Several threads and none of them this composer's own: no guess.
    if (lists.length > 1) return null;
    const messages = [...(lists[0] as Element).querySelectorAll(gen.message)];
    for (let i = messages.length - 1; i >= 0; i--) {
      const o = extract(messages[i] as Element, ctx);
      if (o.type === 'item' && !o.item.byBrand) return o.item.externalId;
    }
    return null;
  }
  return null;
}

// ---------------------------------------------------------------- adapter

const DM_MESSAGE = `${selectors.xchatMessage}, ${selectors.legacyMessage}`;

function findItems(root: ParentNode): Element[] {
  const out: Element[] = [];
  const self = (root as Node).nodeType === 1 ? (root as Element) : null;
  const consider = (el: Element) => {
    // A post shared into a DM belongs to its message, not to the timeline.
    if (!el.parentElement?.closest(selectors.quote) && !el.closest(DM_MESSAGE)) out.push(el);
  };
  if (self?.matches(selectors.tweet)) consider(self);
  for (const el of root.querySelectorAll(selectors.tweet)) consider(el);
  // Asked only when a message is in view: a document-wide query per added timeline cell was the
  // top cost of infinite scroll in the bench.
  let locked: boolean | undefined;
  const considerDm = (el: Element) => {
    locked ??= xchatLocked(docOf(root));
    if (!(locked && el.matches(selectors.xchatMessage))) out.push(el);
  };
  if (self?.matches(DM_MESSAGE)) considerDm(self);
  for (const el of root.querySelectorAll(DM_MESSAGE)) considerDm(el);
  return out;
}

function itemRootOf(node: Node): Element | null {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const dm = el?.closest(DM_MESSAGE);
  if (dm) return dm;
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
  const dm = dmGeneration(el);
  if (dm) return extractDm(el, dm, ctx);
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
  const language = languageOf(textEl);
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
    } else if (SEARCH_PATH.test(ctx.url.pathname) && isListenedPost(ctx, text)) {
      // Brand listening: a search result naming a brand keyword (utils/sites/listening.ts).
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
    ...(language ? { language } : {}),
    postedAt,
    // Both sources are exact: the machine datetime, or the millisecond time encoded in the id.
    postedAtApproximate: false,
    byBrand,
    ...(answersExternalId ? { answersExternalId } : {}),
  };
  return validated(item);
}

const extract = guardExtract(extractUnsafe);

/** The status page's focal tweet: the one whose time has no permalink (it is the page itself). */
/** The focal tweet found per page, so a long thread is not rescanned for each reply (bench: 11× longest task). */
const focalCache = new WeakMap<Document, { path: string; article: Element }>();

function focalArticle(doc: Document): Element | null {
  const path = doc.location?.pathname ?? '';
  const cached = focalCache.get(doc);
  if (cached && cached.path === path && cached.article.isConnected) return cached.article;
  for (const article of doc.querySelectorAll(selectors.tweet)) {
    const time = own(article, selectors.time);
    if (time && !time.closest(selectors.statusLink)) {
      focalCache.set(doc, { path, article });
      return article;
    }
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
  // Observed 2026-11: a status page always renders its focal tweet; the home timeline and
  // notifications are never empty for an account in use; DM inboxes may be (and XChat may be PIN-locked).
  surfaces: [
    { name: 'status', path: STATUS_PATH, expect: 'always' },
    { name: 'notifications', path: /^\/notifications(?:\/mentions)?\/?$/, expect: 'always' },
    { name: 'home', path: /^\/home\/?$/, expect: 'always' },
    { name: 'messages', path: /^\/(?:messages|i\/chat)(?:\/|$)/, expect: 'never' },
    // Brand listening: results depend on the query and may be none.
    { name: 'search results', path: SEARCH_PATH, expect: 'never' },
  ],

  matchesUrl(url) {
    return url.protocol === 'https:' && HOSTS.has(url.hostname);
  },

  findItems,
  itemRootOf,

  extract,

  badgeAnchor(el) {
    // DM rows are recycled like cells: the host goes inside the message row itself.
    if (dmGeneration(el)) return { element: el, position: 'beforeend' };
    // Inside User-Name, so the host stays inside the item root when X recycles the cell.
    return { element: own(el, selectors.userName) ?? el, position: 'beforeend' };
  },

  viewerHandle: viewerHandleOf,

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
    const kind = composerKind(composer);
    // DMs answer the thread's newest customer message, never a status, even when the drawer sits on a status page.
    if (kind === 'xchat') return dmReplyTarget(composer, XCHAT, ctx);
    if (kind === 'dm') return dmReplyTarget(composer, LEGACY, ctx);
    if (kind !== 'tweet') return null;
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
