import type Redis from 'ioredis';
import type { RecordedEvent } from '@glint/eventstore';
import type { LogReactor } from '@glint/projection-engine';
import type { PublicationsOf } from './live-publications';

/**
 * Publishes the live frames of the log's batches to Redis, fed by the projection engine's reader
 * like any other consumer. Exactly one relay is active across all platform processes (the engine's
 * lock on `glint.live-relay`); the others stand by to take over. Its checkpoint is stored every few
 * seconds, not per batch: a crash publishes the frames since then again, and frames carry their
 * event's id so clients drop the repeats. The first relay ever starts at the head of the log: live
 * frames are for who is watching now.
 */
export class LiveRelay implements LogReactor {
  readonly name = 'live_relay';
  readonly lockName = 'glint.live-relay';
  readonly checkpointTable = 'live_relay_checkpoints';
  readonly storesLazily = true;
  // The frames come from whatever the sources make of a batch: every event is theirs to look at.
  readonly eventTypes = 'all';

  constructor(
    /** The connection frames are published on (commands, not the subscriber). */
    private readonly redis: Redis,
    private readonly publicationsOf: PublicationsOf,
  ) {}

  async react(events: readonly RecordedEvent[]): Promise<boolean> {
    const publications = await this.publicationsOf(events);
    if (publications.length === 0) return false;
    const pipeline = this.redis.pipeline();
    for (const { topic, frame } of publications) pipeline.publish(topic, JSON.stringify(frame));
    const replies = await pipeline.exec();
    const failed = replies?.find(([error]) => error);
    if (failed) throw failed[0];
    return true;
  }
}
