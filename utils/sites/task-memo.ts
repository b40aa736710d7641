/**
 * Memoises an adapter's per-element reading for the current task only. The engine asks extract and
 * badgeAnchor about the same element back to back, and Facebook's reply threads ask about every
 * comment of a thread for each reply; the page cannot change the DOM until the task ends, and the
 * cache is dropped at the first microtask checkpoint, so nothing read here outlives what it saw.
 */
export function memoForTask<K extends object, V>(read: (key: K) => V): (key: K) => V {
  let cache: WeakMap<K, V> | null = null;
  return (key) => {
    if (!cache) {
      const current = new WeakMap<K, V>();
      cache = current;
      queueMicrotask(() => {
        if (cache === current) cache = null;
      });
    }
    if (cache.has(key)) return cache.get(key) as V;
    const value = read(key);
    cache.set(key, value);
    return value;
  };
}
