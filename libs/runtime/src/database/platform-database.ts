import type { LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import {
  EMBEDDED_DATABASE_NAME,
  embeddedPostgresUrl,
  migrate,
  postgresUserCanReach,
  rootDataDirFor,
  startEmbeddedPostgres,
  type RunningPostgres,
} from '@glint/database';
import type { PlatformConfig } from '../config/platform-config';
import { redactedUrl } from '../boot/redacted-url';
import { StartupFailure } from '../boot/startup-failure';

/** The PostgreSQL database the platform runs on, migrated to the newest schema. */
export interface PlatformDatabase {
  url: string;
  /** Stops the embedded PostgreSQL; a database Glint did not start is left running. */
  stop(): Promise<void>;
}

const CONTEXT = 'Database';

/**
 * DATABASE_URL when it is set; otherwise Glint's own embedded PostgreSQL, whose data stays in
 * EMBEDDED_POSTGRES_DATA_DIR between runs. Either way the schema is migrated before anything reads it.
 */
export async function openPlatformDatabase(config: PlatformConfig, logger: LoggerService): Promise<PlatformDatabase> {
  if (config.databaseUrl) {
    await migrateDatabase(config.databaseUrl, logger, 'check DATABASE_URL and that PostgreSQL runs there, or unset DATABASE_URL to use the embedded PostgreSQL');
    return { url: config.databaseUrl, stop: async () => undefined };
  }
  const options = { port: config.embeddedPostgres.port, dataDir: embeddedDataDir(config.embeddedPostgres) };
  const server = await startEmbedded(options, logger);
  try {
    const url = await ensureDatabase(server.url, EMBEDDED_DATABASE_NAME);
    await migrateDatabase(url, logger, `the embedded PostgreSQL in ${options.dataDir} may be damaged; move that folder away to start afresh`);
    return { url, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * The database a running platform uses, for a process that must not start one (the CLI): DATABASE_URL,
 * or the embedded PostgreSQL that `npm start` keeps running. It must answer; it is migrated as the
 * platform migrates it (nothing to do when the platform ran there), so a command works on a database
 * no platform has started on yet.
 */
export async function attachPlatformDatabase(config: PlatformConfig, logger: LoggerService): Promise<PlatformDatabase> {
  const url = config.databaseUrl ?? embeddedPostgresUrl(config.embeddedPostgres.port, EMBEDDED_DATABASE_NAME);
  if (!(await answers(url))) {
    throw new StartupFailure(
      config.databaseUrl
        ? `PostgreSQL at ${redactedUrl(url)} does not answer — check DATABASE_URL and that PostgreSQL runs there.`
        : `DATABASE_URL is not set and the embedded PostgreSQL of \`npm start\` does not answer on port ${config.embeddedPostgres.port} — start the platform with npm start, or set DATABASE_URL.`,
    );
  }
  await migrateDatabase(url, logger, 'check DATABASE_URL and that PostgreSQL runs there');
  return { url, stop: async () => undefined };
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Run as root, PostgreSQL runs as the `postgres` system user, which must reach the data without any
 * folder being opened for it. A checkout in a private folder (a home folder, mktemp -d) keeps its
 * default data under /var/lib/glint instead; a folder the user chose is kept, or Glint stops and says so.
 */
function embeddedDataDir(options: PlatformConfig['embeddedPostgres']): string {
  const reach = postgresUserCanReach(options.dataDir);
  if (reach.reachable) return options.dataDir;
  if (!options.dataDirChosen) return rootDataDirFor(options.dataDir);
  throw new StartupFailure(
    `EMBEDDED_POSTGRES_DATA_DIR ${options.dataDir} is out of reach of the postgres user the embedded PostgreSQL runs as under root (${reach.closedFolder} lets no other user pass) — ` +
      'set EMBEDDED_POSTGRES_DATA_DIR to a folder the postgres user can reach, or set DATABASE_URL.',
  );
}

async function startEmbedded(options: { port: number; dataDir: string }, logger: LoggerService): Promise<RunningPostgres> {
  logger.log(`DATABASE_URL is not set: starting the embedded PostgreSQL on port ${options.port} with data in ${options.dataDir}`, CONTEXT);
  const recentOutput: string[] = [];
  const signalListeners = snapshotSignalListeners();
  try {
    return await startEmbeddedPostgres({
      dataDir: options.dataDir,
      port: options.port,
      persistent: true,
      onLog: (output) => {
        for (const line of String(output).split('\n').filter((text) => text.trim() !== '')) {
          recentOutput.push(line.trim());
          if (recentOutput.length > 5) recentOutput.shift();
          logger.debug?.(line.trim(), 'EmbeddedPostgres');
        }
      },
    });
  } catch (error) {
    // The package rejects with no reason when the server exits early; PostgreSQL's last lines say why.
    const reason = error instanceof Error ? error.message : recentOutput.join(' | ') || 'it said nothing';
    throw new StartupFailure(
      `The embedded PostgreSQL did not start on port ${options.port} with data in ${options.dataDir} (${reason.trim()}) — ` +
        'stop whatever uses that port or set EMBEDDED_POSTGRES_PORT, or set DATABASE_URL to use a PostgreSQL of your own.',
    );
  } finally {
    // The embedded package stops PostgreSQL and exits the process as soon as a signal arrives,
    // which would cut off projections mid-batch; the platform's own shutdown stops it last instead.
    signalListeners.removeAddedSince();
  }
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function snapshotSignalListeners(): { removeAddedSince(): void } {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  return {
    removeAddedSince() {
      for (const signal of SHUTDOWN_SIGNALS) {
        for (const listener of process.listeners(signal)) {
          if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
        }
      }
    },
  };
}

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function migrateDatabase(url: string, logger: LoggerService, advice: string): Promise<void> {
  try {
    const applied = await migrate(url, (line) => logger.log(line, CONTEXT));
    logger.log(`PostgreSQL at ${redactedUrl(url)} is ready (${applied.length} migration(s) applied now)`, CONTEXT);
  } catch (error) {
    throw new StartupFailure(`PostgreSQL at ${redactedUrl(url)} could not be prepared: ${(error as Error).message} — ${advice}.`);
  }
}
