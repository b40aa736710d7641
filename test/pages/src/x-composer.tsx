// X reply composer for the local X status pages (test/pages/sites/x/status-*.html).
//
// Mounts React 19 + upstream draft-js 0.11.7 into `#x-composer-root`, reproducing the DOM of X's
// inline reply box (docs sites.md §1.3):
//   div[data-testid="tweetTextarea_0RichTextInputContainer"] › .DraftEditor-root ›
//   .public-DraftEditor-content[contenteditable][role=textbox][data-testid="tweetTextarea_0"][aria-label="Post text"]
//   … then button[data-testid="tweetButtonInline"] "Reply", disabled + aria-disabled="true" while the
//   editor's ContentState holds no text.
//
// Main-world test API: `window.__xComposer` (see XComposerApi) reads the editor's OWN state.
// Clicking Reply (or Ctrl/Cmd+Enter) simulates a native send: a brand tweet article is appended to
// the conversation right after the focal tweet (after the composer cell), then the editor is cleared.
//
// Built by test/pages/vite.config.ts into test/pages/dist/x-composer.js (IIFE), served by
// site-server.ts at /__replyline/x-composer.js.
import { type DraftHandleValue, Editor, EditorState, getDefaultKeyBinding, KeyBindingUtil } from 'draft-js';
import { type KeyboardEvent, useCallback, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

export interface XComposerSelection {
  /** Anchor offset inside the anchor block. */
  anchor: number;
  /** Focus offset inside the focus block. */
  focus: number;
  /** Draft key of the anchor block. */
  block: string;
  /** Index of the anchor block in the content (0 = first line/paragraph). */
  blockIndex: number;
  /** Text of the anchor block. */
  blockText: string;
  /** Draft's own view of focus (SelectionState.getHasFocus()). */
  hasFocus: boolean;
}

export interface XComposerApi {
  /** The editor's own model text: `editorState.getCurrentContent().getPlainText()` (blocks joined by "\n"). */
  text(): string;
  selection(): XComposerSelection;
  /** Texts sent with Reply so far (oldest first). */
  sent(): string[];
}

const X_EPOCH = 1288834974657n;
let idCounter = 0;

/** A status id whose timestamp part encodes `ms` (X snowflake layout). */
function statusIdAt(ms: number): string {
  idCounter = (idCounter + 1) % 4096;
  const low = BigInt((Math.floor(Math.random() * 1024) << 12) | idCounter);
  return (((BigInt(ms) - X_EPOCH) << 22n) | low).toString();
}

function viewer(): { name: string; handle: string } {
  const sw = document.querySelector('[data-testid="SideNav_AccountSwitcher_Button"]');
  const spans = sw ? Array.from(sw.querySelectorAll('span')).map((s) => (s.textContent ?? '').trim()) : [];
  const handle = spans.find((t) => t.startsWith('@'))?.slice(1) ?? 'northwindco';
  const name = spans.find((t) => t && !t.startsWith('@')) ?? 'Northwind';
  return { name, handle };
}

/** The author of the page's focal tweet: the first path segment of /<handle>/status/<id>. */
function focalHandle(): string {
  const m = /^\/([A-Za-z0-9_]{1,15})\/status\/\d+/.exec(location.pathname);
  return m?.[1] ?? 'unknown';
}

function verifiedBadge(): SVGSVGElement {
  const svg = svgIcon(ICONS.verified);
  svg.setAttribute('viewBox', '0 0 22 22');
  svg.setAttribute('class', 'x-verified x-verified--gold');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Verified organization');
  svg.setAttribute('data-testid', 'icon-verified');
  svg.removeAttribute('aria-hidden');
  svg.querySelector('path')?.setAttribute('transform', 'scale(.92) translate(-1 -1)');
  return svg;
}

type Child = Node | string | null | undefined | false;

function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

function svgIcon(d: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'x-icon');
  const g = document.createElementNS(ns, 'g');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  g.append(path);
  svg.append(g);
  return svg;
}

