import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000100EventStore } from './Migration20261123000100EventStore';
import { Migration20261123000200ProjectionEngine } from './Migration20261123000200ProjectionEngine';
import { Migration20261123000300PersonalDataKeys } from './Migration20261123000300PersonalDataKeys';

/**
 * Every migration, in order. Listed here instead of discovered from files so the built platform,
 * the CLI and the tests run exactly the same list.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123000100EventStore', class: Migration20261123000100EventStore },
  { name: 'Migration20261123000200ProjectionEngine', class: Migration20261123000200ProjectionEngine },
  { name: 'Migration20261123000300PersonalDataKeys', class: Migration20261123000300PersonalDataKeys },
];
