// The in-page keyboard layer (contract C6): shortcut + Tab expands a template in place, the
// palette hotkey opens the picker, Tab / Shift+Tab walk the template's caret stops. Only trusted
// key events count, and never while an IME is composing.
import type { ItemView } from '@/utils/backlog';
import type { HealthMeter } from '@/utils/engine/health-meter';
import { detectEditor, insertText, placeCaret, type Target } from '@/utils/engine/insert';
import { showNotice } from '@/utils/engine/overlay';
import { openPalette } from '@/utils/engine/palette';
import { detectLanguage } from '@/utils/language';
import { type PageContextResponse, send } from '@/utils/protocol';
import type { Template } from '@/utils/schema';
import { type CapturedItem, type ItemKey, PLATFORM_NAMES } from '@/utils/schema-core';
import type { PageContext, SiteAdapter } from '@/utils/sites/types';
import { bodyFor, firstNameOf, renderTemplate, type TemplateValues, templateOrderFor, templatesFor } from '@/utils/templates';
import { overLimitWarning, replyLength } from '@/utils/text-length';

export interface KeyboardEnv {
  adapter: SiteAdapter;
  config: PageContextResponse;
  pageContext: () => PageContext;
  views: Map<ItemKey, ItemView>;
  captured: Map<ItemKey, CapturedItem>;
  /** Counted as adapter health and shown in the popup and options. */
  health: Pick<HealthMeter, 'count' | 'fail' | 'flush'>;
}

export interface Hotkey {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
  code: string;
}

/** "Ctrl+Shift+Space" → a hotkey; on macOS Ctrl means ⌘ (contract C6). */
/** Key names as people write them → KeyboardEvent.code (layout-independent, so Ctrl+Shift+Space works on AZERTY). */
const NAMED_CODES: Record<string, string> = {
  space: 'Space',
  enter: 'Enter',
  return: 'Enter',
  tab: 'Tab',
  escape: 'Escape',
  esc: 'Escape',
  period: 'Period',
  '.': 'Period',
  comma: 'Comma',
  ',': 'Comma',
  slash: 'Slash',
  '/': 'Slash',
  semicolon: 'Semicolon',
  ';': 'Semicolon',
  quote: 'Quote',
  backquote: 'Backquote',
  '`': 'Backquote',
  minus: 'Minus',
  '-': 'Minus',
  equal: 'Equal',
  '=': 'Equal',
  bracketleft: 'BracketLeft',
  '[': 'BracketLeft',
  bracketright: 'BracketRight',
  ']': 'BracketRight',
  backslash: 'Backslash',
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
};

export function parseHotkey(spec: string, mac = /Mac|iPhone|iPad/.test(navigator.platform)): Hotkey {
  const parts = spec.split('+').map((p) => p.trim().toLowerCase());
  const key = parts[parts.length - 1] ?? '';
  const has = (...names: string[]) => parts.slice(0, -1).some((p) => names.includes(p));
  const ctrl = has('ctrl', 'control');
  const code =
    NAMED_CODES[key] ??
    (/^[a-z]$/.test(key)
      ? `Key${key.toUpperCase()}`
      : /^[0-9]$/.test(key)
        ? `Digit${key}`
        : /^f([1-9]|1[0-9]|2[0-4])$/.test(key)
          ? key.toUpperCase()
          : key);
  return {
    ctrl: ctrl && !mac,
    meta: has('meta', 'cmd', 'command', '⌘') || (ctrl && mac),
    shift: has('shift'),
    alt: has('alt', 'option', 'opt'),
    code,
  };
}

export const hotkeyMatches = (h: Hotkey, e: KeyboardEvent) =>
  e.code === h.code && e.ctrlKey === h.ctrl && e.shiftKey === h.shift && e.altKey === h.alt && e.metaKey === h.meta;

/** The focused element, looking inside open shadow roots (LinkedIn's interop outlet). */
export function deepActiveElement(doc: Document): Element | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Multi-line boxes only: a one-line input (a search box) is never a reply composer. */
const isEditable = (el: Element) => el instanceof HTMLTextAreaElement || (el as HTMLElement).isContentEditable;

