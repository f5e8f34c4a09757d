import type { DynamicModule } from '@nestjs/common';
import type Redis from 'ioredis';
import type { PlatformConfig } from '../config/platform-config';
import { loadPlatformConfig } from '../config/platform-config.module';
import { attachPlatformDatabase, openPlatformDatabase, type PlatformDatabase } from '../database/platform-database';
import { JsonLogger } from '../logging/json-logger';
import { PlatformMetrics } from '../metrics/platform-metrics';
import { connectRedis } from '../redis/connect-redis';

/** What a Glint process opens before Nest builds it, in the order the start checks them. */
export interface RuntimeResources {
  config: PlatformConfig;
  /** The validated configuration as a Nest module (see `loadPlatformConfig`). */
  configModule: DynamicModule;
  logger: JsonLogger;
  /** Null in a process that never talks to Redis (the CLI). */
  redis: Redis | null;
  database: PlatformDatabase;
  /** The process's metrics, from its first request on. */
  metrics: PlatformMetrics;
}

export interface RuntimeNeeds {
  /** Variables that win over the environment (tests run several platforms in one process). */
  overrides?: Record<string, string>;
  redis: boolean;
  /**
   * With DATABASE_URL unset: `start` runs the embedded PostgreSQL (`npm start`); `attach` uses the
   * one a running `npm start` keeps, and fails if it does not answer (the CLI).
   */
  embeddedDatabase: 'start' | 'attach';
  /** The logger's own level, when the process speaks for itself otherwise (the CLI). */
  logger?: JsonLogger;
}

/**
 * Configuration first (a bad variable stops everything with one message naming it), then Redis,
 * then the database: cheap checks come first, so a mistake is reported before PostgreSQL starts
 * for nothing. What was opened is closed again when a later step fails.
 */
export async function openRuntimeResources(needs: RuntimeNeeds): Promise<RuntimeResources> {
  const { config, module: configModule } = await loadPlatformConfig(needs.overrides);
  const logger = needs.logger ?? new JsonLogger(config.logLevel);
  const redis = needs.redis ? await connectRedis(config.redisUrl, logger) : null;
  try {
    const database = needs.embeddedDatabase === 'start' ? await openPlatformDatabase(config, logger) : await attachPlatformDatabase(config, logger);
    return { config, configModule, logger, redis, database, metrics: new PlatformMetrics() };
  } catch (error) {
    redis?.disconnect();
    throw error;
  }
}
