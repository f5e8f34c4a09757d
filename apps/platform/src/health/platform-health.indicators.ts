import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type Redis from 'ioredis';
import type { Pool } from 'pg';
import type { EventStore } from '@glint/eventstore';
import type { ProjectionEngine, ProjectionLag } from '@glint/projection-engine';
import { EVENT_STORE, REDIS, DATABASE_POOL, PROJECTION_ENGINE, DependencyHealthIndicators } from '@glint/runtime';

/**
 * The platform's probes: its dependencies, and how far each projection and reactor is behind the
 * log, with the error and next retry of any paused after a failed batch. A paused one leaves the
 * probe up: the others keep serving, and the pause is shown for whoever watches.
 */
@Injectable()
export class PlatformHealthIndicators extends DependencyHealthIndicators {
  constructor(
    health: HealthIndicatorService,
    @Inject(DATABASE_POOL) pool: Pool,
    @Inject(REDIS) redis: Redis,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PROJECTION_ENGINE) private readonly consumers: Pick<ProjectionEngine, 'lag'>,
  ) {
    super(health, pool, redis, store);
  }

  projectionLag(): Promise<HealthIndicatorResult> {
    return this.probe('projections', async () => ({ lag: byName(await this.consumers.lag()) }));
  }
}

function byName(lags: ProjectionLag[]): Record<string, Omit<ProjectionLag, 'name'>> {
  return Object.fromEntries(lags.map(({ name, ...lag }) => [name, lag]));
}
