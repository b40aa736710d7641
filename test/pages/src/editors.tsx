// Real editor packages mounted where the local site pages show a composer, so the extension's
// insertion is checked against each editor's OWN model, as on the live sites:
//   Facebook comment box, Instagram DM box → Lexical (+ rich text)
//   Instagram comment box                 → React 19 controlled <textarea>
//   LinkedIn SDUI comment boxes            → TipTap (ProseMirror) with the starter kit
//   LinkedIn legacy (Ember) comment boxes  → Quill
// window.__labEditors.textOf(el) returns the model text of the editor that contains `el`.

import { registerRichText } from '@lexical/rich-text';
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { $getRoot, createEditor } from 'lexical';
import Quill from 'quill';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

type Reader = () => string;
const editors = new Map<Element, { kind: string; text: Reader }>();

/** Enables the composer's own submit while the model holds text, as the sites do. */
function track(root: Element, kind: string, text: Reader, submit: Element | null | undefined, placeholder?: HTMLElement | null) {
  editors.set(root, { kind, text });
  return () => {
    const has = text().trim().length > 0;
    if (placeholder) placeholder.style.display = has ? 'none' : '';
    if (!submit) return;
    if (submit instanceof HTMLButtonElement) submit.disabled = !has;
    submit.setAttribute('aria-disabled', String(!has));
  };
}

function mountLexical(el: HTMLElement) {
  const editor = createEditor({ namespace: 'lab', onError: (e) => console.error(e) });
  registerRichText(editor);
  for (const child of [...el.childNodes]) child.remove();
  editor.setRootElement(el);
  const text = () => editor.getEditorState().read(() => $getRoot().getTextContent());
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

function mountTextarea(old: HTMLTextAreaElement) {
  const attrs: Record<string, string> = {};
  for (const a of old.attributes)
    attrs[
      a.name === 'class' ? 'className' : a.name === 'autocomplete' ? 'autoComplete' : a.name === 'autocorrect' ? 'autoCorrect' : a.name
    ] = a.value;
  const host = document.createElement('span');
  host.style.display = 'contents';
  old.replaceWith(host);
  let current = '';
  const submit = host.closest('form')?.querySelector('.ig-post-btn');
  createRoot(host).render(
    <ControlledTextarea
      attrs={attrs}
      onText={(t) => {
        current = t;
        sync();
      }}
    />,
  );
  const sync = track(host, 'textarea', () => current, submit);
  sync();
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

for (const el of document.querySelectorAll<HTMLElement>('[data-lexical-editor="true"]')) mountLexical(el);
for (const el of document.querySelectorAll<HTMLElement>('.ql-editor[contenteditable="true"]')) mountQuill(el);
for (const el of document.querySelectorAll<HTMLTextAreaElement>('textarea[aria-label="Add a comment…"]')) mountTextarea(el);
for (const el of document.querySelectorAll<HTMLElement>('.tiptap.ProseMirror[contenteditable="true"]')) mountTiptap(el);

(window as unknown as { __labEditors: unknown }).__labEditors = {
  textOf(el: Element | null): string | null {
    for (let node = el; node; node = node.parentElement) {
      const found = editors.get(node);
      if (found) return found.text();
    }
    return null;
  },
  kinds: () => [...editors.values()].map((e) => e.kind),
};
