// Instagram (www.instagram.com) site adapter: pure functions over the DOM plus the one selector table below.
// Everything read from the page is hostile: it is read as text (never markup), length-capped, stripped of
// bidi/control characters, and URLs are rebuilt from validated usernames, shortcodes and ids, never copied.
// Evidence is the thinnest of the four sites (sites.md §3: no live capture): every structural rule below is
// a rebuilt shape to verify on a real account, and is marked with the date of the guide it follows.
/*
 * Manual check on the live site (signed in as the brand; sites.md §6.3 — no real capture exists):
 * - A post and a reel, on their own page and as a modal: comment rows, /c/<id>/ permalinks, badges.
 * - The comment field is swapped on click: Tab expansion and the palette still insert, and Post enables.
 * - /direct/t/<id>: message ids (mid.$…), separators, and outgoing messages getting no badge.
 * - The notifications panel: which rows are comments and replies.
 */
import { type ItemKind, LIMITS } from '@/utils/schema-core';
import { cap, clean, normalizeHandles, oneLine, readLabel, readText } from '@/utils/sites/dom-text';
import { guardExtract, validated } from '@/utils/sites/extract-guard';
import type { ExtractOutcome, PageContext, SiteAdapter } from '@/utils/sites/types';
import { approxTime, machineTime, separatorTime } from '@/utils/time';

/**
 * Every selector this adapter uses. Instagram ships no data-testid: role/aria hooks and href shapes first,
 * then structure; never its atomic classes (`x1…`, `_a9z…`), which change with every deploy.
 */
export const selectors = {
  /** Post page (`main article`) and the feed's post/reel modal (`div[role=dialog] article`): one scope for both. */
  post: 'article',
  /** The post owner's username link sits in the post header; ads say "Sponsored" there (English UI text). */
  postHeader: 'header',
  /** 2026-07 guide (M/L, rebuilt): every comment and reply has its permalink-wrapped machine time. */
  commentTime: 'a[href*="/c/"] > time[datetime]',
  commentLink: 'a[href*="/c/"]',
  /**
   * 2026-07 guide (F): comments are blocks directly inside the post's `ul`; replies sit in a nested `ul` inside
   * their parent's block, so "the child of the nearest `ul`" is the row, and a `ul` inside a row holds replies.
   */
  commentList: 'ul',
  /** Site-relative links; profile links are exactly `/<username>/` (checked in code). */
  profileLink: 'a[href^="/"]',
  /** Avatar alt is "<username>'s profile picture" (English UI text; only used to find the viewer). */
  avatar: 'img[alt$="profile picture"]',
  /** Author username headings (h3; the caption row uses h2) and the comment body, the first loose `span[dir=auto]`. */
  heading: 'h1, h2, h3, h4, h5, h6',
  commentText: 'span[dir="auto"]',
  /** "Reply" / "View replies (n)" controls: their labels are never comment text. */
  button: '[role="button"]',
  anyLink: 'a',
  textLeaf: 'span',
  time: 'time',
  /** L: the notifications side panel / `/accounts/activity/`, rows with a time and a `/p/…/c/…` link. */
  notificationRow: '[role="listitem"]',
  /** DMs (M): `[role=grid]` › `[role=row]`; message node ids `mid.$…`; bubbles `div[dir=auto]`. */
  messageGrid: '[role="grid"]',
  messageRow: '[role="grid"] [role="row"]',
  row: '[role="row"]',
  messageId: '[id^="mid.$"]',
  messageBubble: 'div[dir="auto"]',
  /** Hidden per-message heading "You sent" on the brand's outgoing bubbles (English UI text, as on Messenger). */
  messageSender: 'h5, h6',
  /** The thread pane; its header link names the customer. Labels are English UI text, hence the fallbacks. */
  conversation: '[role="main"][aria-label^="Conversation with "]',
  /** Comment composer: React `<textarea>` (U: the label is English; placeholder and reel-input fallbacks). */
  commentTextarea: 'textarea[aria-label="Add a comment…"]',
  commentTextareaFallback: 'textarea[placeholder*="comment" i]',
  reelInput: 'input[placeholder*="comment" i]',
  /** DM composer: Lexical (sites.md §3.2, M/H). */
  dmEditor: 'div[role="textbox"][contenteditable="true"][aria-label="Message"][data-lexical-editor="true"]',
  composerForm: 'form',
  /** "Post" (comments) and "Send" (DMs) are `div[role=button]` with that text (English UI text). */
  submitButton: 'div[role="button"], button',
  /** The left navigation: its profile entry links to the signed-in account. */
  navigation: '[role="navigation"]',
} as const;

