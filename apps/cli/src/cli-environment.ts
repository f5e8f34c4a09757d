import { EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@glint/eventstore';

/** A variable the CLI cannot run without, or one it cannot use; the message says which and what to do. */
export class CliConfigurationError extends Error {}

export interface CliEnvironment {
  databaseUrl: string;
  createStore(): EventStore;
}

/** Reads the same variables the platform reads, so the CLI works on the platform's database. */
export function readCliEnvironment(env: NodeJS.ProcessEnv): CliEnvironment {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (!databaseUrl) {
    throw new CliConfigurationError('DATABASE_URL is not set: point it at Glint\'s PostgreSQL database, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/glint.');
  }
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new CliConfigurationError('DATABASE_URL must be a URL starting with postgres:// or postgresql://.');
  const kind = env.EVENT_STORE?.trim() || 'postgres';
  if (kind === 'postgres') return { databaseUrl, createStore: () => new PostgresEventStore({ connectionString: databaseUrl }) };
  if (kind !== 'eventstoredb') throw new CliConfigurationError(`EVENT_STORE must be one of postgres, eventstoredb (got "${kind}").`);
  const eventStoreUrl = env.EVENTSTORE_URL?.trim();
  if (!eventStoreUrl) throw new CliConfigurationError('EVENTSTORE_URL is required when EVENT_STORE=eventstoredb (for example esdb://127.0.0.1:2113?tls=false).');
  return { databaseUrl, createStore: () => new EventStoreDbEventStore({ connectionString: eventStoreUrl }) };
}
