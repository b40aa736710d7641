// Facebook (www.facebook.com) site adapter: pure functions over the DOM plus the one selector table below.
// Everything read from the page is hostile: it is read as text (never markup), length-capped, stripped of
// bidi/control characters, and URLs are rebuilt from validated slugs and ids, never copied from hrefs.
// Facebook shows no machine-readable time on comments and its ids encode none: times come from the
// relative labels ("12m", "an hour ago") and are always flagged approximate (sites.md §2.4).
/*
 * Manual check on the live site (signed in as a Page admin; sites.md §6.2):
 * - A Page post permalink and the same post opened as a dialog from the feed: one badge per comment
 *   and reply; suggested posts below the permalink get none.
 * - "Comment as <Page>": the composer label, and that the Comment button enables after insertion.
 * - Which technique today's Lexical build accepts (deferred execCommand, beforeinput, paste).
 * - /notifications: which notif_t values Page comments carry; badges on feed_comment rows only.
 * - Messenger /messages/t/<id>: message ids and the outgoing marker, which this adapter guesses.
 * - Another UI language: relative times that do not parse are reported in the popup, not guessed.
 * - Brand listening on /search/posts/: results are still feed articles with a post permalink link; one
 *   badge per matching post, none on the Page's own.
 */
import { type CapturedItem, type ItemKind, LIMITS } from '@/utils/schema-core';
import { cap, clean, normalizeHandles, oneLine, readLabel, readText } from '@/utils/sites/dom-text';
import { guardExtract, validated } from '@/utils/sites/extract-guard';
import { isListenedPost, isSearchDocument } from '@/utils/sites/listening';
import { memoForTask } from '@/utils/sites/task-memo';
import type { ExtractOutcome, PageContext, SiteAdapter } from '@/utils/sites/types';
import { approxTime, parseRelativeAge, separatorTime } from '@/utils/time';

/**
 * Every selector this adapter uses. Facebook has almost no data-testid: role/aria hooks first, then
 * href shapes, then structure; never its atomic classes (`x1…`), which change with every deploy.
 */
export const selectors = {
  /** Every article: comments, replies, and (older feed generation) the posts that contain them. */
  article: '[role="article"]',
  /**
   * 2026-07 selector contracts: comments are `div[role=article]` labelled "Comment by <Name> <age>", replies
   * "Reply by <Name> <age>". English UI text: other locales fall back to an article with its own comment link.
   */
  commentArticle: 'div[role="article"][aria-label^="Comment by "]',
  replyArticle: 'div[role="article"][aria-label^="Reply by "]',
  /** The timestamp link (text "12m") carries the ids; the avatar link also carries comment_id (the parent's, on replies). */
  commentLink: 'a[href*="comment_id="]',
  /** Profile links (author, mention chips): href shapes are checked in code. */
  anyLink: 'a[href]',
  /** Comment body paragraphs; the author name is a `span[dir=auto]`, never a div. */
  commentText: 'div[dir="auto"]',
  /** The avatar's accessible name, used when the name link is missing. */
  avatarName: 'svg[aria-label]',
  /**
   * Search results (brand listening): sites.md §2.2 (2026-07) has feed posts as `[role=feed] [role=article]`;
   * no search capture, so a result is taken to be the same article. Its text is the ad-preview message block.
   */
  feed: '[role="feed"]',
  postMessage: '[data-ad-comet-preview="message"], [data-ad-preview="message"]',
  /** A post's own permalink (the timestamp link, text "3h"): `/<page>/posts/<id>`, `story_fbid=`, `/groups/<g>/permalink/<id>/`. */
  postLink: 'a[href*="/posts/"], a[href*="story_fbid="], a[href*="/permalink/"]',
  /** Captured notifications page (zh-CN, 2026-05): one listitem per row, the "New"/"Earlier" headers are listitems too. */
  notificationRow: '[role="main"] [role="listitem"]',
  notificationLink: 'a[href*="notif_id="][href*="notif_t="]',
  /** Demo/historical shape: "<b>Name</b> commented on your post: "…"" (the capture has no comment notification). */
  notificationActor: 'b',
  notificationTime: 'abbr[aria-label]',
  /** Messenger inside facebook.com (M/L: rebuilt from selector files, no capture). The label is English UI text. */
  messageGrid: 'div[role="grid"][aria-label^="Messages in conversation with "]',
  messageRow: 'div[role="grid"][aria-label^="Messages in conversation with "] [role="row"]',
  row: '[role="row"]',
  conversation: '[role="main"][aria-label^="Conversation with "]',
  /** Only a DOM-provided id is used; rows without one are reported, never given an invented id. */
  messageId: '[data-message-id], [id^="mid.$"]',
  /** Hidden per-group headings: h4 = time separator ("Today at 9:12 AM"), h5 = sender ("You sent" / "<Name>"). */
  messageSeparator: 'h4',
  messageSender: 'h5',
  /** Every composer (post, comment, reply, Messenger) is Lexical (sites.md §2.6). */
  lexicalEditor: '[contenteditable="true"][role="textbox"][data-lexical-editor="true"]',
  /** Reply boxes open under a comment labelled "Reply to <Name>" (English UI text). */
  replyEditor: '[contenteditable="true"][role="textbox"][aria-label^="Reply to "]',
  composerForm: 'form',
  /** Exact label: "Comment as <Page>" (the identity switcher) sits in the same form. Enter also submits. */
  commentSubmit: 'div[aria-label="Comment"][role="button"]',
  threadComposer: 'div[aria-label="Thread composer"]',
  /** L: Messenger's send button label is unverified (sites.md §6 question 2). */
  messageSubmit: '[aria-label="Press enter to send"][role="button"], [aria-label="Send"][role="button"]',
} as const;

