// What every adapter test needs: inert documents, a page context, and unwrapping outcomes.
import type { CapturedItem } from '@/utils/schema-core';
import type { ExtractOutcome, PageContext } from '@/utils/sites/types';

/** DOMParser documents are inert: no script runs, no image loads. */
export const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

export const pageContext = (url: string, brandHandles: readonly string[], now: Date): PageContext => ({
  url: new URL(url),
  brandHandles,
  now,
});

export function item(outcome: ExtractOutcome | undefined): CapturedItem {
  if (outcome?.type !== 'item') throw new Error(`expected an item, got ${JSON.stringify(outcome)}`);
  return outcome.item;
}

export function byId(doc: Document, id: string): Element {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`fixture has no #${id}`);
  return el;
}

/** `parse`, as if the page were at `path` (a parsed document takes the test window's URL; only the path matters here). */
export function parseAt(path: string, html: string): Document {
  const before = window.location.href;
  window.history.replaceState(null, '', path);
  try {
    return parse(html);
  } finally {
    window.history.replaceState(null, '', before);
  }
}
