import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type Redis from 'ioredis';
import type { Pool } from 'pg';
import type { EventStore } from '@glint/eventstore';
import type { ProjectionEngine, ProjectionLag } from '@glint/projection-engine';
import { DATABASE_POOL } from '../database/database.module';
import { EVENT_STORE, REDIS } from '@glint/runtime';
import { PROJECTION_ENGINE } from '../projections/projections.module';
import { within } from './within';

const PROBE_TIMEOUT_MS = 2000;

/** One probe per dependency; each reports `down` with the reason instead of throwing. */
@Injectable()
export class PlatformHealthIndicators {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(DATABASE_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_ENGINE) private readonly projections: Pick<ProjectionEngine, 'lag'>,
  ) {}

  database(): Promise<HealthIndicatorResult> {
    return this.probe('database', async () => {
      await this.pool.query('SELECT 1');
      return {};
    });
  }

  redisPing(): Promise<HealthIndicatorResult> {
    return this.probe('redis', async () => ({ reply: await this.redis.ping() }));
  }

  eventStore(): Promise<HealthIndicatorResult> {
    return this.probe('eventStore', async () => ({ ...(await this.store.health()) }));
  }

  projectionLag(): Promise<HealthIndicatorResult> {
    return this.probe('projections', async () => ({ lag: byName(await this.projections.lag()) }));
  }

  private async probe(key: string, check: () => Promise<Record<string, unknown>>): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      return indicator.up(await within(PROBE_TIMEOUT_MS, key, check()));
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

function byName(lags: ProjectionLag[]): Record<string, Omit<ProjectionLag, 'name'>> {
  return Object.fromEntries(lags.map(({ name, ...lag }) => [name, lag]));
}