const REPLY_LABEL = /^Reply by /;
const REPLY_TO_LABEL = /^Reply to /;
const GRID_LABEL = 'Messages in conversation with ';
const CONVERSATION_LABEL = 'Conversation with ';
const YOU_SENT = /^You sent\b/;

const ORIGIN = 'https://www.facebook.com';
const HOSTS = new Set(['www.facebook.com', 'facebook.com', 'web.facebook.com', 'm.facebook.com']);
const NUMERIC_ID = /^\d{1,25}$/;
const PFBID = /^pfbid0[A-Za-z0-9]{10,120}$/;
/** Usernames and Page slugs: letters, digits and dots. */
const SLUG = /^(?=.*[A-Za-z0-9])[A-Za-z0-9.]{1,80}$/;
/** First path segments that are features, not profiles. */
// biome-ignore format: a word list
const RESERVED = new Set([
  'ads', 'bookmarks', 'business', 'events', 'friends', 'gaming', 'groups', 'hashtag', 'help', 'l.php', 'login', 'marketplace',
  'me', 'media', 'messages', 'notifications', 'pages', 'permalink.php', 'photo', 'photo.php', 'photos', 'policies', 'privacy',
  'profile.php', 'reel', 'reels', 'saved', 'search', 'settings', 'share', 'sharer', 'sharer.php', 'stories', 'story.php', 'watch',
]);
const MESSAGE_ID = /^[\w:.$-]{1,200}$/;
const BASE64 = /^[A-Za-z0-9+/_-]{8,400}={0,2}$/;
const DECODED_COMMENT = /^comment:(\d{1,25})_(\d{1,25})$/;
/** Post search (`/search/posts/?q=…`) and the "Top" tab, which lists posts too. */
const SEARCH_PATH = /^\/search\/(?:posts|top)\/?$/;
const CUSTOMER_NOTIFICATIONS: Record<string, ItemKind> = { feed_comment: 'comment', feed_comment_reply: 'reply' };

// ---------------------------------------------------------------- text helpers

function attrLabel(el: Element, name: string, max: number): string {
  return oneLine(el.getAttribute(name) ?? '', max);
}

/** The outermost `div[dir=auto]` paragraphs inside `el`. */
const outerBlocks = (el: Element) =>
  [...el.querySelectorAll(selectors.commentText)].filter((d) => !d.parentElement?.closest(selectors.commentText));

/** Paragraphs as lines, cleaned and capped. */
const blocksText = (blocks: Element[]) => cap(clean(blocks.map((b) => readText(b, LIMITS.text * 2).trim()).join('\n')).trim(), LIMITS.text);

// ---------------------------------------------------------------- URL helpers

function fbUrl(href: string | null): URL | null {
  if (!href || href.length > 4 * LIMITS.url) return null;
  try {
    const u = new URL(href, ORIGIN);
    return u.protocol === 'https:' && HOSTS.has(u.hostname) ? u : null;
  } catch {
    return null;
  }
}

/** A post, rebuilt from validated parts: `path` is the canonical path (and query) without tracking or comment params. */
interface PostRef {
  id: string;
  /** The Page/profile that owns the post (slug or numeric id), when the URL says. */
  owner?: string;
  path: string;
}

const postId = (s: string | undefined): string | null => (s && (NUMERIC_ID.test(s) || PFBID.test(s)) ? s : null);

