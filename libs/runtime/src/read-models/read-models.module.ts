import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@glint/eventstore';
import { createProjectionEngine, type Projection, type ProjectionEngine } from '@glint/projection-engine';
import { PLATFORM_DATABASE } from '../database/database.module';
import type { PlatformDatabase } from '../database/platform-database';
import { EVENT_STORE, READ_MODELS } from '../tokens';
import { PROJECTION_ENGINE } from './projection-engine.token';
import { ProjectionLagHandler, RebuildProjectionHandler } from './projection-maintenance';

const RUNS_PROJECTIONS = Symbol('RunsProjections');

export interface ReadModelsOptions {
  /** Every read model the process knows (the app passes Glint's list). */
  projections: readonly Projection[];
  /**
   * True where the process keeps the read models up to date from the log (the platform); false
   * where it only queries them and catches up inline (a gateway run alone, the CLI).
   */
  run: boolean;
}

/**
 * The projection engine over the event store, and `READ_MODELS` for the contexts' queries and
 * read-your-writes waits. Where it runs, it starts with the application, once the modules of the
 * process have added their reactors (the live relay, go-live notifications) at module init, and
 * stops first at shutdown, so no batch is cut off by the store or the database closing under it.
 */
@Module({})
export class ReadModelsModule implements OnApplicationBootstrap, OnModuleDestroy {
  static register(options: ReadModelsOptions): DynamicModule {
    return {
      module: ReadModelsModule,
      global: true,
      providers: [
        {
          provide: PROJECTION_ENGINE,
          useFactory: (store: EventStore, database: PlatformDatabase) =>
            createProjectionEngine({ store, databaseUrl: database.url, projections: [...options.projections], logger: new Logger(options.run ? 'Projections' : 'ReadModels') }),
          inject: [EVENT_STORE, PLATFORM_DATABASE],
        },
        { provide: READ_MODELS, useExisting: PROJECTION_ENGINE },
        { provide: RUNS_PROJECTIONS, useValue: options.run },
        RebuildProjectionHandler,
        ProjectionLagHandler,
      ],
      exports: [PROJECTION_ENGINE, READ_MODELS],
    };
  }

  constructor(
    @Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine,
    @Inject(RUNS_PROJECTIONS) private readonly runs: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.runs) await this.engine.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.engine.stop();
  }
}
