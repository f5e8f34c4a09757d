import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventStore } from '@glint/eventstore';
import type { Projection } from './projection';
import { applyBatch } from './checkpointed-transaction';
import { LIVE_CHECKPOINTS, ensureCheckpoint, readCheckpoint } from './checkpoints';
import { SessionLock } from './session-lock';
import { abortableSleep } from './abortable-sleep';
import { describeError, type ProjectionEngineLogger } from './logger';

export interface ProjectionRunnerOptions {
  orm: MikroORM;
  store: EventStore;
  projection: Projection;
  databaseUrl: string;
  batchSize: number;
  /** How often a process that does not hold the projection's lock tries again. */
  lockRetryMs: number;
  /** How long to wait before retrying after a failed batch or a broken subscription. */
  errorRetryMs: number;
  logger: ProjectionEngineLogger;
}

/** The lock every process running a projection competes for: one active instance at a time. */
export function runnerLockName(projection: string): string {
  return `glint.projection.${projection}`;
}

/**
 * Keeps one projection's live tables following the log: takes the projection's session lock (or
 * waits for it), then applies subscription batches, each in one checkpointed transaction.
 */
export class ProjectionRunner {
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {}

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const { projection, logger } = this.options;
    let waitingLogged = false;
    while (!this.stopping.signal.aborted) {
      const lock = new SessionLock(this.options.databaseUrl, runnerLockName(projection.name));
      try {
        if (await lock.tryAcquire()) {
          waitingLogged = false;
          logger.log({ event: 'Projection.Lock.Acquired', projection: projection.name });
          await this.followWhileLocked(lock.lost);
          if (lock.lost.aborted) logger.error({ event: 'Projection.Lock.Lost', projection: projection.name });
        } else if (!waitingLogged) {
          waitingLogged = true;
          logger.log({ event: 'Projection.Lock.Waiting', projection: projection.name, retryMs: this.options.lockRetryMs });
        }
      } catch (error) {
        logger.error({ event: 'Projection.Lock.Failed', projection: projection.name, error: describeError(error) });
      } finally {
        await lock.release();
      }
      await abortableSleep(this.options.lockRetryMs, this.stopping.signal);
    }
  }

  private async followWhileLocked(lockLost: AbortSignal): Promise<void> {
    const { projection, logger } = this.options;
    const done = AbortSignal.any([this.stopping.signal, lockLost]);
    while (!done.aborted) {
      try {
        await this.follow(done);
      } catch (error) {
        logger.error({ event: 'Projection.Batch.Failed', projection: projection.name, error: describeError(error) });
        await abortableSleep(this.options.errorRetryMs, done);
      }
    }
  }

  /** Follows the log from the stored checkpoint until told to stop or until the checkpoint moves under it. */
  private async follow(done: AbortSignal): Promise<void> {
    const { orm, store, projection, batchSize, logger } = this.options;
    await ensureCheckpoint(orm.em.fork(), LIVE_CHECKPOINTS, projection.name);
    let expected = (await readCheckpoint(orm.em.fork(), LIVE_CHECKPOINTS, projection.name)) ?? 0;
    const subscription = store.subscribeToAll({ fromPosition: expected, batchSize });
    const stopOnDone = () => void subscription.stop();
    done.addEventListener('abort', stopOnDone, { once: true });
    try {
      for await (const batch of subscription) {
        if (done.aborted) return;
        const outcome = await applyBatch(orm, projection, { checkpointTable: LIVE_CHECKPOINTS }, batch, expected);
        if (!outcome.applied) {
          logger.log({ event: 'Projection.Checkpoint.Moved', projection: projection.name, expected, stored: outcome.storedPosition });
          return;
        }
        expected = outcome.position;
      }
    } finally {
      done.removeEventListener('abort', stopOnDone);
      await subscription.stop();
    }
  }
}
