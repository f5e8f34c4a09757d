import { Global, Inject, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@glint/eventstore';
import { createProjectionEngine, type ProjectionEngine } from '@glint/projection-engine';
import { projections } from '@glint/projections';
import { EVENT_STORE, READ_MODELS } from '@glint/runtime';
import { PLATFORM_DATABASE } from '../database/database.module';
import type { PlatformDatabase } from '../database/platform-database';
import { PROJECTION_ENGINE } from './projections.module';

/**
 * Queries on the read models for a process that does not run the projections (a gateway started
 * alone): the same engine, never started, so it only opens entity managers on the tables.
 */
@Global()
@Module({
  providers: [
    {
      provide: PROJECTION_ENGINE,
      useFactory: (store: EventStore, database: PlatformDatabase) =>
        createProjectionEngine({ store, databaseUrl: database.url, projections, logger: new Logger('ReadModels') }),
      inject: [EVENT_STORE, PLATFORM_DATABASE],
    },
    { provide: READ_MODELS, useExisting: PROJECTION_ENGINE },
  ],
  exports: [PROJECTION_ENGINE, READ_MODELS],
})
export class ReadModelsModule implements OnModuleDestroy {
  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine) {}

  async onModuleDestroy(): Promise<void> {
    await this.engine.stop();
  }
}