/** The typed word that ends at the caret, if it is a template's shortcut. */
export function shortcutAtCaret(editor: Element, templates: readonly Template[]): { template: Template; target: Target } | null {
  const find = (word: string) => templates.find((t) => t.shortcut === word);
  if (editor instanceof HTMLTextAreaElement || editor instanceof HTMLInputElement) {
    const caret = editor.selectionStart ?? 0;
    if (caret !== editor.selectionEnd) return null;
    const word = /(\S+)$/.exec(editor.value.slice(0, caret))?.[1];
    const template = word && find(word);
    return template ? { template, target: { kind: 'field', start: caret - word.length, end: caret } } : null;
  }
  const selection = editor.ownerDocument.getSelection();
  if (!selection?.isCollapsed || !selection.anchorNode || !editor.contains(selection.anchorNode)) return null;
  let node: Node = selection.anchorNode;
  let offset = selection.anchorOffset;
  if (node.nodeType !== Node.TEXT_NODE) {
    // Caret between elements: step to the end of the text just before it.
    let prev: Node | null | undefined = node.childNodes[offset - 1];
    while (prev && prev.nodeType !== Node.TEXT_NODE) prev = prev.lastChild;
    if (!prev) return null;
    node = prev;
    offset = prev.textContent?.length ?? 0;
  }
  const word = /(\S+)$/.exec((node.textContent ?? '').slice(0, offset))?.[1];
  const template = word && find(word);
  if (!template) return null;
  const range = editor.ownerDocument.createRange();
  range.setStart(node, offset - word.length);
  range.setEnd(node, offset);
  return { template, target: { kind: 'range', range } };
}

/**
 * Asks twice: true when the same (composer, template) was asked about less than `windowMs` ago, so an
 * over-long reply inserts on a second Tab. Anything else (another template, another box, too late)
 * starts over.
 */
export function confirmTwice(windowMs: number, now: () => number = Date.now) {
  let asked: { composer: Element; templateId: string; at: number } | null = null;
  return (composer: Element, templateId: string): boolean => {
    const t = now();
    const again = asked?.composer === composer && asked.templateId === templateId && t - asked.at < windowMs;
    asked = again ? null : { composer, templateId, at: t };
    return again;
  };
}

const CONFIRM_MS = 5000;

/** The editor's text length in the offsets caret stops use (text nodes only, as placeCaret walks them). */
const textLength = (el: Element) =>
  el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value.length : (el.textContent?.length ?? 0);

