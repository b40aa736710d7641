// Reading hostile page text, shared by every adapter: text only (never markup), emoji images as
// their characters, capped without splitting a surrogate pair, stripped of the control and bidi
// characters that spoof names and links.

/**
 * Elements whose text is never content (they may sit inside a hostile post; svg holds badges). By
 * local name, not `matches()`: a selector match per element was a third of reading a tweet.
 */
const NON_TEXT = new Set(['script', 'style', 'template', 'noscript', 'svg']);

/** Bidi embeddings/overrides/isolates and C0/C1 controls (tab and newline kept). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
export const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function cap(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

export const clean = (s: string) => s.replace(UNSAFE_CHARS, '');

/**
 * Visible text of `root`: emoji `<img alt>` as characters, `<br>` as newlines; reads at most about
 * `max` characters. `collapse` folds source whitespace as the browser renders it, for sites whose
 * markup is indented (LinkedIn); otherwise text nodes are taken as they are (X keeps newlines in them).
 */
export function readText(root: Element, max: number, collapse = false): string {
  let out = '';
  const stack: Node[] = [root];
  while (stack.length > 0 && out.length <= max) {
    const node = stack.pop() as Node;
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      out += collapse ? data.slice(0, max + 1).replace(/\s+/g, ' ') : data;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el !== root && NON_TEXT.has(el.localName)) continue;
    if (el.localName === 'img') {
      out += el.getAttribute('alt') ?? '';
      continue;
    }
    if (el.localName === 'br') {
      out += '\n';
      continue;
    }
    for (let c = el.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return out;
}

/** One clean, capped line: names, labels, attribute values. */
export const oneLine = (s: string, max: number) =>
  cap(
    clean(s.slice(0, max * 2))
      .replace(/\s+/g, ' ')
      .trim(),
    max,
  ).trim();

export const readLabel = (el: Element, max: number) => oneLine(readText(el, max * 2), max);

/** The brand's handles as a set, lower-case without `@`, keeping only ones the platform allows. */
export function normalizeHandles(handles: readonly string[], valid: RegExp): Set<string> {
  const out = new Set<string>();
  for (const h of handles) {
    const v = h.trim().replace(/^@/, '').toLowerCase();
    if (valid.test(v)) out.add(v);
  }
  return out;
}

/**
 * The composers a submit button belongs to: those in its smallest ancestor that holds any composer
 * (so a neighbouring reply box's or a chat drawer's button is never taken for this one's).
 */
export function composersOwning(button: Element, composerSelector: string): Element[] {
  for (let a = button.parentElement; a; a = a.parentElement) {
    const found = a.querySelectorAll(composerSelector);
    if (found.length > 0) return [...found];
  }
  return [];
}
