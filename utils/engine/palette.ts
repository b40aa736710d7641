// The reply palette: a small keyboard-driven picker over the focused composer. Its host stops
// every key event so the site's single-key shortcuts never see what the user types here.
import { showNotice } from '@/utils/engine/overlay';
import type { Template } from '@/utils/schema';
import { PLATFORM_NAMES, type Platform } from '@/utils/schema-core';
import { byUse, type RenderResult, type TemplateOrder } from '@/utils/templates';
import { overLimitWarning, REPLY_LIMITS, replyLength } from '@/utils/text-length';

/** Shortcut prefix beats shortcut substring beats name beats body; then `order`; ties keep library order. */
export function rankTemplates(templates: readonly Template[], query: string, order: TemplateOrder = byUse): Template[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...templates].sort(order);
  const score = (t: Template) => {
    const shortcut = t.shortcut.toLowerCase();
    if (shortcut.startsWith(q)) return 0;
    if (shortcut.includes(q)) return 1;
    if (t.name.toLowerCase().includes(q)) return 2;
    if (t.body.toLowerCase().includes(q)) return 3;
    return -1;
  };
  return templates
    .map((t, index) => ({ t, index, s: score(t) }))
    .filter((r) => r.s >= 0)
    .sort((a, b) => a.s - b.s || order(a.t, b.t) || a.index - b.index)
    .map((r) => r.t);
}

const PALETTE_CSS = `
:host { all: initial; position: fixed; z-index: 2147483000; }
.panel { font: 14px/20px system-ui, -apple-system, "Segoe UI", sans-serif; width: 420px; background: #fff; color: #111;
  border: 1px solid #c9d1d9; border-radius: 10px; box-shadow: 0 12px 32px rgba(0,0,0,.28); overflow: hidden; }
input { box-sizing: border-box; width: 100%; border: 0; border-bottom: 1px solid #e1e4e8; padding: 10px 12px;
  font: inherit; outline: none; color: inherit; background: transparent; }
ul { list-style: none; margin: 0; padding: 4px 0; max-height: 200px; overflow-y: auto; }
li { padding: 6px 12px; display: flex; gap: 8px; cursor: pointer; }
li[aria-selected="true"] { background: #e8f0fe; }
.shortcut { font: 12px/20px ui-monospace, monospace; color: #57606a; }
.preview { border-top: 1px solid #e1e4e8; padding: 8px 12px; white-space: pre-wrap; max-height: 160px; overflow-y: auto;
  color: #24292f; background: #f6f8fa; font-size: 13px; }
.problem { color: #b42318; }
.length { font-size: 11px; color: #57606a; padding: 4px 12px 0; text-align: right; font-variant-numeric: tabular-nums; }
.length.over { color: #b42318; font-weight: 600; text-align: left; }
.empty { padding: 10px 12px; color: #57606a; }
.hint { font-size: 11px; color: #57606a; padding: 4px 12px 6px; }
@media (prefers-color-scheme: dark) {
  .panel { background: #161b22; color: #e6edf3; border-color: #30363d; }
  input { border-color: #30363d; } li[aria-selected="true"] { background: #1f3a5f; }
  .preview { background: #0d1117; color: #e6edf3; border-color: #30363d; } .shortcut, .hint, .empty, .length { color: #8b949e; }
  .length.over { color: #ff7b72; }
}
`;

export interface PaletteOptions {
  anchor: Element;
  templates: readonly Template[];
  /** With no query, and among equal matches: most used first, or what fits this item first (`templateOrderFor`). */
  order?: TemplateOrder;
  /** Whose length limit the counter under the preview measures against. */
  platform: Platform;
  render: (t: Template) => RenderResult;
  onChoose: (t: Template) => void;
  onClose: () => void;
}

let counter = 0;

