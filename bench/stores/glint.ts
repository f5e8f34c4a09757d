import { WrongExpectedRevisionError, PostgresEventStore, type EventStore } from '@glint/eventstore';
import { newEvent } from '../events';
import type { ExpectedRevisionTarget, ExpectingResult, NewStreamTarget } from './targets';

export function openGlint(connectionString: string): EventStore {
  return new PostgresEventStore({ connectionString });
}

/** Glint's PostgreSQL store; concurrent append() calls are grouped into shared transactions by the store. */
export class GlintTarget implements NewStreamTarget, ExpectedRevisionTarget {
  readonly store = 'glint' as const;
  readonly eventStore: EventStore;

  constructor(connectionString: string) {
    this.eventStore = openGlint(connectionString);
  }

  async appendToNewStream(streamName: string, sequence: number): Promise<void> {
    await this.eventStore.append(streamName, [newEvent(streamName, sequence)], { expectedRevision: 'no_stream' });
  }

  async createStream(streamName: string): Promise<number> {
    const result = await this.eventStore.append(streamName, [newEvent(streamName, 0)], { expectedRevision: 'no_stream' });
    return result.nextExpectedRevision;
  }

  async appendExpecting(streamName: string, sequence: number, expected: number): Promise<ExpectingResult> {
    try {
      const result = await this.eventStore.append(streamName, [newEvent(streamName, sequence)], { expectedRevision: expected });
      return { ok: true, next: result.nextExpectedRevision };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return { ok: false, conflict: error };
      throw error;
    }
  }

  /** Glint's error carries the stream's actual revision: no extra read. */
  async revisionAfterConflict(streamName: string, _known: number, conflict: unknown): Promise<number> {
    const actual = (conflict as WrongExpectedRevisionError).actual;
    if (typeof actual !== 'number') throw new Error(`Stream ${streamName} reported as absent after a conflict`);
    return actual;
  }

  close(): Promise<void> {
    return this.eventStore.close();
  }
}
