// Insertion into a site's own editor. One technique per attempt, then verify against what the
// editor shows; move to the next technique only when the first left the editor unchanged (a
// same-tick fallback doubles the text). Techniques per editor come from the site's adapter.
import type { EditorKind, InsertTechnique } from '@/utils/sites/types';

export function detectEditor(el: Element): EditorKind {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return 'textarea';
  if (el.closest('[data-lexical-editor]')) return 'lexical';
  if (el.closest('.DraftEditor-root') || el.querySelector('[data-contents]')) return 'draft';
  if (el.closest('.ProseMirror')) return 'prosemirror';
  if (el.closest('.ql-editor')) return 'quill';
  return 'contenteditable';
}

const isField = (el: Element): el is HTMLTextAreaElement | HTMLInputElement =>
  el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

/** The editor's text as the user sees it, blocks joined by newlines. */
export function editorText(el: Element): string {
  if (isField(el)) return el.value;
  if (el instanceof HTMLElement) return el.innerText ?? el.textContent ?? '';
  return el.textContent ?? '';
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Enough to tell whether the editor changed, without innerText's layout (forced on a page just typed in). */
const snapshot = (el: Element) => (isField(el) ? el.value : (el.textContent ?? ''));

/** A span of the editor's text to replace: a DOM range, or offsets in a text field. */
export type Target = { kind: 'range'; range: Range } | { kind: 'field'; start: number; end: number } | { kind: 'caret' };

/** Asks the page-world bridge (entrypoints/paste-bridge.content.ts) to paste, on Firefox. */
export const PASTE_BRIDGE_EVENT = 'replyline:paste';

const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));
/**
 * Editors whose own `selectionchange` listener takes the DOM selection at once: Draft.js (React's
 * onSelect), Lexical and ProseMirror. Chromium dispatches that event only after the next frame
 * (measured 2026-11-24: 7–21 ms after the Tab key press, BENCHMARKS.md fix 18), so these editors
 * are told of the new range in this task and the insertion lands before that frame. Other editors
 * get a task to take the selection their own way.
 */
const SYNCS_ON_SELECTIONCHANGE: ReadonlySet<EditorKind> = new Set(['draft', 'lexical', 'prosemirror']);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function select(el: Element, target: Target) {
  (el as HTMLElement).focus({ preventScroll: true });
  if (target.kind === 'field' && isField(el)) el.setSelectionRange(target.start, target.end);
  if (target.kind === 'range') {
    const selection = el.ownerDocument.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(target.range);
  }
}

function run(technique: InsertTechnique, el: Element, text: string): void {
  const doc = el.ownerDocument;
  const active = (
    isField(el) ? el : (doc.getSelection()?.anchorNode?.parentElement?.closest('[contenteditable="true"]') ?? el)
  ) as HTMLElement;
  switch (technique) {
    case 'paste': {
      if (import.meta.env.FIREFOX) {
        window.dispatchEvent(new CustomEvent(PASTE_BRIDGE_EVENT, { detail: text }));
        return;
      }
      const data = new DataTransfer();
      data.setData('text/plain', text);
      active.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      return;
    }
    case 'exec-command':
      doc.execCommand('insertText', false, text);
      return;
    case 'before-input':
      active.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertText', data: text, bubbles: true, cancelable: true }));
      return;
    case 'native-setter': {
      if (!isField(el)) return;
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
      const start = el.selectionStart ?? el.value.length;
      const end = el.selectionEnd ?? start;
      // The prototype setter updates React's value tracker, so its onChange sees the change.
      setter?.call(el, el.value.slice(0, start) + text + el.value.slice(end));
      el.setSelectionRange(start + text.length, start + text.length);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      return;
    }
  }
}

export interface InsertOptions {
  techniques: readonly InsertTechnique[];
  target: Target;
  /** The composer's submit, to confirm the site registered the text (it becomes enabled). */
  submit?: () => Element | null;
  timeoutMs?: number;
}

export type InsertResult = { ok: true; technique: InsertTechnique; start: number } | { ok: false; reason: string };

/** Offset of the target's start in the editor's text, before insertion. */
function startOffset(el: Element, target: Target): number {
  if (target.kind === 'field') return target.start;
  if (isField(el)) return el.selectionStart ?? el.value.length;
  const selection = el.ownerDocument.getSelection();
  const range = target.kind === 'range' ? target.range : selection?.rangeCount ? selection.getRangeAt(0) : null;
  if (!range) return editorText(el).length;
  const before = el.ownerDocument.createRange();
  before.selectNodeContents(el);
  before.setEnd(range.startContainer, range.startOffset);
  return before.toString().length;
}

export async function insertText(el: Element, text: string, options: InsertOptions): Promise<InsertResult> {
  const wanted = squash(text);
  const start = startOffset(el, options.target);
  const announce = SYNCS_ON_SELECTIONCHANGE.has(detectEditor(el));
  for (const technique of options.techniques) {
    const before = snapshot(el);
    select(el, options.target);
    if (announce) el.ownerDocument.dispatchEvent(new Event('selectionchange'));
    else if (!isField(el)) await macrotask();
    run(technique, el, text);
    const deadline = Date.now() + (options.timeoutMs ?? 1500);
    while (Date.now() < deadline) {
      await sleep(30);
      const now = squash(editorText(el));
      const submit = options.submit?.();
      const enabled = !submit || (!submit.hasAttribute('disabled') && submit.getAttribute('aria-disabled') !== 'true');
      if (now.includes(wanted) && enabled) return { ok: true, technique, start };
    }
    if (snapshot(el) !== before) return { ok: false, reason: `the editor changed but does not hold the text (${technique})` };
  }
  return { ok: false, reason: 'the editor did not accept the text' };
}

/** Moves the caret (or selects a placeholder) at text offsets of the editor's content. */
export function placeCaret(el: Element, start: number, end: number): void {
  if (isField(el)) {
    el.focus();
    el.setSelectionRange(start, end);
    return;
  }
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const locate = (offset: number): [Node, number] | null => {
    let remaining = offset;
    walker.currentNode = el;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      if (remaining <= length) return [node, remaining];
      remaining -= length;
    }
    return null;
  };
  const a = locate(start);
  const b = locate(end);
  if (!a || !b) return;
  const range = doc.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  const selection = doc.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}
