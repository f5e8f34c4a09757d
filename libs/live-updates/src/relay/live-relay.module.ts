import { Inject, Module, type DynamicModule, type FactoryProvider, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import type { RecordedEvent } from '@glint/eventstore';
import type { ProjectionEngine } from '@glint/projection-engine';
import { PROJECTION_ENGINE, REDIS } from '@glint/runtime';
import type { Publication } from '../topics';
import type { LivePublications, PublicationsOf } from './live-publications';
import { LiveRelay } from './live-relay';

const LIVE_RELAY = Symbol('LiveRelay');

/**
 * Every platform process runs a live relay; one at a time is active, the others stand by. It feeds
 * the chat and live-update sockets and the channel page caches of every process through Redis.
 * Whoever composes the process names what it publishes, `LiveRelayModule.register([chatPublications, …])`:
 * each batch's frames go out source by source, in the order given. The relay is one more consumer
 * of the projection engine's reader, which starts and stops it with the projections.
 */
@Module({})
export class LiveRelayModule implements OnModuleInit {
  constructor(
    @Inject(LIVE_RELAY) private readonly relay: LiveRelay,
    @Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine,
  ) {}

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
          useFactory: (redis: Redis, ...publishers: PublicationsOf[]) =>
            new LiveRelay(redis, async (events: readonly RecordedEvent[]): Promise<Publication[]> => {
              const publications: Publication[] = [];
              for (const publicationsOf of publishers) publications.push(...(await publicationsOf(events)));
              return publications;
            }),
          inject: [REDIS, ...built.map((provider) => provider.provide)],
        },
      ],
    };
  }

  // Before the engine starts, at application bootstrap.
  onModuleInit(): void {
    this.engine.addReactor(this.relay);
  }
}
