import type { Pool } from 'pg';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import type { Consumer } from './consumer';
import { applyProjectionBatchesTogether, type BatchOutcome } from './projection-batch';
import { ensureCheckpoints, readCheckpoints, storeCheckpoints, withConnection } from './checkpoints';
import { LockSession } from './session-lock';
import { abortableSleep } from './abortable-sleep';
import { describeError, type ProjectionEngineLogger } from './logger';

export interface LiveConsumersOptions {
  store: EventStore;
  pool: Pool;
  databaseUrl: string;
  consumers: readonly Consumer[];
  logger: ProjectionEngineLogger;
  batchSize: number;
  /** How often a process tries again to take the locks of consumers another process runs. */
  lockRetryMs: number;
  /** The first pause of a failing consumer; each failure in a row doubles it, up to `maxPauseMs`. */
  errorRetryMs: number;
  maxPauseMs: number;
  /** How often positions moved in memory only (batches with nothing to apply) are stored. */
  lazyCheckpointMs: number;
}

/**
 * `standby`: another process holds its lock. `catching-up`: held here, reading the log by itself up
 * to the shared reader. `joined`: fed by the shared reader. `paused`: its last batch failed; it
 * retries after the pause.
 */
export type ConsumerStatus = 'standby' | 'catching-up' | 'joined' | 'paused';

export interface ConsumerPause {
  error: string;
  attempts: number;
  nextRetryAt: string;
}

class ConsumerState {
  status: ConsumerStatus = 'standby';
  /** Every event up to here is applied, or is not of the consumer's types. */
  position = 0;
  /** The position last stored in its checkpoint row. */
  stored = 0;
  attempts = 0;
  pause: ConsumerPause | null = null;
  retry: NodeJS.Timeout | null = null;
  waitingLogged = false;
  private readonly waiters = new Set<() => void>();

  constructor(readonly consumer: Consumer) {}

  advance(outcome: BatchOutcome): void {
    this.position = Math.max(this.position, outcome.position);
    if (outcome.applied) this.stored = Math.max(this.stored, outcome.position);
    this.changed();
  }

  changed(): void {
    for (const wake of [...this.waiters]) wake();
  }

  nextChange(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
    });
  }
}

/**
 * The process's one reader of the log and the consumers it feeds. One subscription, from the lowest
 * position among the consumers this process holds; each batch goes to every joined consumer, side
 * by side, with only the events of its types past its own position. A consumer with none moves its
 * position in memory: stored lazily (every `lazyCheckpointMs`, with its next write, or at stop),
 * so it costs no statement, and a restart from the older stored position re-reads events it has
 * nothing to do with. A consumer whose batch fails is paused alone, and afterwards catches up by
 * itself before it rejoins the reader; so does one whose lock this process takes over.
 */
export class LiveConsumers {
  private readonly states: Map<string, ConsumerState>;
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<void>>();
  /** Every batch up to here has been handed to the joined consumers (or is being handed now). */
  private readerPosition = 0;
  private session: LockSession | null = null;
  private lazyTimer: NodeJS.Timeout | null = null;
  private storingLazily: Promise<void> | null = null;

  constructor(private readonly options: LiveConsumersOptions) {
    this.states = new Map(options.consumers.map((consumer) => [consumer.name, new ConsumerState(consumer)]));
  }

  /** Creates missing checkpoint rows, takes the locks it can, and starts reading; resolves once running. */
  async start(): Promise<void> {
    const { store, pool } = this.options;
    const head = await store.headPosition();
    await withConnection(pool, async (client) => {
      for (const [table, states] of this.byCheckpointTable([...this.states.values()])) {
        await ensureCheckpoints(client, table, new Map(states.map((state) => [state.consumer.name, state.consumer.startsAtHead ? head : 0])));
      }
    });
    const acquired = await this.takeLocks().catch((error: unknown) => {
      this.options.logger.error({ event: 'Consumer.Lock.Failed', error: describeError(error) });
      return [];
    });
    this.readerPosition = acquired.length === 0 ? head : Math.min(...acquired.map((state) => state.position));
    for (const state of acquired) this.catchUp(state);
    this.track(this.readLog());
    this.track(this.keepLocks());
    this.lazyTimer = setInterval(() => void this.storeLazily(), this.options.lazyCheckpointMs);
  }

