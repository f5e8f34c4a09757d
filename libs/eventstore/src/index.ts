export * from './types';
export * from './errors';
export * from './validation';
export * from './upcasting';
export * from './event-id';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
export { eventStoreSchemaUp, eventStoreSchemaDown } from './postgres/schema';
