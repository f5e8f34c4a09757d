import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ChannelQueriesModule } from '@glint/channels';
import { GATEWAY_SETTINGS, READ_MODELS, type ReadModels, type GatewaySettings } from '@glint/runtime';
import { ThrottlesModule } from '@glint/throttles';
import { GatewayHeartbeat } from './gateway-heartbeat';
import { GatewaySessions } from './gateway-sessions';
import { gatewayRequest } from './http/gateway-request';
import { GatewayRateLimit } from './http/gateway-rate-limit';
import { SdpBodyParser } from './http/sdp-body';
import { WhepController } from './http/whep.controller';
import { WhipController } from './http/whip.controller';
import { PublisherSignalling } from './publisher-signalling';
import { StreamLifecycle } from './stream-lifecycle';
import { ViewerSignalling } from './viewer-signalling';

/**
 * The WHIP/WHEP gateway. Its routes are mapped in every process that imports it; where
 * GATEWAY=off it holds no peers, refuses publishers, and sends viewers to the gateway holding the
 * channel. It records stream facts by commands to the streams context: a process that runs it
 * runs StreamsModule too.
 */
@Module({
  imports: [ChannelQueriesModule, ThrottlesModule],
  controllers: [WhipController, WhepController],
  providers: [
    {
      provide: GatewayHeartbeat,
      useFactory: (readModels: ReadModels, settings: GatewaySettings) => new GatewayHeartbeat(() => readModels.entityManager(), settings.id, settings.publicUrl),
      inject: [READ_MODELS, GATEWAY_SETTINGS],
    },
    GatewaySessions,
    StreamLifecycle,
    PublisherSignalling,
    ViewerSignalling,
    GatewayRateLimit,
    SdpBodyParser,
  ],
  exports: [GatewaySessions],
})
export class GatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(gatewayRequest).forRoutes(WhipController, WhepController);
  }
}
