// Data ownership: what the database holds, and erasing it on the user's word.
import type { ReplylineDb } from '@/utils/db';

/** Tables holding customers' data: what "erase customer data" clears. Templates, policies and settings stay. */
const CUSTOMER_TABLES = ['items', 'customers', 'identities', 'notes', 'slaEvents', 'history', 'counters'] as const;

export type EraseScope = 'customer-data' | 'everything';

export interface StorageReport {
  /** Bytes used and available to the extension's origin, as the browser estimates them (absent where unsupported). */
  usage?: number;
  quota?: number;
  /** Rows per table. */
  rows: Record<string, number>;
}

export async function storageReport(db: ReplylineDb, estimate?: () => Promise<StorageEstimate>): Promise<StorageReport> {
  const rows: Record<string, number> = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) rows[table.name] = await table.count();
  });
  const { usage, quota } = (await estimate?.().catch(() => undefined)) ?? {};
  return { usage, quota, rows };
}

/** Clears every table in the scope in one transaction: either all of it is gone or nothing is. */
export async function eraseData(db: ReplylineDb, scope: EraseScope): Promise<Record<string, number>> {
  const tables = scope === 'everything' ? db.tables : db.tables.filter((t) => (CUSTOMER_TABLES as readonly string[]).includes(t.name));
  return db.transaction('rw', tables, async () => {
    const removed: Record<string, number> = {};
    for (const table of tables) {
      removed[table.name] = await table.count();
      await table.clear();
    }
    return removed;
  });
}
