import type Redis from 'ioredis';
import type { EventStore } from '@glint/eventstore';
import { LogFollower, type LogFollowerLogger } from '@glint/projection-engine';
import type { PublicationsOf } from './live-publications';

export type LiveRelayLogger = LogFollowerLogger;

export interface LiveRelayOptions {
  store: EventStore;
  databaseUrl: string;
  /** The connection frames are published on (commands, not the subscriber). */
  redis: Redis;
  publicationsOf: PublicationsOf;
  logger: LiveRelayLogger;
  batchSize?: number;
  /** How often a process whose relay waits for another's lock tries again. */
  lockRetryMs?: number;
  errorRetryMs?: number;
}

/**
 * Follows the event log and publishes the live frames of each batch to Redis, then moves its
 * checkpoint. Exactly one relay is active across all platform processes (a session advisory lock);
 * the others wait to take over. A crash between publishing and moving the checkpoint publishes
 * that batch again: frames carry their event's id so clients drop the repeats. The first relay
 * ever starts at the head of the log: live frames are for who is watching now.
 */
export class LiveRelay extends LogFollower {
  constructor(options: LiveRelayOptions) {
    const { store, databaseUrl, redis, publicationsOf, logger, batchSize, lockRetryMs, errorRetryMs } = options;
    super({
      store,
      databaseUrl,
      lockName: 'glint.live-relay',
      checkpoint: { table: 'live_relay_checkpoints', name: 'live_relay' },
      applicationName: 'glint-live-relay',
      handle: async (events) => {
        const publications = await publicationsOf(events);
        if (publications.length === 0) return;
        const pipeline = redis.pipeline();
        for (const { topic, frame } of publications) pipeline.publish(topic, JSON.stringify(frame));
        const replies = await pipeline.exec();
        const failed = replies?.find(([error]) => error);
        if (failed) throw failed[0];
      },
      logger,
      messages: {
        active: 'Live.Relay.Active',
        waiting: 'Live.Relay.Waiting: another process relays',
        lockLost: 'Live.Relay.LockLost',
        failed: (error) => `Live.Relay.Failed: ${error}`,
        batchFailed: (error) => `Live.Relay.BatchFailed: ${error}`,
      },
      batchSize,
      lockRetryMs,
      errorRetryMs,
    });
  }
}
