// LinkedIn (www.linkedin.com) site adapter: pure functions over the DOM plus the one selector table below.
// Two DOM generations are live at once (sites.md §4.1): the SDUI/React build (hashed classes; hooks are
// componentkey, data-testid and aria) and the legacy Ember build (BEM classes, data-id URNs). Comments are
// read in both; notifications and messaging are Ember only (2026-07 captures).
// Everything read from the page is hostile: it is read as text (never markup), length-capped, stripped of
// bidi/control characters, and URLs are rebuilt from validated slugs and ids, never copied from hrefs.
/*
 * Manual check on the live site (signed in as a company admin; sites.md §6.4):
 * - A post permalink in each DOM generation served (SDUI: replaceableComment…, Ember:
 *   comments-comment-entity): one badge per comment and reply, none on the brand's own.
 * - The feed (triple-rendered posts): still one badge per comment.
 * - Acting as the company page: the "• You"/"Author" markers and the composer.
 * - TipTap and Quill boxes: Tab expansion and the palette insert, the submit reads Comment/Reply and
 *   enables; the chat overlay's Send is never used.
 * - /notifications and /messaging: replied/mentioned cards and incoming messages only.
 * - That no data-replyline host or web-accessible resource trips LinkedIn's extension probes.
 * - Brand listening on /search/results/content/: results still carry data-urn activity URNs (or say
 *   which SDUI hooks replaced them); one badge per matching post, none on the brand's own.
 */
import { type ItemKind, LIMITS } from '@/utils/schema-core';
import { cap, composersOwning, normalizeHandles, readLabel, readText, UNSAFE_CHARS } from '@/utils/sites/dom-text';
import { guardExtract, validated } from '@/utils/sites/extract-guard';
import { SITE_HOSTS } from '@/utils/sites/hosts';
import { isListenedPost, isSearchDocument } from '@/utils/sites/listening';
import type { ExtractOutcome, PageContext, SiteAdapter } from '@/utils/sites/types';
import { linkedinIdToDate, parseRelativeAge, threadClockTime } from '@/utils/time';

/**
 * Every selector this adapter uses. Stability order: data-testid/componentkey/URN attributes, then aria,
 * then Ember's BEM classes; never the SDUI build's hashed classes (`_49700731`, `fe75eb61`, …).
 */
