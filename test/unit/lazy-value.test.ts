import { lazyValue } from '@/utils/lazy-value';
import { capturedItemSchema, itemSchemas } from '@/utils/schema-core';

test('lazyValue builds nothing until first asked, then once, undefined and null included', () => {
  const build = vi.fn(() => undefined);
  const value = lazyValue(build);
  expect(build).not.toHaveBeenCalled();
  expect(value()).toBeUndefined();
  expect(value()).toBeUndefined();
  expect(build).toHaveBeenCalledTimes(1);
});

test('the item schemas are one set, shared by every caller', () => {
  expect(capturedItemSchema()).toBe(itemSchemas().capturedItemSchema);
  expect(itemSchemas().pageFields.author).toBe(itemSchemas().authorSchema);
});
