import { Controller, Get, Ip, ServiceUnavailableException, UseFilters } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult, type HealthCheckStatus } from '@nestjs/terminus';
import { CurrentPrincipal, mayReadOperations, type Principal } from '@glint/access';
import { HealthResponseFilter } from '@glint/runtime';
import { PlatformHealthIndicators } from './platform-health.indicators';

/** What anyone may know: whether the platform is up. */
export type HealthStatusOnly = { status: HealthCheckStatus };

@Controller('health')
@UseFilters(HealthResponseFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: PlatformHealthIndicators,
  ) {}

  /**
   * `"status":"ok"` (200) only when every dependency is up; otherwise 503. Staff and requests from
   * the machine itself also see each dependency, the projections' lag and any paused projection;
   * anyone else sees the status alone, which is all a load balancer needs.
   */
  @Get()
  @HealthCheck()
  async check(@CurrentPrincipal() principal: Principal, @Ip() clientAddress: string): Promise<HealthCheckResult | HealthStatusOnly> {
    const detailed = mayReadOperations(principal, clientAddress);
    try {
      const result = await this.health.check([
        () => this.indicators.database(),
        () => this.indicators.redisPing(),
        () => this.indicators.eventStore(),
        () => this.indicators.projectionLag(),
      ]);
      return detailed ? result : { status: result.status };
    } catch (error) {
      if (!detailed && error instanceof ServiceUnavailableException) throw new ServiceUnavailableException({ status: 'error' } satisfies HealthStatusOnly);
      throw error;
    }
  }
}