export const selectors = {
  // ------------------------------------------------------------ SDUI comments
  /**
   * 2026-07 capture: the comment root carries the full URN in both `id` and `componentkey`, and its outer
   * wrapper repeats the componentkey (top-level comments only): the innermost holder is the item root.
   */
  sduiComment: '[id^="replaceableComment_urn:li:comment:"], [componentkey^="replaceableComment_urn:li:comment:"]',
  /** Inner wrapper of one comment: author, time, text and actions all sit inside it. */
  sduiCommentBody: '[componentkey^="CommentComponentReference_urn:li:comment:"]',
  /** 2026-07 capture: the commentary's key prefix is the only structural top-level/reply marker (replies render as siblings). */
  sduiCommentary: '[componentkey^="comment-commentary_"], [componentkey^="comment-reply-commentary_"]',
  sduiReplyCommentary: '[componentkey^="comment-reply-commentary_"]',
  expandableText: '[data-testid="expandable-text-box"]',
  /** The virtualised comment list; replies follow their parent in it. */
  sduiCommentList: '[data-component-type="LazyColumn"][data-testid$="-commentList"]',
  /** Name line inside the author link; the `aria-hidden` span is the visible copy with "• You"/"• 2nd" badges. */
  sduiNameLine: 'p',
  ariaHiddenCopy: 'span[aria-hidden="true"]',
  /** 2026-07 capture: the relative time ("8h") is a bare `p > span` after the name link; no time element. */
  sduiTimeLabel: 'p > span',

  // ------------------------------------------------------------ Ember comments
  /** 2026-07-27 capture: replies are NESTED inside the parent's article, in `.comments-replies-list`. */
  emberComment: 'article.comments-comment-entity[data-id^="urn:li:comment:"]',
  emberReply: '.comments-comment-entity--reply',
  emberAuthorLink: 'a.comments-comment-meta__description-container',
  emberAuthorName: '.comments-comment-meta__description-title',
  /** The h3 around the name: the "• You" suffix sits in it, after the title. */
  emberAuthorLine: '.comments-comment-meta__description',
  emberTime: 'time.comments-comment-meta__data',
  emberText: '.comments-comment-item__main-content',

  // ------------------------------------------------------------ posts (to learn whose post a comment is on)
  /**
   * SDUI feed card or Ember update. sites.md §4.7: a card renders about three times, as `update-card-focus…`
   * and as `expanded<base>FeedType_…` copies, hence a substring match.
   */
  post: '[componentkey*="update-card-focus"], .feed-shared-update-v2',
  commentsSection: '[componentkey^="commentsSectionContainer"], .feed-shared-update-v2__comments-container, .comments-comments-list',
  /** Profile and company links (author, mentions). */
  profileLink: 'a[href*="/in/"], a[href*="/company/"]',
  /** Text leaves that may hold the "Promoted" label of a sponsored card (English UI text). */
  textLeaf: 'span, p',

  // ------------------------------------------------------------ search results (brand listening)
  /**
   * Posts on content search, item roots there only. Public scrapers (2024–25; no capture here) agree that each
   * result is an Ember update carrying its activity URN in `data-urn`, in some builds in `data-id`.
   */
  searchPost: '[data-urn^="urn:li:activity:"], [data-id^="urn:li:activity:"]',
  /** Same sources: the actor block's link wraps the name; its href is `/in/<slug>` or `/company/<slug>/` plus tracking. */
  actorLink: 'a.update-components-actor__meta-link',
  /** The visible copy of the name is the title's `aria-hidden` span (`ariaHiddenCopy`); a visually-hidden twin follows. */
  actorName: '.update-components-actor__title',
  /** "3h • Edited": the age before the bullet, a fallback for the URN's time. */
  actorAge: '.update-components-actor__sub-description',
  postText: '.update-components-text',

  // ------------------------------------------------------------ notifications
  notification: 'article.nt-card[data-view-name="notification-card-container"]',
  /** 2026-07-26 capture: reply cards link to `/feed/?highlightedUpdateType=…&commentUrn=…&replyUrn=…`. */
  ntHeadline: 'a.nt-card__headline',
  /** Percent-encoded `/in/<slug>`; absent on impressions cards. */
  ntActor: 'a[data-view-name="notification-card-image"]',
  ntActorName: 'strong',
  /** Their comment; the original post shares the 2-line class, so it is excluded explicitly. */
  ntText: '.nt-card__text--2-line-large:not(.nt-card-content__body-text)',
  ntTime: 'p.nt-card__time-ago',

  // ------------------------------------------------------------ messaging
  message: '.msg-s-event-listitem[data-event-urn^="urn:li:msg_message:"]',
  /** Public scrapers agree (2025–26): LinkedIn adds `--other` to the correspondent's messages only. */
  messageIncoming: '.msg-s-event-listitem--other',
  messageBody: '.msg-s-event-listitem__body',
  messageEvent: 'li.msg-s-message-list__event',
  messageSender: '.msg-s-message-group__name',
  messageTime: 'time.msg-s-message-group__timestamp',
  messageDayHeading: 'time.msg-s-message-list__time-heading',
  messageThread: '.msg-thread, .msg-overlay-conversation-bubble',
  threadTitle: '.msg-entity-lockup__entity-title',
  threadProfileLink: 'a.msg-thread__link-to-profile',

  // ------------------------------------------------------------ composers
  /** SDUI TipTap editor; only inside a comment box (the share box is TipTap too). */
  tiptapEditor: '[componentkey^="commentBox-"] .tiptap.ProseMirror[contenteditable="true"]',
  tiptapWrapper: '[data-testid="ui-core-tiptap-text-editor-wrapper"]',
  /** The person a reply box answers: TipTap's mention node (2026-07 capture), Quill's mention link. */
  mentionChip: '[data-type="mention"], a.ql-mention',
  /**
   * 2026-07 captures: the submit sits in a `commentButtonSection` after the editor, sometimes inside the
   * commentBox, sometimes beside it; the action-bar `aria-label="Comment"` button only opens a box.
   */
  commentButtonSection: '[componentkey*="commentButtonSection"], [id*="commentButtonSection"]',
  button: 'button',
  /** Legacy Quill 1 comment box. */
  quillEditor: 'form.comments-comment-box__form .ql-editor[contenteditable="true"]',
  quillBox: 'form.comments-comment-box__form, .comments-comment-box, .comments-comment-box--cr',
  quillSubmit: '.comments-comment-box__submit-button',
  msgEditor: '.msg-form__contenteditable[contenteditable="true"]',
  /**
   * 2026-07 (sites.md §4.7): an OPEN shadow root hosting the share box, invite modals and possibly the
   * messaging overlay; MutationObservers do not cross it, so the engine observes it separately.
   */
  interopOutlet: '#interop-outlet, [data-testid="interop-shadowdom"]',
  msgForm: '.msg-form',
  msgSend: 'button.msg-form__send-button',
  /** The chat overlay's Send is type=submit: never a comment composer's button (sites.md §4.7). */
  messagingChrome: '.msg-form, .msg-overlay-conversation-bubble, .msg-overlay-list-bubble',
} as const;

const anyItem = [selectors.sduiComment, selectors.emberComment, selectors.notification, selectors.message].join(', ');
const anyComposer = [selectors.tiptapEditor, selectors.quillEditor, selectors.msgEditor].join(', ');

