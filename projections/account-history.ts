import { BigIntType, EntitySchema, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor, RecordedEvent } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';

/**
 * Keys in an event's data that name the user the event is about. A context whose events name a
 * user under another key adds it here, and a rebuild of account_history picks up its past events.
 */
export const ACCOUNT_SUBJECT_KEYS: readonly string[] = ['userId', 'followerId', 'targetUserId', 'moderatorId', 'ownerId', 'streamerId', 'subjectUserId', 'senderId', 'reporterId', 'authorId'];

const USER_STREAM_PREFIX = 'user-';

/** How the user is involved: did it (`actor`), it is about them (`subject`), or `both`. */
export type AccountRelation = 'actor' | 'subject' | 'both';

export interface AccountHistoryEntry {
  userId: string;
  position: number;
  eventId: string;
  eventType: string;
  streamName: string;
  relation: AccountRelation;
  actor: Actor;
  correlationId: string;
  occurredAt: Date;
  recordedAt: Date;
}

export const AccountHistoryEntry = new EntitySchema<AccountHistoryEntry>({
  name: 'AccountHistoryEntry',
  tableName: 'account_history',
  properties: {
    userId: { type: 'text', primary: true },
    position: { type: new BigIntType('number'), primary: true },
    eventId: { type: 'uuid' },
    eventType: { type: 'text' },
    streamName: { type: 'text' },
    relation: { type: 'text' },
    actor: { type: 'json' },
    correlationId: { type: 'text' },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
    recordedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** Every user an event concerns, and how. */
export function usersConcernedBy(event: RecordedEvent): Map<string, AccountRelation> {
  const concerned = new Map<string, AccountRelation>();
  const asSubject = (userId: unknown) => {
    if (typeof userId !== 'string' || userId === '') return;
    concerned.set(userId, concerned.get(userId) === 'actor' ? 'both' : (concerned.get(userId) ?? 'subject'));
  };
  const actor = event.metadata.actor;
  if (actor.type === 'user' && actor.userId) concerned.set(actor.userId, 'actor');
  if (event.streamName.startsWith(USER_STREAM_PREFIX)) asSubject(event.streamName.slice(USER_STREAM_PREFIX.length));
  const data = event.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const key of ACCOUNT_SUBJECT_KEYS) {
      if (Object.hasOwn(data, key)) asSubject((data as Record<string, unknown>)[key]);
    }
  }
  return concerned;
}

const accountHistoryProjection = defineProjection('account_history', {
  tables: ['account_history'],
  entities: [AccountHistoryEntry],
  // Insert-only: returned rows go in with one statement per batch, which matters on a rebuild.
  allEvents: (event) => {
    const rows: AccountHistoryEntry[] = [];
    for (const [userId, relation] of usersConcernedBy(event)) {
      rows.push({
        userId,
        position: event.position,
        eventId: event.id,
        eventType: event.type,
        streamName: event.streamName,
        relation,
        actor: event.metadata.actor,
        correlationId: event.metadata.correlationId,
        occurredAt: new Date(event.metadata.occurredAt),
        recordedAt: event.recordedAt,
      });
    }
    return [{ entity: AccountHistoryEntry, rows }];
  },
});

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

/** The account_history read model: its projection, and `page` to read it. */
export const accountHistory = { ...accountHistoryProjection, page: readAccountHistory };
