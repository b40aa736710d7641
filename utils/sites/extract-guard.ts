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
