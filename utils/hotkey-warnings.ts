// Warnings for a palette shortcut before it is saved (contract C6, options → You). They never block
// saving: a user may really want Alt+S. "Ctrl" means ⌘ on a Mac, so collisions are checked for both.
import { hotkeyMatches, parseHotkey } from '@/utils/engine/keyboard';

interface Combo {
  primary: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
  /** As shown: "K", "1", "Space", "Period". */
  key: string;
  /** The KeyboardEvent.code the key sends. */
  code: string;
}

// Key names a spec may use (any case), as [shown, KeyboardEvent.code].
const NAMED = new Map<string, [string, string]>();
for (const code of [
  'Space',
  'Enter',
  'Tab',
  'Escape',
  'Backspace',
  'Delete',
  'Insert',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Period',
  'Comma',
  'Slash',
  'Backslash',
  'Minus',
  'Equal',
  'Semicolon',
  'Quote',
  'Backquote',
  'BracketLeft',
  'BracketRight',
  ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
])
  NAMED.set(code.toLowerCase(), [code, code]);
const ALIASES: Record<string, string> = {
  esc: 'escape',
  del: 'delete',
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
  '.': 'period',
  ',': 'comma',
  '/': 'slash',
  '\\': 'backslash',
  '-': 'minus',
  '=': 'equal',
  ';': 'semicolon',
  "'": 'quote',
  '`': 'backquote',
  '[': 'bracketleft',
  ']': 'bracketright',
};

const NOT_UNDERSTOOD = 'Not a shortcut Replyline understands';

function parseCombo(spec: string): Combo | string {
  const parts = spec.split('+').map((p) => p.trim());
  if (!spec.trim()) return 'it is empty';
  if (parts.some((p) => !p)) return 'it has an empty part (a "+" key cannot be used)';
  const combo: Combo = { primary: false, meta: false, alt: false, shift: false, key: '', code: '' };
  for (const part of parts.slice(0, -1)) {
    const mod = part.toLowerCase();
    if (mod === 'ctrl') combo.primary = true;
    else if (mod === 'cmd' || mod === 'meta') combo.meta = true;
    else if (mod === 'alt') combo.alt = true;
    else if (mod === 'shift') combo.shift = true;
    else return `"${part}" is not a modifier (use Ctrl, Alt, Shift or Cmd)`;
  }
  const last = parts[parts.length - 1] ?? '';
  const name = last.toLowerCase();
  if (['ctrl', 'cmd', 'meta', 'alt', 'shift'].includes(name)) return 'it has no key after the modifiers';
  if (/^[a-z]$/.test(name)) return { ...combo, key: name.toUpperCase(), code: `Key${name.toUpperCase()}` };
  if (/^\d$/.test(name)) return { ...combo, key: name, code: `Digit${name}` };
  const named = NAMED.get(ALIASES[name] ?? name);
  if (!named) return `"${last}" is not a key name (use a letter, a digit, Space, Enter, Period, F1–F12…)`;
  return { ...combo, key: named[0], code: named[1] };
}

const show = (c: Combo) => [c.primary && 'Ctrl', c.meta && 'Cmd', c.alt && 'Alt', c.shift && 'Shift', c.key].filter(Boolean).join('+');

// Browser shortcuts a page never receives: the palette would never open.
const RESERVED: Record<string, string> = {
  'Ctrl+T': 'opens a new tab',
  'Ctrl+W': 'closes the tab',
  'Ctrl+N': 'opens a new window',
  'Ctrl+Shift+N': 'opens an incognito window',
  'Ctrl+Shift+T': 'reopens the last closed tab',
  'Ctrl+Shift+W': 'closes the window',
  'Ctrl+Tab': 'switches to the next tab',
  'Ctrl+Shift+Tab': 'switches to the previous tab',
  'Ctrl+Q': 'quits the browser on a Mac',
  'Ctrl+PageUp': 'switches to the previous tab',
  'Ctrl+PageDown': 'switches to the next tab',
};
// Browser and editing shortcuts the page sees first: Replyline would take them over in reply boxes.
const BROWSER: Record<string, string> = {
  'Ctrl+L': 'focuses the address bar',
  'Ctrl+R': 'reloads the page',
  'Ctrl+Shift+R': 'reloads the page without its cache',
  'Ctrl+Shift+I': 'opens the developer tools',
  'Ctrl+Shift+J': 'opens the console',
  'Ctrl+Shift+C': 'inspects an element',
  'Ctrl+Shift+K': 'opens the web console in Firefox',
  'Ctrl+Shift+Delete': 'clears browsing data',
  'Ctrl+Shift+B': 'shows the bookmarks bar',
  'Ctrl+Shift+O': 'opens the bookmarks',
  'Ctrl+Shift+A': 'searches your tabs',
  'Ctrl+D': 'bookmarks the page',
  'Ctrl+E': 'searches from the address bar',
  'Ctrl+F': 'finds in the page',
  'Ctrl+G': 'finds the next match',
  'Ctrl+H': 'opens the history',
  'Ctrl+J': 'opens the downloads',
  'Ctrl+P': 'prints the page',
  'Ctrl+S': 'saves the page',
  'Ctrl+U': 'shows the page source',
  'Ctrl+Space': 'opens Spotlight on a Mac (⌘Space) and switches the input language on some systems',
  'Alt+ArrowLeft': 'goes back',
  'Alt+ArrowRight': 'goes forward',
  'Alt+Home': 'opens the home page',
  'Ctrl+A': 'selects all text',
  'Ctrl+C': 'copies',
  'Ctrl+V': 'pastes',
  'Ctrl+X': 'cuts',
  'Ctrl+Z': 'undoes',
  'Ctrl+Y': 'redoes',
  'Ctrl+Shift+Z': 'redoes',
  'Ctrl+Shift+V': 'pastes as plain text',
  'Ctrl+Backspace': 'deletes the previous word',
  'Ctrl+ArrowLeft': 'moves a word back',
  'Ctrl+ArrowRight': 'moves a word forward',
};
for (let d = 1; d <= 9; d++) BROWSER[`Ctrl+${d}`] = `switches to tab ${d}`;
// What the sites' reply boxes do with them.
const COMPOSER: Record<string, string> = {
  'Ctrl+Enter': 'sends the reply on X, Facebook and LinkedIn',
  'Ctrl+B': 'makes text bold in the LinkedIn and Facebook editors',
  'Ctrl+I': 'makes text italic in the LinkedIn and Facebook editors',
  'Ctrl+K': 'adds a link in the LinkedIn editor (and searches from the address bar)',
};
// Replyline's own global commands (manifest `commands`).
const OWN: Record<string, string> = {
  'Ctrl+Shift+Y': 'opens the backlog popup',
  'Ctrl+Shift+Period': 'goes to the next most urgent item',
};

