import { Global, Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import { EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@glint/eventstore';
import { EVENT_STORE, PLATFORM_METRICS } from '../tokens';
import { MeasuredEventStore } from '../metrics/measured-event-store';
import type { PlatformMetrics } from '../metrics/platform-metrics';
import { PLATFORM_CONFIG } from '../config/platform-config.module';
import type { PlatformConfig } from '../config/platform-config';
import { PLATFORM_DATABASE } from '../database/database.module';
import type { PlatformDatabase } from '../database/platform-database';

/** The event store EVENT_STORE selects; everything else speaks only the `EventStore` port. */
export function createEventStore(config: PlatformConfig, database: PlatformDatabase): EventStore {
  switch (config.eventStore.kind) {
    case 'postgres':
      return new PostgresEventStore({ connectionString: database.url });
    case 'eventstoredb':
      return new EventStoreDbEventStore({ connectionString: config.eventStore.url });
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      useFactory: (config: PlatformConfig, database: PlatformDatabase, metrics: PlatformMetrics) => new MeasuredEventStore(createEventStore(config, database), metrics),
      inject: [PLATFORM_CONFIG, PLATFORM_DATABASE, PLATFORM_METRICS],
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements BeforeApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  // After the projections have stopped reading it (they stop in onModuleDestroy).
  async beforeApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