const ORIGIN = 'https://www.instagram.com';
const HOSTS = new Set(['www.instagram.com', 'instagram.com']);

/** Instagram usernames: letters, digits, `_` and `.`, at most 30. */
const USERNAME = /^[A-Za-z0-9._]{1,30}$/;
const PROFILE_HREF = /^\/([A-Za-z0-9._]{1,30})\/?$/;
/** First path segments that are features, not profiles. */
// biome-ignore format: a word list
const RESERVED = new Set([
  'about', 'accounts', 'api', 'challenge', 'developer', 'direct', 'explore', 'legal', 'p', 'privacy', 'reel', 'reels',
  'stories', 'tv', 'web',
]);
/** `/p/<code>/c/<id>/`, `/reel/<code>/c/<id>/`, optionally under `/<username>/` (2025+ URLs); own hosts only. */
const COMMENT_HREF =
  /^(?:https:\/\/(?:www\.)?instagram\.com)?(?:\/[A-Za-z0-9._]{1,30})?\/(?:p|reel|reels)\/([A-Za-z0-9_-]{5,40})\/c\/(\d{1,25})(?:\/(?:r\/(\d{1,25})\/?)?)?(?:[?#]|$)/;
const COMMENT_PATH = /^\/(?:[A-Za-z0-9._]{1,30}\/)?(?:p|reel|reels)\/([A-Za-z0-9_-]{5,40})\/c\/(\d{1,25})(?:\/|$)/;
const THREAD_PATH = /^\/direct\/t\/(\d{1,40})\/?$/;
const MESSAGE_ID = /^mid\.\$[\w+/=-]{1,190}$/;
const LEADING_MENTION = /^\s*@([A-Za-z0-9._]{1,30})/;

/** English UI strings (2026-07 guide); other locales do not match and fall back as noted where used. */
const SPONSORED = /^(?:Sponsored|Paid partnership)$/;
const YOU_SENT = /^You sent\b/;
const GRID_LABEL = /^Messages in conversation with\s+/;
const CONVERSATION_LABEL = /^Conversation with\s+/;
const POST_LABEL = /^Post$/;
const SEND_LABEL = /^Send$/;
/** Notification sentences that are customer items; likes, follows, mentions and the rest are skipped. */
const NOTIFICATION_KINDS: ReadonlyArray<readonly [RegExp, ItemKind]> = [
  [/\breplied to your comment\b/, 'reply'],
  [/\bcommented:/, 'comment'],
];

// ---------------------------------------------------------------- small helpers

function usernameOf(href: string | null): string | null {
  const m = PROFILE_HREF.exec(href ?? '');
  const u = m?.[1];
  return u && !RESERVED.has(u.toLowerCase()) ? u : null;
}

interface CommentRef {
  code: string;
  id: string;
}

function commentRefOf(href: string | null): CommentRef | null {
  if (!href || href.length > LIMITS.url) return null;
  const m = COMMENT_HREF.exec(href);
  if (!m?.[1] || !m[2]) return null;
  // `/c/<parent>/r/<reply>/` names a reply: the reply id is the item's own.
  return { code: m[1], id: m[3] ?? m[2] };
}

const permalinkOf = (ref: CommentRef) => `${ORIGIN}/p/${ref.code}/c/${ref.id}/`;
const profileUrlOf = (username: string) => `${ORIGIN}/${username}/`;
const onInstagram = (url: URL) => url.protocol === 'https:' && HOSTS.has(url.hostname);

/** The exact time from `datetime`, else the relative label as an estimate; null when neither reads. */
function timeOf(time: Element | null, now: Date): { at: string; approximate: boolean } | null {
  const exact = machineTime(time);
  if (exact) return { at: exact, approximate: false };
  const approx = time ? approxTime(readLabel(time, 40), now) : null;
  return approx ? { at: approx, approximate: true } : null;
}

const inOrder = (a: Element, b: Element) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);

// ---------------------------------------------------------------- comment rows

/** The row of a comment permalink: the child of the nearest `ul`, never above the post. */
function rowOfLink(link: Element): Element | null {
  for (let a: Element | null = link; a; a = a.parentElement) {
    const parent: Element | null = a.parentElement;
    if (!parent || a.matches(selectors.post)) return null;
    if (parent.matches(selectors.commentList)) return a;
  }
  return null;
}

/** Whether `node` belongs to `row` itself rather than to a reply nested in a `ul` inside it. */
function ownedBy(node: Element, row: Element): boolean {
  const list = node.closest(selectors.commentList);
  return !list || !row.contains(list);
}

const own = (row: Element, selector: string) => [...row.querySelectorAll(selector)].filter((n) => ownedBy(n, row));

/** The row's own permalink time (the first one: a row has exactly one). */
function ownTime(row: Element): Element | null {
  return own(row, selectors.commentTime)[0] ?? null;
}

function isCommentRow(el: Element): boolean {
  const time = ownTime(el);
  return !!time?.parentElement && rowOfLink(time.parentElement) === el && !el.closest(selectors.notificationRow);
}

/** The comment row that holds `el` (itself included), skipping structure between rows. */
function commentRowOf(el: Element | null): Element | null {
  for (let a = el; a; a = a.parentElement) {
    if (a.matches(selectors.post)) return null;
    if (a.parentElement?.matches(selectors.commentList) && isCommentRow(a)) return a;
  }
  return null;
}

/** The body: the first own `span[dir=auto]` outside links, headings and buttons (username, "View replies"). */
function textElOf(row: Element): Element | null {
  for (const span of own(row, selectors.commentText)) {
    // Document order puts an outer span before the spans inside it, so the first hit is the whole body.
    if (span.closest(selectors.anyLink) || span.closest(selectors.heading) || span.closest(selectors.button)) continue;
    return span;
  }
  return null;
}

/** The author: the first own profile link that is not a mention inside the body. */
function authorOf(row: Element, body: Element | null): { username: string; link: Element } | null {
  for (const a of own(row, selectors.profileLink)) {
    if (body?.contains(a)) continue;
    const u = usernameOf(a.getAttribute('href'));
    if (u) return { username: u, link: a };
  }
  return null;
}

function leadingMention(body: Element | null): string | null {
  if (!body) return null;
  const m = LEADING_MENTION.exec(clean(readText(body, 80)));
  // Usernames cannot end with a dot: "@northwindco." is the brand and a full stop.
  return m?.[1]?.replace(/\.+$/, '').toLowerCase() || null;
}

interface PostInfo {
  owner: string | null;
  sponsored: boolean;
}

function postOf(row: Element): PostInfo {
  const header = row.closest(selectors.post)?.querySelector(selectors.postHeader) ?? null;
  if (!header) return { owner: null, sponsored: false };
  let owner: string | null = null;
  for (const a of header.querySelectorAll(selectors.profileLink)) {
    owner = usernameOf(a.getAttribute('href'));
    if (owner) break;
  }
  const sponsored = [...header.querySelectorAll(selectors.textLeaf)].some((s) => SPONSORED.test(readLabel(s, 40)));
  return { owner: owner?.toLowerCase() ?? null, sponsored };
}

interface RowInfo {
  row: Element;
  ref: CommentRef | null;
  author: string | null;
}

function rowInfo(row: Element): RowInfo {
  const body = textElOf(row);
  return {
    row,
    ref: commentRefOf(ownTime(row)?.parentElement?.getAttribute('href') ?? null),
    author: authorOf(row, body)?.username.toLowerCase() ?? null,
  };
}

/** The comment rows of the post (or page) that holds `row`, in document order. */
function siblingsOf(row: Element): Element[] {
  const scope = (row.closest(selectors.post) ?? row.getRootNode()) as ParentNode;
  const out: Element[] = [];
  for (const t of scope.querySelectorAll(selectors.commentTime)) {
    const r = t.parentElement ? rowOfLink(t.parentElement) : null;
    if (r && !out.includes(r) && isCommentRow(r)) out.push(r);
  }
  return out;
}

/** A brand reply "@customer …" answers that customer's nearest earlier comment; else the comment it is nested under. */
function answeredBy(row: Element, mention: string | null, parent: Element | null, brands: Set<string>): string | undefined {
  if (mention && !brands.has(mention)) {
    const rows = siblingsOf(row);
    for (let i = rows.indexOf(row) - 1; i >= 0; i--) {
      const info = rowInfo(rows[i] as Element);
      if (info.author === mention && info.ref) return info.ref.id;
    }
  }
  if (!parent) return undefined;
  const p = rowInfo(parent);
  return p.author && !brands.has(p.author) ? p.ref?.id : undefined;
}

function extractComment(row: Element, ctx: PageContext, brands: Set<string>): ExtractOutcome {
  const time = ownTime(row);
  const ref = commentRefOf(time?.parentElement?.getAttribute('href') ?? null);
  if (!ref) return { type: 'error', reason: 'bad-comment-link' };
  const body = textElOf(row);
  const author = authorOf(row, body);
  if (!author) return { type: 'error', reason: 'no-author' };
  const when = timeOf(time, ctx.now);
  if (!when) return { type: 'error', reason: 'no-time' };

  const handle = author.username;
  const byBrand = brands.has(handle.toLowerCase());
  const post = postOf(row);
  const ownedByBrand = post.owner !== null && brands.has(post.owner);
  if (post.sponsored && !ownedByBrand && !byBrand) return { type: 'skip', reason: 'sponsored' };

  const text = body ? cap(clean(readText(body, LIMITS.text * 2)).trim(), LIMITS.text) : '';
  const mention = leadingMention(body);
  const parent = row.parentElement ? commentRowOf(row.parentElement) : null;
  // Replies are nested under their comment; in flattened views (comment permalinks) they open with "@someone".
  const answersSomeone = mention !== null && !brands.has(mention) && mention !== post.owner;
  const isReply = parent !== null || answersSomeone;

  let kind: ItemKind;
  let answersExternalId: string | undefined;
  if (byBrand) {
    kind = isReply || mention !== null ? 'reply' : 'comment';
    answersExternalId = answeredBy(row, mention, parent, brands);
  } else if (mention !== null && brands.has(mention)) {
    // "@northwindco …": a reply to the brand, or, on someone else's post, a mention of it.
    kind = parent !== null ? 'reply' : ownedByBrand ? 'comment' : 'mention';
  } else if (answersSomeone) {
    return { type: 'skip', reason: 'not-addressed' };
  } else if (ownedByBrand) {
    kind = isReply ? 'reply' : 'comment';
  } else {
    return { type: 'skip', reason: 'not-addressed' };
  }

  return commentItem(ref, handle, kind, text, when, byBrand, answersExternalId !== ref.id ? answersExternalId : undefined);
}

/** Comments and comment notifications name the same things: the comment, its author, its time. */
function commentItem(
  ref: CommentRef,
  handle: string,
  kind: ItemKind,
  text: string,
  when: { at: string; approximate: boolean },
  byBrand: boolean,
  answersExternalId?: string | null,
): ExtractOutcome {
  return validated({
    platform: 'instagram',
    externalId: ref.id,
    kind,
    permalink: permalinkOf(ref),
    author: { name: handle, handle, profileUrl: profileUrlOf(handle) },
    ...(text ? { text } : {}),
    postedAt: when.at,
    postedAtApproximate: when.approximate,
    byBrand,
    ...(answersExternalId ? { answersExternalId } : {}),
  });
}

// ---------------------------------------------------------------- notifications

function isNotificationRow(el: Element): boolean {
  return el.matches(selectors.notificationRow) && el.querySelector(selectors.commentLink) !== null;
}

function extractNotification(row: Element, ctx: PageContext, brands: Set<string>): ExtractOutcome {
  const sentence = oneLine(readText(row, LIMITS.text * 2), LIMITS.text * 2);
  const match = NOTIFICATION_KINDS.find(([re]) => re.test(sentence));
  if (!match) return { type: 'skip', reason: 'notification-type' };
  const [kindRe, kind] = match;
  let ref: CommentRef | null = null;
  for (const a of row.querySelectorAll(selectors.commentLink)) {
    ref = commentRefOf(a.getAttribute('href'));
    if (ref) break;
  }
  if (!ref) return { type: 'error', reason: 'bad-comment-link' };
  let handle: string | null = null;
  for (const a of row.querySelectorAll(selectors.profileLink)) {
    handle = usernameOf(a.getAttribute('href'));
    if (handle) break;
  }
  if (!handle) return { type: 'error', reason: 'no-author' };
  if (brands.has(handle.toLowerCase())) return { type: 'skip', reason: 'own-activity' };
  const when = timeOf(row.querySelector(selectors.time), ctx.now);
  if (!when) return { type: 'error', reason: 'no-time' };
  // 'samcustomer commented: "…"': what follows the colon in the sentence's own span (not the age or thumbnail alt).
  const span = [...row.querySelectorAll(selectors.textLeaf)].find((el) => kindRe.test(readText(el, 200)));
  const said = span ? oneLine(readText(span, LIMITS.text * 2), LIMITS.text * 2) : '';
  const colon = /(?:commented|replied to your comment):\s*/.exec(said);
  const quoted = colon ? said.slice(colon.index + colon[0].length) : '';
  const text = cap(quoted.replace(/^["“]([\s\S]*)["”]$/, '$1').trim(), LIMITS.text);
  return commentItem(ref, handle, kind, text, when, false);
}

// ---------------------------------------------------------------- direct messages

const bubblesOf = (row: Element) =>
  [...row.querySelectorAll(selectors.messageBubble)].filter((b) => !b.parentElement?.closest(selectors.messageBubble));

function isMessageRow(el: Element): boolean {
  return el.matches(selectors.messageRow) && (el.querySelector(selectors.messageId) !== null || bubblesOf(el).length > 0);
}

interface Customer {
  name: string;
  handle: string | null;
}

/** The thread header names the customer for every incoming message (contract C3). */
function customerOf(grid: Element): Customer {
  const pane = grid.closest(selectors.conversation) ?? grid.parentElement;
  let handle: string | null = null;
  let headerName = '';
  for (const a of pane?.querySelectorAll(selectors.profileLink) ?? []) {
    if (grid.contains(a)) continue;
    const u = usernameOf(a.getAttribute('href'));
    if (!u) continue;
    handle ??= u;
    if (u !== handle) continue;
    // The name link holds "Display Name" then "username" in separate spans; the avatar link has only an img.
    const span = [...a.querySelectorAll(selectors.textLeaf)].map((s) => readLabel(s, LIMITS.name)).find((s) => s && s !== u);
    if (span) {
      headerName = span;
      break;
    }
  }
  const label = oneLine(grid.getAttribute('aria-label') ?? '', LIMITS.name * 2);
  const paneLabel = oneLine(pane?.getAttribute('aria-label') ?? '', LIMITS.name * 2);
  const fromLabel = GRID_LABEL.test(label)
    ? label.replace(GRID_LABEL, '')
    : CONVERSATION_LABEL.test(paneLabel)
      ? paneLabel.replace(CONVERSATION_LABEL, '')
      : '';
  return { name: cap(fromLabel || headerName || handle || '', LIMITS.name).trim(), handle };
}

function messageIdOf(row: Element): string | null {
  const raw = row.querySelector(selectors.messageId)?.getAttribute('id') ?? '';
  return MESSAGE_ID.test(raw) ? raw : null;
}

/** A DM reply answers the thread's latest message from the customer. */
function latestIncomingMessage(doc: Document, brands: Set<string>): string | null {
  const rows = [...doc.querySelectorAll(selectors.messageRow)].filter(isMessageRow).reverse();
  for (const row of rows) {
    if (isOutgoing(row, brands)) continue;
    const id = messageIdOf(row);
    if (id) return id;
  }
  return null;
}

function isOutgoing(row: Element, brands: Set<string>): boolean {
  for (const h of row.querySelectorAll(selectors.messageSender)) if (YOU_SENT.test(readLabel(h, 60))) return true;
  for (const a of row.querySelectorAll(selectors.profileLink)) {
    const u = usernameOf(a.getAttribute('href'));
    if (u && brands.has(u.toLowerCase())) return true;
  }
  return false;
}

function extractMessage(row: Element, ctx: PageContext, brands: Set<string>): ExtractOutcome {
  const grid = row.closest(selectors.messageGrid) as Element;
  const bubbles = bubblesOf(row);
  if (bubbles.length === 0 && !row.querySelector(selectors.messageId)) return { type: 'skip', reason: 'separator' };
  if (isOutgoing(row, brands)) return { type: 'skip', reason: 'outgoing' };
  const id = messageIdOf(row);
  if (!id) return { type: 'error', reason: 'no-message-id' };
  const customer = customerOf(grid);
  if (!customer.name) return { type: 'error', reason: 'no-customer' };
  if (customer.handle && brands.has(customer.handle.toLowerCase())) return { type: 'skip', reason: 'outgoing' };

  // The nearest separator above dates the message; an unreadable one is not skipped for an older one.
  let postedAt: string | null = null;
  let approximate = true;
  const rows = [...grid.querySelectorAll(selectors.row)];
  for (let i = rows.indexOf(row) - 1; i >= 0; i--) {
    const r = rows[i] as Element;
    if (r.querySelector(selectors.messageId) || bubblesOf(r).length > 0) continue;
    const exact = machineTime(r.querySelector(selectors.time));
    if (exact) {
      postedAt = exact;
      approximate = false;
    } else {
      postedAt = separatorTime(readLabel(r, 60), ctx.now);
    }
    break;
  }
  if (!postedAt) return { type: 'error', reason: 'no-time' };

  const text = cap(clean(bubbles.map((b) => readText(b, LIMITS.text * 2).trim()).join('\n')).trim(), LIMITS.text);
  const thread = onInstagram(ctx.url) ? THREAD_PATH.exec(ctx.url.pathname) : null;
  return validated({
    platform: 'instagram',
    externalId: id,
    kind: 'dm',
    ...(thread ? { permalink: `${ORIGIN}/direct/t/${thread[1]}/` } : {}),
    author: {
      name: customer.name,
      ...(customer.handle ? { handle: customer.handle, profileUrl: profileUrlOf(customer.handle) } : {}),
    },
    ...(text ? { text } : {}),
    postedAt,
    postedAtApproximate: approximate,
    byBrand: false,
  });
}

// ---------------------------------------------------------------- adapter

function findItems(root: ParentNode): Element[] {
  const out = new Set<Element>();
  const self = (root as Node).nodeType === 1 ? (root as Element) : null;
  const inside = (el: Element) => el === self || (root as Node).contains(el);
  if (self && (isNotificationRow(self) || isMessageRow(self))) out.add(self);
  for (const el of root.querySelectorAll(selectors.notificationRow)) if (isNotificationRow(el)) out.add(el);
  for (const el of root.querySelectorAll(selectors.messageRow)) if (isMessageRow(el)) out.add(el);
  for (const t of root.querySelectorAll(selectors.commentTime)) {
    const r = t.parentElement ? rowOfLink(t.parentElement) : null;
    if (r && inside(r) && isCommentRow(r)) out.add(r);
  }
  return [...out].sort(inOrder);
}

function itemRootOf(node: Node): Element | null {
  const start = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!start) return null;
  const note = start.closest(selectors.notificationRow);
  if (note && isNotificationRow(note)) return note;
  const msg = start.closest(selectors.messageRow);
  if (msg) return isMessageRow(msg) ? msg : null;
  return commentRowOf(start);
}

