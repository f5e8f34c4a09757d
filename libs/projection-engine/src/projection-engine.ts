import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { EventStore } from '@glint/eventstore';
import { handlesType, type Projection } from './projection';
import { projectionConsumer, reactorConsumer, type Consumer, type LogReactor } from './consumer';
import { LiveConsumers, type ConsumerPause } from './live-consumers';
import { catchUpInline } from './inline-catch-up';
import { rebuildProjections, type RebuildProgress, type RebuildResult } from './rebuild';
import { readCheckpoints, withConnection } from './checkpoints';
import { createSqlPool } from './sql-pool';
import { describeError, jsonStderrLogger, type ProjectionEngineLogger } from './logger';

export interface ProjectionEngineOptions {
  store: EventStore;
  /** The database that holds the read models and their checkpoints. */
  databaseUrl: string;
  projections: readonly Projection[];
  logger?: ProjectionEngineLogger;
  /** Most events the reader hands out at once (default 1,000). */
  batchSize?: number;
  /** Events per batch of a rebuild (default 5,000): the larger, the fewer statements per event. */
  rebuildBatchSize?: number;
  /** How often a process waiting for a consumer held by another process tries to take it over. */
  lockRetryMs?: number;
  /** The first pause of a consumer whose batch failed; it doubles with each failure in a row, up to 60 s. */
  errorRetryMs?: number;
  /** How often positions that moved in memory only are stored (default 5 s). */
  lazyCheckpointMs?: number;
  /** Connections of the engine's own pool: consumers apply side by side on at most this many (default 4). */
  poolSize?: number;
}

/** How far one consumer trails the log; `/health` reports exactly this. */
export interface ProjectionLag {
  name: string;
  checkpoint: number;
  headPosition: number;
  eventsBehind: number;
  /** Age of the oldest event not yet applied; 0 when caught up. */
  secondsBehind: number;
  /** Present while its last batch failed: the error, the failures in a row, when it tries again. */
  paused?: ConsumerPause;
}

export class UnknownProjectionError extends Error {
  constructor(
    readonly projection: string,
    readonly known: readonly string[],
  ) {
    super(`Unknown projection "${projection}". Known projections: ${known.join(', ')}.`);
    this.name = 'UnknownProjectionError';
  }
}

/**
 * Builds read models from the event log and feeds the reactors: one reader of the log per process
 * for every consumer it holds (one active instance per consumer across processes), waits for read
 * models to show a write, lag for health checks, and rebuilds. Plain composition, no Nest: the
 * platform, the CLI and the tests construct it the same way.
 */
export class ProjectionEngine {
  private readonly orm: MikroORM;
  private readonly pool: Pool;
  private readonly byName: ReadonlyMap<string, Projection>;
  private readonly reactors: LogReactor[] = [];
  private readonly logger: ProjectionEngineLogger;
  private readonly batchSize: number;
  private live: LiveConsumers | null = null;
  private stopped = false;

  constructor(private readonly options: ProjectionEngineOptions) {
    this.byName = new Map(options.projections.map((projection) => [projection.name, projection]));
    if (this.byName.size !== options.projections.length) throw new Error('Two projections share a name; each read model needs its own.');
    this.logger = options.logger ?? jsonStderrLogger;
    this.batchSize = options.batchSize ?? 1000;
    this.pool = createSqlPool(options.databaseUrl, options.poolSize ?? 4);
    this.orm = MikroORM.initSync({
      clientUrl: options.databaseUrl,
      entities: options.projections.flatMap((projection) => projection.entities),
      discovery: { warnWhenNoEntities: false },
      debug: false,
    });
  }

  get projections(): readonly Projection[] {
    return this.options.projections;
  }

  /** An EntityManager of its own for reading the read models. */
  entityManager(): EntityManager {
    return this.orm.em.fork();
  }

  /** Adds a reactor to what the reader feeds; before `start`, which runs it with the projections. */
  addReactor(reactor: LogReactor): void {
    if (this.live) throw new Error(`Reactor ${reactor.name} was added after the engine started; add it before.`);
    if (this.byName.has(reactor.name) || this.reactors.some((each) => each.name === reactor.name)) throw new Error(`Two consumers are named ${reactor.name}; each needs its own name.`);
    this.reactors.push(reactor);
  }

  /**
   * Starts the process's one reader of the log for every projection and reactor; resolves once
   * every checkpoint row exists and the locks free now are taken.
   */
  async start(): Promise<void> {
    if (this.stopped) throw new Error('This projection engine was stopped; create a new one.');
    if (this.live) return;
    const consumers: Consumer[] = [
      ...this.options.projections.map((projection) => projectionConsumer(this.pool, projection)),
      ...this.reactors.map((reactor) => reactorConsumer(this.pool, reactor)),
    ];
    this.live = new LiveConsumers({
      store: this.options.store,
      pool: this.pool,
      databaseUrl: this.options.databaseUrl,
      consumers,
      logger: this.logger,
      batchSize: this.batchSize,
      lockRetryMs: this.options.lockRetryMs ?? 5_000,
      errorRetryMs: this.options.errorRetryMs ?? 1_000,
      maxPauseMs: 60_000,
      lazyCheckpointMs: this.options.lazyCheckpointMs ?? 5_000,
    });
    await this.live.start();
  }

