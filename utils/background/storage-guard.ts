// IndexedDB faults the background must live through, in one place around the handler map:
// - a full disk (QuotaExceededError): the request fails with words the user can act on, and a
//   warning stays in the popup and options until an item write succeeds again; reads go on;
// - a database left closed (an explicit close, or an open that failed once, which Dexie then keeps
//   failing): reopened, and the request retried once;
// - an upgrade blocked by another connection still holding the old version: requests are refused
//   with an explanation instead of hanging, and the upgrade completes once that connection closes.
import type Dexie from 'dexie';
import type { Handlers } from '@/utils/background/router';
import type { HealthWarning } from '@/utils/health';

export const STORAGE_FULL_MESSAGE = 'Storage is full: turn on retention or erase old data (Options → Your data)';
export const DATABASE_BLOCKED_MESSAGE =
  'Replyline is finishing an update of its database: close other Replyline tabs (options, popup, an older version) and try again';

const errorChain = (error: unknown): { name?: string }[] => {
  const chain: { name?: string }[] = [];
  for (let e = error as { name?: string; inner?: unknown } | undefined; e && chain.length < 5; e = e.inner as typeof e) chain.push(e);
  return chain;
};
export const isQuotaError = (error: unknown) => errorChain(error).some((e) => e.name === 'QuotaExceededError');
const isClosedError = (error: unknown) => errorChain(error).some((e) => e.name === 'DatabaseClosedError');

export interface StorageGuard {
  wrap(handlers: Handlers): Handlers;
  /** The "storage is full" warning while it holds, for the health list. */
  warnings(): HealthWarning[];
  /** Before background work that is not a request (the scheduler): reopen a database left closed. */
  ensureOpen(): Promise<void>;
}

export function createStorageGuard(db: Dexie, now: () => Date): StorageGuard {
  let fullSince: string | null = null;
  let blocked = false;
  const onBlocked = new Set<(error: Error) => void>();

  db.on('blocked', () => {
    blocked = true;
    for (const refuse of onBlocked) refuse(new Error(DATABASE_BLOCKED_MESSAGE));
  });
  db.on(
    'ready',
    () => {
      blocked = false;
    },
    true,
  );
  // A committed write to items proves there is room again (health reports are too small to tell).
  db.use({
    stack: 'dbcore',
    name: 'storage-guard',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        const tx = down.transaction(stores, mode, options) as unknown as IDBTransaction;
        if (mode === 'readwrite' && stores.includes('items')) {
          tx.addEventListener('complete', () => {
            fullSince = null;
          });
          tx.addEventListener('abort', () => {
            if (isQuotaError(tx.error)) fullSince ??= now().toISOString();
          });
        }
        return tx as never;
      },
    }),
  });

  const ensureOpen = async () => {
    if (!db.isOpen()) await db.open();
  };

  /** Refuses as soon as the open is blocked, rather than leaving the sender waiting with no answer. */
  const unlessBlocked = <T>(work: () => Promise<T>): Promise<T> => {
    if (blocked) return Promise.reject(new Error(DATABASE_BLOCKED_MESSAGE));
    let refuse: (error: Error) => void = () => {};
    const refused = new Promise<never>((_, reject) => {
      refuse = reject;
      onBlocked.add(reject);
    });
    return Promise.race([work(), refused]).finally(() => onBlocked.delete(refuse));
  };

  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await unlessBlocked(work);
    } catch (error) {
      if (isClosedError(error)) {
        await ensureOpen();
        return unlessBlocked(work);
      }
      throw error;
    }
  };

  return {
    wrap(handlers) {
      const wrapped = Object.entries(handlers).map(([type, handler]) => [
        type,
        async (payload: never, sender: never) => {
          try {
            return await run(() => (handler as (p: never, s: never) => Promise<unknown>)(payload, sender));
          } catch (error) {
            if (!isQuotaError(error)) throw error;
            fullSince ??= now().toISOString();
            throw new Error(STORAGE_FULL_MESSAGE);
          }
        },
      ]);
      return Object.fromEntries(wrapped) as Handlers;
    },
    warnings: () => (fullSince ? [{ message: STORAGE_FULL_MESSAGE, since: fullSince }] : []),
    ensureOpen,
  };
}
