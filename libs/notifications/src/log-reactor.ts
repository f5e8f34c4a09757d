import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { LogFollower, type LogFollowerLogger } from '@glint/projection-engine';

export type LogReactorLogger = LogFollowerLogger;

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
 * Follows the event log from a checkpoint of its own (a row of `reactor_checkpoints`) and hands
 * each batch to `react`, with exactly one instance active across all platform processes (a session
 * advisory lock); the others wait to take over. A crash between reacting and moving the checkpoint
 * hands that batch over again, so `react` must be idempotent (queueing a job under an id derived
 * from the event is).
 */
export class LogReactor extends LogFollower {
  constructor(options: LogReactorOptions) {
    const { name, store, databaseUrl, react, logger, batchSize, lockRetryMs, errorRetryMs } = options;
    super({
      store,
      databaseUrl,
      lockName: `glint.reactor.${name}`,
      checkpoint: { table: 'reactor_checkpoints', name },
      applicationName: `glint-reactor-${name}`,
      handle: react,
      logger,
      messages: {
        active: `Reactor.Lock.Acquired: ${name}`,
        waiting: `Reactor.Lock.Waiting: another process runs ${name}`,
        lockLost: `Reactor.Lock.Lost: ${name}`,
        failed: (error) => `Reactor.Lock.Failed: ${name}: ${error}`,
        batchFailed: (error) => `Reactor.Batch.Failed: ${name}: ${error}`,
      },
      batchSize,
      lockRetryMs,
      errorRetryMs,
    });
  }
}
