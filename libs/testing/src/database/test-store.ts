import { Client } from 'pg';
import { PostgresEventStore } from '@glint/eventstore';
import { createTestDatabase, type TestDatabase } from './test-database';

/** What most integration tests start from: a fresh migrated database, a store on it, plain SQL. */
export interface TestStore {
  database: TestDatabase;
  store: PostgresEventStore;
  sql: Client;
}

export async function openTestStore(): Promise<TestStore> {
  const database = await createTestDatabase();
  const store = new PostgresEventStore({ connectionString: database.url });
  const sql = new Client({ connectionString: database.url });
  await sql.connect();
  return { database, store, sql };
}

/** Closes what `openTestStore` opened; safe with what a failed setup left half made. */
export async function closeTestStore(opened: Partial<TestStore>): Promise<void> {
  await opened.sql?.end();
  await opened.store?.close();
  await opened.database?.drop();
}
