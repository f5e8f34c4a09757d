import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { serveApiDocs } from './api/api-docs';
import { loadPlatformConfig } from './config/platform-config.module';
import { openPlatformDatabase } from './database/platform-database';
import { JsonLogger } from './logging/json-logger';
import { PlatformModule } from './platform.module';
import { connectRedis } from './redis/connect-redis';
import { StartupFailure } from './startup-failure';

/** A start failure Nest has already logged, so it is not printed twice. */
class ReportedByNest extends Error {
  constructor(options: { cause: unknown }) {
    super('Nest could not build the platform', options);
  }
}

/**
 * Start order: configuration, Redis, the database (embedded when DATABASE_URL is unset), then Nest
 * builds the event store and the projection engine around them and listens. Cheap checks come
 * first so a mistake is reported before PostgreSQL is started for nothing.
 */
async function main(): Promise<void> {
  const { config, module: configModule } = await loadPlatformConfig();
  const logger = new JsonLogger(config.logLevel);
  const redis = await connectRedis(config.redisUrl, logger);
  const database = await openPlatformDatabase(config, logger).catch((error: unknown) => {
    redis.disconnect();
    throw error;
  });

  let app: INestApplication;
  try {
    app = await NestFactory.create(PlatformModule.register({ configModule, database, redis }), { logger, abortOnError: false });
  } catch (error) {
    // Nest has logged why; release what was opened before it.
    redis.disconnect();
    await database.stop();
    throw new ReportedByNest({ cause: error });
  }

  // On a signal Nest stops the modules in order (see each module's shutdown hook), then exits 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP'], { useProcessExit: true });
  serveApiDocs(app);
  try {
    await app.listen(config.port);
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupFailure(`Port ${config.port} is already in use — stop what listens there or set PORT.`);
    }
    throw error;
  }
  logger.log(`Glint is listening on http://127.0.0.1:${config.port} (GET /health)`, 'Platform');
  process.once('exit', (code) => logger.log(`Glint stopped (exit code ${code})`, 'Platform'));
}

main().catch((error: unknown) => {
  if (error instanceof StartupFailure) console.error(error.message);
  else if (!(error instanceof ReportedByNest)) console.error(error);
  process.exit(1);
});