  /** Stops the reader (a batch in flight commits first), stores what moved, and closes the engine's connections. The store stays open: its owner closes it. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.live?.stop();
    await this.pool.end();
    await this.orm.close(true);
  }

  /** Every consumer's position, against the head of the log. */
  async lag(): Promise<ProjectionLag[]> {
    const stored = await withConnection(this.pool, async (client) => {
      const projections = await readCheckpoints(client, 'public.projection_checkpoints');
      for (const reactor of this.reactors) {
        const positions = await readCheckpoints(client, reactor.checkpointTable);
        if (positions.has(reactor.name)) projections.set(reactor.name, positions.get(reactor.name)!);
      }
      return projections;
    });
    // Read after the checkpoints, so no checkpoint can be past the head it is compared with.
    const headPosition = await this.options.store.headPosition();
    const names = [...this.byName.keys(), ...this.reactors.map((reactor) => reactor.name)];
    return Promise.all(
      names.map(async (name) => {
        const here = this.live?.status(name);
        const checkpoint = here && here.status !== 'standby' ? Math.min(here.position, headPosition) : (stored.get(name) ?? 0);
        const eventsBehind = Math.max(0, headPosition - checkpoint);
        const secondsBehind = eventsBehind === 0 ? 0 : await this.ageOfFirstEventAfter(checkpoint);
        return { name, checkpoint, headPosition, eventsBehind, secondsBehind, ...(here?.pause ? { paused: here.pause } : {}) };
      }),
    );
  }

  /**
   * Resolves once every projection that handles one of `eventTypes` (`all`: every projection) has
   * applied the log up to `position`: what a command waits for to read its own write. A projection
   * the reader of this process feeds is waited for; any other is caught up here and now, under its
   * checkpoint row lock.
   */
  async waitFor(eventTypes: readonly string[] | 'all', position: number): Promise<void> {
    if (this.stopped) throw new Error('This projection engine was stopped; it shows no more writes.');
    const waited = this.options.projections.filter((projection) => eventTypes === 'all' || eventTypes.some((type) => handlesType(projection, type)));
    await Promise.all(waited.map((projection) => this.shown(projection, position)));
  }

  /**
   * Waits for one projection to show a write. A projection that cannot apply the log (its batch
   * failed: paused here, or failing when caught up inline) is not waited for: the write is recorded
   * and must be answered as such, and the failure shows on `/health` with its error; the others
   * still are.
   */
  private async shown(projection: Projection, position: number): Promise<void> {
    if (this.live && (await this.live.reached(projection.name, position))) return;
    if (this.live?.status(projection.name)?.status === 'paused') {
      this.logger.error({ event: 'ReadYourWrites.Skipped', projection: projection.name, position, error: this.live.status(projection.name)!.pause?.error });
      return;
    }
    try {
      await catchUpInline({ pool: this.pool, store: this.options.store, projection, batchSize: this.batchSize }, position);
    } catch (error) {
      if (this.stopped) throw error;
      this.logger.error({ event: 'ReadYourWrites.Skipped', projection: projection.name, position, error: describeError(error) });
    }
  }

  /** Applies every event up to `uptoPosition` to the named projection; returns its position afterwards. For tools and tests that name a read model. */
  async catchUp(name: string, uptoPosition: number): Promise<number> {
    return this.caughtUp(this.projection(name), uptoPosition);
  }

  /**
   * Replays the whole log, read once, into fresh tables of the named projections (every one when
   * none is named) while the live ones serve, then swaps them in, one after another.
   */
  async rebuild(names?: readonly string[], onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    return rebuildProjections({
      pool: this.pool,
      store: this.options.store,
      projections: (names ?? [...this.byName.keys()]).map((name) => this.projection(name)),
      databaseUrl: this.options.databaseUrl,
      batchSize: this.options.rebuildBatchSize ?? 5_000,
      logger: this.logger,
      onProgress,
    });
  }

  private async caughtUp(projection: Projection, uptoPosition: number): Promise<number> {
    if (!Number.isSafeInteger(uptoPosition) || uptoPosition < 0) throw new Error(`uptoPosition must be an integer ≥ 0, not ${uptoPosition}.`);
    if (this.live && (await this.live.reached(projection.name, uptoPosition))) return this.live.status(projection.name)!.position;
    return catchUpInline({ pool: this.pool, store: this.options.store, projection, batchSize: this.batchSize }, uptoPosition);
  }

  private projection(name: string): Projection {
    const projection = this.byName.get(name);
    if (!projection) throw new UnknownProjectionError(name, [...this.byName.keys()]);
    return projection;
  }

  private async ageOfFirstEventAfter(checkpoint: number): Promise<number> {
    const [next] = await this.options.store.readAll({ fromPosition: checkpoint, maxCount: 1 });
    if (!next) return 0;
    return Math.max(0, Math.round(Date.now() - next.recordedAt.getTime()) / 1000);
  }
}

export function createProjectionEngine(options: ProjectionEngineOptions): ProjectionEngine {
  return new ProjectionEngine(options);
}
