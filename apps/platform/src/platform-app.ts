import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChannelPageCache } from '@glint/channels';
import { serveApiDocs } from './api/api-docs';
import { serveCachedChannelPages } from './api/cached-channel-pages';
import type { PlatformConfig } from './config/platform-config';
import { loadPlatformConfig } from './config/platform-config.module';
import { openPlatformDatabase } from './database/platform-database';
import { JsonLogger } from './logging/json-logger';
import { PlatformModule, type PlatformResources } from './platform.module';
import { connectRedis } from './redis/connect-redis';
import { StartupFailure } from './startup-failure';

/** Larger bodies are refused (413) before any route reads them. */
const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

/** A start failure Nest has already logged, so it is not printed twice. */
export class ReportedByNest extends Error {
  constructor(options: { cause: unknown }) {
    super('Nest could not build the platform', options);
  }
}

export interface StartedPlatform {
  app: NestFastifyApplication;
  config: PlatformConfig;
  logger: JsonLogger;
}

/**
 * Start order: configuration, Redis, the database (embedded when DATABASE_URL is unset), then Nest
 * builds the event store, the projection engine and the contexts around them and listens. Cheap
 * checks come first so a mistake is reported before PostgreSQL is started for nothing.
 * `overrides` take the place of environment variables (tests run several platforms in one process).
 * `appModule` builds what Nest runs: the whole platform, or one part of it (apps/gateway).
 */
export async function startPlatform(overrides: Record<string, string> = {}, appModule: (resources: PlatformResources) => DynamicModule = (resources) => PlatformModule.register(resources)): Promise<StartedPlatform> {
  const { config, module: configModule } = await loadPlatformConfig(overrides);
  const logger = new JsonLogger(config.logLevel);
  const redis = await connectRedis(config.redisUrl, logger);
  const database = await openPlatformDatabase(config, logger).catch((error: unknown) => {
    redis.disconnect();
    throw error;
  });

  const adapter = new FastifyAdapter({ bodyLimit: REQUEST_BODY_LIMIT_BYTES });
  const cachedPages = serveCachedChannelPages(adapter, logger);
  let app: NestFastifyApplication;
  try {
    // Fastify rather than Express: it serves a read such as the channel page several times faster.
    app = await NestFactory.create<NestFastifyApplication>(appModule({ configModule, database, redis }), adapter, {
      logger,
      abortOnError: false,
    });
  } catch (error) {
    // Nest has logged why; release what was opened before it.
    redis.disconnect();
    await database.stop();
    throw new ReportedByNest({ cause: error });
  }

  serveApiDocs(app);
  cachedPages.cache = servesChannelPages(app) ? app.get(ChannelPageCache, { strict: false }) : null;
  app.useWebSocketAdapter(new WsAdapter(app));
  try {
    await app.listen(config.port, '0.0.0.0');
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupFailure(`Port ${config.port} is already in use — stop what listens there or set PORT.`);
    }
    throw error;
  }
  return { app, config, logger };
}

function servesChannelPages(app: NestFastifyApplication): boolean {
  try {
    app.get(ChannelPageCache, { strict: false });
    return true;
  } catch {
    return false;
  }
}
