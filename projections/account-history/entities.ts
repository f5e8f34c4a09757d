import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { Actor } from '@glint/eventstore';
import type { AccountRelation } from './tables';

/** An account_history row as the read functions see it (MikroORM maps it until the reads move to plain SQL). */
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