const ICONS = {
  reply:
    'M4 5.5C4 4.1 5.1 3 6.5 3h11C18.9 3 20 4.1 20 5.5v8c0 1.4-1.1 2.5-2.5 2.5H11l-4.5 4v-4h0C5.1 16 4 14.9 4 13.5v-8zm2.5-1C5.9 4.5 5.5 4.9 5.5 5.5v8c0 .6.4 1 1 1H8v2.2l2.5-2.2h7c.6 0 1-.4 1-1v-8c0-.6-.4-1-1-1h-11z',
  repost: 'M7 4l-4 4h3v8h7v-1.5H7.5V8h3L7 4zm10 16l4-4h-3V8h-7v1.5h5.5V16h-3l3.5 4z',
  like: 'M12 20.5l-1.2-1.1C6.4 15.4 3.5 12.8 3.5 9.5 3.5 6.9 5.5 5 8 5c1.5 0 2.9.7 4 1.8C13.1 5.7 14.5 5 16 5c2.5 0 4.5 1.9 4.5 4.5 0 3.3-2.9 5.9-7.3 9.9L12 20.5zm-4-14C6.3 6.5 5 7.8 5 9.5c0 2.6 2.6 4.9 7 8.9 4.4-4 7-6.3 7-8.9 0-1.7-1.3-3-3-3-1.3 0-2.6.8-3.2 2h-1.6c-.6-1.2-1.9-2-3.2-2z',
  views: 'M5 20V10h1.5v10H5zm6.25 0V4h1.5v16h-1.5zm6.25 0v-7H19v7h-1.5z',
  bookmark: 'M6 3.5h12V21l-6-4.2L6 21V3.5zm1.5 1.5v13.1l4.5-3.2 4.5 3.2V5h-9z',
  share: 'M12 3l4.5 4.5-1.1 1.1-2.65-2.65V15h-1.5V5.95L8.6 8.6 7.5 7.5 12 3zM4.5 14H6v4.5h12V14h1.5v6h-15v-6z',
  verified:
    'M20.4 12c0-1.3-.8-2.5-1.9-3 .4-1.2.1-2.6-.8-3.5s-2.3-1.2-3.5-.8C13.7 3.6 12.9 3 12 3s-1.7.6-2.2 1.6c-1.2-.4-2.6-.1-3.5.8S5.1 7.8 5.5 9c-1.1.5-1.9 1.7-1.9 3s.8 2.5 1.9 3c-.4 1.2-.1 2.6.8 3.5s2.3 1.2 3.5.8c.5 1 1.3 1.7 2.2 1.7s1.7-.6 2.2-1.6c1.2.4 2.6.1 3.5-.8s1.2-2.3.8-3.5c1.1-.6 1.9-1.8 1.9-3.1zm-9.6 3.9l-3.5-3.5 1.1-1.1 2.4 2.4 5-5.3 1.1 1.1-6.1 6.4z',
  dots: 'M5 10.5a1.5 1.5 0 110 3 1.5 1.5 0 010-3zm7 0a1.5 1.5 0 110 3 1.5 1.5 0 010-3zm7 0a1.5 1.5 0 110 3 1.5 1.5 0 010-3z',
};

