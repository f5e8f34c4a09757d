import { Controller, Get, UseFilters } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { HealthResponseFilter } from '@glint/runtime';
import { PlatformHealthIndicators } from './platform-health.indicators';

@Controller('health')
@UseFilters(HealthResponseFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: PlatformHealthIndicators,
  ) {}

  /** `"status":"ok"` (200) only when every dependency is up; otherwise 503 naming the one that is not. */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.indicators.database(),
      () => this.indicators.redisPing(),
      () => this.indicators.eventStore(),
      () => this.indicators.projectionLag(),
    ]);
  }
}