function postRefOf(u: URL): PostRef | null {
  const seg = u.pathname.split('/').filter(Boolean);
  const q = u.searchParams;
  const [a, b, c, d] = seg;
  if (seg.length === 3 && b === 'posts' && a && SLUG.test(a) && !RESERVED.has(a.toLowerCase())) {
    const id = postId(c);
    return id ? { id, owner: a, path: `/${a}/posts/${id}` } : null;
  }
  if (seg.length === 3 && b === 'videos' && a && SLUG.test(a) && !RESERVED.has(a.toLowerCase())) {
    const id = postId(c);
    return id && NUMERIC_ID.test(id) ? { id, owner: a, path: `/${a}/videos/${id}` } : null;
  }
  if (seg.length === 4 && a === 'groups' && c === 'posts' && b && SLUG.test(b)) {
    const id = postId(d);
    return id ? { id, path: `/groups/${b}/posts/${id}` } : null;
  }
  if (seg.length === 1 && (a === 'permalink.php' || a === 'story.php')) {
    const id = postId(q.get('story_fbid') ?? undefined);
    const owner = q.get('id') ?? '';
    if (!id || !NUMERIC_ID.test(owner)) return null;
    return { id, owner, path: `/${a}?story_fbid=${id}&id=${owner}` };
  }
  if (seg.length === 1 && (a === 'photo' || a === 'photo.php')) {
    const id = q.get('fbid') ?? '';
    return NUMERIC_ID.test(id) ? { id, path: `/photo/?fbid=${id}` } : null;
  }
  if (seg.length === 2 && a === 'reel' && b && NUMERIC_ID.test(b)) return { id: b, path: `/reel/${b}` };
  return null;
}

/** A profile from an href: vanity slug, `profile.php?id=`, or a group member link. */
interface Profile {
  slug?: string;
  id?: string;
}

function profileOf(u: URL | null): Profile | null {
  if (!u) return null;
  const seg = u.pathname.split('/').filter(Boolean);
  const [a, b, c, d] = seg;
  if (seg.length === 1 && a === 'profile.php') {
    const id = u.searchParams.get('id') ?? '';
    return NUMERIC_ID.test(id) ? { id } : null;
  }
  if (seg.length === 4 && a === 'groups' && c === 'user' && d && NUMERIC_ID.test(d) && b) return { id: d };
  if (seg.length === 1 && a && SLUG.test(a) && !RESERVED.has(a.toLowerCase())) return { slug: a };
  return null;
}

const profileKey = (p: Profile | null): string | null => (p?.slug ?? p?.id)?.toLowerCase() ?? null;

function profileUrlOf(p: Profile): string {
  return p.slug ? `${ORIGIN}/${p.slug}` : `${ORIGIN}/profile.php?id=${p.id}`;
}

interface CommentIds {
  comment: string;
  reply?: string;
  /** The post that a base64 `comment:<post>_<comment>` id names. */
  decodedPost?: string;
}

/** A comment id as a number string; base64 `comment:<post>_<comment>` (suggested posts, 2026 fixture) decoded. */
function normaliseCommentId(raw: string | null): { id: string; post?: string } | null {
  if (!raw) return null;
  if (NUMERIC_ID.test(raw)) return { id: raw };
  // URLSearchParams turns an unencoded `+` into a space.
  const b64 = raw.replace(/ /g, '+');
  if (!BASE64.test(b64)) return null;
  try {
    const m = DECODED_COMMENT.exec(atob(b64.replace(/-/g, '+').replace(/_/g, '/')));
    return m?.[1] && m[2] ? { id: m[2], post: m[1] } : null;
  } catch {
    return null;
  }
}

function commentIdsOf(u: URL | null): CommentIds | null {
  if (!u) return null;
  const c = normaliseCommentId(u.searchParams.get('comment_id'));
  if (!c) return null;
  const rawReply = u.searchParams.get('reply_comment_id');
  const r = rawReply === null ? null : normaliseCommentId(rawReply);
  if (rawReply !== null && !r) return null;
  return { comment: c.id, ...(r ? { reply: r.id } : {}), ...(c.post ? { decodedPost: c.post } : {}) };
}

function permalinkOf(post: PostRef, ids: CommentIds): string {
  const sep = post.path.includes('?') ? '&' : '?';
  return `${ORIGIN}${post.path}${sep}comment_id=${ids.comment}${ids.reply ? `&reply_comment_id=${ids.reply}` : ''}`;
}

// ---------------------------------------------------------------- comments

/** Whether `node` belongs to `article` itself rather than to a reply article nested inside it. */
const ownedBy = (node: Element, article: Element) => node.closest(selectors.article) === article;

function own(article: Element, selector: string): Element[] {
  return [...article.querySelectorAll(selector)].filter((n) => ownedBy(n, article));
}

/** The comment body paragraphs of an article (outermost own `div[dir=auto]`, never inside a link). */
const textBlocks = memoForTask((article: Element): Element[] => {
  const blocks = own(article, selectors.commentText).filter((d) => !d.closest(selectors.anyLink));
  return blocks.filter((d) => !blocks.some((o) => o !== d && o.contains(d)));
});

