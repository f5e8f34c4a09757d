export { defineProjection, type Projection, type ProjectionDefinition, type ProjectionHandler, type NewRows } from './projection';
export {
  ProjectionEngine,
  createProjectionEngine,
  UnknownProjectionError,
  type ProjectionEngineOptions,
  type ProjectionLag,
} from './projection-engine';
export { rebuildSchemaName, type RebuildProgress, type RebuildResult } from './rebuild';
export { LogFollower, type LogFollowerOptions, type LogFollowerCheckpoint, type LogFollowerLogger, type LogFollowerMessages } from './log-follower';
export { jsonStderrLogger, type ProjectionEngineLogger, type ProjectionLogEntry } from './logger';