/** A brand reply, built with DOM APIs only (text via text nodes, never innerHTML). */
function brandReplyCell(text: string, replyingTo: string): HTMLElement {
  const { name, handle } = viewer();
  const now = Date.now();
  const id = statusIdAt(now);
  const iso = new Date(now).toISOString();
  const n = `id__r${id.slice(-6)}`;
  const timeEl = h('time', { datetime: iso }, 'now');
  const actions = h(
    'div',
    { 'aria-label': '0 replies, 0 reposts, 0 likes, 1 views', role: 'group', class: 'css-175oi2r x-actions' },
    h(
      'button',
      { 'aria-label': '0 Replies. Reply', role: 'button', 'data-testid': 'reply', type: 'button', class: 'css-175oi2r x-act x-act--reply' },
      svgIcon(ICONS.reply),
    ),
    h(
      'button',
      {
        'aria-label': '0 reposts. Repost',
        role: 'button',
        'data-testid': 'retweet',
        type: 'button',
        class: 'css-175oi2r x-act x-act--repost',
      },
      svgIcon(ICONS.repost),
    ),
    h(
      'button',
      { 'aria-label': '0 Likes. Like', role: 'button', 'data-testid': 'like', type: 'button', class: 'css-175oi2r x-act x-act--like' },
      svgIcon(ICONS.like),
    ),
    h(
      'a',
      { href: `/${handle}/status/${id}/analytics`, 'aria-label': '1 view. View post analytics', role: 'link', class: 'css-175oi2r x-act' },
      svgIcon(ICONS.views),
      h('span', { class: 'css-1jxf684 x-count' }, '1'),
    ),
    h(
      'div',
      { class: 'css-175oi2r x-act-end' },
      h(
        'button',
        { 'aria-label': 'Bookmark', role: 'button', 'data-testid': 'bookmark', type: 'button', class: 'css-175oi2r x-act' },
        svgIcon(ICONS.bookmark),
      ),
      h(
        'button',
        {
          'aria-expanded': 'false',
          'aria-haspopup': 'menu',
          'aria-label': 'Share post',
          role: 'button',
          type: 'button',
          class: 'css-175oi2r x-act',
        },
        svgIcon(ICONS.share),
      ),
    ),
  );
  const avatar = h(
    'div',
    { class: 'css-175oi2r', 'data-testid': `UserAvatar-Container-${handle}`, style: 'width: 40px; height: 40px;' },
    h(
      'a',
      { href: `/${handle}`, 'aria-hidden': 'true', role: 'link', tabindex: '-1', class: 'css-175oi2r x-avatar-link' },
      h('div', { class: 'x-avatar x-avatar--brand', 'data-initial': name.charAt(0).toUpperCase(), style: 'width: 40px; height: 40px;' }),
    ),
  );
  const userName = h(
    'div',
    { class: 'css-175oi2r x-userline', id: `${n}a`, 'data-testid': 'User-Name' },
    h(
      'div',
      { class: 'css-175oi2r x-namewrap' },
      h(
        'a',
        { href: `/${handle}`, role: 'link', class: 'css-175oi2r x-name' },
        h('div', { dir: 'ltr', class: 'css-146c3p1' }, h('span', { class: 'css-1jxf684' }, h('span', { class: 'css-1jxf684' }, name))),
        h('div', { dir: 'ltr', class: 'css-146c3p1 x-badge' }, h('span', { class: 'css-1jxf684' }, verifiedBadge())),
      ),
    ),
    h(
      'div',
      { class: 'css-175oi2r x-handlewrap' },
      h(
        'a',
        { href: `/${handle}`, role: 'link', tabindex: '-1', class: 'css-175oi2r x-handle' },
        h('div', { dir: 'ltr', class: 'css-146c3p1' }, h('span', { class: 'css-1jxf684' }, `@${handle}`)),
      ),
      h('div', { dir: 'ltr', 'aria-hidden': 'true', class: 'css-146c3p1 x-dot' }, h('span', { class: 'css-1jxf684' }, '·')),
      h(
        'div',
        { class: 'css-175oi2r x-timewrap' },
        h('a', { href: `/${handle}/status/${id}`, dir: 'ltr', 'aria-label': 'now', role: 'link', class: 'css-146c3p1 x-time' }, timeEl),
      ),
    ),
  );
  const caret = h(
    'div',
    { class: 'css-175oi2r x-caret-wrap' },
    h(
      'button',
      {
        'aria-expanded': 'false',
        'aria-haspopup': 'menu',
        'aria-label': 'More',
        role: 'button',
        class: 'css-175oi2r x-caret',
        'data-testid': 'caret',
        type: 'button',
      },
      svgIcon(ICONS.dots),
    ),
  );
  const context = h(
    'div',
    { class: 'css-175oi2r x-context-wrap' },
    h(
      'div',
      { dir: 'ltr', class: 'css-146c3p1 x-context', id: `${n}c`, style: 'color: rgb(113, 118, 123);' },
      'Replying to ',
      h(
        'div',
        { class: 'css-175oi2r x-inline' },
        h(
          'a',
          { dir: 'ltr', href: `/${replyingTo}`, role: 'link', class: 'css-1jxf684 x-link' },
          h('span', { class: 'css-1jxf684' }, `@${replyingTo}`),
        ),
      ),
    ),
  );
  const body = h(
    'div',
    { class: 'css-175oi2r' },
    h(
      'div',
      { dir: 'auto', lang: 'en', class: 'css-146c3p1 x-text', id: `${n}b`, 'data-testid': 'tweetText' },
      h('span', { class: 'css-1jxf684' }, text),
    ),
  );
  const article = h(
    'article',
    {
      'aria-labelledby': `${n}a ${n}c ${n}b`,
      role: 'article',
      tabindex: '0',
      class: 'css-175oi2r r-18u37iz r-1udh08x r-1ny4l3l x-article',
      'data-testid': 'tweet',
    },
    h(
      'div',
      { class: 'css-175oi2r x-tweet-outer' },
      h(
        'div',
        { class: 'css-175oi2r x-tweet' },
        h('div', { class: 'css-175oi2r x-avatar-col' }, h('div', { class: 'css-175oi2r', 'data-testid': 'Tweet-User-Avatar' }, avatar)),
        h(
          'div',
          { class: 'css-175oi2r x-body' },
          h('div', { class: 'css-175oi2r x-head' }, userName, caret),
          context,
          body,
          h('div', { class: 'css-175oi2r' }, actions),
        ),
      ),
    ),
  );
  return h('div', { 'data-testid': 'cellInnerDiv', class: 'css-175oi2r x-cell x-cell--new' }, h('div', { class: 'css-175oi2r' }, article));
}

