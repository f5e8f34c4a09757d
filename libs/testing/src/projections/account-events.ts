import { randomUUID } from 'node:crypto';
import type { Actor, EventStore, NewEvent, RecordedEvent } from '@glint/eventstore';
import type { AccountRelation } from '@glint/projections/account-history';

/** An event to append, with the users it concerns written down by hand, as the oracle of the tests. */
export interface PlannedEvent {
  streamName: string;
  event: NewEvent;
  concerns: Record<string, AccountRelation>;
}

export interface AccountHistoryRow {
  user_id: string;
  position: number;
  event_id: string;
  event_type: string;
  stream_name: string;
  relation: AccountRelation;
  actor: Actor;
  correlation_id: string;
  occurred_at: string;
  recorded_at: string;
}


const member = (userId: string): Actor => ({ type: 'user', userId, role: 'member' });

/**
 * Plans `count` events over `users`: a user acting, a user acted upon under each subject key, a
 * user's own stream, users acting on themselves, and platform events that concern nobody.
 * `firstIndex` continues an earlier plan, so occurrence times keep increasing.
 */
export function planAccountEvents(count: number, users: string[], random: () => number, firstIndex = 0): PlannedEvent[] {
  const pick = () => users[Math.floor(random() * users.length)];
  const other = (than: string) => {
    const rest = users.filter((user) => user !== than);
    return rest[Math.floor(random() * rest.length)];
  };
  const planned: PlannedEvent[] = [];
  for (let index = firstIndex; index < firstIndex + count; index++) {
    const a = pick();
    const b = other(a);
    const kind = index % 9;
    const plan = (streamName: string, type: string, actor: Actor, data: Record<string, unknown>, concerns: Record<string, AccountRelation>): PlannedEvent => ({
      streamName,
      event: {
        id: randomUUID(),
        type,
        data,
        metadata: { correlationId: randomUUID(), causationId: null, actor, occurredAt: new Date(Date.UTC(2026, 10, 1) + index * 60_000).toISOString() },
      },
      concerns,
    });
    switch (kind) {
      case 0:
        planned.push(plan(`user-${a}`, 'UserRegistered', { type: 'system' }, { email: `${a}@glint.test` }, { [a]: 'subject' }));
        break;
      case 1:
        planned.push(plan(`user-${a}`, 'UserProfileUpdated', member(a), { displayName: `User ${a}` }, { [a]: 'both' }));
        break;
      case 2:
        planned.push(plan(`channel-${b}`, 'ChannelFollowed', member(a), { channelId: b, followerId: a, ownerId: b }, { [a]: 'both', [b]: 'subject' }));
        break;
      case 3:
        planned.push(plan(`channel-${a}`, 'UserTimedOut', member(a), { channelId: a, moderatorId: a, targetUserId: b, seconds: 600 }, { [a]: 'both', [b]: 'subject' }));
        break;
      case 4:
        planned.push(plan(`channel-${b}`, 'ChatMessageSent', member(a), { channelId: b, text: 'hello' }, { [a]: 'actor' }));
        break;
      case 5:
        planned.push(plan(`stream-${randomUUID()}`, 'StreamStarted', { type: 'gateway', id: 'gateway-1' }, { streamerId: a, channelId: a }, { [a]: 'subject' }));
        break;
      case 6:
        planned.push(plan('gateway-1', 'GatewayHeartbeat', { type: 'gateway', id: 'gateway-1' }, { viewers: index }, {}));
        break;
      case 7:
        planned.push(plan(`subscription-${randomUUID()}`, 'SubscriptionRenewed', { type: 'stripe' }, { userId: a, subjectUserId: b, amount: 499, currency: 'USD' }, { [a]: 'subject', [b]: 'subject' }));
        break;
      default:
        planned.push(plan(`user-${b}`, 'UserBanned', { type: 'user', userId: a, role: 'admin' }, { reason: 'spam' }, { [a]: 'actor', [b]: 'subject' }));
    }
  }
  return planned;
}

/** Appends in order, many at a time, as group commit would take them from concurrent requests. */
export async function appendPlanned(store: EventStore, planned: PlannedEvent[]): Promise<number> {
  let lastPosition = 0;
  for (let start = 0; start < planned.length; start += 100) {
    const results = await store.appendMany(planned.slice(start, start + 100).map(({ streamName, event }) => ({ streamName, events: [event] })));
    for (const result of results) {
      if (result instanceof Error) throw result;
      lastPosition = Math.max(lastPosition, result.lastPosition);
    }
  }
  return lastPosition;
}

/** The rows account_history must hold for these events, from the hand-written concerns. */
export function expectedAccountHistory(planned: PlannedEvent[], recorded: RecordedEvent[]): AccountHistoryRow[] {
  const byId = new Map(planned.map((plan) => [plan.event.id, plan]));
  const rows: AccountHistoryRow[] = [];
  for (const event of recorded) {
    const plan = byId.get(event.id);
    if (!plan) throw new Error(`Event ${event.id} at ${event.position} was not planned by the test`);
    for (const [userId, relation] of Object.entries(plan.concerns)) {
      rows.push({
        user_id: userId,
        position: event.position,
        event_id: event.id,
        event_type: event.type,
        stream_name: event.streamName,
        relation,
        actor: plan.event.metadata.actor,
        correlation_id: plan.event.metadata.correlationId,
        occurred_at: plan.event.metadata.occurredAt,
        recorded_at: event.recordedAt.toISOString(),
      });
    }
  }
  return sortRows(rows);
}

export const ACCOUNT_HISTORY_ROWS_SQL = `
  SELECT user_id, position::float8 AS position, event_id::text AS event_id, event_type, stream_name, relation, actor,
         correlation_id, occurred_at, recorded_at
    FROM account_history`;

export function toAccountHistoryRows(rows: Array<Record<string, any>>): AccountHistoryRow[] {
  return sortRows(
    rows.map((row) => ({
      user_id: row.user_id,
      position: Number(row.position),
      event_id: row.event_id,
      event_type: row.event_type,
      stream_name: row.stream_name,
      relation: row.relation,
      actor: row.actor,
      correlation_id: row.correlation_id,
      occurred_at: new Date(row.occurred_at).toISOString(),
      recorded_at: new Date(row.recorded_at).toISOString(),
    })),
  );
}

function sortRows(rows: AccountHistoryRow[]): AccountHistoryRow[] {
  return rows.sort((x, y) => (x.user_id === y.user_id ? x.position - y.position : x.user_id < y.user_id ? -1 : 1));
}