const ORIGIN = 'https://www.linkedin.com';
const SDUI_PREFIX = 'replaceableComment_';
/** `urn:li:comment:(urn:li:ugcPost:P,C)` (SDUI) or `urn:li:comment:(ugcPost:P,C)` (Ember, notifications). */
const COMMENT_URN = /^urn:li:comment:\((?:urn:li:)?([A-Za-z]{1,30}):(\d{1,20}),(\d{1,20})\)$/;
const PERMALINK_POST_TYPES = new Set(['activity', 'ugcPost', 'share']);
/** Profile paths; absolute hrefs only on LinkedIn's own host. */
const PROFILE_HREF = /^(?:https:\/\/www\.linkedin\.com)?\/(in|company)\/([^/?#]{1,300})(?:[/?#]|$)/;
/** Vanity slugs: letters (any script, after percent-decoding), digits, `-` and `_`. */
const SLUG = /^[\p{L}\p{N}_-]{1,100}$/u;
const MSG_URN = /^urn:li:msg_message:\([\w:,=+/-]{1,250}\)$/;
const THREAD_PATH = /^\/messaging\/thread\/([\w=-]{1,200})\/?$/;
/** Content search: `/search/results/content/?keywords=…`. */
const SEARCH_PATH = /^\/search\/results\/content\/?$/;
const ACTIVITY_URN = /^urn:li:activity:(\d{1,20})$/;
const POST_PATH = /^\/feed\/update\/urn(?::|%3A)li(?::|%3A)(?:activity|ugcPost|share)(?::|%3A)\d{1,20}\/?$/i;
/** English UI text: the "• You" / "Author" badges (2026-07 captures), "Promoted" on sponsored cards. */
const OWN_BADGE = /^you$/i;
const AUTHOR_BADGE = /^author$/i;
const PROMOTED_LABEL = /^(?:Promoted|Sponsored)$/;

/** Notification types that are customer items (sites.md §4.6), and the kind each becomes. */
const CUSTOMER_NOTIFICATIONS: Readonly<Record<string, ItemKind>> = {
  REPLIED_TO_YOUR_COMMENT: 'reply',
  MENTIONED_YOU_IN_THIS: 'mention',
  // Not in a capture yet: the post-comment types LinkedIn uses for comments on one's own post.
  COMMENTED_ON_YOUR_POST: 'comment',
  COMMENTED_ON_YOUR_UPDATE: 'comment',
  COMMENTED_ON_YOUR_SHARE: 'comment',
};

// ---------------------------------------------------------------- text helpers

function cleanText(el: Element, max: number): string {
  const s = readText(el, max * 2, true)
    .replace(UNSAFE_CHARS, '')
    .replace(/ *\n */g, '\n')
    .replace(/ {2,}/g, ' ')
    .trim();
  return cap(s, max).trim();
}

// ---------------------------------------------------------------- ids, slugs, URLs

interface CommentUrn {
  postType: string;
  postId: string;
  id: string;
}

function parseCommentUrn(urn: string | null | undefined): CommentUrn | null {
  if (!urn || urn.length > 120) return null;
  const m = COMMENT_URN.exec(urn);
  return m?.[1] && m[2] && m[3] ? { postType: m[1], postId: m[2], id: m[3] } : null;
}

interface Profile {
  kind: 'in' | 'company';
  slug: string;
}

function profileOf(a: Element | null | undefined): Profile | null {
  const m = PROFILE_HREF.exec(a?.getAttribute('href') ?? '');
  if (!m?.[1] || !m[2]) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  return SLUG.test(slug) ? { kind: m[1] as Profile['kind'], slug } : null;
}

const profileUrl = (p: Profile) => `${ORIGIN}/${p.kind}/${encodeURIComponent(p.slug)}/`;

const isBrandProfile = (p: Profile | null, brands: Set<string>) => !!p && brands.has(p.slug.toLowerCase());

/** sites.md §4.5: the post is the entity inside the comment tuple; replies add replyUrn/dashReplyUrn. */
function commentPermalink(urn: CommentUrn, parentId?: string): string | undefined {
  if (!PERMALINK_POST_TYPES.has(urn.postType)) return undefined;
  const post = `urn:li:${urn.postType}:${urn.postId}`;
  const top = parentId ?? urn.id;
  const params = new URLSearchParams({
    commentUrn: `urn:li:comment:(${post},${top})`,
    dashCommentUrn: `urn:li:fsd_comment:(${top},${post})`,
  });
  if (parentId) {
    params.set('replyUrn', `urn:li:comment:(${post},${urn.id})`);
    params.set('dashReplyUrn', `urn:li:fsd_comment:(${urn.id},${post})`);
  }
  return `${ORIGIN}/feed/update/${post}/?${params.toString()}`;
}

/** LinkedIn's ids start long after this; an id decoding earlier is not a real one (or a hostile one). */
const EARLIEST_ID_MS = Date.UTC(2008, 0, 1);
const DAY_MS = 86_400_000;

/** The exact time in the id; the relative label ("8h") only when the id decodes to no plausible time. */
function postedAtOf(id: string, label: string, now: Date): { postedAt: string; approximate: boolean } | null {
  const exact = linkedinIdToDate(id);
  if (exact && exact.getTime() >= EARLIEST_ID_MS && exact.getTime() <= now.getTime() + DAY_MS) {
    return { postedAt: exact.toISOString(), approximate: false };
  }
  const age = parseRelativeAge(label);
  if (age === null) return null;
  return { postedAt: new Date(now.getTime() - age).toISOString(), approximate: true };
}

// ---------------------------------------------------------------- comments (both generations)

function sduiUrnAttr(el: Element): string | null {
  for (const name of ['id', 'componentkey']) {
    const v = el.getAttribute(name);
    if (v?.startsWith(SDUI_PREFIX)) return v.slice(SDUI_PREFIX.length);
  }
  return null;
}

function rootUrn(el: Element): string | null {
  if (el.matches(selectors.emberComment)) return el.getAttribute('data-id');
  return sduiUrnAttr(el);
}

/** The SDUI wrapper that repeats the componentkey is not the root when the id-carrying inner one exists. */
function innerSame(el: Element): Element | null {
  const urn = sduiUrnAttr(el);
  for (const inner of el.querySelectorAll(selectors.sduiComment)) {
    if (sduiUrnAttr(inner) === urn) return inner;
  }
  return null;
}

interface CommentInfo {
  root: Element;
  urn: CommentUrn;
  ember: boolean;
  isReply: boolean;
  author: Profile | null;
  authorLink: Element | null;
  name: string;
  badges: string[];
  timeLabel: string;
  textEl: Element | null;
  mentions: Profile[];
}

/** `sel` matches inside `root` that belong to it, not to a nested (Ember) reply. */
function owned(root: Element, sel: string, ember: boolean): Element[] {
  const all = [...root.querySelectorAll(sel)];
  return ember ? all.filter((e) => e.closest(selectors.emberComment) === root) : all;
}

/** Badge words after the name ("• You", "• 2nd", "Author"), split on the bullet. */
function badgeWords(s: string): string[] {
  return s
    .split('•')
    .map((w) => w.replace(/\s+/g, ' ').trim())
    .filter((w) => w !== '');
}

function readComment(root: Element): CommentInfo | null {
  const urn = parseCommentUrn(rootUrn(root));
  if (!urn) return null;
  const ember = root.matches(selectors.emberComment);
  let author: Profile | null = null;
  let authorLink: Element | null = null;
  let name = '';
  let badges: string[] = [];
  let timeLabel = '';
  let textEl: Element | null = null;

  if (ember) {
    authorLink = owned(root, selectors.emberAuthorLink, true)[0] ?? null;
    author = profileOf(authorLink);
    const title = authorLink?.querySelector(selectors.emberAuthorName);
    name = title ? readLabel(title, LIMITS.name) : '';
    const line = authorLink?.querySelector(selectors.emberAuthorLine);
    if (line && title) {
      let rest = '';
      for (const c of line.children) if (c !== title && !c.contains(title)) rest += ` ${readLabel(c, 100)}`;
      badges = badgeWords(rest);
    }
    const time = owned(root, selectors.emberTime, true)[0];
    timeLabel = time ? readLabel(time, 40) : '';
    textEl = owned(root, selectors.emberText, true)[0] ?? null;
  } else {
    const body = root.querySelector(selectors.sduiCommentBody) ?? root;
    const commentary = body.querySelector(selectors.sduiCommentary);
    textEl = commentary?.querySelector(selectors.expandableText) ?? commentary ?? body.querySelector(selectors.expandableText);
    const links = [...body.querySelectorAll(selectors.profileLink)].filter((a) => !textEl?.contains(a));
    // 2026-07 capture: the avatar link comes first (a figure), then the same href around the name line.
    authorLink = links.find((a) => a.querySelector(selectors.sduiNameLine)) ?? links[0] ?? null;
    author = profileOf(authorLink) ?? profileOf(links[0]);
    const line = authorLink?.querySelector(selectors.sduiNameLine);
    const copy = line?.querySelector(selectors.ariaHiddenCopy);
    if (copy) {
      let own = '';
      let rest = '';
      for (let c = copy.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) own += (c as Text).data;
        else if (c.nodeType === 1) rest += ` ${readLabel(c as Element, 100)}`;
      }
      name = cap(own.replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim(), LIMITS.name);
      badges = badgeWords(rest);
    } else if (line) {
      name = readLabel(line, LIMITS.name);
    }
    for (const span of body.querySelectorAll(selectors.sduiTimeLabel)) {
      if (authorLink?.contains(span) || textEl?.contains(span)) continue;
      const label = readLabel(span, 40);
      if (parseRelativeAge(label) !== null) {
        timeLabel = label;
        break;
      }
    }
  }
  const mentions: Profile[] = [];
  for (const a of textEl?.querySelectorAll(selectors.profileLink) ?? []) {
    const p = profileOf(a);
    if (p) mentions.push(p);
  }
  const isReply = ember
    ? root.matches(selectors.emberReply) || !!root.parentElement?.closest(selectors.emberComment)
    : !!root.querySelector(selectors.sduiReplyCommentary);
  return { root, urn, ember, isReply, author, authorLink, name, badges, timeLabel, textEl, mentions };
}

/** The comment's thread: its top-level comment and that comment's replies, in page order. */
function threadOf(info: CommentInfo): CommentInfo[] {
  if (info.ember) {
    const top = info.isReply ? info.root.parentElement?.closest(selectors.emberComment) : info.root;
    if (!top) return [info];
    const members = [top, ...top.querySelectorAll(selectors.emberComment)];
    return members.map((el) => (el === info.root ? info : readComment(el))).filter((c): c is CommentInfo => c !== null);
  }
  // SDUI: replies are siblings that follow their parent in the list (2026-07 capture).
  const scope = info.root.closest(selectors.sduiCommentList) ?? (info.root.getRootNode() as unknown as ParentNode);
  const all = findComments(scope);
  const at = all.findIndex((el) => rootUrn(el) === rootUrn(info.root));
  if (at < 0) return [info];
  let start = at;
  if (info.isReply) {
    while (start > 0 && readComment(all[start] as Element)?.isReply) start--;
  }
  const out: CommentInfo[] = [];
  for (let i = start; i < all.length; i++) {
    const c = i === at ? info : readComment(all[i] as Element);
    if (!c) continue;
    if (i > start && !c.isReply) break;
    out.push(c);
  }
  return out;
}

interface PostInfo {
  author: Profile | null;
  promoted: boolean;
}

/** Whose post the comment sits under, from the post card around it (or the permalink page's only post). */
function postOf(root: Element, url: URL): PostInfo {
  let post = root.closest(selectors.post);
  if (!post && POST_PATH.test(url.pathname)) post = root.ownerDocument.querySelector(selectors.post);
  return post ? readPost(post) : { author: null, promoted: false };
}

/** A post card's author (its first profile link outside the comments) and whether it is sponsored. */
function readPost(post: Element): PostInfo {
  const outside = (el: Element) => !el.closest(selectors.commentsSection) && !el.closest(anyItem) && !el.closest(selectors.quillBox);
  let author: Profile | null = null;
  for (const a of post.querySelectorAll(selectors.profileLink)) {
    if (!outside(a)) continue;
    author = profileOf(a);
    if (author) break;
  }
  let promoted = false;
  let seen = 0;
  for (const leaf of post.querySelectorAll(selectors.textLeaf)) {
    if (++seen > 400) break;
    if (leaf.childElementCount === 0 && outside(leaf) && PROMOTED_LABEL.test((leaf.textContent ?? '').slice(0, 40).trim())) {
      promoted = true;
      break;
    }
  }
  return { author, promoted };
}

function isBrandComment(c: CommentInfo, brands: Set<string>, postByBrand: boolean): boolean {
  if (isBrandProfile(c.author, brands)) return true;
  // The "Author" badge marks the post's author, whose link may be a numeric /company/<id>/ rather than the slug.
  return postByBrand && c.badges.some((b) => AUTHOR_BADGE.test(b));
}

function extractComment(el: Element, ctx: PageContext, brands: Set<string>): ExtractOutcome {
  const info = readComment(el);
  if (!info) return { type: 'error', reason: 'bad-comment-urn' };
  const post = postOf(el, ctx.url);
  const postByBrand = isBrandProfile(post.author, brands);
  if (post.promoted && !postByBrand) return { type: 'skip', reason: 'sponsored' };

  const name = info.name || info.author?.slug || '';
  if (!name) return { type: 'error', reason: 'no-author' };
  const time = postedAtOf(info.urn.id, info.timeLabel, ctx.now);
  if (!time) return { type: 'error', reason: 'no-time' };

  const byBrand = isBrandComment(info, brands, postByBrand);
  const thread = info.isReply || byBrand ? threadOf(info) : [info];
  const parent = info.isReply ? thread.find((c) => !c.isReply) : undefined;
  let kind: ItemKind;
  let answersExternalId: string | undefined;
  if (byBrand) {
    kind = info.isReply ? 'reply' : 'comment';
    if (info.isReply) answersExternalId = answeredBy(info, thread, brands, postByBrand);
  } else {
    // The viewer's own comment (a personal account that is not a brand handle) is nobody's customer item.
    if (info.badges.some((b) => OWN_BADGE.test(b))) return { type: 'skip', reason: 'own' };
    const mentionsBrand = info.mentions.some((p) => isBrandProfile(p, brands));
    if (!info.isReply) {
      if (postByBrand) kind = 'comment';
      else if (mentionsBrand) kind = 'mention';
      else return { type: 'skip', reason: 'not-addressed' };
    } else {
      const brandInThread = thread.some((c) => c !== info && isBrandComment(c, brands, postByBrand));
      if (brandInThread || (mentionsBrand && postByBrand)) kind = 'reply';
      else if (mentionsBrand) kind = 'mention';
      else return { type: 'skip', reason: 'not-addressed' };
    }
  }

  const text = info.textEl ? cleanText(info.textEl, LIMITS.text) : '';
  const permalink = commentPermalink(info.urn, parent && parent.urn.id !== info.urn.id ? parent.urn.id : undefined);
  return validated({
    platform: 'linkedin',
    externalId: info.urn.id,
    kind,
    ...(permalink ? { permalink } : {}),
    author: {
      name,
      ...(info.author ? { handle: info.author.slug, profileUrl: profileUrl(info.author) } : {}),
    },
    ...(text ? { text } : {}),
    postedAt: time.postedAt,
    postedAtApproximate: time.approximate,
    byBrand,
    ...(answersExternalId ? { answersExternalId } : {}),
  });
}

/**
 * The customer comment a brand reply answers: the nearest earlier comment in its thread by a customer,
 * preferring the person the reply names. For a first answer that is the thread's top-level comment
 * (sites.md §4.6); after a follow-up it is the follow-up, which would otherwise stay pending.
 */
function answeredBy(info: CommentInfo, thread: CommentInfo[], brands: Set<string>, postByBrand: boolean): string | undefined {
  const at = thread.indexOf(info);
  const before = (at < 0 ? thread : thread.slice(0, at)).filter((c) => !isBrandComment(c, brands, postByBrand));
  return latestCustomer(before, new Set(info.mentions.map((p) => p.slug.toLowerCase())), '')?.urn.id;
}

/** The last of `candidates` by a named slug, else by a person of that display name, else the last one. */
function latestCustomer(candidates: CommentInfo[], slugs: Set<string>, name: string): CommentInfo | undefined {
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i] as CommentInfo;
    if (slugs.has(c.author?.slug.toLowerCase() ?? '') || (name !== '' && c.name.toLowerCase() === name)) return c;
  }
  return candidates[candidates.length - 1];
}

