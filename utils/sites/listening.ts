// Brand listening (settings.listening, off by default): on the sites' own search result pages, a
// post whose text matches one of the brand's keywords becomes a `mention` item. Keywords use the
// priority rules' syntax (utils/keyword-match.ts): words, `word*`, or a `/regular expression/`.
import { compileRuleMatch, ruleMatches } from '@/utils/keyword-match';
import type { Settings } from '@/utils/schema';
import type { PageContext } from '@/utils/sites/types';

/** The keywords' matchers when listening is on (none when off or empty); a keyword that no longer compiles is left out. */
export function listeningMatchers(config: Settings['listening']): RegExp[] | undefined {
  if (!config?.enabled) return undefined;
  const matchers: RegExp[] = [];
  for (const keyword of config.keywords) {
    try {
      matchers.push(compileRuleMatch(keyword));
    } catch {
      // Validated on save; an older or imported value is skipped rather than stopping the page.
    }
  }
  return matchers.length ? matchers : undefined;
}

/** Whether a post on a search page is a listened mention: listening is on and its text names a keyword. */
export const isListenedPost = (ctx: PageContext, text: string) => !!ctx.listening?.some((regex) => ruleMatches(regex, text));

/**
 * Whether `node`'s document is a search page of `path`. LinkedIn and Facebook render posts on every page:
 * only on their search pages are posts item roots, so the adapters' other pages behave as before.
 * Read from the document (not the engine's context) because finding item roots has no context.
 */
export function isSearchDocument(node: Node, path: RegExp): boolean {
  const doc = node.nodeType === 9 ? (node as Document) : node.ownerDocument;
  try {
    return !!doc && path.test(new URL(doc.URL).pathname);
  } catch {
    return false;
  }
}
