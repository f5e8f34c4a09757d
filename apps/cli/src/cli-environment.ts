import { DEFAULT_EMBEDDED_POSTGRES_PORT, EMBEDDED_DATABASE_NAME, embeddedPostgresUrl } from '@glint/database';
import { EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@glint/eventstore';

/** A variable the CLI cannot run without, or one it cannot use; the message says which and what to do. */
export class CliConfigurationError extends Error {}

export interface CliEnvironment {
  databaseUrl: string;
  /** True when DATABASE_URL was unset and the CLI uses the embedded database of `npm start`. */
  embedded: boolean;
  createStore(): EventStore;
}

/**
 * Reads the same variables the platform reads, so the CLI works on the platform's database: with
 * DATABASE_URL unset, the embedded PostgreSQL that `npm start` runs.
 */
export function readCliEnvironment(env: NodeJS.ProcessEnv): CliEnvironment {
  const given = env.DATABASE_URL?.trim();
  const embedded = !given;
  const databaseUrl = given || embeddedPostgresUrl(embeddedPort(env), EMBEDDED_DATABASE_NAME);
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new CliConfigurationError('DATABASE_URL must be a URL starting with postgres:// or postgresql://.');
  const kind = env.EVENT_STORE?.trim() || 'postgres';
  if (kind === 'postgres') return { databaseUrl, embedded, createStore: () => new PostgresEventStore({ connectionString: databaseUrl }) };
  if (kind !== 'eventstoredb') throw new CliConfigurationError(`EVENT_STORE must be one of postgres, eventstoredb (got "${kind}").`);
  const eventStoreUrl = env.EVENTSTORE_URL?.trim();
  if (!eventStoreUrl) throw new CliConfigurationError('EVENTSTORE_URL is required when EVENT_STORE=eventstoredb (for example esdb://127.0.0.1:2113?tls=false).');
  return { databaseUrl, embedded, createStore: () => new EventStoreDbEventStore({ connectionString: eventStoreUrl }) };
}

/** The environment, or null once the variable that is missing or wrong is named on stderr: the command then exits 2. */
export function readCliEnvironmentOrExplain(env: NodeJS.ProcessEnv, stderr: NodeJS.WritableStream): CliEnvironment | null {
  try {
    return readCliEnvironment(env);
  } catch (error) {
    if (!(error instanceof CliConfigurationError)) throw error;
    stderr.write(`${error.message}\n`);
    return null;
  }
}

/** What to say when DATABASE_URL is unset and nothing answers where `npm start` runs its database. */
export function embeddedDatabaseNotAnswering(databaseUrl: string): string {
  const { port } = new URL(databaseUrl);
  return `DATABASE_URL is not set and the embedded PostgreSQL of \`npm start\` does not answer on port ${port} — start the platform with npm start, or set DATABASE_URL.`;
}

function embeddedPort(env: NodeJS.ProcessEnv): number {
  const raw = env.EMBEDDED_POSTGRES_PORT?.trim();
  if (!raw) return DEFAULT_EMBEDDED_POSTGRES_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliConfigurationError(`EMBEDDED_POSTGRES_PORT must be a port number from 1 to 65535 (got "${raw}").`);
  return port;
}
