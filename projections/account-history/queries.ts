import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountHistoryEntry } from './entities';

export interface AccountHistoryQuery {
  /** Cursor: only entries older than this position (the `nextBefore` of the previous page). */
  before?: number;
  /** At most this many entries, 1–200; 50 when not given. */
  limit?: number;
  types?: string[];
  /** Inclusive lower and exclusive upper bound on when the fact happened. */
  occurredFrom?: Date;
  occurredBefore?: Date;
}

export interface AccountHistoryPage {
  entries: AccountHistoryEntry[];
  /** Pass as `before` to get the next, older page; null on the last page. */
  nextBefore: number | null;
}

export const ACCOUNT_HISTORY_MAX_PAGE = 200;

/** One page of a user's history, newest first. */
export async function readAccountHistory(em: EntityManager, userId: string, query: AccountHistoryQuery = {}): Promise<AccountHistoryPage> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > ACCOUNT_HISTORY_MAX_PAGE) {
    throw new RangeError(`limit must be an integer from 1 to ${ACCOUNT_HISTORY_MAX_PAGE}, not ${limit}.`);
  }
  const where: FilterQuery<AccountHistoryEntry> = { userId };
  if (query.before !== undefined) where.position = { $lt: query.before };
  if (query.types && query.types.length > 0) where.eventType = { $in: query.types };
  if (query.occurredFrom || query.occurredBefore) {
    where.occurredAt = {
      ...(query.occurredFrom ? { $gte: query.occurredFrom } : {}),
      ...(query.occurredBefore ? { $lt: query.occurredBefore } : {}),
    };
  }
  // One extra row tells whether an older page exists without a count.
  const rows = await em.find(AccountHistoryEntry, where, { orderBy: { position: 'desc' }, limit: limit + 1, disableIdentityMap: true });
  const entries = rows.slice(0, limit);
  return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1].position : null };
}
