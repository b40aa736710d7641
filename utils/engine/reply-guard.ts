// The reply guard: while the user writes in a site's composer, the draft is checked against the
// brand's voice guide (utils/voice-guard.ts) and a compact chip next to the composer lists the
// hints. It never blocks the site's send and changes the text only when the user clicks Apply,
// through the same insertion chain as templates. Checks run after a typing burst, in idle time,
// from input events only (never from the MutationObserver).
import type { ItemView } from '@/utils/backlog';
import { detectEditor, editorText, insertText, placeCaret, type Target } from '@/utils/engine/insert';
import { deepActiveElement } from '@/utils/engine/keyboard';
import type { PageContextResponse } from '@/utils/protocol';
import type { CapturedItem, ItemKey } from '@/utils/schema-core';
import type { PageContext, SiteAdapter } from '@/utils/sites/types';
import { firstNameOf } from '@/utils/templates';
import { checkReply, type VoiceHint, voiceGuideFor } from '@/utils/voice-guard';

export interface ReplyGuardEnv {
  adapter: SiteAdapter;
  config: PageContextResponse;
  pageContext: () => PageContext;
  views: Map<ItemKey, ItemView>;
  captured: Map<ItemKey, CapturedItem>;
}

const DEBOUNCE_MS = 150;
export const GUARD_MEASURE = 'replyline:reply-guard';
const IDLE_TIMEOUT_MS = 200;
const MAX_SHOWN = 8;

const GUARD_CSS = `
:host { all: initial; position: fixed; z-index: 2147482000; }
.box { font: 12px/16px system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; display: flex; flex-direction: column;
  align-items: flex-end; gap: 4px; }
.chip { font: 600 12px/16px inherit; font-family: inherit; padding: 2px 8px; border-radius: 10px; border: 1px solid #f2cf72;
  background: #fff1cc; color: #7a4b00; cursor: pointer; }
.chip.warn { border-color: #e8a0a0; background: #fde8e8; color: #8a1c1c; }
.chip:focus-visible, button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
ul { margin: 0; padding: 6px 8px; list-style: none; background: #fff; border: 1px solid #cfd8e1; border-radius: 8px;
  box-shadow: 0 4px 16px rgba(0,0,0,.18); max-width: 340px; max-height: 240px; overflow: auto; }
li { display: flex; gap: 8px; align-items: baseline; justify-content: space-between; padding: 2px 0; }
li button { font: 600 11px/16px system-ui, sans-serif; padding: 0 6px; border-radius: 6px; border: 1px solid #1a73e8;
  background: #fff; color: #1a73e8; cursor: pointer; flex: none; }
[hidden] { display: none !important; }
`;

const isField = (el: Element): el is HTMLTextAreaElement | HTMLInputElement =>
  el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

/** Block editors show newlines between blocks that are not characters of their text nodes (as placeCaret counts). */
const nodeOffset = (composer: Element, text: string, i: number) =>
  isField(composer) ? i : i - (text.slice(0, i).match(/\n/g)?.length ?? 0);

