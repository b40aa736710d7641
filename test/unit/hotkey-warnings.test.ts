import { hotkeySpecFromEvent, hotkeyWarnings } from '@/utils/hotkey-warnings';

// [spec, fragments each expected in one warning]: [] means no warnings at all.
test.each<[string, string[]]>([
  ['Ctrl+Shift+Space', []],
  ['ctrl+shift+space', []],
  [' Ctrl + Shift + P ', []],
  ['Alt+Shift+R', []],
  ['Ctrl+Alt+Shift+R', []],
  ['F2', []],
  // No Ctrl/⌘ or Alt: typing would trigger it.
  ['K', ['K has no Ctrl/⌘ or Alt']],
  ['Shift+K', ['Shift+K has no Ctrl/⌘ or Alt']],
  ['Space', ['Space has no Ctrl/⌘ or Alt']],
  // Alt / AltGr + a letter or digit without Shift types characters.
  ['Alt+S', ['types ś on a Polish keyboard', 'Option on a Mac']],
  ['alt+l', ['types ł on a Polish keyboard']],
  ['Alt+Q', ['characters such as ą ł ś']],
  ['Ctrl+Alt+A', ['Ctrl+Alt is AltGr on Windows: Ctrl+Alt+A types ą']],
  // Browser shortcuts the page never sees.
  ['Ctrl+T', ['Ctrl+T opens a new tab: the browser keeps it']],
  ['Ctrl+W', ['Ctrl+W closes the tab']],
  ['Ctrl+N', ['Ctrl+N opens a new window']],
  ['Ctrl+Shift+N', ['opens an incognito window']],
  ['Shift+Ctrl+T', ['Ctrl+Shift+T reopens the last closed tab']],
  ['Cmd+T', ['Ctrl+T opens a new tab', 'Cmd is the Windows key']],
  // Browser shortcuts Replyline would take over.
  ['Ctrl+L', ['Ctrl+L focuses the address bar: Replyline would take that over']],
  ['Ctrl+R', ['reloads the page']],
  ['Ctrl+Shift+I', ['developer tools']],
  ['Ctrl+Shift+J', ['opens the console']],
  ['Ctrl+Shift+C', ['inspects an element']],
  ['Ctrl+V', ['pastes']],
  // Composer shortcuts on the sites.
  ['Ctrl+B', ['bold in the LinkedIn and Facebook editors']],
  ['Ctrl+I', ['italic']],
  ['Ctrl+K', ['adds a link in the LinkedIn editor']],
  // Replyline's own global commands.
  ['Ctrl+Shift+Y', ["Replyline's own command that opens the backlog popup"]],
  ['Ctrl+Tab', ['switches to the next tab']],
  ['Ctrl+Enter', ['sends the reply on X, Facebook and LinkedIn']],
  ['Ctrl+Shift+Period', ['goes to the next most urgent item']],
  ['Ctrl+Shift+.', ['Ctrl+Shift+Period is Replyline']],
  ['Ctrl+Shift+Delete', ['clears browsing data']],
  // Unparseable.
  ['', ['Not a shortcut Replyline understands: "" (it is empty)']],
  ['Ctrl+Shift', ['Not a shortcut Replyline understands: "Ctrl+Shift" (it has no key after the modifiers)']],
  ['Control+K', ['"Control" is not a modifier']],
  ['Ctrl+Foo', ['"Foo" is not a key name']],
  ['Ctrl++', ['it has an empty part']],
  ['Ctrl+A+B', ['"A" is not a modifier']],
])('%j', (spec, expected) => {
  const warnings = hotkeyWarnings(spec);
  if (!expected.length) expect(warnings).toEqual([]);
  for (const fragment of expected)
    expect(
      warnings.some((w) => w.includes(fragment)),
      `${fragment} in ${JSON.stringify(warnings)}`,
    ).toBe(true);
});

test('a function key alone is not something one types', () => {
  expect(hotkeyWarnings('F2').some((w) => w.includes('has no Ctrl'))).toBe(false);
});

test('an unparseable spec gets only the "not understood" warning', () => {
  expect(hotkeyWarnings('Hyper+K')).toEqual([
    'Not a shortcut Replyline understands: "Hyper+K" ("Hyper" is not a modifier (use Ctrl, Alt, Shift or Cmd)).',
  ]);
});

test('a digit is understood; Ctrl+1 still collides with the browser', () => {
  const warnings = hotkeyWarnings('Ctrl+1');
  expect(warnings.filter((w) => w.startsWith('Not a shortcut'))).toHaveLength(0);
  expect(warnings.some((w) => w.includes('switches to tab 1'))).toBe(true);
});

const key = (code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

test.each<[ReturnType<typeof key>, boolean, string | undefined]>([
  [key('KeyK', { ctrlKey: true, shiftKey: true }), false, 'Ctrl+Shift+K'],
  [key('KeyK', { metaKey: true, shiftKey: true }), true, 'Ctrl+Shift+K'],
  [key('KeyK', { metaKey: true }), false, 'Cmd+K'],
  [key('Digit3', { altKey: true }), false, 'Alt+3'],
  [key('Space', { ctrlKey: true, altKey: true }), false, 'Ctrl+Alt+Space'],
  [key('Period', { ctrlKey: true, shiftKey: true }), false, 'Ctrl+Shift+Period'],
  [key('ShiftLeft', { shiftKey: true }), false, undefined],
  [key('ControlRight', { ctrlKey: true }), false, undefined],
  [key('MetaLeft', { metaKey: true }), true, undefined],
])('records %j (mac: %s) as %s', (event, mac, spec) => {
  expect(hotkeySpecFromEvent(event, mac)).toBe(spec);
});

test('every recorded letter combination with Ctrl+Shift round-trips without "not understood"', () => {
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    const spec = hotkeySpecFromEvent(key(`Key${letter}`, { ctrlKey: true, shiftKey: true }), false) ?? '';
    expect(hotkeyWarnings(spec).filter((w) => w.startsWith('Not a shortcut'))).toEqual([]);
  }
});
