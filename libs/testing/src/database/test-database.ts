import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '@glint/database';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The test server's URL, pointing at another database on it. */
export function databaseUrl(database: string): string {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL is not set: run the tests through jest, whose global setup provides it.');
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh, migrated database of its own for one test file, so test files never share state. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `glint_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  if (options.migrate !== false) await migrate(url);
  return {
    url,
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
