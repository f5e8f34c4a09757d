import { Controller, Get, Header, Inject, Ip } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { CurrentPrincipal, mayReadOperations, type Principal } from '@glint/access';
import { ForbiddenError } from '@glint/domain-errors';
import { PLATFORM_METRICS, type PlatformMetrics } from '@glint/runtime';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(PLATFORM_METRICS) private readonly metrics: PlatformMetrics) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The platform’s metrics in Prometheus’ text format, for staff and for a scraper on this machine (127.0.0.1)' })
  @ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOkResponse({ description: 'HTTP latency by route, appends and their latency, projection lag, throttled requests, gateway viewers, packets and loss' })
  @ApiForbiddenResponse({ description: '`operations_only`: neither staff nor a request from this machine' })
  read(@CurrentPrincipal() principal: Principal, @Ip() clientAddress: string): Promise<string> {
    if (!mayReadOperations(principal, clientAddress)) {
      throw new ForbiddenError('operations_only', 'Metrics are for staff, and for a scraper on the machine Glint runs on (127.0.0.1).');
    }
    return this.metrics.exposition();
  }
}
