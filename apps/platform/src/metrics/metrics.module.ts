import { Module } from '@nestjs/common';
import { GatewayModule } from '@glint/gateway';
import { MetricsController } from './metrics.controller';
import { PlatformGauges } from './platform-gauges';

/** GET /metrics, and the gauges of what the platform holds that it serves beside the counters. */
@Module({
  imports: [GatewayModule],
  controllers: [MetricsController],
  providers: [PlatformGauges],
})
export class PlatformMetricsModule {}
