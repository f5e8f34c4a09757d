import { nullable, readModelTable, type RowOf } from '@glint/projection-engine';

/** Registered apps, deleted ones kept and marked. */
export const developerAppsTable = readModelTable('developer_apps', {
  key: ['app_id'],
  columns: {
    app_id: 'uuid',
    owner_id: 'text',
    name: 'text',
    description: 'text',
    client_id: 'text',
    scopes: 'text[]',
    registered_at: 'timestamptz',
    secret_rotated_at: nullable('timestamptz'),
    deleted_at: nullable('timestamptz'),
  },
});
export type DeveloperAppsTableRow = RowOf<typeof developerAppsTable>;

/** A live access token of an app: found by its hash, it says which app asks and with which scopes. */
export const developerAppTokensTable = readModelTable('developer_app_tokens', {
  key: ['token_hash'],
  columns: { token_hash: 'text', app_id: 'uuid', owner_id: 'text', scopes: 'text[]', expires_at: 'timestamptz' },
});
export type DeveloperAppTokensTableRow = RowOf<typeof developerAppTokensTable>;
