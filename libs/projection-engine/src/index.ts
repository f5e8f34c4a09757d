export { readModelTable, nullable, jsonb, type ReadModelTable, type RowOf, type KeyOf, type ChangesOf, type Column, type ColumnKind, type ColumnType } from './read-model-table';
export {
  defineProjection,
  type Projection,
  type TypedProjection,
  type ProjectionDefinition,
  type ProjectionHandlers,
  type ProjectionHandlerOf,
  type ProjectionHandler,
  type ProjectionSql,
  type TableWriter,
  type TableWriters,
  type BlindWriteOptions,
} from './projection';
export type { LogReactor } from './consumer';
export type { ConsumerPause } from './live-consumers';
export {
  ProjectionEngine,
  createProjectionEngine,
  UnknownProjectionError,
  type ProjectionEngineOptions,
  type ProjectionLag,
} from './projection-engine';
export { rebuildSchemaName, type RebuildProgress, type RebuildResult } from './rebuild';
export { jsonStderrLogger, type ProjectionEngineLogger, type ProjectionLogEntry } from './logger';
