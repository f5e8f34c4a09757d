import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AccessModule } from '@glint/access';
import { ApiModule } from '@glint/api';
import { GatewayModule } from '@glint/gateway';
import { projections } from '@glint/projections';
import { CorrelationIdMiddleware, GlintRuntimeModule, type RuntimeResources } from '@glint/runtime';
import { StreamsModule } from '@glint/streams';
import { GatewayHealthModule } from './gateway-health';

/**
 * A WHIP/WHEP gateway on its own: the same gateway module `npm start` runs, on the runtime every
 * Glint process shares, with the read models it queries (stream keys, channels, who is live where)
 * but not their projections, and the streams context whose commands record what it sees. It
 * reports to the core only through the event log and its heartbeat row, so any number can run
 * beside the platform processes, each holding the channels published to it. Session tokens are not
 * resolved here (no identity context): viewers count by their anonymous viewer id. `GET /health`
 * answers for its database, Redis, event store and heartbeat.
 */
@Module({})
export class GatewayAppModule implements NestModule {
  static register(resources: RuntimeResources): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [GlintRuntimeModule.register(resources, { projections, runProjections: false }), ApiModule, AccessModule, StreamsModule, GatewayModule, GatewayHealthModule],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationIdMiddleware).forRoutes('*');
  }
}
