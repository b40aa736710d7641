// Real editor packages mounted where the local site pages show a composer, so the extension's
// insertion is checked against each editor's OWN model, as on the live sites:
//   Facebook comment box, Instagram DM box → Lexical (+ rich text)
//   Instagram comment box                 → React 19 controlled <textarea>
//   LinkedIn SDUI comment boxes            → TipTap (ProseMirror) with the starter kit
//   LinkedIn legacy (Ember) comment boxes  → Quill
//   XChat DM box (X)                       → React 19 controlled <textarea>
//   Messenger thread box (Facebook)        → Lexical (+ rich text), with Messenger's like/send button
//   LinkedIn messaging box                 → LinkedIn's own plain contenteditable (no library: the model is the DOM text)
//   Instagram reel comment field           → a placeholder that React swaps for a fresh controlled <textarea> on click
// window.__labEditors.textOf(el) returns the model text of the editor that contains `el`.

import { registerRichText } from '@lexical/rich-text';
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { $getRoot, createEditor } from 'lexical';
import Quill from 'quill';
import { type ReactElement, useLayoutEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

type Reader = () => string;
const editors = new Map<Element, { kind: string; text: Reader; canSend?: () => boolean }>();

/** Enables the composer's own submit while the model holds text, as the sites do. */
function track(root: Element, kind: string, text: Reader, submit: Element | null | undefined, placeholder?: HTMLElement | null) {
  const canSend = submit
    ? () => !(submit instanceof HTMLButtonElement && submit.disabled) && submit.getAttribute('aria-disabled') !== 'true'
    : undefined;
  editors.set(root, { kind, text, canSend });
  return () => {
    const has = text().trim().length > 0;
    if (placeholder) placeholder.style.display = has ? 'none' : '';
    if (!submit) return;
    if (submit instanceof HTMLButtonElement) submit.disabled = !has;
    submit.setAttribute('aria-disabled', String(!has));
  };
}

/** A rich-text Lexical editor taking over `el`, and its model text. */
function lexicalOn(el: HTMLElement, namespace: string) {
  const editor = createEditor({ namespace, onError: (e) => console.error(e) });
  registerRichText(editor);
  for (const child of [...el.childNodes]) child.remove();
  editor.setRootElement(el);
  return { editor, text: () => editor.getEditorState().read(() => $getRoot().getTextContent()) };
}

function mountLexical(el: HTMLElement) {
  const { editor, text } = lexicalOn(el, 'lab');
  const scope = el.closest('form') ?? el.closest('.ig-dm-compose');
  const sync = track(
    el,
    'lexical',
    text,
    scope?.querySelector('[aria-label="Comment"][role="button"]'),
    scope?.querySelector<HTMLElement>('.fb-placeholder, .ig-dm-ph'),
  );
  const send = scope?.querySelector<HTMLElement>('.ig-dm-send');
  const tools = scope?.querySelector<HTMLElement>('.ig-dm-tools');
  editor.registerUpdateListener(() => {
    sync();
    const has = text().trim().length > 0;
    if (send) send.style.display = has ? 'block' : 'none';
    if (tools) tools.style.display = has ? 'none' : '';
  });
  sync();
  // Instagram's DM box has no disabled Send: the button appears only while there is text.
  const entry = editors.get(el);
  if (entry && send) entry.canSend = () => send.style.display === 'block';
}

function ControlledTextarea({ attrs, onText }: { attrs: Record<string, string>; onText: (t: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <textarea
      {...attrs}
      value={value}
      onChange={(e) => {
        setValue(e.target.value);
        onText(e.target.value);
      }}
    />
  );
}

/**
 * Replaces a static element with a React root rendering `field`, as the site's app takes over its
 * server markup; the model is the last text React reported.
 */
function mountReactField(old: Element, submit: Element | null | undefined, field: (onText: (t: string) => void) => ReactElement) {
  const host = document.createElement('span');
  host.style.display = 'contents';
  old.replaceWith(host);
  let current = '';
  const sync = track(host, 'textarea', () => current, submit);
  createRoot(host).render(
    field((t) => {
      current = t;
      sync();
    }),
  );
  sync();
}

function mountTextarea(old: HTMLTextAreaElement) {
  const submit = old.closest('form')?.querySelector('.ig-post-btn');
  mountReactField(old, submit, (onText) => <ControlledTextarea attrs={reactProps(old)} onText={onText} />);
}

function mountTiptap(old: HTMLElement) {
  const wrapper = old.parentElement;
  if (!wrapper) return;
  const attributes: Record<string, string> = {
    role: 'textbox',
    'aria-label': old.getAttribute('aria-label') ?? 'Text editor',
    dir: 'auto',
  };
  const initial = old.textContent?.trim() ? `<p>${old.textContent.replace(/[<>&]/g, '')}</p>` : '';
  old.remove();
  const editor = new Editor({ element: wrapper, extensions: [StarterKit], content: initial, editorProps: { attributes } });
  const box = wrapper.closest('[componentkey^="commentBox-"]');
  const submit = box?.parentElement?.querySelector('[componentkey*="commentButtonSection"] button');
  const sync = track(wrapper, 'tiptap', () => editor.getText(), submit);
  editor.on('update', sync);
  sync();
}

function mountQuill(old: HTMLElement) {
  const container = old.parentElement;
  if (!container) return;
  const initial = old.textContent ?? '';
  const attrs = ['aria-label', 'role', 'data-placeholder'].map((name) => [name, old.getAttribute(name)] as const);
  old.remove();
  container.classList.remove('ql-container');
  const quill = new Quill(container);
  if (initial.trim()) quill.setText(initial);
  for (const [name, value] of attrs) if (value) quill.root.setAttribute(name, value);
  // Quill's model always ends with a newline.
  const text = () => quill.getText().replace(/\n$/, '');
  const sync = track(container, 'quill', text, container.closest('form')?.querySelector('.comments-comment-box__submit-button'));
  quill.on('text-change', sync);
  sync();
}

/** React props from a static element's attributes (the server-rendered markup the app takes over). */
function reactProps(old: Element): Record<string, string> {
  const names: Record<string, string> = { class: 'className', autocomplete: 'autoComplete', autocorrect: 'autoCorrect' };
  const props: Record<string, string> = {};
  for (const a of old.attributes) props[names[a.name] ?? a.name] = a.value;
  return props;
}

/** XChat: the DM box is a React 19 controlled textarea; Send is disabled while it is empty. */
function mountXChatTextarea(old: HTMLTextAreaElement) {
  const submit = old.closest('[data-testid="dm-composer"]')?.querySelector('[data-testid="dm-composer-send-button"]');
  mountReactField(old, submit, (onText) => <ControlledTextarea attrs={reactProps(old)} onText={onText} />);
}

const LIKE_ICON = 'M2 10h4v11H2zm6 11h9.5a2 2 0 002-1.6l1.4-7A2 2 0 0019 10h-5.5l.8-4A2 2 0 0012.3 4L8 10z';
const SEND_ICON = 'M3 3.5l18 8.5-18 8.5 2.2-8.5L3 3.5zm3.4 9.2l-1.3 5 12.3-5.7H6.4z';

/** Messenger: Lexical in the "Thread composer"; its button is "Send a like" while empty, "Press enter to send" with text. */
function mountMessengerLexical(el: HTMLElement) {
  const { editor, text } = lexicalOn(el, 'messenger');
  const scope = el.closest('[aria-label="Thread composer"]');
  const button = scope?.querySelector<HTMLElement>('[aria-label="Send a like"], [aria-label="Press enter to send"]');
  const sync = track(el, 'lexical', text, undefined, scope?.querySelector<HTMLElement>('.ms-ph'));
  const update = () => {
    sync();
    const has = text().trim().length > 0;
    button?.setAttribute('aria-label', has ? 'Press enter to send' : 'Send a like');
    button?.querySelector('path')?.setAttribute('d', has ? SEND_ICON : LIKE_ICON);
  };
  editor.registerUpdateListener(update);
  update();
  const entry = editors.get(el);
  if (entry) entry.canSend = () => button?.getAttribute('aria-label') === 'Press enter to send';
}

/** LinkedIn messaging: no editor library; the message is the box's DOM text, read on every input event. */
function mountPlainContentEditable(el: HTMLElement) {
  const form = el.closest('.msg-form');
  // innerText joins the <p> blocks with newlines; execCommand may write no-break spaces, which read as spaces.
  const text = () => el.innerText.replace(/\u00a0/g, ' ').replace(/\n+$/, '');
  const sync = track(
    el,
    'contenteditable',
    text,
    form?.querySelector('.msg-form__send-button'),
    form?.querySelector<HTMLElement>('.msg-form__placeholder'),
  );
  el.addEventListener('input', sync);
  sync();
}

function SwappedCommentField({ label, onText }: { label: string; onText: (t: string) => void }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    if (open) field.current?.focus();
  }, [open]);
  if (!open) {
    return (
      // biome-ignore lint/a11y/useSemanticElements: Instagram renders the placeholder as a div with role=button, as here.
      <div
        className="ig-comment-ph"
        role="button"
        tabIndex={0}
        onMouseDown={(e) => {
          // The placeholder is gone before the browser would focus it: the new textarea takes the focus instead.
          e.preventDefault();
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
      >
        {label}
      </div>
    );
  }
  return (
    <textarea
      ref={field}
      aria-label={label}
      placeholder={label}
      autoComplete="off"
      autoCorrect="off"
      className="x1i0vuye"
      value={value}
      onChange={(e) => {
        setValue(e.target.value);
        onText(e.target.value);
      }}
    />
  );
}

/** Instagram reels: the comment area shows a placeholder; on mousedown or focus React replaces it with a new, focused textarea. */
function mountSwappedCommentField(placeholder: HTMLElement) {
  const label = placeholder.textContent?.trim() || 'Add a comment…';
  const submit = placeholder.closest('form')?.querySelector('.ig-post-btn');
  mountReactField(placeholder, submit, (onText) => <SwappedCommentField label={label} onText={onText} />);
}

for (const el of document.querySelectorAll<HTMLElement>('[data-lexical-editor="true"]')) {
  if (el.closest('[aria-label="Thread composer"]')) mountMessengerLexical(el);
  else mountLexical(el);
}
for (const el of document.querySelectorAll<HTMLElement>('.ql-editor[contenteditable="true"]')) mountQuill(el);
for (const el of document.querySelectorAll<HTMLTextAreaElement>('textarea[aria-label="Add a comment…"]')) mountTextarea(el);
for (const el of document.querySelectorAll<HTMLElement>('.tiptap.ProseMirror[contenteditable="true"]')) mountTiptap(el);
for (const el of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-testid="dm-composer-textarea"]')) mountXChatTextarea(el);
for (const el of document.querySelectorAll<HTMLElement>('.msg-form__contenteditable[contenteditable="true"]'))
  mountPlainContentEditable(el);
for (const el of document.querySelectorAll<HTMLElement>('form .ig-comment-ph')) mountSwappedCommentField(el);

function editorOf(el: Element | null) {
  for (let node = el; node; node = node.parentElement) {
    const found = editors.get(node);
    if (found) return found;
  }
  return undefined;
}

(window as unknown as { __labEditors: unknown }).__labEditors = {
  textOf: (el: Element | null): string | null => editorOf(el)?.text() ?? null,
  /** Whether the site's own send/post button for this editor is enabled; null when the page has none. */
  canSend: (el: Element | null): boolean | null => editorOf(el)?.canSend?.() ?? null,
  kinds: () => [...editors.values()].map((e) => e.kind),
};