// ---------------------------------------------------------------- notifications

function extractNotification(el: Element, ctx: PageContext, brands: Set<string>): ExtractOutcome {
  const headline = el.querySelector(selectors.ntHeadline);
  const href = headline?.getAttribute('href') ?? '';
  if (!href || href.length > 4096) return { type: 'skip', reason: 'not-actionable' };
  let link: URL;
  try {
    link = new URL(href, ORIGIN);
  } catch {
    return { type: 'error', reason: 'bad-link' };
  }
  if (link.origin !== ORIGIN) return { type: 'error', reason: 'bad-link' };
  const kind = CUSTOMER_NOTIFICATIONS[link.searchParams.get('highlightedUpdateType') ?? ''];
  // Reactions, impressions and "trending" cards: not actionable (the type is language-independent).
  if (!kind) return { type: 'skip', reason: 'not-actionable' };

  const comment = parseCommentUrn(link.searchParams.get('commentUrn'));
  const reply = kind === 'comment' ? null : parseCommentUrn(link.searchParams.get('replyUrn'));
  // 2026-07-26 capture: commentUrn is OUR comment when a replyUrn (THEIR reply) is present.
  const urn = reply ?? comment;
  if (!urn) return { type: 'error', reason: 'no-comment-urn' };

  const actor = profileOf(el.querySelector(selectors.ntActor));
  if (isBrandProfile(actor, brands)) return { type: 'skip', reason: 'own' };
  const strong = headline?.querySelector(selectors.ntActorName);
  const name = (strong ? readLabel(strong, LIMITS.name) : '') || actor?.slug || '';
  if (!name) return { type: 'error', reason: 'no-author' };
  const timeEl = el.querySelector(selectors.ntTime);
  const time = postedAtOf(urn.id, timeEl ? readLabel(timeEl, 40) : '', ctx.now);
  if (!time) return { type: 'error', reason: 'no-time' };
  const textEl = el.querySelector(selectors.ntText);
  const text = textEl ? cleanText(textEl, LIMITS.text) : '';
  const permalink = commentPermalink(urn, reply && comment && comment.id !== reply.id ? comment.id : undefined);
  return validated({
    platform: 'linkedin',
    externalId: urn.id,
    kind,
    ...(permalink ? { permalink } : {}),
    author: { name, ...(actor ? { handle: actor.slug, profileUrl: profileUrl(actor) } : {}) },
    ...(text ? { text } : {}),
    postedAt: time.postedAt,
    postedAtApproximate: time.approximate,
    byBrand: false,
  });
}

