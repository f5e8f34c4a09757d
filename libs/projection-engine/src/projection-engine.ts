import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { EventStore } from '@glint/eventstore';
import type { Projection } from './projection';
import { LIVE_CHECKPOINTS, ensureCheckpoint, readCheckpoints } from './checkpoints';
import { ProjectionRunner } from './projection-runner';
import { catchUpInline } from './inline-catch-up';
import { rebuildProjection, type RebuildProgress, type RebuildResult } from './rebuild';
import { jsonStderrLogger, type ProjectionEngineLogger } from './logger';

export interface ProjectionEngineOptions {
  store: EventStore;
  /** The database that holds the read models and their checkpoints. */
  databaseUrl: string;
  projections: readonly Projection[];
  logger?: ProjectionEngineLogger;
  /** Events applied per transaction. */
  batchSize?: number;
  /** How often a process waiting for a projection held by another process tries to take it over. */
  lockRetryMs?: number;
  /** Pause before retrying a batch that failed (a handler threw, the database went away). */
  errorRetryMs?: number;
}

/** How far one projection trails the log; `/health` reports exactly this. */
export interface ProjectionLag {
  name: string;
  checkpoint: number;
  headPosition: number;
  eventsBehind: number;
  /** Age of the oldest event not yet applied; 0 when caught up. */
  secondsBehind: number;
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
 * Builds read models from the event log: live runners (one active instance per projection across
 * processes), inline catch-up for read-your-writes, lag for health checks, and rebuilds. Plain
 * composition, no Nest: the platform, the CLI and the tests construct it the same way.
 */
export class ProjectionEngine {
  private readonly orm: MikroORM;
  private readonly byName: ReadonlyMap<string, Projection>;
  private readonly runners: ProjectionRunner[] = [];
  private readonly logger: ProjectionEngineLogger;
  private readonly batchSize: number;
  private stopped = false;

  constructor(private readonly options: ProjectionEngineOptions) {
    this.byName = new Map(options.projections.map((projection) => [projection.name, projection]));
    if (this.byName.size !== options.projections.length) throw new Error('Two projections share a name; each read model needs its own.');
    this.logger = options.logger ?? jsonStderrLogger;
    this.batchSize = options.batchSize ?? 500;
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

  /** Starts a live runner per projection; resolves once every checkpoint row exists. */
  async start(): Promise<void> {
    if (this.stopped) throw new Error('This projection engine was stopped; create a new one.');
    if (this.runners.length > 0) return;
    for (const projection of this.options.projections) {
      await ensureCheckpoint(this.orm.em.fork(), LIVE_CHECKPOINTS, projection.name);
    }
    for (const projection of this.options.projections) {
      const runner = new ProjectionRunner({
        orm: this.orm,
        store: this.options.store,
        projection,
        databaseUrl: this.options.databaseUrl,
        batchSize: this.batchSize,
        lockRetryMs: this.options.lockRetryMs ?? 5_000,
        errorRetryMs: this.options.errorRetryMs ?? 5_000,
        logger: this.logger,
      });
      this.runners.push(runner);
      runner.start();
    }
  }

  /** Stops the runners (a batch in flight commits first) and closes the engine's connections. The store stays open: its owner closes it. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.runners.map((runner) => runner.stop()));
    this.runners.length = 0;
    await this.orm.close(true);
  }

  async lag(): Promise<ProjectionLag[]> {
    const checkpoints = await readCheckpoints(this.orm.em.fork(), LIVE_CHECKPOINTS);
    // Read after the checkpoints, so no checkpoint can be past the head it is compared with.
    const headPosition = await this.options.store.headPosition();
    return Promise.all(
      this.options.projections.map(async ({ name }) => {
        const checkpoint = checkpoints.get(name) ?? 0;
        const eventsBehind = Math.max(0, headPosition - checkpoint);
        const secondsBehind = eventsBehind === 0 ? 0 : await this.ageOfFirstEventAfter(checkpoint);
        return { name, checkpoint, headPosition, eventsBehind, secondsBehind };
      }),
    );
  }

  /** Applies every event up to `uptoPosition` to the projection now; returns its checkpoint afterwards. */
  async catchUp(name: string, uptoPosition: number): Promise<number> {
    if (!Number.isSafeInteger(uptoPosition) || uptoPosition < 0) throw new Error(`uptoPosition must be an integer ≥ 0, not ${uptoPosition}.`);
    return catchUpInline({ orm: this.orm, store: this.options.store, projection: this.projection(name), batchSize: this.batchSize }, uptoPosition);
  }

  /** Replays the whole log into fresh tables while the live ones serve, then swaps them in. */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    return rebuildProjection({
      orm: this.orm,
      store: this.options.store,
      projection: this.projection(name),
      databaseUrl: this.options.databaseUrl,
      batchSize: this.batchSize,
      logger: this.logger,
      onProgress,
    });
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
