import { type CapturedItem, capturedItemSchema } from '@/utils/schema';
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

/** An adapter only ever returns items that pass the schema; anything else is counted, not sent. */
export function validated(item: CapturedItem): ExtractOutcome {
  const parsed = capturedItemSchema.safeParse(item);
  return parsed.success ? { type: 'item', item: parsed.data } : { type: 'error', reason: 'invalid-item' };
}
