// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { facebookAdapter } from '@/utils/sites/facebook';
import { memoForTask } from '@/utils/sites/task-memo';
import { byId, item, pageContext, parse } from './adapter-kit';

test('one read per element within a task, a fresh one after the microtask checkpoint', async () => {
  const reads: string[] = [];
  const read = memoForTask((el: Element) => {
    reads.push(el.id);
    return el.textContent;
  });
  const a = document.createElement('p');
  a.id = 'a';
  a.textContent = 'first';
  const b = document.createElement('p');
  b.id = 'b';
  expect([read(a), read(a), read(b), read(a)]).toEqual(['first', 'first', '', 'first']);
  expect(reads).toEqual(['a', 'b']);
  a.textContent = 'second';
  await Promise.resolve();
  expect(read(a)).toBe('second');
  expect(reads).toEqual(['a', 'b', 'a']);
});

test('the Facebook adapter reads a comment the page re-rendered after the task that read it', async () => {
  const doc = parse(readFileSync(join(import.meta.dirname, '../fixtures/facebook/post-permalink.html'), 'utf8'));
  const ctx = pageContext(
    'https://www.facebook.com/northwindco/posts/3141592653589793',
    ['northwindco'],
    new Date('2026-07-29T12:00:00.000Z'),
  );
  const comment = byId(doc, 'c1');
  expect(item(facebookAdapter.extract(comment, ctx)).text).toMatch(/^Does the Harbor shell/);
  await Promise.resolve();
  const body = [...comment.querySelectorAll('div[dir="auto"]')].find((d) => d.textContent?.startsWith('Does the Harbor'));
  if (!body) throw new Error('fixture: no comment body');
  // The site re-renders the body as a new element: a cache kept past the task would read the old one.
  const edited = body.cloneNode() as Element;
  edited.textContent = 'Edited: does it fit a 30 l pack?';
  body.replaceWith(edited);
  expect(item(facebookAdapter.extract(comment, ctx)).text).toMatch(/^Edited: does it fit a 30 l pack\?/);
});
