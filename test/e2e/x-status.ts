// The local X status page the composer tests reply on, and how they read X's own editor state.
import type { Page } from '@playwright/test';

export const STATUS = 'https://x.com/maya_rides/status/2124573908005815395';

/** The Draft.js model's text, as X would send it (test/pages/src/x-composer.tsx). */
export const editorText = (page: Page) =>
  page.evaluate(() => (window as unknown as { __xComposer: { text(): string } }).__xComposer.text());

/** A template as test/pages/demo-seed.json holds it. */
export interface SeedTemplate {
  id: string;
  shortcut: string;
  body: string;
  name: string;
}
