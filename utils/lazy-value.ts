/**
 * A value built on its first use and kept. For what content scripts would otherwise build as they
 * start (zod schemas, compiled phrase lists): a content script's evaluation is one task on the
 * page, and everything built there lengthens it.
 */
export function lazyValue<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