export function installReplyGuard(env: ReplyGuardEnv): { dispose(): void } {
  const { adapter } = env;
  const doc = document;
  const host = doc.createElement('div');
  host.setAttribute('data-replyline-guard', '');
  host.hidden = true;
  const box = doc.createElement('div');
  box.className = 'box';
  const list = doc.createElement('ul');
  list.id = 'hints';
  list.hidden = true;
  const chip = doc.createElement('button');
  // The shadow tree is built on the first hint: most page loads never show one.
  const attach = () => {
    // Open: the live region must reach assistive tools; it holds only the user's own draft and our text.
    const root = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = GUARD_CSS;
    const status = doc.createElement('div');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    chip.type = 'button';
    chip.setAttribute('aria-expanded', 'false');
    chip.setAttribute('aria-controls', 'hints');
    chip.addEventListener('click', toggle);
    status.append(chip);
    box.append(list, status);
    root.append(style, box);
    // Clicking the chip must not take focus from the composer (some sites fold it on blur).
    root.addEventListener('mousedown', (e) => e.preventDefault());
    doc.body.append(host);
  };

  let composer: Element | null = null;
  let checkedText = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;

  const place = () => {
    if (!composer || host.hidden) return;
    const rect = composer.getBoundingClientRect();
    const height = box.getBoundingClientRect().height;
    const width = doc.documentElement.clientWidth;
    if (rect.top - height - 4 >= 0) {
      // Above the composer's right edge: the site's own buttons sit below it and stay clickable.
      host.style.cssText = `right:${Math.max(4, width - rect.right)}px;bottom:${window.innerHeight - rect.top + 4}px`;
    } else {
      // No room above: below its left edge, away from send buttons (right-aligned on all four sites).
      host.style.cssText = `left:${Math.max(4, rect.left)}px;top:${Math.min(window.innerHeight - height - 4, rect.bottom + 4)}px`;
    }
  };

  const hide = () => {
    host.hidden = true;
    list.replaceChildren();
    list.hidden = true;
    chip.setAttribute('aria-expanded', 'false');
  };

  const contextFor = (el: Element) => {
    const target = adapter.replyTarget(el, env.pageContext());
    const key = target ? (`${adapter.platform}:${target}` as ItemKey) : undefined;
    const view = key ? env.views.get(key) : undefined;
    const item = key ? (env.captured.get(key) ?? view) : undefined;
    const kind = item?.kind ?? 'comment';
    const handle = item?.author.handle;
    return {
      platform: adapter.platform,
      kind,
      publicReply: kind !== 'dm',
      customer: {
        name: item?.author.name,
        firstName: firstNameOf(item?.author.name),
        handle: handle ? `@${handle.replace(/^@/, '')}` : undefined,
      },
      itemSentiment: view?.sentiment,
      language: item?.language,
    };
  };

  const render = (hints: VoiceHint[]) => {
    if (!hints.length) return hide();
    const warn = hints.some((h) => h.severity === 'warn');
    chip.className = warn ? 'chip warn' : 'chip';
    chip.textContent = `Replyline: ${hints.length} voice hint${hints.length === 1 ? '' : 's'}`;
    list.replaceChildren(
      ...hints.slice(0, MAX_SHOWN).map((hint) => {
        const li = doc.createElement('li');
        li.setAttribute('data-rule', hint.rule);
        const text = doc.createElement('span');
        text.textContent = hint.message;
        li.append(text);
        if (hint.suggestion !== undefined && hint.range) {
          const apply = doc.createElement('button');
          apply.type = 'button';
          apply.textContent = 'Apply';
          apply.setAttribute('aria-label', `Apply: ${hint.message}`);
          apply.addEventListener('click', () => void applyHint(hint));
          li.append(apply);
        }
        return li;
      }),
    );
    if (!host.shadowRoot) attach();
    else if (!host.isConnected) doc.body.append(host);
    host.hidden = false;
    // Measured in the next frame, with the layout the browser does then anyway: reading the boxes
    // here would force a layout of the whole page inside the check.
    requestAnimationFrame(place);
  };

  const check = () => {
    const started = performance.now();
    try {
      inspect();
    } finally {
      // The last check's duration on the page's timeline (one entry, replaced each time), for
      // `npm run bench` to show a check fits in a frame.
      performance.clearMeasures(GUARD_MEASURE);
      performance.measure(GUARD_MEASURE, { start: started });
    }
  };

  const inspect = () => {
    idle = undefined;
    const active = deepActiveElement(doc);
    if (active && host.contains(active)) return;
    const found = active ? adapter.findComposer(active) : null;
    if (!found) {
      composer = null;
      return hide();
    }
    composer = found;
    checkedText = editorText(found);
    const guide = voiceGuideFor(env.config.voice, adapter.viewerHandle(doc) ?? env.config.brandHandles[0]);
    render(checkReply(checkedText, guide, contextFor(found)));
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (idle !== undefined) return;
      idle = requestIdleCallback(check, { timeout: IDLE_TIMEOUT_MS });
    }, DEBOUNCE_MS);
  };

  const applyHint = async (hint: VoiceHint) => {
    const el = composer;
    if (!el || !hint.range || hint.suggestion === undefined) return;
    // The draft moved on since the check: its offsets no longer point at the same words.
    if (editorText(el) !== checkedText) return check();
    const [start, end] = hint.range;
    let target: Target;
    if (isField(el)) target = { kind: 'field', start, end };
    else {
      placeCaret(el, nodeOffset(el, checkedText, start), nodeOffset(el, checkedText, end));
      const selection = doc.getSelection();
      target = selection?.rangeCount ? { kind: 'range', range: selection.getRangeAt(0).cloneRange() } : { kind: 'caret' };
    }
    await insertText(el, hint.suggestion, {
      techniques: adapter.insertion[detectEditor(el)] ?? ['exec-command'],
      target,
      submit: () => adapter.findSubmit(el),
    });
    schedule();
  };

  const toggle = () => {
    list.hidden = !list.hidden;
    chip.setAttribute('aria-expanded', String(!list.hidden));
    place();
  };

  const onScroll = () => requestAnimationFrame(place);
  const events = ['input', 'keyup', 'paste', 'cut', 'drop', 'focusin', 'focusout'] as const;
  for (const type of events) window.addEventListener(type, schedule, true);
  window.addEventListener('scroll', onScroll, { capture: true, passive: true });
  window.addEventListener('resize', onScroll, { passive: true });

  return {
    dispose: () => {
      clearTimeout(timer);
      if (idle !== undefined) cancelIdleCallback(idle);
      for (const type of events) window.removeEventListener(type, schedule, true);
      window.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', onScroll);
      host.remove();
    },
  };
}
