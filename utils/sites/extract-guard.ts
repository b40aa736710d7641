import { type CapturedItem, capturedItemSchema } from '@/utils/schema-core';
import type { ExtractOutcome, PageContext } from '@/utils/sites/types';

/** Page content must never break the engine: a throw while extracting is adapter health, not a crash. */
export function guardExtract(extract: (el: Element, ctx: PageContext) => ExtractOutcome) {
  return (el: Element, ctx: PageContext): ExtractOutcome => {
    try {
      return extract(el, ctx);
    } catch {
      return { type: 'error', reason: 'exception' };
    }
  };
}

/** Items `validated` passed: the engine parses only what did not come through it (zod's parse is ~40 µs an item). */
const passed = new WeakSet<CapturedItem>();

/** An adapter only ever returns items that pass the schema; anything else is counted, not sent. */
export function validated(item: CapturedItem): ExtractOutcome {
  const parsed = capturedItemSchema().safeParse(item);
  if (!parsed.success) return { type: 'error', reason: 'invalid-item' };
  passed.add(parsed.data);
  return { type: 'item', item: parsed.data };
}

/** The engine's check of an adapter's item: parsed again only if `validated` did not pass this very object. */
export const checkCapturedItem = (item: CapturedItem) =>
  passed.has(item) ? { success: true as const, data: item } : capturedItemSchema().safeParse(item);
