import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { GatewayService } from './gateway-service';
import { gatewayRequest } from './http/gateway-request';
import { GatewayRateLimit } from './http/gateway-rate-limit';
import { SdpBodyParser } from './http/sdp-body';
import { WhepController } from './http/whep.controller';
import { WhipController } from './http/whip.controller';

/**
 * The WHIP/WHEP gateway. Its routes are mapped in every process that imports it; where
 * GATEWAY=off the service holds no peers, refuses publishers, and sends viewers to the gateway
 * holding the channel.
 */
@Module({
  controllers: [WhipController, WhepController],
  providers: [GatewayService, GatewayRateLimit, SdpBodyParser],
  exports: [GatewayService],
})
export class GatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(gatewayRequest).forRoutes(WhipController, WhepController);
  }
}
