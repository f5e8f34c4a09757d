import { Global, Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@glint/eventstore';
import { EventSourcedStreams } from '@glint/event-sourcing';
import { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, EVENT_STORE, GATEWAY_LOST_AFTER_MS, GATEWAY_SETTINGS, PERSONAL_DATA, PUBLIC_WEB_URL, READ_MODELS, type ReadModels } from './tokens';
import { PLATFORM_CONFIG } from './config/platform-config.module';
import type { PlatformConfig } from './config/platform-config';
import { PLATFORM_DATABASE } from './database/database.module';
import type { PlatformDatabase } from './database/platform-database';

/**
 * The load–decide–append loop, the personal-data vault, the public web address and the gateway's
 * settings: what every context is given.
 */
@Global()
@Module({
  providers: [
    { provide: EVENT_SOURCED_STREAMS, useFactory: (store: EventStore, readModels: ReadModels) => new EventSourcedStreams(store, readModels), inject: [EVENT_STORE, READ_MODELS] },
    { provide: PUBLIC_WEB_URL, useFactory: (config: PlatformConfig) => config.publicWebUrl, inject: [PLATFORM_CONFIG] },
    { provide: GATEWAY_SETTINGS, useFactory: (config: PlatformConfig) => config.gateway, inject: [PLATFORM_CONFIG] },
    { provide: GATEWAY_LOST_AFTER_MS, useFactory: (config: PlatformConfig) => config.gatewayLostAfterMs, inject: [PLATFORM_CONFIG] },
    { provide: PERSONAL_DATA, useFactory: (database: PlatformDatabase) => new PersonalDataVault({ connectionString: database.url }), inject: [PLATFORM_DATABASE] },
  ],
  exports: [EVENT_SOURCED_STREAMS, PERSONAL_DATA, PUBLIC_WEB_URL, GATEWAY_SETTINGS, GATEWAY_LOST_AFTER_MS],
})
export class RuntimeModule implements BeforeApplicationShutdown {
  constructor(@Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.vault.close();
  }
}
