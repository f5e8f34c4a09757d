import { Inject, Logger, Module, type DynamicModule, type FactoryProvider, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { EVENT_STORE, PLATFORM_DATABASE, REDIS, type PlatformDatabase } from '@glint/runtime';
import type { Publication } from '../topics';
import type { LivePublications, PublicationsOf } from './live-publications';
import { LiveRelay } from './live-relay';

const LIVE_RELAY = Symbol('LiveRelay');

/**
 * Every platform process runs a live relay; one at a time is active, the others stand by. It feeds
 * the chat and live-update sockets and the channel page caches of every process through Redis.
 * Whoever composes the process names what it publishes, `LiveRelayModule.register([chatPublications, …])`:
 * each batch's frames go out source by source, in the order given.
 */
@Module({})
export class LiveRelayModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(LIVE_RELAY) private readonly relay: LiveRelay) {}

  static register(sources: readonly LivePublications[]): DynamicModule {
    const built: Array<FactoryProvider<PublicationsOf>> = sources.map((source, index) => ({
      provide: Symbol(`LivePublications#${index}`),
      ...(typeof source === 'function' ? { useFactory: () => source, inject: [] } : source),
    }));
    return {
      module: LiveRelayModule,
      providers: [
        ...built,
        {
          provide: LIVE_RELAY,
          useFactory: (store: EventStore, database: PlatformDatabase, redis: Redis, ...publishers: PublicationsOf[]) => {
            const logger = new Logger('LiveRelay');
            return new LiveRelay({
              store,
              databaseUrl: database.url,
              redis,
              publicationsOf: async (events: readonly RecordedEvent[]): Promise<Publication[]> => {
                const publications: Publication[] = [];
                for (const publicationsOf of publishers) publications.push(...(await publicationsOf(events)));
                return publications;
              },
              logger: { log: (message) => logger.log(message), error: (message) => logger.error(message) },
            });
          },
          inject: [EVENT_STORE, PLATFORM_DATABASE, REDIS, ...built.map((provider) => provider.provide)],
        },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  // With the projections, first of the shutdown: the store, the vault and Redis are still open.
  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}
