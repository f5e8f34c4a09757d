import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type Redis from 'ioredis';
import type { Pool } from 'pg';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE, REDIS } from '../tokens';
import { DATABASE_POOL } from '../database/database.module';
import { within } from './within';

const PROBE_TIMEOUT_MS = 2000;

/**
 * Probes of what every Glint process depends on: PostgreSQL, Redis and the event store. Each
 * reports `down` with the reason instead of throwing, and gives up after 2 s.
 */
@Injectable()
export class DependencyHealthIndicators {
  constructor(
    protected readonly health: HealthIndicatorService,
    @Inject(DATABASE_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_STORE) private readonly store: EventStore,
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

  protected async probe(key: string, check: () => Promise<Record<string, unknown>>): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      return indicator.up(await within(PROBE_TIMEOUT_MS, key, check()));
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