// ---------------------------------------------------------------- search results (brand listening)

/** A result post on a content search page: the outermost URN holder (a reshare nests the original's). */
function isSearchPost(el: Element): boolean {
  return el.matches(selectors.searchPost) && !el.parentElement?.closest(selectors.searchPost) && isSearchDocument(el, SEARCH_PATH);
}

function findSearchPosts(root: ParentNode): Element[] {
  if (!isSearchDocument(root as Node, SEARCH_PATH)) return [];
  const self = (root as Node).nodeType === 1 && isSearchPost(root as Element) ? [root as Element] : [];
  return [...self, ...[...root.querySelectorAll(selectors.searchPost)].filter(isSearchPost)];
}

function activityIdOf(el: Element): string | null {
  const m = ACTIVITY_URN.exec(el.getAttribute('data-urn') ?? el.getAttribute('data-id') ?? '');
  return m?.[1] ?? null;
}

/** A post naming a listened keyword is a mention (utils/sites/listening.ts); the brand's own posts never are. */
function extractSearchPost(el: Element, ctx: PageContext, brands: Set<string>): ExtractOutcome {
  const id = activityIdOf(el);
  if (!id) return { type: 'error', reason: 'bad-activity-urn' };
  const post = readPost(el);
  const link = el.querySelector(selectors.actorLink);
  const author = profileOf(link) ?? post.author;
  if (isBrandProfile(author, brands)) return { type: 'skip', reason: 'own' };
  if (post.promoted) return { type: 'skip', reason: 'sponsored' };
  const textEl = el.querySelector(selectors.postText);
  const text = textEl ? cleanText(textEl, LIMITS.text) : '';
  if (!SEARCH_PATH.test(ctx.url.pathname) || !isListenedPost(ctx, text)) return { type: 'skip', reason: 'not-addressed' };

  const title = link?.querySelector(selectors.actorName);
  const nameEl = title?.querySelector(selectors.ariaHiddenCopy) ?? title;
  const name = (nameEl ? readLabel(nameEl, LIMITS.name) : '') || author?.slug || '';
  if (!name) return { type: 'error', reason: 'no-author' };
  const age = el.querySelector(selectors.actorAge);
  const ageLabel = age ? (readLabel(age.querySelector(selectors.ariaHiddenCopy) ?? age, 60).split('•')[0] ?? '').trim() : '';
  const time = postedAtOf(id, ageLabel, ctx.now);
  if (!time) return { type: 'error', reason: 'no-time' };
  return validated({
    platform: 'linkedin',
    externalId: id,
    kind: 'mention',
    permalink: `${ORIGIN}/feed/update/urn:li:activity:${id}/`,
    author: { name, ...(author ? { handle: author.slug, profileUrl: profileUrl(author) } : {}) },
    ...(text ? { text } : {}),
    postedAt: time.postedAt,
    postedAtApproximate: time.approximate,
    byBrand: false,
  });
}

