import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { GatewayModule } from '@glint/gateway';
import { AccessModule } from '../../platform/src/access/access.module';
import { ApiModule } from '../../platform/src/api/api.module';
import { DatabaseModule } from '../../platform/src/database/database.module';
import { EventStoreModule } from '../../platform/src/event-store/event-store.module';
import { CorrelationIdMiddleware } from '../../platform/src/logging/correlation-id.middleware';
import type { PlatformResources } from '../../platform/src/platform.module';
import { ReadModelsModule } from '../../platform/src/projections/read-models.module';
import { RedisModule } from '../../platform/src/redis/redis.module';
import { RuntimeModule } from '../../platform/src/runtime/runtime.module';
import { GatewayHealthModule } from './gateway-health';

/**
 * A WHIP/WHEP gateway on its own: the same gateway module `npm start` runs, with the event store,
 * the read models it queries (stream keys, channels, who is live where) and Redis, and nothing
 * else. It reports to the core only through the event log and its heartbeat row, so any number
 * can run beside the platform processes, each holding the channels published to it. Session
 * tokens are not resolved here (no identity context): viewers count by their anonymous viewer id.
 * `GET /health` answers for its database, Redis, event store and heartbeat.
 */
@Module({})
export class GatewayAppModule implements NestModule {
  static register(resources: PlatformResources): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        resources.configModule,
        DatabaseModule.register(resources.database),
        RedisModule.register(resources.redis),
        EventStoreModule,
        ReadModelsModule,
        RuntimeModule,
        ApiModule,
        AccessModule,
        GatewayModule,
        GatewayHealthModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationIdMiddleware).forRoutes('*');
  }
}
