// What the engine remembers per item stays bounded in a tab left open all day: items still on
// the page are always kept; the ones that scrolled away are forgotten oldest first. Forgetting
// costs little: an item that comes back is read and captured again (the backlog upsert is idempotent).
export const REMEMBERED_ITEMS = 2000;

/**
 * Drops the least recently seen items that are no longer on the page until at most `cap` remain.
 * `order` iterates oldest first (a Map's insertion order: re-insert a key to mark it seen);
 * `others` hold the same keys and lose them too. Returns how many were forgotten.
 */
export function forgetDepartedItems<K>(
  order: Map<K, unknown>,
  others: readonly Map<K, unknown>[],
  onPage: (key: K) => boolean,
  cap = REMEMBERED_ITEMS,
): number {
  let forgotten = 0;
  for (const key of order.keys()) {
    if (order.size <= cap) break;
    if (onPage(key)) continue;
    order.delete(key);
    for (const map of others) map.delete(key);
    forgotten++;
  }
  return forgotten;
}
