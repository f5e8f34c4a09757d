import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Projection } from '@glint/projection-engine';
import type { RuntimeResources } from './boot/runtime-resources';
import { DatabaseModule } from './database/database.module';
import { EventStoreModule } from './event-store/event-store.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { RedisModule } from './redis/redis.module';
import { RuntimeModule } from './runtime.module';

export interface GlintRuntimeOptions {
  projections: readonly Projection[];
  /** Keep the read models up to date from the log (the platform), or only query them. */
  runProjections: boolean;
}

/**
 * What every Glint process is built on, whatever else it runs: the validated configuration, the
 * database, Redis and BullMQ's queues on it (where the process has Redis), the event store, the read models, the shared
 * providers and the command and query buses. `apps/platform`, `apps/gateway` and `apps/cli` import
 * it first, then the contexts they run. CqrsModule carries commands and queries only: projections
 * read the event store, never the in-memory event bus, which forgets everything on a crash.
 */
@Module({})
export class GlintRuntimeModule {
  static register(resources: RuntimeResources, options: GlintRuntimeOptions): DynamicModule {
    return {
      module: GlintRuntimeModule,
      imports: [
        resources.configModule,
        DatabaseModule.register(resources.database),
        MetricsModule.register(resources.metrics),
        ...(resources.redis ? [RedisModule.register(resources.redis), JobsModule.forRoot()] : []),
        EventStoreModule,
        ReadModelsModule.register({ projections: options.projections, run: options.runProjections }),
        RuntimeModule,
        CqrsModule.forRoot(),
      ],
    };
  }
}
