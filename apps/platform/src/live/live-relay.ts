import type Redis from 'ioredis';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import type { Publication } from '@glint/chat';
import { RelaySession } from './relay-session';

export interface LiveRelayLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface LiveRelayOptions {
  store: EventStore;
  databaseUrl: string;
  /** The connection frames are published on (commands, not the subscriber). */
  redis: Redis;
  /** The frames a batch of the log sends live. */
  publicationsOf(events: readonly RecordedEvent[]): Promise<Publication[]>;
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
 * that batch again: frames carry their event's id so clients drop the repeats.
 */
export class LiveRelay {
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;

  constructor(private readonly options: LiveRelayOptions) {}

  /**
   * Makes sure the relay has a checkpoint before the process serves anyone, so nothing appended
   * after the platform is up goes unrelayed, then relays (or waits for the lock) in the background.
   */
  async start(): Promise<void> {
    if (this.running) return;
    const session = await RelaySession.open(this.options.databaseUrl);
    try {
      await session.checkpoint(await this.options.store.headPosition());
    } finally {
      await session.close();
    }
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    let waitingLogged = false;
    while (!this.stopping.signal.aborted) {
      let session: RelaySession | null = null;
      try {
        session = await RelaySession.open(this.options.databaseUrl);
        if (await session.tryLock()) {
          waitingLogged = false;
          logger.log('Live.Relay.Active');
          await this.relayWhileLocked(session);
          if (session.lost.aborted) logger.error('Live.Relay.LockLost');
        } else if (!waitingLogged) {
          waitingLogged = true;
          logger.log('Live.Relay.Waiting: another process relays');
        }
      } catch (error) {
        logger.error(`Live.Relay.Failed: ${(error as Error).message}`);
      } finally {
        await session?.close();
      }
      await sleep(this.options.lockRetryMs ?? 2_000, this.stopping.signal);
    }
  }

  private async relayWhileLocked(session: RelaySession): Promise<void> {
    const done = AbortSignal.any([this.stopping.signal, session.lost]);
    while (!done.aborted) {
      try {
        await this.relay(session, done);
      } catch (error) {
        this.options.logger.error(`Live.Relay.BatchFailed: ${(error as Error).message}`);
        await sleep(this.options.errorRetryMs ?? 1_000, done);
      }
    }
  }

  private async relay(session: RelaySession, done: AbortSignal): Promise<void> {
    const { store, redis } = this.options;
    const from = await session.checkpoint(await store.headPosition());
    const subscription = store.subscribeToAll({ fromPosition: from, batchSize: this.options.batchSize ?? 500 });
    const stopOnDone = () => void subscription.stop();
    done.addEventListener('abort', stopOnDone, { once: true });
    try {
      for await (const batch of subscription) {
        if (done.aborted) return;
        const publications = await this.options.publicationsOf(batch);
        if (publications.length > 0) {
          const pipeline = redis.pipeline();
          for (const { topic, frame } of publications) pipeline.publish(topic, JSON.stringify(frame));
          const replies = await pipeline.exec();
          const failed = replies?.find(([error]) => error);
          if (failed) throw failed[0];
        }
        await session.moveCheckpoint(batch[batch.length - 1].position);
      }
    } finally {
      done.removeEventListener('abort', stopOnDone);
      await subscription.stop();
    }
  }
}

/** Waits `ms`, or less when `signal` aborts first; never rejects, so a stop ends a wait quietly. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
