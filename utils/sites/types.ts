import type { Expectation } from '@/utils/health';
import type { CapturedItem, Platform } from '@/utils/schema-core';

/** What the engine knows about the page when it asks an adapter to extract. */
export interface PageContext {
  url: URL;
  /** The brand's handles on this platform, lower-case, without a leading `@`. */
  brandHandles: readonly string[];
  /** Capture time, used where the page shows only a relative age. */
  now: Date;
  /** Brand listening keywords when listening is on (utils/sites/listening.ts): search results matching one are mentions. */
  listening?: readonly RegExp[];
}

export type ExtractOutcome =
  /** A customer item, or a brand item (`byBrand`) that may answer one. */
  | { type: 'item'; item: CapturedItem }
  /** Not an item Replyline tracks (ad, like/follow notification, not addressed to the brand, quoted). */
  | { type: 'skip'; reason: string }
  /** Looked like an item but could not be read: counted as adapter health. */
  | { type: 'error'; reason: string };

export type EditorKind = 'draft' | 'lexical' | 'prosemirror' | 'quill' | 'textarea' | 'contenteditable';

export type InsertTechnique = 'paste' | 'exec-command' | 'before-input' | 'native-setter';

/** A kind of page, for health counts: "no items found on status pages since 14:02". */
export interface Surface {
  /** Lower-case words, used in messages as "<name> pages". */
  name: string;
  /** Tested against the URL's pathname. */
  path: RegExp;
  /** Whether a page of this kind with no item is a sign the adapter no longer reads the site. */
  expect: Expectation;
}

export interface SiteAdapter {
  platform: Platform;
  /** The one table of every selector this adapter uses. */
  selectors: Readonly<Record<string, string>>;
  /** URL classifier for health: the first surface whose path matches; unmatched pages count as "other". */
  surfaces: readonly Surface[];
  /** Whether the adapter handles this URL (host and path). */
  matchesUrl(url: URL): boolean;
  /** Item roots inside `root`, `root` itself included when it is one. */
  findItems(root: ParentNode): Element[];
  /** The item root that contains `node`, if any. */
  itemRootOf(node: Node): Element | null;
  extract(el: Element, ctx: PageContext): ExtractOutcome;
  /** Where the overlay host goes: inside the item root or next to it. */
  badgeAnchor(el: Element): { element: Element; position: InsertPosition };
  /** The handle of the account signed in on this page, when the page shows it. */
  viewerHandle(doc: Document): string | null;
  /** The site's reply editor that contains `el` (the focused element), if any. */
  findComposer(el: Element): Element | null;
  /** The composer's own submit button (never another form's, e.g. a DM drawer's). */
  findSubmit(composer: Element): Element | null;
  /** The externalId of the item this composer answers, when the page says. */
  replyTarget(composer: Element, ctx: PageContext): string | null;
  /** Elements whose open shadow roots hold items or composers, to observe as well (a `selectors` entry). */
  shadowHosts?: string;
  /** Insertion techniques to try, in order, per editor kind (after a verified failure only). */
  insertion: Partial<Record<EditorKind, readonly InsertTechnique[]>>;
}