// ---------------------------------------------------------------- messaging

/** The message urn is the externalId as it stands (contract C3), when it has the urn's shape. */
function messageId(urn: string): string | null {
  return MSG_URN.test(urn) && urn.length <= LIMITS.externalId ? urn : null;
}

/**
 * Messaging shows only display strings ("10:32 AM" under a "Today"/"Monday"/"Jul 3" heading), in the
 * viewer's local time: the result is minute-exact at best, so it is always flagged approximate.
 */
function extractMessage(el: Element, ctx: PageContext): ExtractOutcome {
  const id = messageId(el.getAttribute('data-event-urn') ?? '');
  if (!id) return { type: 'error', reason: 'bad-message-urn' };
  if (!el.matches(selectors.messageIncoming)) return { type: 'skip', reason: 'outgoing' };
  const thread = el.closest(selectors.messageThread) ?? el.ownerDocument;
  const title = thread.querySelector(selectors.threadTitle);
  const customer = profileOf(thread.querySelector(selectors.threadProfileLink));

  // Group sender, time and day heading come from the nearest list events at or above this message.
  let sender = '';
  let clock = '';
  let heading = '';
  const own = el.closest(selectors.messageEvent);
  for (const li of thread.querySelectorAll(selectors.messageEvent)) {
    const t = li.querySelector(selectors.messageTime);
    if (t) clock = readLabel(t, 40);
    const hd = li.querySelector(selectors.messageDayHeading);
    if (hd) {
      heading = readLabel(hd, 40);
      if (!t) clock = '';
    }
    const s = li.querySelector(selectors.messageSender);
    if (s) sender = readLabel(s, LIMITS.name);
    if (li === own) break;
  }
  // In a DM thread the header names the customer for every incoming message (contract C3).
  const name = (title ? readLabel(title, LIMITS.name) : '') || sender || customer?.slug || '';
  if (!name) return { type: 'error', reason: 'no-author' };
  const body = el.querySelector(selectors.messageBody);
  const text = body ? cleanText(body, LIMITS.text) : '';
  const threadId = THREAD_PATH.exec(ctx.url.pathname)?.[1];
  const postedAt = threadClockTime(clock, heading, ctx.now);
  if (!postedAt) return { type: 'error', reason: 'no-time' };
  return validated({
    platform: 'linkedin',
    externalId: id,
    kind: 'dm',
    ...(threadId ? { permalink: `${ORIGIN}/messaging/thread/${threadId}/` } : {}),
    author: { name, ...(customer ? { handle: customer.slug, profileUrl: profileUrl(customer) } : {}) },
    ...(text ? { text } : {}),
    postedAt,
    postedAtApproximate: true,
    byBrand: false,
  });
}

