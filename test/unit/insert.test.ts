// @vitest-environment jsdom
import { insertText } from '@/utils/engine/insert';

/**
 * An editor that, like Draft.js, Lexical and ProseMirror, keeps its own copy of the selection and
 * takes it only in a `selectionchange` listener; it inserts over that copy (jsdom never dispatches
 * `selectionchange` by itself, so only an announced change reaches it). `syncLater` models editors
 * that take the selection a task after the event (Quill).
 */
/** The editors' document listeners, removed after each test so no editor outlives its test. */
let listeners = new AbortController();

function fakeEditor(rootClass: string, text: string, syncLater = false) {
  const root = document.createElement('div');
  root.className = rootClass;
  const el = document.createElement('div');
  el.contentEditable = 'true';
  el.textContent = text;
  root.append(el);
  document.body.replaceChildren(root);
  const node = el.firstChild as Text;
  let model = { start: text.length, end: text.length };
  const take = () => {
    const range = document.getSelection()?.rangeCount ? document.getSelection()?.getRangeAt(0) : null;
    if (range && el.contains(range.startContainer)) model = { start: range.startOffset, end: range.endOffset };
  };
  const log: string[] = [];
  document.addEventListener('selectionchange', () => (syncLater ? setTimeout(take, 0) : take()), { signal: listeners.signal });
  el.addEventListener('beforeinput', (e) => {
    log.push('input');
    const data = (e as InputEvent).data ?? '';
    node.data = node.data.slice(0, model.start) + data + node.data.slice(model.end);
    model = { start: model.start + data.length, end: model.start + data.length };
  });
  const shortcut = (word: string) => {
    const range = document.createRange();
    const at = node.data.indexOf(word);
    range.setStart(node, at);
    range.setEnd(node, at + word.length);
    return range;
  };
  return { el, log, shortcut };
}

afterEach(() => {
  document.body.replaceChildren();
  listeners.abort();
  listeners = new AbortController();
});

test.each([
  'DraftEditor-root',
  'ProseMirror',
])('a %s editor takes the shortcut range in the same task, so the template replaces it', async (rootClass) => {
  const { el, log, shortcut } = fakeEditor(rootClass, 'Hi ;thanks');
  setTimeout(() => log.push('next task'), 0);
  const result = await insertText(el, 'Thanks a lot', {
    techniques: ['before-input'],
    target: { kind: 'range', range: shortcut(';thanks') },
    timeoutMs: 100,
  });
  expect(result).toEqual({ ok: true, technique: 'before-input', start: 3 });
  expect(el.textContent).toBe('Hi Thanks a lot');
  expect(log.slice(0, 2)).toEqual(['input', 'next task']);
});

test('an editor that syncs its selection later gets a task before the insertion, and replaces the shortcut too', async () => {
  const { el, log, shortcut } = fakeEditor('ql-editor', 'Hi ;thanks', true);
  const range = shortcut(';thanks');
  // What the browser does after the engine selects the range (jsdom does not).
  document.getSelection()?.addRange(range);
  document.dispatchEvent(new Event('selectionchange'));
  setTimeout(() => log.push('next task'), 0);
  const result = await insertText(el, 'Thanks a lot', { techniques: ['before-input'], target: { kind: 'range', range }, timeoutMs: 100 });
  expect(result.ok).toBe(true);
  expect(el.textContent).toBe('Hi Thanks a lot');
  expect(log.slice(0, 2)).toEqual(['next task', 'input']);
});
