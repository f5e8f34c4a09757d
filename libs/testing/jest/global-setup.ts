import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../database/src/free-port';
import { startEmbeddedPostgres } from '../../database/src/embedded-postgres';

/**
 * Tests run against DATABASE_URL when it is set (CI points it at the machine's PostgreSQL);
 * otherwise against a throwaway embedded PostgreSQL, never the development data under ./.data.
 * Every test file then creates its own database on that server (see test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  if (process.env.DATABASE_URL) return;
  const port = await freePort();
  const server = await startEmbeddedPostgres({
    dataDir: join(tmpdir(), `glint-test-postgres-${process.pid}`),
    port,
    persistent: false,
  });
  process.env.DATABASE_URL = server.url;
  (globalThis as { __glintTestPostgres?: typeof server }).__glintTestPostgres = server;
}
