import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000100EventStore } from './Migration20261123000100EventStore';

/**
 * Every migration, in order. Listed here instead of discovered from files so the built platform,
 * the CLI and the tests run exactly the same list.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123000100EventStore', class: Migration20261123000100EventStore },
];
