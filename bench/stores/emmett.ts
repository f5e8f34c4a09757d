import { STREAM_DOES_NOT_EXIST, isExpectedVersionConflictError, type Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import { newEvent } from '../events';
import type { ExpectedRevisionTarget, ExpectingResult, NewStreamTarget } from './targets';

type ViewerCountChanged = Event<string, Record<string, unknown>, Record<string, unknown>>;

/** The same event Glint stores, in the peer's shape (its own message id is added by the peer). */
function peerEvent(streamName: string, sequence: number): ViewerCountChanged {
  const { type, data, metadata } = newEvent(streamName, sequence);
  return { type, data: data as Record<string, unknown>, metadata };
}

/**
 * `@event-driven-io/emmett-postgresql`, the peer Glint is measured against. It gets a pg pool of
 * the same size as the bare INSERT (one connection per concurrent caller) instead of pg's default 10.
 */
export class EmmettTarget implements NewStreamTarget, ExpectedRevisionTarget {
  readonly store = 'emmett' as const;
  private readonly pool: Pool;
  private readonly eventStore: PostgresEventStore;

  constructor(connectionString: string, poolSize: number) {
    this.pool = new Pool({ connectionString, max: poolSize });
    this.eventStore = getPostgreSQLEventStore(connectionString, { connectionOptions: { connectionString, pool: this.pool } });
  }

  async appendToNewStream(streamName: string, sequence: number): Promise<void> {
    await this.eventStore.appendToStream(streamName, [peerEvent(streamName, sequence)], { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
  }

  async createStream(streamName: string): Promise<number> {
    const result = await this.eventStore.appendToStream(streamName, [peerEvent(streamName, 0)], { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
    return Number(result.nextExpectedStreamVersion);
  }

  async appendExpecting(streamName: string, sequence: number, expected: number): Promise<ExpectingResult> {
    try {
      const result = await this.eventStore.appendToStream(streamName, [peerEvent(streamName, sequence)], { expectedStreamVersion: BigInt(expected) });
      return { ok: true, next: Number(result.nextExpectedStreamVersion) };
    } catch (error) {
      if (isExpectedVersionConflictError(error)) return { ok: false, conflict: error };
      throw error;
    }
  }

  /**
   * The peer's conflict error does not say where the stream is (it reports -1), so the caller
   * reads the events appended since the version it knew: the cheapest read that gives the version.
   */
  async revisionAfterConflict(streamName: string, known: number): Promise<number> {
    const newer = await this.eventStore.readStream(streamName, { from: BigInt(known + 1) });
    if (newer.events.length > 0) return Number(newer.currentStreamVersion);
    const whole = await this.eventStore.readStream(streamName);
    return Number(whole.currentStreamVersion);
  }

  async close(): Promise<void> {
    try {
      await this.eventStore.close();
    } finally {
      await this.pool.end();
    }
  }
}