function extractUnsafe(el: Element, ctx: PageContext): ExtractOutcome {
  const brands = normalizeHandles(ctx.brandHandles, USERNAME);
  if (el.matches(selectors.messageRow)) return extractMessage(el, ctx, brands);
  if (isNotificationRow(el)) return extractNotification(el, ctx, brands);
  if (!isCommentRow(el)) return { type: 'skip', reason: 'not-an-item' };
  if (brands.size === 0) return { type: 'skip', reason: 'no-brand' };
  return extractComment(el, ctx, brands);
}

type ComposerKind = 'comment' | 'dm';

function composerKind(el: Element): ComposerKind | null {
  if (el.matches(selectors.dmEditor)) return 'dm';
  if (el.matches(selectors.commentTextarea) || el.matches(selectors.commentTextareaFallback) || el.matches(selectors.reelInput)) {
    return 'comment';
  }
  return null;
}

const anyComposer = [selectors.commentTextarea, selectors.commentTextareaFallback, selectors.reelInput, selectors.dmEditor].join(', ');

/** The composer's own button labelled `label`: in its form, else in the smallest container holding no other composer. */
function ownButton(composer: Element, label: RegExp): Element | null {
  const form = composer.closest(selectors.composerForm);
  const pick = (box: Element) => [...box.querySelectorAll(selectors.submitButton)].find((b) => label.test(readLabel(b, 20))) ?? null;
  if (form) return [...form.querySelectorAll(anyComposer)].every((c) => c === composer) ? pick(form) : null;
  for (let a = composer.parentElement; a; a = a.parentElement) {
    if ([...a.querySelectorAll(anyComposer)].some((c) => c !== composer)) return null;
    const b = pick(a);
    if (b) return b;
  }
  return null;
}