function isCommentArticle(el: Element): boolean {
  if (!el.matches(selectors.article)) return false;
  if (el.matches(selectors.commentArticle) || el.matches(selectors.replyArticle)) return true;
  // Locale-independent fallback: an article with its own comment link (a post article's links sit in nested comments).
  return own(el, selectors.commentLink).length > 0;
}

interface CommentLink {
  el: Element;
  ids: CommentIds;
  post: PostRef | null;
  label: string;
}

/** The link that identifies the comment: the timestamp link, else a post-shaped one, else one naming a reply. */
const idLinkOf = memoForTask((article: Element): CommentLink | null => {
  const blocks = textBlocks(article);
  const links: CommentLink[] = [];
  for (const a of own(article, selectors.commentLink)) {
    if (blocks.some((b) => b.contains(a))) continue;
    const u = fbUrl(a.getAttribute('href'));
    const ids = commentIdsOf(u);
    if (!u || !ids) continue;
    links.push({ el: a, ids, post: postRefOf(u), label: readLabel(a, 40) });
  }
  return (
    links.find((l) => parseRelativeAge(l.label) !== null) ??
    links.find((l) => l.post !== null) ??
    links.find((l) => l.ids.reply !== undefined) ??
    links[0] ??
    null
  );
});

/** The age at the end of "Comment by <Name> 12 minutes ago". */
function ageFromAriaLabel(label: string): string | null {
  const words = label.trim().split(/\s+/);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const tail = words.slice(-n).join(' ');
    if (parseRelativeAge(tail) !== null) return tail;
  }
  return null;
}

interface CommentAuthor {
  name: string;
  profile: Profile | null;
}

function authorOf(article: Element, idLink: Element | null): CommentAuthor {
  const blocks = textBlocks(article);
  let profile: Profile | null = null;
  let name = '';
  for (const a of own(article, selectors.anyLink)) {
    if (a === idLink || blocks.some((b) => b.contains(a))) continue;
    const p = profileOf(fbUrl(a.getAttribute('href')));
    if (!p) continue;
    profile ??= p;
    const label = readLabel(a, LIMITS.name);
    if (label && parseRelativeAge(label) === null && profileKey(p) === profileKey(profile)) {
      name = label;
      break;
    }
  }
  if (!name) {
    const aria = attrLabel(article, 'aria-label', LIMITS.name * 2);
    const m = /^(?:Comment|Reply) by (.+)$/.exec(aria);
    if (m?.[1]) {
      const age = ageFromAriaLabel(m[1]);
      name = cap((age ? m[1].slice(0, -age.length) : m[1]).trim(), LIMITS.name);
    }
  }
  if (!name) {
    const svg = own(article, selectors.avatarName)[0];
    if (svg) name = attrLabel(svg, 'aria-label', LIMITS.name);
  }
  if (!name && profile) name = profile.slug ?? '';
  return { name, profile };
}

/** An item's author: the name, and the handle and profile URL its link gives. */
function itemAuthor({ name, profile }: CommentAuthor): CapturedItem['author'] {
  return {
    name,
    ...(profile?.slug ? { handle: profile.slug } : {}),
    ...(profile ? { profileUrl: profileUrlOf(profile) } : {}),
  };
}

/** The profile key of the mention that opens a comment's text, if it opens with one. */
function leadingMention(article: Element): string | null {
  const first = textBlocks(article)[0];
  if (!first) return null;
  const a = first.querySelector(selectors.anyLink);
  if (a) {
    const before = readText(first, 4 * LIMITS.name).trimStart();
    const label = readLabel(a, LIMITS.name);
    const key = profileKey(profileOf(fbUrl(a.getAttribute('href'))));
    if (key && label && before.startsWith(label)) return key;
  }
  const m = /^\s*@([A-Za-z0-9.]{1,80})/.exec(readText(first, 100));
  return m?.[1]?.toLowerCase() ?? null;
}

interface CommentInfo {
  el: Element;
  ids: CommentIds;
  authorKey: string | null;
}

/**
 * The comment and replies of one thread (top-level comment id), in document order. Only articles whose links
 * name that id are read, so a page with hundreds of comments is not rescanned per reply.
 */
