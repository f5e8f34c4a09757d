import { Controller, Get, Inject, Injectable, Module, UseFilters } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { GatewayModule, GatewaySessions } from '@glint/gateway';
import { GATEWAY_LOST_AFTER_MS, DependencyHealthIndicators, HealthResponseFilter } from '@glint/runtime';

/**
 * The gateway's own probe: up while its heartbeat reaches the database often enough that the
 * worker does not take it for lost (GATEWAY_LOST_AFTER_MS), with what it holds now.
 */
@Injectable()
export class GatewayHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly gateway: GatewaySessions,
    @Inject(GATEWAY_LOST_AFTER_MS) private readonly lostAfterMs: number,
  ) {}

  heartbeat(now = Date.now()): HealthIndicatorResult {
    const indicator = this.health.check('gateway');
    const { lastHeartbeatAt, ...status } = this.gateway.status();
    const details = { ...status, lastHeartbeatAt: lastHeartbeatAt?.toISOString() ?? null };
    if (lastHeartbeatAt === null) return indicator.down({ ...details, message: 'no heartbeat has reached the database yet' });
    const ageMs = now - lastHeartbeatAt.getTime();
    if (ageMs > this.lostAfterMs) {
      return indicator.down({ ...details, message: `the last heartbeat reached the database ${ageMs} ms ago; the worker ends a gateway's streams after ${this.lostAfterMs} ms` });
    }
    return indicator.up(details);
  }
}

/** `GET /health` of a gateway run alone: `"status":"ok"` (200) only when every probe is up, else 503 naming the one down. */
@Controller('health')
@UseFilters(HealthResponseFilter)
export class GatewayHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyHealthIndicators,
    private readonly gateway: GatewayHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.dependencies.database(), () => this.dependencies.redisPing(), () => this.dependencies.eventStore(), () => this.gateway.heartbeat()]);
  }
}

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), GatewayModule],
  controllers: [GatewayHealthController],
  providers: [DependencyHealthIndicators, GatewayHealthIndicator],
})
export class GatewayHealthModule {}