export const instagramAdapter: SiteAdapter = {
  platform: 'instagram',
  selectors,
  surfaces: [
    { name: 'post', path: /^\/(?:[A-Za-z0-9._]{1,30}\/)?(?:p|reel|reels)\/[A-Za-z0-9_-]{5,40}(?:\/|$)/, expect: 'usually' },
    { name: 'direct thread', path: THREAD_PATH, expect: 'always' },
    { name: 'notifications', path: /^\/(?:accounts\/activity|notifications)\/?$/, expect: 'usually' },
  ],

  matchesUrl(url) {
    return url.protocol === 'https:' && url.hostname === 'www.instagram.com';
  },

  findItems,
  itemRootOf,

  extract: guardExtract(extractUnsafe),

  badgeAnchor(el) {
    if (isCommentRow(el)) {
      // After the username link in the author heading: inside the row, outside the nested replies.
      const author = authorOf(el, textElOf(el));
      const named = own(el, selectors.heading)
        .flatMap((h) => [...h.querySelectorAll(selectors.profileLink)])
        .find((a) => usernameOf(a.getAttribute('href')) === author?.username);
      if (named) return { element: named, position: 'afterend' };
      const time = ownTime(el)?.parentElement;
      if (time) return { element: time, position: 'afterend' };
    }
    return { element: el, position: 'beforeend' };
  },

  viewerHandle(doc) {
    // L (demo shape, 2026-07 guide): the navigation's profile entry is the avatar link to the signed-in account.
    for (const img of doc.querySelectorAll(`${selectors.navigation} ${selectors.avatar}`)) {
      const u = usernameOf(img.closest(selectors.profileLink)?.getAttribute('href') ?? null);
      if (u) return u.toLowerCase();
    }
    return null;
  },

  findComposer(el) {
    return (
      el.closest(selectors.commentTextarea) ??
      el.closest(selectors.commentTextareaFallback) ??
      el.closest(selectors.reelInput) ??
      el.closest(selectors.dmEditor)
    );
  },

  findSubmit(composer) {
    const kind = composerKind(composer);
    if (!kind) return null;
    return ownButton(composer, kind === 'dm' ? SEND_LABEL : POST_LABEL);
  },

  replyTarget(composer, ctx) {
    const kind = composerKind(composer);
    if (kind === 'dm') return latestIncomingMessage(composer.ownerDocument, normalizeHandles(ctx.brandHandles, USERNAME));
    if (kind !== 'comment') return null;
    // A comment permalink page answers that comment.
    if (onInstagram(ctx.url)) {
      const m = COMMENT_PATH.exec(ctx.url.pathname);
      if (m?.[2]) return m[2];
    }
    // "Reply" pre-fills "@username ": the latest comment of that user in the same post is the one answered.
    const value = (composer as HTMLTextAreaElement).value;
    const m = LEADING_MENTION.exec(typeof value === 'string' ? value.slice(0, 64) : '');
    const who = m?.[1]?.replace(/\.+$/, '').toLowerCase();
    const scope = composer.closest(selectors.post);
    if (!who || !scope) return null;
    const rows = siblingsOf(scope);
    for (let i = rows.length - 1; i >= 0; i--) {
      const info = rowInfo(rows[i] as Element);
      if (info.author === who && info.ref) return info.ref.id;
    }
    return null;
  },

  insertion: {
    // sites.md §0.1/§3.5: comments are a React textarea (native setter + input); DMs are Lexical, as on Facebook.
    textarea: ['native-setter'],
    lexical: ['exec-command', 'before-input', 'paste'],
  },
};