function threadOf(el: Element, commentId: string): CommentInfo[] {
  const root = el.getRootNode() as unknown as ParentNode;
  const articles = new Set<Element>();
  if (el.matches(selectors.article)) articles.add(el);
  for (const a of root.querySelectorAll(selectors.commentLink)) {
    if (!(a.getAttribute('href') ?? '').includes(`comment_id=${commentId}`)) continue;
    const article = a.closest(selectors.article);
    if (article && isCommentArticle(article)) articles.add(article);
  }
  const out: CommentInfo[] = [];
  for (const article of articles) {
    const link = idLinkOf(article);
    if (link?.ids.comment !== commentId) continue;
    out.push({ el: article, ids: link.ids, authorKey: profileKey(authorOf(article, link.el).profile) });
  }
  return out.sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

function extractComment(el: Element, ctx: PageContext, brands: Set<string>): ExtractOutcome {
  const link = idLinkOf(el);
  if (!link) return { type: 'error', reason: 'no-comment-id' };
  const { ids } = link;
  const labelledReply = REPLY_LABEL.test(el.getAttribute('aria-label') ?? '');
  if (labelledReply && !ids.reply) return { type: 'error', reason: 'no-reply-id' };

  const pagePost = pagePostOf(ctx.url);
  if (isOtherPost(link, pagePost)) return { type: 'skip', reason: 'other-post' };
  const post = link.post ?? pagePost;

  const author = authorOf(el, link.el);
  if (!author.name) return { type: 'error', reason: 'no-author' };
  const ageLabel = parseRelativeAge(link.label) !== null ? link.label : ageFromAriaLabel(attrLabel(el, 'aria-label', 400));
  const postedAt = ageLabel ? approxTime(ageLabel, ctx.now) : null;
  if (!postedAt) return { type: 'error', reason: 'no-time' };

  const text = blocksText(textBlocks(el));
  const authorKey = profileKey(author.profile);
  const byBrand = authorKey !== null && brands.has(authorKey);
  const kind: ItemKind = ids.reply ? 'reply' : 'comment';
  const externalId = ids.reply ?? ids.comment;

  let answersExternalId: string | undefined;
  if (byBrand) {
    if (ids.reply) answersExternalId = answeredBy(el, ids, leadingMention(el), brands);
  } else if (kind === 'comment') {
    if (!post?.owner || !brands.has(post.owner.toLowerCase())) return { type: 'skip', reason: 'not-addressed' };
  } else {
    const parent = threadOf(el, ids.comment).find((c) => !c.ids.reply);
    const underBrand = !!parent?.authorKey && brands.has(parent.authorKey);
    const mention = leadingMention(el);
    if (!underBrand && !(mention && brands.has(mention))) return { type: 'skip', reason: 'not-addressed' };
  }

  const item: CapturedItem = {
    platform: 'facebook',
    externalId,
    kind,
    ...(post ? { permalink: permalinkOf(post, ids) } : {}),
    author: itemAuthor(author),
    ...(text ? { text } : {}),
    postedAt,
    postedAtApproximate: true,
    byBrand,
    ...(answersExternalId ? { answersExternalId } : {}),
  };
  return validated(item);
}

const pagePostOf = (url: URL): PostRef | null => (url.protocol === 'https:' && HOSTS.has(url.hostname) ? postRefOf(url) : null);

/**
 * Suggested posts render under a permalink with their own threads (2026 fixture): their links name another post.
 * Numeric ids and pfbids name the same post differently, so only like is compared with like.
 */
function isOtherPost(link: CommentLink, pagePost: PostRef | null): boolean {
  const id = link.post?.id ?? link.ids.decodedPost;
  return !!pagePost && !!id && NUMERIC_ID.test(id) === NUMERIC_ID.test(pagePost.id) && id !== pagePost.id;
}

/**
 * What a brand reply answers: the nearest earlier item of its thread by the person its opening mention names,
 * else the thread's top comment unless the brand wrote that one too.
 */
function answeredBy(el: Element, ids: CommentIds, mention: string | null, brands: Set<string>): string | undefined {
  const thread = threadOf(el, ids.comment);
  const at = thread.findIndex((c) => c.el === el);
  if (mention && !brands.has(mention)) {
    for (let i = (at < 0 ? thread.length : at) - 1; i >= 0; i--) {
      const c = thread[i] as CommentInfo;
      if (c.authorKey === mention) return c.ids.reply ?? c.ids.comment;
    }
  }
  const top = thread.find((c) => !c.ids.reply);
  if (top?.authorKey && brands.has(top.authorKey)) return undefined;
  return ids.comment;
}

// ---------------------------------------------------------------- search results (brand listening)

/** A result post on a search page: an outermost feed article that is not a comment. */
function isSearchPost(el: Element): boolean {
  return (
    el.matches(selectors.article) &&
    !!el.parentElement?.closest(selectors.feed) &&
    !el.parentElement.closest(selectors.article) &&
    !isCommentArticle(el) &&
    isSearchDocument(el, SEARCH_PATH)
  );
}

/** A group post's permalink, which search results use and comment links do not. */
function groupPermalinkOf(u: URL): PostRef | null {
  const [a, b, c, d, ...rest] = u.pathname.split('/').filter(Boolean);
  const id = postId(d);
  return a === 'groups' && c === 'permalink' && b && SLUG.test(b) && id && !rest.length
    ? { id, path: `/groups/${b}/permalink/${id}` }
    : null;
}

/** The post's own permalink: its timestamp link when one reads as an age, else the first post-shaped link. */
function postLinkOf(post: Element): { el: Element; ref: PostRef; label: string } | null {
  const blocks = textBlocks(post);
  let first: { el: Element; ref: PostRef; label: string } | null = null;
  for (const a of own(post, selectors.postLink)) {
    if (blocks.some((b) => b.contains(a))) continue;
    const u = fbUrl(a.getAttribute('href'));
    if (!u || u.searchParams.has('comment_id')) continue;
    const ref = postRefOf(u) ?? groupPermalinkOf(u);
    if (!ref) continue;
    const label = readLabel(a, 40) || attrLabel(a, 'aria-label', 40);
    if (parseRelativeAge(label) !== null) return { el: a, ref, label };
    first ??= { el: a, ref, label };
  }
  return first;
}

/** A post naming a listened keyword is a mention (utils/sites/listening.ts); the brand's own posts never are. */
function extractSearchPost(el: Element, ctx: PageContext, brands: Set<string>): ExtractOutcome {
  const link = postLinkOf(el);
  if (!link) return { type: 'error', reason: 'no-post-id' };
  const author = authorOf(el, link.el);
  const authorKey = profileKey(author.profile);
  if (authorKey !== null && brands.has(authorKey)) return { type: 'skip', reason: 'own' };
  const message = own(el, selectors.postMessage)[0];
  const paragraphs = message ? outerBlocks(message) : [];
  const text = blocksText(paragraphs.length || !message ? paragraphs : [message]);
  if (!SEARCH_PATH.test(ctx.url.pathname) || !isListenedPost(ctx, text)) return { type: 'skip', reason: 'not-addressed' };
  if (!author.name) return { type: 'error', reason: 'no-author' };
  // Recent posts show an age ("3h"), older ones a date ("July 30 at 9:14 AM").
  const postedAt = separatorTime(link.label, ctx.now);
  if (!postedAt) return { type: 'error', reason: 'no-time' };
  return validated({
    platform: 'facebook',
    externalId: link.ref.id,
    kind: 'mention',
    permalink: `${ORIGIN}${link.ref.path}`,
    author: itemAuthor(author),
    ...(text ? { text } : {}),
    postedAt,
    postedAtApproximate: true,
    byBrand: false,
  });
}

// ---------------------------------------------------------------- notifications

function notificationLinkOf(row: Element): Element | null {
  return row.querySelector(selectors.notificationLink);
}

function isNotificationRow(el: Element): boolean {
  return el.matches(selectors.notificationRow) && notificationLinkOf(el) !== null;
}

/** The quoted comment in "<b>Name</b> commented on your post: "…"" (the Unread label and the sentence dropped). */
function quotedSnippet(s: string): string {
  const m = /[:：]\s*["“„«「]([\s\S]*)["”»」]\s*$/.exec(s.trim());
  return m?.[1]?.trim() ?? '';
}

function extractNotification(row: Element, ctx: PageContext): ExtractOutcome {
  const a = notificationLinkOf(row) as Element;
  const u = fbUrl(a.getAttribute('href'));
  if (!u) return { type: 'error', reason: 'bad-notification-link' };
  const type = u.searchParams.get('notif_t') ?? '';
  const kind = Object.hasOwn(CUSTOMER_NOTIFICATIONS, type) ? CUSTOMER_NOTIFICATIONS[type] : undefined;
  if (!kind) return { type: 'skip', reason: 'notification-type' };
  const ids = commentIdsOf(u);
  if (!ids || (kind === 'reply') !== (ids.reply !== undefined)) return { type: 'error', reason: 'no-comment-id' };

  const actor = a.querySelector(selectors.notificationActor);
  const name = actor ? readLabel(actor, LIMITS.name) : '';
  if (!name) return { type: 'error', reason: 'no-author' };
  const abbr = a.querySelector(selectors.notificationTime);
  const postedAt = abbr ? (approxTime(attrLabel(abbr, 'aria-label', 40), ctx.now) ?? approxTime(readLabel(abbr, 40), ctx.now)) : null;
  if (!postedAt) return { type: 'error', reason: 'no-time' };
  const sentence = actor?.parentElement ? readText(actor.parentElement, LIMITS.text * 2) : '';
  const text = cap(clean(quotedSnippet(sentence)), LIMITS.text);
  const post = postRefOf(u);

  return validated({
    platform: 'facebook',
    externalId: ids.reply ?? ids.comment,
    kind,
    ...(post ? { permalink: permalinkOf(post, ids) } : {}),
    author: { name },
    ...(text ? { text } : {}),
    postedAt,
    postedAtApproximate: true,
    byBrand: false,
  });
}

// ---------------------------------------------------------------- Messenger

const THREAD_PATH = /^\/messages\/(e2ee\/)?t\/(\d{1,25})\/?$/;

function customerOfThread(row: Element): string {
  const grid = row.closest(selectors.messageGrid);
  const label = grid ? attrLabel(grid, 'aria-label', LIMITS.name * 2) : '';
  if (label.startsWith(GRID_LABEL)) return cap(label.slice(GRID_LABEL.length).trim(), LIMITS.name);
  const main = row.closest(selectors.conversation);
  const mainLabel = main ? attrLabel(main, 'aria-label', LIMITS.name * 2) : '';
  return mainLabel.startsWith(CONVERSATION_LABEL) ? cap(mainLabel.slice(CONVERSATION_LABEL.length).trim(), LIMITS.name) : '';
}

function messageIdOf(row: Element): string | null {
  const holder = row.matches(selectors.messageId) ? row : row.querySelector(selectors.messageId);
  if (!holder) return null;
  const raw = holder.getAttribute('data-message-id') ?? holder.getAttribute('id') ?? '';
  return MESSAGE_ID.test(raw) ? raw : null;
}

/** The brand's own bubbles carry a hidden "You sent" heading. */
function isOutgoingMessage(row: Element): boolean {
  const sender = row.querySelector(selectors.messageSender);
  return !!sender && YOU_SENT.test(readLabel(sender, 60));
}

function extractMessage(row: Element, ctx: PageContext): ExtractOutcome {
  if (isOutgoingMessage(row)) return { type: 'skip', reason: 'outgoing' };
  const blocks = outerBlocks(row);
  if (blocks.length === 0 && row.querySelector(selectors.messageSeparator)) return { type: 'skip', reason: 'separator' };
  const id = messageIdOf(row);
  if (!id) return { type: 'error', reason: 'no-message-id' };
  const name = customerOfThread(row);
  if (!name) return { type: 'error', reason: 'no-customer' };

  let postedAt: string | null = null;
  const rows = [...(row.closest(selectors.messageGrid)?.querySelectorAll(selectors.row) ?? [])];
  // The nearest separator above dates the message; an unreadable one is not skipped for an older one.
  for (let i = rows.indexOf(row); i >= 0; i--) {
    const sep = (rows[i] as Element).querySelector(selectors.messageSeparator);
    if (!sep) continue;
    postedAt = separatorTime(readLabel(sep, 60), ctx.now);
    break;
  }
  if (!postedAt) return { type: 'error', reason: 'no-time' };

  const text = blocksText(blocks);
  const thread = ctx.url.protocol === 'https:' && HOSTS.has(ctx.url.hostname) ? THREAD_PATH.exec(ctx.url.pathname) : null;
  return validated({
    platform: 'facebook',
    externalId: id,
    kind: 'dm',
    ...(thread ? { permalink: `${ORIGIN}/messages/${thread[1] ?? ''}t/${thread[2]}` } : {}),
    author: { name },
    ...(text ? { text } : {}),
    postedAt,
    postedAtApproximate: true,
    byBrand: false,
  });
}

/** A Messenger reply answers the thread's latest message from the customer. */
function latestIncomingMessage(doc: Document): string | null {
  const grid = doc.querySelector(selectors.messageGrid) ?? doc;
  const rows = [...grid.querySelectorAll(selectors.messageRow)].reverse();
  for (const row of rows) {
    if (isOutgoingMessage(row)) continue;
    const id = messageIdOf(row);
    if (id) return id;
  }
  return null;
}

// ---------------------------------------------------------------- adapter

const ROOTS = [selectors.article, selectors.notificationRow, selectors.messageRow].join(', ');

function isItemRoot(el: Element): boolean {
  return isCommentArticle(el) || isNotificationRow(el) || el.matches(selectors.messageRow) || isSearchPost(el);
}

function findItems(root: ParentNode): Element[] {
  const out: Element[] = [];
  if ((root as Node).nodeType === 1 && isItemRoot(root as Element)) out.push(root as Element);
  for (const el of root.querySelectorAll(ROOTS)) if (isItemRoot(el)) out.push(el);
  return out;
}

function itemRootOf(node: Node): Element | null {
  const start = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!start) return null;
  const article = start.closest(selectors.article);
  if (article && isCommentArticle(article)) return article;
  for (let a = article; a; a = a.parentElement?.closest(selectors.article) ?? null) {
    if (isSearchPost(a)) return a;
  }
  const row = start.closest(selectors.messageRow);
  if (row) return row;
  for (
    let el: Element | null = start.closest(selectors.notificationRow);
    el;
    el = el.parentElement?.closest(selectors.notificationRow) ?? null
  ) {
    if (isNotificationRow(el)) return el;
  }
  return null;
}