// What Alt (Option on a Mac, AltGr = Ctrl+Alt on Windows) types with a letter on a Polish keyboard.
const POLISH: Record<string, string> = { A: 'ą', C: 'ć', E: 'ę', L: 'ł', N: 'ń', O: 'ó', S: 'ś', X: 'ź', Z: 'ż' };

/**
 * Warnings for an in-page shortcut such as "Ctrl+Shift+Space"; empty when nothing is wrong with it.
 * `what` it opens (the palette, the customer history panel); `taken`: Replyline's other in-page
 * shortcuts, spec → what they do.
 */
export function hotkeyWarnings(spec: string, what = 'the palette', taken: Record<string, string> = {}): string[] {
  const combo = parseCombo(spec);
  if (typeof combo === 'string') return [`${NOT_UNDERSTOOD}: "${spec.trim()}" (${combo}).`];
  const warnings: string[] = [];
  const shown = show(combo);
  // Whatever the engine cannot match (today: named keys and digits) would never open the palette.
  const event = { code: combo.code, ctrlKey: combo.primary, metaKey: combo.meta, altKey: combo.alt, shiftKey: combo.shift };
  if (!hotkeyMatches(parseHotkey(spec, false), event as KeyboardEvent)) {
    warnings.push(`${NOT_UNDERSTOOD}: "${spec.trim()}" (${what} does not react to ${combo.key} yet; use a letter or Space).`);
  }
  if (!combo.primary && !combo.meta && !combo.alt && !/^F\d+$/.test(combo.key)) {
    warnings.push(`${shown} has no Ctrl/⌘ or Alt: typing it in a reply box would open ${what} instead.`);
  }
  if (combo.meta) {
    warnings.push('Cmd is the Windows key outside a Mac, where the system keeps most combinations: write Ctrl, which means ⌘ on a Mac.');
  }
  if (combo.alt && !combo.shift && /^[A-Z0-9]$/.test(combo.key)) {
    const example = POLISH[combo.key]
      ? `${POLISH[combo.key]} on a Polish keyboard`
      : 'characters such as ą ł ś on Polish and other layouts';
    warnings.push(
      combo.primary
        ? `Ctrl+Alt is AltGr on Windows: ${shown} types ${example}, which you could no longer type in a reply box. Add Shift.`
        : `Alt (Option on a Mac) with a letter or digit types ${example}, which you could no longer type in a reply box. Add Shift.`,
    );
  }
  // Collisions: ⌘ on a Mac stands where Ctrl does elsewhere.
  const key = show({ ...combo, primary: combo.primary || combo.meta, meta: false });
  if (RESERVED[key]) warnings.push(`${key} ${RESERVED[key]}: the browser keeps it, so ${what} would never open.`);
  if (BROWSER[key]) warnings.push(`${key} ${BROWSER[key]}: Replyline would take that over while a reply box has focus.`);
  if (COMPOSER[key]) warnings.push(`${key} ${COMPOSER[key]}: Replyline would take that over in their reply boxes.`);
  if (OWN[key]) warnings.push(`${key} is Replyline's own command that ${OWN[key]}: ${what} would never see it.`);
  for (const [other, does] of Object.entries(taken)) {
    const used = parseCombo(other);
    if (typeof used !== 'string' && show({ ...used, primary: used.primary || used.meta, meta: false }) === key) {
      warnings.push(`${key} already ${does}: choose another key.`);
    }
  }
  return warnings;
}

/**
 * The spec a key press records ("Ctrl+Shift+K"), or undefined while only modifiers are down. On a
 * Mac ⌘ is written Ctrl (the engine reads it back as ⌘) and Control alone cannot be written.
 */
export function hotkeySpecFromEvent(
  e: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  mac: boolean,
): string | undefined {
  if (!e.code || /^(Control|Shift|Alt|Meta|OS)(Left|Right)?$/.test(e.code)) return undefined;
  const key = /^Key([A-Z])$/.exec(e.code)?.[1] ?? /^Digit(\d)$/.exec(e.code)?.[1] ?? e.code;
  const primary = mac ? e.metaKey : e.ctrlKey;
  const meta = mac ? false : e.metaKey;
  return [primary && 'Ctrl', meta && 'Cmd', e.altKey && 'Alt', e.shiftKey && 'Shift', key].filter(Boolean).join('+');
}
