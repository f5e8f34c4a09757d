import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { ReactorSession } from './reactor-session';

export interface LogReactorLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface LogReactorOptions {
  /** Names the reactor's lock and checkpoint: a short lower-case identifier. */
  name: string;
  store: EventStore;
  databaseUrl: string;
  /** Acts on a batch of the log; the checkpoint moves past the batch only once this resolves. */
  react(events: readonly RecordedEvent[]): Promise<void>;
  logger: LogReactorLogger;
  batchSize?: number;
  /** How often a process whose reactor waits for another's lock tries again. */
  lockRetryMs?: number;
  errorRetryMs?: number;
}

/**
 * Follows the event log from a checkpoint of its own and hands each batch to `react`, with exactly
 * one instance active across all platform processes (a session advisory lock); the others wait to
 * take over. A crash between reacting and moving the checkpoint hands that batch over again, so
 * `react` must be idempotent (queueing a job under an id derived from the event is).
 */
export class LogReactor {
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;

  constructor(private readonly options: LogReactorOptions) {}

  /**
   * Makes sure the reactor has a checkpoint before the process serves anyone, so nothing appended
   * after the platform is up goes unseen, then follows the log (or waits for the lock) in the background.
   */
  async start(): Promise<void> {
    if (this.running) return;
    const session = await ReactorSession.open(this.options.databaseUrl, this.options.name);
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
    const { logger, name } = this.options;
    let waitingLogged = false;
    while (!this.stopping.signal.aborted) {
      let session: ReactorSession | null = null;
      try {
        session = await ReactorSession.open(this.options.databaseUrl, name);
        if (await session.tryLock()) {
          waitingLogged = false;
          logger.log(`Reactor.Lock.Acquired: ${name}`);
          await this.followWhileLocked(session);
          if (session.lost.aborted) logger.error(`Reactor.Lock.Lost: ${name}`);
        } else if (!waitingLogged) {
          waitingLogged = true;
          logger.log(`Reactor.Lock.Waiting: another process runs ${name}`);
        }
      } catch (error) {
        logger.error(`Reactor.Lock.Failed: ${name}: ${(error as Error).message}`);
      } finally {
        await session?.close();
      }
      await sleep(this.options.lockRetryMs ?? 2_000, this.stopping.signal);
    }
  }

  private async followWhileLocked(session: ReactorSession): Promise<void> {
    const done = AbortSignal.any([this.stopping.signal, session.lost]);
    while (!done.aborted) {
      try {
        await this.follow(session, done);
      } catch (error) {
        this.options.logger.error(`Reactor.Batch.Failed: ${this.options.name}: ${(error as Error).message}`);
        await sleep(this.options.errorRetryMs ?? 1_000, done);
      }
    }
  }

  private async follow(session: ReactorSession, done: AbortSignal): Promise<void> {
    const { store } = this.options;
    const from = await session.checkpoint(await store.headPosition());
    const subscription = store.subscribeToAll({ fromPosition: from, batchSize: this.options.batchSize ?? 500 });
    const stopOnDone = () => void subscription.stop();
    done.addEventListener('abort', stopOnDone, { once: true });
    try {
      for await (const batch of subscription) {
        if (done.aborted) return;
        await this.options.react(batch);
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
