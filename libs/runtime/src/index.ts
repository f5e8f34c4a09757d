// What every Glint process runs on: configuration parsed once, the database, the event store, the
// read models, Redis, logging and the start sequence. It knows no context.
export * from './tokens';
export { currentCorrelationId, runWithCorrelationId } from './logging/correlation-context';
export { JsonLogger } from './logging/json-logger';
export { CorrelationIdMiddleware, CORRELATION_ID_HEADER, ACCEPTABLE_CORRELATION_ID } from './logging/correlation-id.middleware';
export { parsePlatformConfig, InvalidConfiguration, type PlatformConfig, type LogLevel, type EventStoreChoice } from './config/platform-config';
export { loadPlatformConfig, PLATFORM_CONFIG, PlatformConfigModule } from './config/platform-config.module';
export type { GatewaySettings } from './config/gateway-settings';
export { openPlatformDatabase, attachPlatformDatabase, type PlatformDatabase } from './database/platform-database';
export { DatabaseModule, PLATFORM_DATABASE, DATABASE_POOL } from './database/database.module';
export { EventStoreModule, createEventStore } from './event-store/event-store.module';
export { ReadModelsModule, type ReadModelsOptions } from './read-models/read-models.module';
export { PROJECTION_ENGINE } from './read-models/projection-engine.token';
export { RebuildProjectionCommand, ProjectionLagQuery } from './read-models/projection-maintenance';
export { connectRedis } from './redis/connect-redis';
export { RedisModule } from './redis/redis.module';
export { RuntimeModule } from './runtime.module';
export { GlintRuntimeModule, type GlintRuntimeOptions } from './glint-runtime.module';
export { DependencyHealthIndicators } from './health/dependency-health.indicators';
export { HealthResponseFilter } from './health/health-response.filter';
export { within } from './health/within';
export { openRuntimeResources, type RuntimeResources, type RuntimeNeeds } from './boot/runtime-resources';
export { startHttpApp, ReportedByNest, type StartedHttpApp, type HttpAppDefinition } from './boot/http-app';
export { runUntilStopped } from './boot/run-until-stopped';
export { StartupFailure } from './boot/startup-failure';
export { redactedUrl } from './boot/redacted-url';
