import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ChatModule } from '@glint/chat';
import { LiveRelayModule } from './live/live-relay.module';
import { DeveloperAppsModule } from '@glint/developer-apps';
import { SupportModule } from '@glint/support';
import { IdentityModule } from '@glint/identity';
import { ModerationModule } from '@glint/moderation';
import { ChannelsModule } from '@glint/channels';
import { CommunityModule } from '@glint/community';
import { NotificationsModule } from '@glint/notifications';
import { GatewayModule } from '@glint/gateway';
import { StreamsModule } from '@glint/streams';
import type Redis from 'ioredis';
import { AccessModule } from './access/access.module';
import { ApiModule } from './api/api.module';
import { DatabaseModule } from './database/database.module';
import type { PlatformDatabase } from './database/platform-database';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthModule } from './health/health.module';
import { CorrelationIdMiddleware } from './logging/correlation-id.middleware';
import { ProjectionsModule } from './projections/projections.module';
import { RedisModule } from './redis/redis.module';
import { RuntimeModule } from './runtime/runtime.module';
import { WatchPagesModule } from './watch/watch-pages.module';

/** What the start sequence has already opened before Nest builds the platform around it. */
export interface PlatformResources {
  configModule: DynamicModule;
  database: PlatformDatabase;
  redis: Redis;
}

/**
 * The all-in-one platform. CqrsModule carries commands and queries only: projections read the
 * event store's subscription, never the in-memory event bus, which forgets everything on a crash.
 */
@Module({})
export class PlatformModule implements NestModule {
  static register(resources: PlatformResources): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        resources.configModule,
        DatabaseModule.register(resources.database),
        RedisModule.register(resources.redis),
        EventStoreModule,
        ProjectionsModule,
        RuntimeModule,
        CqrsModule.forRoot(),
        ApiModule,
        AccessModule,
        DeveloperAppsModule,
        SupportModule,
        IdentityModule,
        ChatModule,
        ModerationModule,
        ChannelsModule,
        CommunityModule,
        GatewayModule,
        StreamsModule,
        LiveRelayModule,
        NotificationsModule,
        HealthModule,
        // Last: its /:username must never shadow another route.
        WatchPagesModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationIdMiddleware).forRoutes('*');
  }
}
