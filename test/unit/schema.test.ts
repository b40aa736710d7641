import { capturedItemSchema } from '@/utils/schema-core';
import { checkCapturedItem, validated } from '@/utils/sites/extract-guard';
import { captured } from './helpers';

test('a captured item with a javascript: permalink is rejected', () => {
  const r = capturedItemSchema().safeParse({
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

describe('the engine parses an adapter item once', () => {
  const item = captured();

  test('an item validated() passed is taken as it is, without a second parse', () => {
    const outcome = validated(item);
    if (outcome.type !== 'item') throw new Error('fixture item is invalid');
    const parse = vi.spyOn(capturedItemSchema(), 'safeParse');
    try {
      expect(checkCapturedItem(outcome.item)).toEqual({ success: true, data: outcome.item });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  test('any other object is parsed: a forged or edited item is refused', () => {
    expect(checkCapturedItem(item).success).toBe(true);
    const outcome = validated(item);
    if (outcome.type !== 'item') throw new Error('fixture item is invalid');
    // A copy of a passed item is not the passed object.
    expect(checkCapturedItem({ ...outcome.item, permalink: 'javascript:alert(1)' }).success).toBe(false);
    expect(validated({ ...item, permalink: 'javascript:alert(1)' })).toEqual({ type: 'error', reason: 'invalid-item' });
  });
});
