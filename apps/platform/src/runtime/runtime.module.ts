import { Global, Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@glint/eventstore';
import { EventSourcedStreams } from '@glint/event-sourcing';
import { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, EVENT_STORE, PERSONAL_DATA } from '@glint/runtime';
import { PLATFORM_DATABASE } from '../database/database.module';
import type { PlatformDatabase } from '../database/platform-database';

/** The load–decide–append loop and the personal-data vault every context is given. */
@Global()
@Module({
  providers: [
    { provide: EVENT_SOURCED_STREAMS, useFactory: (store: EventStore) => new EventSourcedStreams(store), inject: [EVENT_STORE] },
    { provide: PERSONAL_DATA, useFactory: (database: PlatformDatabase) => new PersonalDataVault({ connectionString: database.url }), inject: [PLATFORM_DATABASE] },
  ],
  exports: [EVENT_SOURCED_STREAMS, PERSONAL_DATA],
})
export class RuntimeModule implements BeforeApplicationShutdown {
  constructor(@Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.vault.close();
  }
}
