import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@glint/eventstore';
import { createProjectionEngine, type ProjectionEngine } from '@glint/projection-engine';
import { projections } from '@glint/projections';
import { EVENT_STORE, READ_MODELS } from '@glint/runtime';
import { PLATFORM_DATABASE } from '../database/database.module';
import type { PlatformDatabase } from '../database/platform-database';

export const PROJECTION_ENGINE = Symbol('ProjectionEngine');

/**
 * Runs every read model's projection from the event store's subscription while the platform is up,
 * and gives the contexts their queries and read-your-writes catch-up through the same engine.
 */
@Global()
@Module({
  providers: [
    {
      provide: PROJECTION_ENGINE,
      useFactory: (store: EventStore, database: PlatformDatabase) =>
        createProjectionEngine({ store, databaseUrl: database.url, projections, logger: new Logger('Projections') }),
      inject: [EVENT_STORE, PLATFORM_DATABASE],
    },
    { provide: READ_MODELS, useExisting: PROJECTION_ENGINE },
  ],
  exports: [PROJECTION_ENGINE, READ_MODELS],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.engine.start();
  }

  // First step of the shutdown: no batch is cut off by the store or the database closing under it.
  async onModuleDestroy(): Promise<void> {
    await this.engine.stop();
  }
}