function appendBrandReply(text: string, root: HTMLElement): void {
  const cell = brandReplyCell(text, focalHandle());
  const composerCell = root.closest('[data-testid="cellInnerDiv"]');
  if (composerCell?.parentNode) {
    composerCell.after(cell);
    return;
  }
  const timeline = document.querySelector('[aria-label="Timeline: Conversation"]');
  const focal = Array.from(timeline?.querySelectorAll('article[data-testid="tweet"]') ?? []).find(
    (a) => a.querySelector('time') && !a.querySelector('time')?.closest('a'),
  );
  const focalCell = focal?.closest('[data-testid="cellInnerDiv"]');
  if (focalCell) focalCell.after(cell);
  else timeline?.append(cell);
}

const TOOLBAR: { label: string; testid: string; d: string }[] = [
  {
    label: 'Add photos or video',
    testid: 'fileInput-button',
    d: 'M3 5.5C3 4.1 4.1 3 5.5 3h13C19.9 3 21 4.1 21 5.5v13c0 1.4-1.1 2.5-2.5 2.5h-13C4.1 21 3 19.9 3 18.5v-13zm2.5-1c-.6 0-1 .4-1 1v9.8l4-4 3 3 4.5-4.5 3.5 3.5V5.5c0-.6-.4-1-1-1h-13zM9 10a2 2 0 110-4 2 2 0 010 4z',
  },
  {
    label: 'Add a GIF',
    testid: 'gifSearchButton',
    d: 'M3 5.5C3 4.1 4.1 3 5.5 3h13C19.9 3 21 4.1 21 5.5v13c0 1.4-1.1 2.5-2.5 2.5h-13C4.1 21 3 19.9 3 18.5v-13zM7 9v6h3v-2.5H9V14H8v-4h2V9H7zm4.5 0v6H13V9h-1.5zm2.5 0v6h1.5v-2.5H17V11h-1.5v-.5H17V9h-3z',
  },
  {
    label: 'Add emoji',
    testid: 'emojiButton',
    d: 'M12 3a9 9 0 100 18 9 9 0 000-18zm0 1.5a7.5 7.5 0 110 15 7.5 7.5 0 010-15zM9 9a1.25 1.25 0 100 2.5A1.25 1.25 0 009 9zm6 0a1.25 1.25 0 100 2.5A1.25 1.25 0 0015 9zm-6.4 4.6l-1.2.9c1 1.5 2.7 2.5 4.6 2.5s3.6-1 4.6-2.5l-1.2-.9c-.8 1.1-2 1.9-3.4 1.9s-2.6-.8-3.4-1.9z',
  },
  {
    label: 'Tag location',
    testid: 'geoButton',
    d: 'M12 2.5c-3.9 0-7 3.1-7 7 0 5 7 12 7 12s7-7 7-12c0-3.9-3.1-7-7-7zm0 9.5a2.5 2.5 0 110-5 2.5 2.5 0 010 5z',
  },
];