export function installKeyboard(env: KeyboardEnv): { dispose(): void } {
  const { adapter, config } = env;
  // `config` is refreshed in place by the engine, so the hotkey is re-read when it changes.
  let hotkeySpec = config.paletteShortcut;
  let hotkey = parseHotkey(hotkeySpec);
  /** Remaining caret stops of the last expansion, in the editor's text offsets. */
  let stops: { editor: Element; offsets: { start: number; end: number }[]; index: number; length: number } | null = null;
  let paletteOpen = false;
  const confirmedLong = confirmTwice(CONFIRM_MS);
  let longNotice: HTMLElement | undefined;

  const keyFor = (composer: Element) => {
    const target = adapter.replyTarget(composer, env.pageContext());
    return target ? (`${adapter.platform}:${target}` as ItemKey) : undefined;
  };
  const itemFor = (composer: Element) => {
    const key = keyFor(composer);
    return key ? (env.captured.get(key) ?? env.views.get(key)) : undefined;
  };
  /** The template rendered for the customer this composer answers, in their language when a variant has it. */
  const renderFor = (composer: Element, template: Template) => {
    const item = itemFor(composer);
    return renderTemplate(bodyFor(template, item?.language ?? detectLanguage(item?.text)), valuesFor(item));
  };
  /** Templates for the account the page is signed in as (scoped templates serve one brand account). */
  const available = () => templatesFor(config.templates, adapter.viewerHandle(document));

  const valuesFor = (item: ReturnType<typeof itemFor>): TemplateValues => {
    const handle = item?.author.handle;
    return {
      'customer.name': item?.author.name,
      'customer.firstName': firstNameOf(item?.author.name),
      'customer.handle': handle ? `@${handle.replace(/^@/, '')}` : undefined,
      'agent.name': config.agentName,
      'brand.name': config.brandName,
      platform: PLATFORM_NAMES[adapter.platform],
      'item.link': item?.permalink,
    };
  };

  /** `confirmed`: the palette already asked about an over-long reply. */
  const expand = async (composer: Element, template: Template, target: Target, confirmed = false) => {
    const rendered = renderFor(composer, template);
    if (!rendered.ok) {
      showNotice(composer, `Replyline: "${template.name}" was not inserted.\n${rendered.problems.join('\n')}`);
      return;
    }
    const { text, cursors } = rendered.value;
    // The site would refuse to send it: insert an over-long reply only on a second Tab.
    const length = replyLength(adapter.platform, text);
    if (length.over && !confirmed && !confirmedLong(composer, template.id)) {
      longNotice = showNotice(composer, overLimitWarning(adapter.platform, length, 'Tab'), CONFIRM_MS);
      return;
    }
    longNotice?.remove();
    const kind = detectEditor(composer);
    const result = await insertText(composer, text, {
      techniques: adapter.insertion[kind] ?? ['exec-command'],
      target,
      submit: () => adapter.findSubmit(composer),
    });
    env.health.count('insertions');
    if (result.ok) {
      env.health.count('insertionsVerified');
      // Usage ranks the palette; a lost count is harmless.
      send('templates/used', { id: template.id }).catch(() => {});
    } else env.health.fail(`insertion not verified: ${result.reason}`);
    env.health.flush(true);
    if (!result.ok) {
      const copied = await navigator.clipboard.writeText(text).then(
        () => true,
        () => false,
      );
      showNotice(
        composer,
        `Replyline could not insert into this editor (${result.reason}).${copied ? '\nThe reply is on your clipboard: press Ctrl+V.' : ''}`,
      );
      return;
    }
    if (!cursors.length) return;
    // Block editors render newlines as blocks, not characters: count offsets without them.
    const field = composer instanceof HTMLTextAreaElement || composer instanceof HTMLInputElement;
    const toOffset = (i: number) => result.start + i - (field ? 0 : (text.slice(0, i).match(/\n/g)?.length ?? 0));
    const offsets = cursors.map((c) => ({ start: toOffset(c.start), end: toOffset(c.end) }));
    stops = { editor: composer, offsets, index: 0, length: textLength(composer) };
    const first = offsets[0];
    if (first) placeCaret(composer, first.start, first.end);
  };

  const moveStop = (back: boolean, composer: Element): boolean => {
    if (!stops || stops.editor !== composer) return false;
    const index = stops.index + (back ? -1 : 1);
    const stop = stops.offsets[index];
    if (!stop) {
      stops = null;
      return false;
    }
    // What the user typed at the current stop moved every later stop by the same amount.
    const delta = textLength(composer) - stops.length;
    const current = stops.offsets[stops.index];
    if (current) current.end += delta;
    for (const later of stops.offsets.slice(stops.index + 1)) {
      later.start += delta;
      later.end += delta;
    }
    stops.length += delta;
    stops.index = index;
    placeCaret(composer, stop.start, stop.end);
    return true;
  };

  const seenComposers = new WeakSet<Element>();
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.isTrusted || e.isComposing || e.keyCode === 229 || paletteOpen) return;
    const active = deepActiveElement(document);
    const composer = active ? adapter.findComposer(active) : null;
    if (composer && !seenComposers.has(composer)) {
      seenComposers.add(composer);
      env.health.count('composersFound');
    }
    if (hotkeySpec !== config.paletteShortcut) {
      hotkeySpec = config.paletteShortcut;
      hotkey = parseHotkey(hotkeySpec);
    }
    const isHotkey = hotkeyMatches(hotkey, e);
    if (!composer) {
      // The user asked for the palette in a box this adapter does not know: the site may have changed.
      if (isHotkey && active && isEditable(active)) {
        env.health.fail('composer not found');
        env.health.flush(true);
        showNotice(active, 'Replyline does not recognise this box as a reply composer, so it cannot insert here.');
      }
      return;
    }
    const consume = () => {
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    if (isHotkey) {
      consume();
      paletteOpen = true;
      const key = keyFor(composer);
      openPalette({
        anchor: composer,
        templates: available(),
        // The stored view, not the capture: it carries the sentiment the background scored.
        order: templateOrderFor(key ? env.views.get(key) : undefined),
        platform: adapter.platform,
        render: (t) => renderFor(composer, t),
        onClose: () => {
          paletteOpen = false;
        },
        onChoose: (t) => {
          (composer as HTMLElement).focus();
          void expand(composer, t, { kind: 'caret' }, true);
        },
      });
      return;
    }
    if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
    if (moveStop(e.shiftKey, composer)) return consume();
    if (e.shiftKey) return;
    const hit = shortcutAtCaret(composer, available());
    if (!hit) return;
    consume();
    void expand(composer, hit.template, hit.target);
  };

  window.addEventListener('keydown', onKeyDown, true);
  return {
    dispose: () => window.removeEventListener('keydown', onKeyDown, true),
  };
}