function extractUnsafe(el: Element, ctx: PageContext): ExtractOutcome {
  if (el.matches(selectors.messageRow)) return extractMessage(el, ctx);
  if (isNotificationRow(el)) return extractNotification(el, ctx);
  const comment = isCommentArticle(el);
  if (!comment && !isSearchPost(el)) return { type: 'skip', reason: 'not-an-item' };
  const brands = normalizeHandles(ctx.brandHandles, SLUG);
  if (brands.size === 0) return { type: 'skip', reason: 'no-brand' };
  return comment ? extractComment(el, ctx, brands) : extractSearchPost(el, ctx, brands);
}

/** The form or container that holds `composer` and no other composer. */
function ownContainer(composer: Element, submit: string): Element | null {
  for (let a = composer.parentElement; a; a = a.parentElement) {
    const editors = a.querySelectorAll(selectors.lexicalEditor);
    if (editors.length > 1 || (editors.length === 1 && editors[0] !== composer)) return null;
    if (a.matches(selectors.composerForm) || a.querySelector(submit)) return a;
  }
  return null;
}

export const facebookAdapter: SiteAdapter = {
  platform: 'facebook',
  selectors,
  // A post or photo may have no comments yet; a notifications list and an open thread are never empty.
  surfaces: [
    // Brand listening: results depend on the query and may be none. First: `/search/posts/` also looks like a post path.
    { name: 'search results', path: SEARCH_PATH, expect: 'never' },
    { name: 'post', path: /\/(?:posts|permalink|videos|photos?|reel)\/|^\/(?:story|permalink|photo)\.php$/, expect: 'usually' },
    { name: 'notifications', path: /^\/notifications\/?$/, expect: 'always' },
    { name: 'messenger', path: THREAD_PATH, expect: 'always' },
  ],

  matchesUrl(url) {
    return url.protocol === 'https:' && url.hostname === 'www.facebook.com';
  },

  findItems,
  itemRootOf,

  extract: guardExtract(extractUnsafe),

  badgeAnchor(el) {
    const comment = isCommentArticle(el);
    if (comment || isSearchPost(el)) {
      // After the author name link, inside the bubble: the host stays within the article when replies re-render.
      const link = (comment ? idLinkOf(el) : postLinkOf(el))?.el ?? null;
      const blocks = textBlocks(el);
      for (const a of own(el, selectors.anyLink)) {
        if (a === link || a.getAttribute('aria-hidden') === 'true' || blocks.some((b) => b.contains(a))) continue;
        if (profileOf(fbUrl(a.getAttribute('href'))) && readLabel(a, LIMITS.name)) return { element: a, position: 'afterend' };
      }
    }
    // Notification rows: outside the row's link, so a click on the badge never opens the notification.
    return { element: el, position: 'beforeend' };
  },

  viewerHandle() {
    // 2026-07: the page shows the signed-in Page's name ("Comment as Northwind", the avatar label), never its slug.
    return null;
  },

  findComposer(el) {
    return el.closest(selectors.lexicalEditor);
  },

  findSubmit(composer) {
    if (!composer.matches(selectors.lexicalEditor)) return null;
    const thread = composer.closest(selectors.threadComposer);
    const submit = thread ? selectors.messageSubmit : selectors.commentSubmit;
    const box = thread ?? ownContainer(composer, submit);
    return box?.querySelector(submit) ?? null;
  },

  replyTarget(composer, ctx) {
    if (composer.closest(selectors.threadComposer)) return latestIncomingMessage(composer.ownerDocument);
    if (!composer.matches(selectors.replyEditor)) return null;
    // The reply box sits after the thread it answers (replies are siblings on single-comment views):
    // the nearest earlier comment by the person the box names, else the nearest earlier comment.
    const named = attrLabel(composer, 'aria-label', LIMITS.name * 2).replace(REPLY_TO_LABEL, '');
    for (let a = composer.parentElement; a; a = a.parentElement) {
      const before = findItems(a).filter(
        (c) => isCommentArticle(c) && !!(c.compareDocumentPosition(composer) & Node.DOCUMENT_POSITION_FOLLOWING),
      );
      if (before.length === 0) continue;
      const pick = [...before].reverse().find((c) => authorOf(c, idLinkOf(c)?.el ?? null).name === named) ?? before.at(-1);
      const link = pick ? idLinkOf(pick) : null;
      if (!link || isOtherPost(link, pagePostOf(ctx.url))) return null;
      return link.ids.reply ?? link.ids.comment;
    }
    return null;
  },

  insertion: {
    // sites.md §2.6: Lexical takes the range from `selectionchange` (announced by utils/engine/insert.ts, no task to wait),
    // then execCommand once; MAIN-world beforeinput or paste only after a verified failure.
    lexical: ['exec-command', 'before-input', 'paste'],
  },
};