export function openPalette(options: PaletteOptions): () => void {
  const doc = options.anchor.ownerDocument;
  const host = doc.createElement('span');
  // Open, unlike the badges: assistive tools and the user's own automation can reach the picker, and it
  // shows nothing the page does not already hold.
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = PALETTE_CSS;
  const panel = doc.createElement('div');
  panel.className = 'panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', 'Replyline templates');
  const listId = `rl-list-${++counter}`;
  const input = doc.createElement('input');
  input.type = 'text';
  input.setAttribute('aria-label', 'Search templates');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-controls', listId);
  input.setAttribute('aria-expanded', 'true');
  input.placeholder = 'Search templates by shortcut, name or text';
  const list = doc.createElement('ul');
  list.id = listId;
  list.setAttribute('role', 'listbox');
  const preview = doc.createElement('div');
  preview.className = 'preview';
  preview.setAttribute('aria-live', 'polite');
  const platformName = PLATFORM_NAMES[options.platform];
  const meter = doc.createElement('div');
  meter.setAttribute('aria-live', 'polite');
  meter.title = `${platformName} counts ${REPLY_LIMITS[options.platform].unit}`;
  const hint = doc.createElement('div');
  hint.className = 'hint';
  hint.textContent = '↑ ↓ to choose · Enter to insert · Esc to close';
  panel.append(input, list, preview, meter, hint);
  root.append(style, panel);

  let shown: Template[] = [];
  let active = 0;
  /** The over-long template a first Enter asked about: a second Enter on it inserts it anyway. */
  let confirming: Template | undefined;
  const draw = () => {
    shown = rankTemplates(options.templates, input.value, options.order);
    active = Math.min(active, Math.max(0, shown.length - 1));
    list.replaceChildren(
      ...shown.map((t, i) => {
        const li = doc.createElement('li');
        li.id = `${listId}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        const name = doc.createElement('span');
        name.textContent = t.name;
        const shortcut = doc.createElement('span');
        shortcut.className = 'shortcut';
        shortcut.textContent = t.shortcut;
        li.append(name, shortcut);
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          choose(i);
        });
        return li;
      }),
    );
    if (!shown.length) {
      const empty = doc.createElement('li');
      empty.className = 'empty';
      empty.textContent = options.templates.length ? 'No template matches' : 'No templates yet: add some in Replyline options';
      list.append(empty);
    }
    input.setAttribute('aria-activedescendant', shown.length ? `${listId}-${active}` : '');
    const current = shown[active];
    const rendered = current ? options.render(current) : null;
    preview.className = rendered && !rendered.ok ? 'preview problem' : 'preview';
    preview.textContent = !rendered ? '' : rendered.ok ? rendered.value.text : rendered.problems.join('\n');
    // Counted on the text rendered for this customer, as the site will count it.
    const count = rendered?.ok ? replyLength(options.platform, rendered.value.text) : null;
    meter.hidden = !count;
    meter.className = count?.over ? 'length over' : 'length';
    if (count) meter.setAttribute('data-replyline-length', String(count.length));
    else meter.removeAttribute('data-replyline-length');
    if (!count) meter.textContent = '';
    else if (!count.over) meter.textContent = `${count.length} / ${count.max}`;
    else if (confirming === current) meter.textContent = overLimitWarning(options.platform, count, 'Enter');
    else meter.textContent = `${count.length} / ${count.max} · ${count.length - count.max} over the ${platformName} limit`;
    list.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  };

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    host.remove();
    options.onClose();
  };
  const choose = (i: number) => {
    const t = shown[i];
    if (!t) return;
    const rendered = options.render(t);
    if (!rendered.ok) {
      showNotice(options.anchor, rendered.problems.join('\n'));
      return;
    }
    if (replyLength(options.platform, rendered.value.text).over && confirming !== t) {
      confirming = t;
      active = i;
      draw();
      return;
    }
    close();
    options.onChoose(t);
  };

  input.addEventListener('input', () => {
    active = 0;
    confirming = undefined;
    draw();
  });
  input.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = shown.length || 1;
      active = (active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      confirming = undefined;
      draw();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(() => root.activeElement || close(), 0));
  // Keep keystrokes away from the site's own shortcuts (X, for one, binds single letters).
  for (const type of ['keydown', 'keyup', 'keypress', 'input', 'beforeinput']) {
    host.addEventListener(type, (e) => e.stopPropagation());
  }

  const rect = options.anchor.getBoundingClientRect();
  const viewportHeight = doc.documentElement.clientHeight;
  host.style.left = `${Math.max(8, Math.min(rect.left, doc.documentElement.clientWidth - 430))}px`;
  host.style.top = rect.bottom + 420 < viewportHeight ? `${rect.bottom + 6}px` : `${Math.max(8, rect.top - 426)}px`;
  doc.body.append(host);
  draw();
  input.focus();
  return close;
}
