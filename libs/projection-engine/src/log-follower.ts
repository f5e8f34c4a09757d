import { Client } from 'pg';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { abortableSleep } from './abortable-sleep';
import { quoteIdentifier } from './sql-identifier';

export interface LogFollowerLogger {
  log(message: string): void;
  error(message: string): void;
}

/** The lines a follower logs, in its owner's words: each owner keeps the log vocabulary it had. */
export interface LogFollowerMessages {
  /** This process took the lock and follows the log now. */
  active: string;
  /** Another process holds the lock; logged once per wait. */
  waiting: string;
  /** The session holding the lock ended under the follower. */
  lockLost: string;
  /** Opening the session or taking the lock failed; the follower tries again. */
  failed(error: string): string;
  /** Handling a batch or moving past it failed; the follower goes on from its checkpoint. */
  batchFailed(error: string): string;
}

/** Where a follower's checkpoint lives: a table of `(name, position, updated_at)` rows, and its row's name. */
export interface LogFollowerCheckpoint {
  table: string;
  name: string;
}

export interface LogFollowerOptions {
  store: EventStore;
  databaseUrl: string;
  /** Hashed into the advisory lock key; every process that competes must use the same name. */
  lockName: string;
  checkpoint: LogFollowerCheckpoint;
  /** How the follower's session shows in `pg_stat_activity`. */
  applicationName: string;
  /** Acts on a batch of the log; the checkpoint moves past the batch only once this resolves. */
  handle(events: readonly RecordedEvent[]): Promise<void>;
  logger: LogFollowerLogger;
  messages: LogFollowerMessages;
  batchSize?: number;
  /** How often a process whose follower waits for another's lock tries again. */
  lockRetryMs?: number;
  errorRetryMs?: number;
}

/**
 * Follows the event log from a checkpoint of its own and hands each batch to `handle`, then moves
 * the checkpoint, with exactly one instance active across all processes (a session advisory lock);
 * the others wait to take over. A crash between handling and moving the checkpoint hands that batch
 * over again, so `handle` must tolerate a repeat. Unlike a projection, the first follower ever starts
 * at the head of the log: what it does is for now, not for the log's past.
 */
export class LogFollower {
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;

  constructor(private readonly options: LogFollowerOptions) {}

  /**
   * Makes sure the follower has a checkpoint before the process serves anyone, so nothing appended
   * after the process is up goes unseen, then follows the log (or waits for the lock) in the background.
   */
  async start(): Promise<void> {
    if (this.running) return;
    const session = await FollowerSession.open(this.options);
    try {
      await session.checkpoint(await this.options.store.headPosition());
    } finally {
      await session.close();
    }
    this.running = this.run();
  }

  /** Resolves once the batch in flight is handled and the follower's session is closed. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const { logger, messages } = this.options;
    let waitingLogged = false;
    while (!this.stopping.signal.aborted) {
      let session: FollowerSession | null = null;
      try {
        session = await FollowerSession.open(this.options);
        if (await session.tryLock()) {
          waitingLogged = false;
          logger.log(messages.active);
          await this.followWhileLocked(session);
          if (session.lost.aborted) logger.error(messages.lockLost);
        } else if (!waitingLogged) {
          waitingLogged = true;
          logger.log(messages.waiting);
        }
      } catch (error) {
        logger.error(messages.failed((error as Error).message));
      } finally {
        await session?.close();
      }
      await abortableSleep(this.options.lockRetryMs ?? 2_000, this.stopping.signal);
    }
  }

  private async followWhileLocked(session: FollowerSession): Promise<void> {
    const done = AbortSignal.any([this.stopping.signal, session.lost]);
    while (!done.aborted) {
      try {
        await this.follow(session, done);
      } catch (error) {
        this.options.logger.error(this.options.messages.batchFailed((error as Error).message));
        await abortableSleep(this.options.errorRetryMs ?? 1_000, done);
      }
    }
  }

  private async follow(session: FollowerSession, done: AbortSignal): Promise<void> {
    const { store } = this.options;
    const from = await session.checkpoint(await store.headPosition());
    const subscription = store.subscribeToAll({ fromPosition: from, batchSize: this.options.batchSize ?? 500 });
    const stopOnDone = () => void subscription.stop();
    done.addEventListener('abort', stopOnDone, { once: true });
    try {
      for await (const batch of subscription) {
        if (done.aborted) return;
        await this.options.handle(batch);
        await session.moveCheckpoint(batch[batch.length - 1].position);
      }
    } finally {
      done.removeEventListener('abort', stopOnDone);
      await subscription.stop();
    }
  }
}

/**
 * The follower's own PostgreSQL session: it holds the advisory lock and reads and moves the
 * checkpoint. The lock lives exactly as long as the session, so when the holding process dies
 * another takes over with no lease to expire.
 */
class FollowerSession {
  private readonly lostController = new AbortController();

  private constructor(
    private readonly client: Client,
    private readonly options: LogFollowerOptions,
  ) {}

  static async open(options: LogFollowerOptions): Promise<FollowerSession> {
    const client = new Client({ connectionString: options.databaseUrl, keepAlive: true, application_name: options.applicationName });
    const session = new FollowerSession(client, options);
    client.on('error', () => session.lostController.abort());
    client.on('end', () => session.lostController.abort());
    await client.connect();
    return session;
  }

  /** Aborted when the session ends under the follower: the lock is no longer its own. */
  get lost(): AbortSignal {
    return this.lostController.signal;
  }

  async tryLock(): Promise<boolean> {
    const { rows } = await this.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [this.options.lockName]);
    return rows[0].locked;
  }

  /** Where the follower goes on from; the first instance ever starts at `headPosition`. */
  async checkpoint(headPosition: number): Promise<number> {
    const { table, name } = this.options.checkpoint;
    await this.client.query(`INSERT INTO ${quoteIdentifier(table)} (name, position) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, headPosition]);
    const { rows } = await this.client.query<{ position: string }>(`SELECT position FROM ${quoteIdentifier(table)} WHERE name = $1`, [name]);
    return Number(rows[0].position);
  }

  async moveCheckpoint(position: number): Promise<void> {
    const { table, name } = this.options.checkpoint;
    await this.client.query(`UPDATE ${quoteIdentifier(table)} SET position = $2, updated_at = now() WHERE name = $1`, [name, position]);
  }

  /** Ends the session, which frees the lock whether or not it was taken. */
  async close(): Promise<void> {
    this.client.removeAllListeners('end');
    await this.client.end().catch(() => undefined);
  }
}