function Composer({ root, api }: { root: HTMLElement; api: { state: EditorState; sent: string[] } }) {
  const [editorState, setEditorState] = useState(() => EditorState.createEmpty());
  const editorRef = useRef<Editor>(null);
  api.state = editorState;

  const onChange = useCallback(
    (next: EditorState) => {
      api.state = next;
      setEditorState(next);
    },
    [api],
  );

  const canSend = editorState.getCurrentContent().getPlainText().trim().length > 0;

  const send = useCallback(() => {
    const text = api.state.getCurrentContent().getPlainText();
    if (!text.trim()) return;
    api.sent.push(text);
    appendBrandReply(text, root);
    const cleared = EditorState.createEmpty();
    api.state = cleared;
    setEditorState(cleared);
  }, [api, root]);

  const keyBindingFn = useCallback((e: KeyboardEvent): string | null => {
    if (e.key === 'Enter' && KeyBindingUtil.hasCommandModifier(e)) return 'x-submit';
    return getDefaultKeyBinding(e);
  }, []);

  const handleKeyCommand = useCallback(
    (command: string): DraftHandleValue => {
      if (command === 'x-submit') {
        send();
        return 'handled';
      }
      return 'not-handled';
    },
    [send],
  );

  return (
    <div className="css-175oi2r x-composer">
      <div className="css-175oi2r x-composer-input" data-testid="tweetTextarea_0RichTextInputContainer">
        <Editor
          ref={editorRef}
          editorState={editorState}
          onChange={onChange}
          placeholder="Post your reply"
          ariaLabel="Post text"
          ariaMultiline
          role="textbox"
          spellCheck
          stripPastedStyles
          webDriverTestID="tweetTextarea_0"
          keyBindingFn={keyBindingFn}
          handleKeyCommand={handleKeyCommand}
        />
      </div>
      <div className="css-175oi2r x-composer-bar" data-testid="toolBar">
        {/* biome-ignore lint/a11y/noRedundantRoles: X renders explicit roles; kept for fidelity */}
        <nav aria-live="polite" role="navigation" className="css-175oi2r x-composer-tools">
          {TOOLBAR.map((t) => (
            // biome-ignore lint/a11y/noRedundantRoles: X renders explicit roles; kept for fidelity
            <button key={t.testid} type="button" role="button" aria-label={t.label} data-testid={t.testid} className="x-tool">
              <svg viewBox="0 0 24 24" aria-hidden="true" className="x-icon">
                <g>
                  <path d={t.d} />
                </g>
              </svg>
            </button>
          ))}
        </nav>
        <button
          // biome-ignore lint/a11y/noRedundantRoles: X renders explicit roles; kept for fidelity
          role="button"
          type="button"
          data-testid="tweetButtonInline"
          className={`css-175oi2r x-reply-btn${canSend ? '' : ' x-reply-btn--disabled'}`}
          disabled={!canSend}
          aria-disabled={canSend ? undefined : 'true'}
          tabIndex={canSend ? 0 : -1}
          onClick={send}
        >
          <div dir="ltr" className="css-146c3p1">
            <span className="css-1jxf684">
              <span className="css-1jxf684">Reply</span>
            </span>
          </div>
        </button>
      </div>
    </div>
  );
}

function mount(): void {
  const root = document.getElementById('x-composer-root');
  if (!root || root.dataset.mounted === 'true') return;
  root.dataset.mounted = 'true';
  const api = { state: EditorState.createEmpty(), sent: [] as string[] };
  const pub: XComposerApi = {
    text: () => api.state.getCurrentContent().getPlainText(),
    selection: () => {
      const sel = api.state.getSelection();
      const content = api.state.getCurrentContent();
      const key = sel.getAnchorKey();
      const keys = content.getBlockMap().keySeq().toArray();
      return {
        anchor: sel.getAnchorOffset(),
        focus: sel.getFocusOffset(),
        block: key,
        blockIndex: keys.indexOf(key),
        blockText: content.getBlockForKey(key)?.getText() ?? '',
        hasFocus: sel.getHasFocus(),
      };
    },
    sent: () => api.sent.slice(),
  };
  (window as unknown as { __xComposer: XComposerApi }).__xComposer = pub;
  createRoot(root).render(<Composer root={root} api={api} />);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