// ---------------------------------------------------------------- adapter

/** SDUI and Ember comment roots under `root`, one per comment URN (posts render about three times). */
function findComments(root: ParentNode): Element[] {
  const out: Element[] = [];
  const seen = new Set<string>();
  const consider = (el: Element) => {
    if (!el.matches(selectors.emberComment) && innerSame(el)) return;
    const urn = parseCommentUrn(rootUrn(el));
    const key = urn?.id ?? rootUrn(el) ?? '';
    if (seen.has(key)) return;
    seen.add(key);
    out.push(el);
  };
  const sel = `${selectors.sduiComment}, ${selectors.emberComment}`;
  if ((root as Node).nodeType === 1 && (root as Element).matches(sel)) consider(root as Element);
  for (const el of root.querySelectorAll(sel)) consider(el);
  return out;
}

function findItems(root: ParentNode): Element[] {
  const out = findComments(root);
  const sel = `${selectors.notification}, ${selectors.message}`;
  if ((root as Node).nodeType === 1 && (root as Element).matches(sel)) out.push(root as Element);
  for (const el of root.querySelectorAll(sel)) out.push(el);
  out.push(...findSearchPosts(root));
  return out;
}

function itemRootOf(node: Node): Element | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const found = el?.closest(anyItem) ?? null;
  if (found && !found.matches(selectors.emberComment) && found.matches(selectors.sduiComment)) return innerSame(found) ?? found;
  if (found || !el) return found;
  for (let post = el.closest(selectors.searchPost); post; post = post.parentElement?.closest(selectors.searchPost) ?? null) {
    if (isSearchPost(post)) return post;
  }
  return null;
}

function extractUnsafe(el: Element, ctx: PageContext): ExtractOutcome {
  const brands = normalizeHandles(ctx.brandHandles, SLUG);
  if (el.matches(selectors.message)) return extractMessage(el, ctx);
  if (brands.size === 0) return { type: 'skip', reason: 'no-brand' };
  if (el.matches(selectors.notification)) return extractNotification(el, ctx, brands);
  if (el.matches(selectors.emberComment) || el.matches(selectors.sduiComment)) return extractComment(el, ctx, brands);
  if (isSearchPost(el)) return extractSearchPost(el, ctx, brands);
  return { type: 'skip', reason: 'not-an-item' };
}

type ComposerKind = 'tiptap' | 'quill' | 'msg';

function composerKind(c: Element): ComposerKind | null {
  if (c.matches(selectors.tiptapEditor)) return 'tiptap';
  if (c.matches(selectors.quillEditor)) return 'quill';
  if (c.matches(selectors.msgEditor)) return 'msg';
  return null;
}

