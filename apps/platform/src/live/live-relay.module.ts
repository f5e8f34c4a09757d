import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { CHANNEL_PAGE_CHANGES_TOPIC, channelPageChanges, readChannel } from '@glint/channels';
import { relayPublications } from '@glint/chat';
import type { EventStore } from '@glint/eventstore';
import type { PersonalDataVault } from '@glint/personal-data';
import { streamPublications } from '@glint/streams';
import { EVENT_STORE, PERSONAL_DATA, READ_MODELS, REDIS, type ReadModels } from '@glint/runtime';
import { PLATFORM_DATABASE } from '../database/database.module';
import type { PlatformDatabase } from '../database/platform-database';
import { LiveRelay } from './live-relay';

const LIVE_RELAY = Symbol('LiveRelay');

/**
 * Every platform process runs a live relay; one at a time is active, the others stand by. It feeds
 * the chat and live-update sockets and the channel page caches of every process through Redis.
 */
@Module({
  providers: [
    {
      provide: LIVE_RELAY,
      useFactory: (store: EventStore, database: PlatformDatabase, redis: Redis, vault: PersonalDataVault, readModels: ReadModels) => {
        const logger = new Logger('LiveRelay');
        return new LiveRelay({
          store,
          databaseUrl: database.url,
          redis,
          publicationsOf: async (events) => [
            ...(await relayPublications(events, {
              openTexts: (sealed) => vault.openMany(sealed),
              channelUsername: async (channelId) => (await readChannel(readModels.entityManager(), channelId))?.username ?? null,
            })),
            // Every process's channel page cache drops a page once it hears its channel changed.
            ...channelPageChanges(events).map((change) => ({
              topic: CHANNEL_PAGE_CHANGES_TOPIC,
              frame: { id: change.eventId, event: 'channel_page_changed', data: { ...change } },
            })),
            ...streamPublications(events),
          ],
          logger: { log: (message) => logger.log(message), error: (message) => logger.error(message) },
        });
      },
      inject: [EVENT_STORE, PLATFORM_DATABASE, REDIS, PERSONAL_DATA, READ_MODELS],
    },
  ],
})
export class LiveRelayModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(LIVE_RELAY) private readonly relay: LiveRelay) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  // With the projections, first of the shutdown: the store, the vault and Redis are still open.
  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}
