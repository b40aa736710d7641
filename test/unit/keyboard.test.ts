// @vitest-environment jsdom
import { hotkeyMatches, parseHotkey, shortcutAtCaret } from '@/utils/engine/keyboard';
import { rankTemplates } from '@/utils/engine/palette';
import type { Template } from '@/utils/schema';

const t = (id: string, shortcut: string, name: string, body: string): Template => ({ id, shortcut, name, body });
const library = [
  t('1', ';sorry', 'Apology', 'We are sorry about the delay'),
  t('2', ';thanks', 'Thank you', 'Thanks for reaching out'),
  t('3', ';dm', 'Move to DM', 'Please send us a DM with your order number'),
  t('4', ';track', 'Tracking link', 'Here is your tracking link, thanks'),
];

test('palette ranking: shortcut prefix, then shortcut substring, then name, then body', () => {
  expect(rankTemplates(library, ';t').map((x) => x.id)).toEqual(['2', '4']);
  expect(rankTemplates(library, 'ra').map((x) => x.id)).toEqual(['4']);
  expect(rankTemplates(library, 'thank').map((x) => x.id)).toEqual(['2', '4']);
  expect(rankTemplates(library, 'order').map((x) => x.id)).toEqual(['3']);
  expect(rankTemplates(library, 'DM').map((x) => x.id)).toEqual(['3']);
  expect(rankTemplates(library, '  ').map((x) => x.id)).toEqual(['1', '2', '3', '4']);
  expect(rankTemplates(library, 'zzz')).toEqual([]);
});

test('hotkeys: Ctrl means ⌘ on macOS', () => {
  const pc = parseHotkey('Ctrl+Shift+Space', false);
  expect(pc).toEqual({ ctrl: true, meta: false, shift: true, alt: false, code: 'Space' });
  expect(parseHotkey('Ctrl+Shift+Space', true)).toMatchObject({ ctrl: false, meta: true });
  const event = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);
  expect(hotkeyMatches(pc, event({ code: 'Space', ctrlKey: true, shiftKey: true }))).toBe(true);
  expect(hotkeyMatches(pc, event({ code: 'Space', ctrlKey: true }))).toBe(false);
  expect(hotkeyMatches(pc, event({ code: 'Space', ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
  expect(parseHotkey('Alt+Shift+k', false).code).toBe('KeyK');
});

test('the word before the caret in a textarea selects a template and its span', () => {
  const area = document.createElement('textarea');
  document.body.append(area);
  area.value = 'Hello ;thanks';
  area.setSelectionRange(13, 13);
  expect(shortcutAtCaret(area, library)).toEqual({ template: library[1], target: { kind: 'field', start: 6, end: 13 } });
  area.setSelectionRange(5, 5);
  expect(shortcutAtCaret(area, library)).toBeNull();
  area.value = 'x;thanks';
  area.setSelectionRange(8, 8);
  expect(shortcutAtCaret(area, library)).toBeNull();
});

test('the word before the caret in a contenteditable gives a range over exactly the shortcut', () => {
  const editor = document.createElement('div');
  editor.contentEditable = 'true';
  editor.innerHTML = '<div><span>Hi there ;dm</span></div>';
  document.body.append(editor);
  const text = editor.querySelector('span')?.firstChild as Text;
  const selection = document.getSelection();
  selection?.removeAllRanges();
  const caret = document.createRange();
  caret.setStart(text, text.length);
  selection?.addRange(caret);
  const hit = shortcutAtCaret(editor, library);
  expect(hit?.template.id).toBe('3');
  expect(hit?.target.kind === 'range' && hit.target.range.toString()).toBe(';dm');
});
