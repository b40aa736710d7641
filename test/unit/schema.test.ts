import { capturedItemSchema } from '@/utils/schema';

test('a captured item with a javascript: permalink is rejected', () => {
  const r = capturedItemSchema.safeParse({
    platform: 'x',
    externalId: '1',
    kind: 'reply',
    permalink: 'javascript:alert(1)',
    author: { name: 'A' },
    postedAt: '2026-07-01T12:00:00.000Z',
    byBrand: false,
  });
  expect(r.success).toBe(false);
});