  /** Lets a batch in flight commit, stores the positions moved in memory, and frees the locks. */
  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.lazyTimer) clearInterval(this.lazyTimer);
    for (const state of this.states.values()) if (state.retry) clearTimeout(state.retry);
    while (this.running.size > 0) await Promise.all([...this.running]);
    await this.storeLazily();
    for (const state of this.states.values()) state.changed();
    await this.session?.close();
  }

  /** The consumer's state here, for `lag()` and `/health`. */
  status(name: string): { status: ConsumerStatus; position: number; pause: ConsumerPause | null } | undefined {
    const state = this.states.get(name);
    return state && { status: state.status, position: state.position, pause: state.pause };
  }

  /**
   * Resolves true once the consumer, fed by the reader here, has passed `position`; false at once,
   * or as soon as it leaves the reader, when this process does not feed it: then the caller
   * catches it up itself.
   */
  async reached(name: string, position: number): Promise<boolean> {
    const state = this.states.get(name);
    if (!state) return false;
    while (state.status === 'joined' && state.position < position && !this.stopping.signal.aborted) await state.nextChange();
    return state.position >= position;
  }

  private async readLog(): Promise<void> {
    const { store, batchSize, logger } = this.options;
    const stopped = this.stopping.signal;
    while (!stopped.aborted) {
      const subscription = store.subscribeToAll({ fromPosition: this.readerPosition, batchSize });
      const stop = () => void subscription.stop();
      stopped.addEventListener('abort', stop, { once: true });
      try {
        for await (const batch of subscription) {
          if (stopped.aborted) break;
          const end = batch[batch.length - 1].position;
          // Moved before the batch is handed out: a consumer catching up joins only past it.
          this.readerPosition = end;
          const joined = [...this.states.values()].filter((state) => state.status === 'joined');
          await this.handOut(joined, batch, end);
        }
      } catch (error) {
        logger.error({ event: 'Reader.Batch.Failed', error: describeError(error) });
        await abortableSleep(this.options.errorRetryMs, stopped);
      } finally {
        stopped.removeEventListener('abort', stop);
        await subscription.stop();
      }
    }
  }

  /**
   * Hands a batch to the joined consumers. The projections with events in it apply them in one
   * transaction together (one claim of their checkpoints, one commit); should that fail, each in a
   * transaction of its own, where a failure pauses its projection alone. Reactors meanwhile, side by side.
   */
  private async handOut(joined: readonly ConsumerState[], batch: readonly RecordedEvent[], end: number): Promise<void> {
    const parts = joined.map((state) => ({ state, events: batch.filter((event) => event.position > state.position && state.consumer.handles(event.type)) }));
    const together = parts.filter(({ state, events }) => events.length > 0 && state.consumer.projection !== undefined);
    if (together.length < 2) {
      await Promise.all(parts.map(({ state, events }) => this.hand(state, events, end)));
      return;
    }
    const projections = (async () => {
      const applied = await applyProjectionBatchesTogether(
        this.options.pool,
        together.map(({ state, events }) => ({ projection: state.consumer.projection!, events })),
        end,
      );
      if (applied) {
        for (const { state } of together) state.advance({ applied: true, position: end });
        return;
      }
      await Promise.all(together.map(({ state, events }) => this.hand(state, events, end)));
    })();
    const others = parts.filter((part) => !together.includes(part)).map(({ state, events }) => this.hand(state, events, end));
    await Promise.all([projections, ...others]);
  }

  private async hand(state: ConsumerState, events: readonly RecordedEvent[], end: number): Promise<void> {
    if (events.length === 0) {
      state.advance({ applied: false, position: end });
      return;
    }
    try {
      this.advanced(state, await state.consumer.apply(events, end));
    } catch (error) {
      this.pause(state, error);
    }
  }

  private advanced(state: ConsumerState, outcome: BatchOutcome): void {
    if (outcome.overtakenAt !== undefined) {
      this.options.logger.log({ event: 'Consumer.Checkpoint.Moved', consumer: state.consumer.name, expected: state.position, stored: outcome.overtakenAt });
    }
    state.advance(outcome);
  }

  private pause(state: ConsumerState, error: unknown): void {
    if (state.status === 'standby') return;
    state.attempts += 1;
    const pauseMs = Math.min(this.options.errorRetryMs * 2 ** (state.attempts - 1), this.options.maxPauseMs);
    state.status = 'paused';
    state.pause = { error: describeError(error), attempts: state.attempts, nextRetryAt: new Date(Date.now() + pauseMs).toISOString() };
    this.options.logger.error({ event: 'Consumer.Batch.Failed', consumer: state.consumer.name, error: state.pause.error, attempts: state.attempts, retryInMs: pauseMs });
    state.retry = setTimeout(() => {
      state.retry = null;
      if (state.status === 'paused') this.catchUp(state);
    }, pauseMs);
    state.changed();
  }

  /** Reads the log by itself from its position up to the shared reader, then joins it. */
  private catchUp(state: ConsumerState): void {
    if (this.stopping.signal.aborted) return;
    state.status = 'catching-up';
    state.changed();
    this.track(this.catchingUp(state));
  }

  private async catchingUp(state: ConsumerState): Promise<void> {
    const { store, batchSize, logger } = this.options;
    try {
      while (state.status === 'catching-up' && !this.stopping.signal.aborted) {
        if (state.position < this.readerPosition) {
          const read = await store.readAll({ fromPosition: state.position, maxCount: batchSize });
          // An empty read: the log holds nothing past its position, so there is nothing to catch up.
          const end = read.length === 0 ? this.readerPosition : read[read.length - 1].position;
          const events = read.filter((event) => state.consumer.handles(event.type));
          this.advanced(state, events.length === 0 ? { applied: false, position: end } : await state.consumer.apply(events, end));
          continue;
        }
        // Checked and joined in one turn of the event loop: the reader hands out nothing meanwhile.
        state.status = 'joined';
        if (state.pause) logger.log({ event: 'Consumer.Recovered', consumer: state.consumer.name, attempts: state.attempts });
        state.pause = null;
        state.attempts = 0;
        state.changed();
        return;
      }
    } catch (error) {
      if (state.status === 'catching-up') this.pause(state, error);
    }
  }

  /** Takes the locks of consumers no process holds, and follows the session that holds them. */
  private async keepLocks(): Promise<void> {
    const stopped = this.stopping.signal;
    while (!stopped.aborted) {
      await abortableSleep(this.options.lockRetryMs, this.session ? AbortSignal.any([stopped, this.session.lost]) : stopped);
      if (stopped.aborted) return;
      if (this.session?.lost.aborted) this.lostLocks();
      try {
        for (const state of await this.takeLocks()) this.catchUp(state);
      } catch (error) {
        this.options.logger.error({ event: 'Consumer.Lock.Failed', error: describeError(error) });
      }
    }
  }

  /** Tries the lock of every consumer on standby; answers those taken, with their stored positions. */
  private async takeLocks(): Promise<ConsumerState[]> {
    const standby = [...this.states.values()].filter((state) => state.status === 'standby');
    if (standby.length === 0) return [];
    this.session ??= await LockSession.open(this.options.databaseUrl, 'glint-projection-locks');
    const acquired: ConsumerState[] = [];
    for (const state of standby) {
      const { name, lockName } = state.consumer;
      if (await this.session.tryLock(lockName)) {
        state.waitingLogged = false;
        acquired.push(state);
        this.options.logger.log({ event: 'Consumer.Lock.Acquired', consumer: name });
      } else if (!state.waitingLogged) {
        state.waitingLogged = true;
        this.options.logger.log({ event: 'Consumer.Lock.Waiting', consumer: name, retryMs: this.options.lockRetryMs });
      }
    }
    if (acquired.length > 0) {
      // Another process may have moved them while it held them.
      await withConnection(this.options.pool, async (client) => {
        for (const [table, states] of this.byCheckpointTable(acquired)) {
          const stored = await readCheckpoints(client, table);
          for (const state of states) state.position = state.stored = stored.get(state.consumer.name) ?? 0;
        }
      });
    }
    return acquired;
  }

  private lostLocks(): void {
    for (const state of this.states.values()) {
      if (state.status === 'standby') continue;
      this.options.logger.error({ event: 'Consumer.Lock.Lost', consumer: state.consumer.name });
      if (state.retry) clearTimeout(state.retry);
      state.retry = null;
      state.status = 'standby';
      state.changed();
    }
    void this.session?.close();
    this.session = null;
  }

  /** Stores the positions that moved in memory only; never moves a checkpoint back. */
  private storeLazily(): Promise<void> {
    this.storingLazily ??= (async () => {
      const moved = [...this.states.values()].filter((state) => state.status !== 'standby' && state.position > state.stored);
      if (moved.length === 0) return;
      try {
        await withConnection(this.options.pool, async (client) => {
          for (const [table, states] of this.byCheckpointTable(moved)) {
            const positions = new Map(states.map((state) => [state.consumer.name, state.position]));
            await storeCheckpoints(client, table, positions);
            for (const state of states) state.stored = Math.max(state.stored, positions.get(state.consumer.name)!);
          }
        });
      } catch (error) {
        this.options.logger.error({ event: 'Consumer.Checkpoint.Failed', error: describeError(error) });
      }
    })().finally(() => {
      this.storingLazily = null;
    });
    return this.storingLazily;
  }

  private byCheckpointTable(states: ConsumerState[]): Map<string, ConsumerState[]> {
    const byTable = new Map<string, ConsumerState[]>();
    for (const state of states) byTable.set(state.consumer.checkpointTable, [...(byTable.get(state.consumer.checkpointTable) ?? []), state]);
    return byTable;
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }
}
