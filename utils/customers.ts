// People behind the items: identities per platform, linked into one customer only when the user
// confirms; notes, tags, sentiment trend, and erasing a person completely.
import type { ItemView } from '@/utils/backlog';
import type { IdentityRecord } from '@/utils/db';
import type { Customer, Note, Priority, SlaMetric } from '@/utils/schema';

/** One past item in a person's history, with how its clock ended. */
export interface HistoryItem extends ItemView {
  priority?: Priority;
  sentiment?: number;
  /** Minutes from the customer's message to the brand's first reply (wall time); absent while unanswered. */
  firstResponseMinutes?: number;
  /** The targets this item missed (from the miss log); empty when every target was met so far. */
  missed: SlaMetric[];
}

export interface LinkSuggestion {
  customerId: string;
  name: string;
  identities: IdentityRecord[];
  /** Why: "same name", "same website example.com". */
  reasons: string[];
}

export interface CustomerProfile {
  customer: Customer;
  identities: IdentityRecord[];
  /** Every item of every identity, newest first. */
  items: HistoryItem[];
  notes: Note[];
  openCount: number;
  lastContactAt?: string;
  /** The person's sentiment: mean of the last five non-neutral items (−1…1); absent with none. */
  sentiment?: number;
  /** Sentiment of the non-neutral items, oldest first, for the trend line. */
  sentimentTrend: { at: string; value: number }[];
  suggestions: LinkSuggestion[];
}
