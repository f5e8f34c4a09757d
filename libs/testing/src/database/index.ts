export { createTestDatabase, databaseUrl, type TestDatabase } from './test-database';
export { openTestStore, closeTestStore, type TestStore } from './test-store';