function ownButton(composer: Element, candidates: (scope: Element) => Iterable<Element>, chromeOk: boolean): Element | null {
  for (let a = composer.parentElement; a; a = a.parentElement) {
    for (const b of candidates(a)) {
      if (!chromeOk && b.closest(selectors.messagingChrome)) continue;
      // After the editor, and owned by this composer rather than a neighbouring reply box.
      if (!(composer.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      if (composersOwning(b, anyComposer).includes(composer)) return b;
    }
  }
  return null;
}

function sectionButtons(scope: Element): Element[] {
  const out: Element[] = [];
  for (const section of scope.querySelectorAll(selectors.commentButtonSection)) {
    if (section.matches(selectors.button)) out.push(section);
    for (const b of section.querySelectorAll(selectors.button)) out.push(b);
  }
  return out;
}

/**
 * The comment a reply box answers: the latest customer comment of the thread it belongs to, preferring
 * the person in its mention chip. SDUI renders the box after the thread (2026-07 capture); Ember nests it
 * inside the top-level comment's article. A post-level box belongs to no thread: null.
 */
function threadReplyTarget(composer: Element, brands: Set<string>): string | null {
  let anchor: CommentInfo | null = null;
  const article = composer.closest(selectors.emberComment);
  if (article) anchor = readComment(article);
  else {
    const list = composer.closest(selectors.sduiCommentList);
    if (!list) return null;
    const before = findComments(list).filter((c) => c.compareDocumentPosition(composer) & Node.DOCUMENT_POSITION_FOLLOWING);
    const last = before[before.length - 1];
    anchor = last ? readComment(last) : null;
  }
  if (!anchor) return null;
  const thread = threadOf(anchor);
  const slugs = new Set<string>();
  let name = '';
  for (const chip of composer.querySelectorAll(selectors.mentionChip)) {
    const p = profileOf(chip);
    if (p) slugs.add(p.slug.toLowerCase());
    name ||= readLabel(chip, LIMITS.name).toLowerCase();
  }
  const customers = thread.filter((c) => !isBrandProfile(c.author, brands));
  return (latestCustomer(customers, slugs, name) ?? anchor).urn.id;
}

export const linkedinAdapter: SiteAdapter = {
  platform: 'linkedin',
  selectors,
  surfaces: [
    { name: 'post', path: POST_PATH, expect: 'usually' },
    { name: 'notifications', path: /^\/notifications\/?$/, expect: 'always' },
    { name: 'messaging thread', path: THREAD_PATH, expect: 'always' },
    // Brand listening: results depend on the query and may be none.
    { name: 'search results', path: SEARCH_PATH, expect: 'never' },
  ],
  shadowHosts: selectors.interopOutlet,

  matchesUrl(url) {
    return url.protocol === 'https:' && SITE_HOSTS.linkedin.includes(url.hostname);
  },

  findItems,
  itemRootOf,

  extract: guardExtract(extractUnsafe),

  badgeAnchor(el) {
    if (el.matches(selectors.notification)) {
      return {
        element: el.querySelector(selectors.ntHeadline) ?? el,
        position: el.querySelector(selectors.ntHeadline) ? 'afterend' : 'beforeend',
      };
    }
    if (el.matches(selectors.message)) return { element: el, position: 'beforeend' };
    if (isSearchPost(el)) {
      const actor = el.querySelector(selectors.actorLink);
      return actor ? { element: actor, position: 'afterend' } : { element: el, position: 'afterbegin' };
    }
    // Beside the author link, inside the comment's own root (SDUI re-renders recycle the inner nodes).
    const link = readComment(el)?.authorLink;
    return link && el.contains(link) ? { element: link, position: 'afterend' } : { element: el, position: 'afterbegin' };
  },

  viewerHandle(doc) {
    // The page marks the signed-in account's own comments "• You" (2026-07 captures of both generations).
    for (const root of findComments(doc)) {
      const c = readComment(root);
      if (c?.author && c.badges.some((b) => OWN_BADGE.test(b))) return c.author.slug.toLowerCase();
    }
    return null;
  },

  findComposer(el) {
    const direct = el.closest(selectors.tiptapEditor) ?? el.closest(selectors.quillEditor) ?? el.closest(selectors.msgEditor);
    if (direct) return direct;
    if (el.matches(selectors.tiptapWrapper) || el.matches(selectors.msgForm) || el.matches(selectors.quillBox)) {
      const inside = el.querySelectorAll(anyComposer);
      if (inside.length === 1) return inside[0] as Element;
    }
    return null;
  },

  findSubmit(composer) {
    switch (composerKind(composer)) {
      case 'tiptap':
        return ownButton(composer, sectionButtons, false);
      case 'quill':
        return ownButton(composer, (scope) => scope.querySelectorAll(selectors.quillSubmit), false);
      case 'msg': {
        const form = composer.closest(selectors.msgForm);
        return form ? ownButton(composer, (scope) => (form.contains(scope) ? scope.querySelectorAll(selectors.msgSend) : []), true) : null;
      }
      default:
        return null;
    }
  },

  replyTarget(composer, ctx) {
    const brands = normalizeHandles(ctx.brandHandles, SLUG);
    switch (composerKind(composer)) {
      case 'tiptap':
      case 'quill':
        return threadReplyTarget(composer, brands);
      case 'msg': {
        // A DM answers the thread's latest incoming message.
        const thread = composer.closest(selectors.messageThread) ?? composer.ownerDocument;
        const incoming = [...thread.querySelectorAll(`${selectors.message}${selectors.messageIncoming}`)];
        const last = incoming[incoming.length - 1];
        return last ? messageId(last.getAttribute('data-event-urn') ?? '') : null;
      }
      default:
        return null;
    }
  },

  insertion: {
    // sites.md §4.6: execCommand validated live on TipTap (2026-06); paste is Briskine's route, untested here.
    prosemirror: ['exec-command', 'paste'],
    // Quill 1 commits a tick late: the engine polls before falling back.
    quill: ['exec-command', 'paste'],
    // Messaging: LinkedIn's paste handler leaves the caret at the start, so execCommand only.
    contenteditable: ['exec-command'],
  },
};
