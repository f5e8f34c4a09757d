import type { RecordedEvent } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';
import { AccountHistoryEntry } from './entities';
import { accountHistoryTable, type AccountRelation } from './tables';

/**
 * Keys in an event's data that name the user the event is about. A context whose events name a
 * user under another key adds it here, and a rebuild of account_history picks up its past events.
 */
export const ACCOUNT_SUBJECT_KEYS: readonly string[] = ['userId', 'followerId', 'targetUserId', 'moderatorId', 'ownerId', 'streamerId', 'subjectUserId', 'senderId', 'reporterId', 'authorId'];

const USER_STREAM_PREFIX = 'user-';

/**
 * A broadcast's start, changes and end are the channel's owner's, a channel's id being its owner's
 * user id. Its health and viewer samples are left out: a long broadcast records thousands.
 */
const BROADCAST_EVENTS: ReadonlySet<string> = new Set(['StreamStarted', 'StreamMetadataChanged', 'StreamEnded']);

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
    if (BROADCAST_EVENTS.has(event.type)) asSubject((data as Record<string, unknown>).channelId);
  }
  return concerned;
}

/** Every event, indexed under each user it concerns: support's view of an account. Append-only. */
export const accountHistoryProjection = defineProjection()({
  name: 'account_history',
  tables: { account_history: accountHistoryTable },
  entities: [AccountHistoryEntry],
  allEvents: (event, tables) => {
    for (const [userId, relation] of usersConcernedBy(event)) {
      tables.account_history.insert({
        user_id: userId,
        position: event.position,
        event_id: event.id,
        event_type: event.type,
        stream_name: event.streamName,
        relation,
        actor: event.metadata.actor,
        correlation_id: event.metadata.correlationId,
        occurred_at: new Date(event.metadata.occurredAt),
        recorded_at: event.recordedAt,
      });
    }
  },
});
