// @vitest-environment jsdom
import { confirmTwice, hotkeyMatches, parseHotkey, shortcutAtCaret } from '@/utils/engine/keyboard';
import { openPalette, rankTemplates } from '@/utils/engine/palette';
import type { Template } from '@/utils/schema';
import { renderTemplate } from '@/utils/templates';

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

test('an over-long reply inserts on a second request for the same composer and template within the window', () => {
  let now = 1000;
  const again = confirmTwice(5000, () => now);
  const a = document.createElement('div');
  const b = document.createElement('div');
  expect(again(a, 't1')).toBe(false);
  now += 4999;
  expect(again(a, 't1')).toBe(true);
  // Confirmed once: the next over-long expansion asks again.
  expect(again(a, 't1')).toBe(false);
  expect(again(a, 't2')).toBe(false);
  expect(again(b, 't2')).toBe(false);
  expect(again(b, 't2')).toBe(true);
  expect(again(a, 't1')).toBe(false);
  now += 5000;
  expect(again(a, 't1')).toBe(false);
  expect(again(a, 't1')).toBe(true);
});

test('the palette counts the highlighted reply for the platform and asks before inserting an over-long one', () => {
  Element.prototype.scrollIntoView ??= () => {};
  const long = t('5', ';long', 'Long', `Hi {{customer.firstName}}! ${'日本'.repeat(70)}`);
  const anchor = document.createElement('div');
  document.body.append(anchor);
  const chosen: string[] = [];
  openPalette({
    anchor,
    templates: [library[1] as Template, long],
    platform: 'x',
    render: (x) => renderTemplate(x.body, { 'customer.firstName': 'Maya' }),
    onChoose: (x) => chosen.push(x.id),
    onClose: () => {},
  });
  const root = document.body.lastElementChild?.shadowRoot;
  const input = root?.querySelector('input') as HTMLInputElement;
  const meter = () => root?.querySelector('[data-replyline-length]');
  const key = (k: string) => input.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  expect(meter()?.textContent).toBe('23 / 280');
  expect(meter()?.getAttribute('data-replyline-length')).toBe('23');
  expect(meter()?.getAttribute('aria-live')).toBe('polite');
  key('ArrowDown');
  // "Hi Maya! " is 9, then 140 CJK characters at 2 each: 289.
  expect(meter()?.textContent).toBe('289 / 280 · 9 over the X limit');
  expect(meter()?.className).toBe('length over');
  key('Enter');
  expect(chosen).toEqual([]);
  expect(meter()?.textContent).toBe('This reply is 289 / 280 characters on X: press Enter again to insert it anyway');
  // Moving away and back asks again.
  key('ArrowUp');
  key('ArrowDown');
  key('Enter');
  expect(chosen).toEqual([]);
  key('Enter');
  expect(chosen).toEqual(['5']);
  expect(root?.host.isConnected).toBe(false);
});

test('palette ranking: within the same match, and with no query, the most used then most recently used first', () => {
  const used = [
    { ...t('1', ';sorry', 'Apology', 'We are sorry about the delay'), usageCount: 2, lastUsedAt: '2026-07-01T10:00:00.000Z' },
    { ...t('2', ';thanks', 'Thank you', 'Thanks for reaching out'), usageCount: 9 },
    { ...t('3', ';track', 'Tracking link', 'Here is your tracking link, thanks'), usageCount: 2, lastUsedAt: '2026-07-02T10:00:00.000Z' },
    t('4', ';dm', 'Move to DM', 'Please send us a DM'),
  ];
  expect(rankTemplates(used, '').map((x) => x.id)).toEqual(['2', '3', '1', '4']);
  // Match quality still comes first: a shortcut prefix beats a more used body match.
  expect(rankTemplates(used, ';t').map((x) => x.id)).toEqual(['2', '3']);
  expect(rankTemplates(used, 'thank').map((x) => x.id)).toEqual(['2', '3']);
});

test.each([
  ['Ctrl+Shift+Space', { ctrl: true, shift: true, code: 'Space' }],
  ['Control+Alt+1', { ctrl: true, alt: true, code: 'Digit1' }],
  ['Ctrl+Shift+Period', { ctrl: true, shift: true, code: 'Period' }],
  ['Ctrl+.', { ctrl: true, code: 'Period' }],
  ['Option+Shift+Enter', { alt: true, shift: true, code: 'Enter' }],
  ['Command+K', { meta: true, code: 'KeyK' }],
  ['Ctrl+F2', { ctrl: true, code: 'F2' }],
])('parseHotkey(%s) on a PC', (spec, expected) => {
  expect(parseHotkey(spec, false)).toEqual({ ctrl: false, meta: false, shift: false, alt: false, ...expected });
});
