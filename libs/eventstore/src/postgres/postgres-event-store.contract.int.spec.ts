import { createTestDatabase } from '@glint/testing/database';
import { eventStoreContract } from '../contract/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

eventStoreContract('PostgreSQL', async (upcasters) => {
  const database = await createTestDatabase();
  const store = new PostgresEventStore({ connectionString: database.url, upcasters });
  return {
    store,
    teardown: async () => {
      await store.close();
      await database.drop();
    },
  };
});
