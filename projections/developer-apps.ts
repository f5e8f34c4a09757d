import { ArrayType, EntitySchema } from '@mikro-orm/core';
import type { RecordedEvent } from '@glint/eventstore';
import type { AppDeleted, AppRegistered, AppSecretRotated, AppTokenIssued } from '@glint/developer-apps';
import { defineProjection } from '@glint/projection-engine';

export interface DeveloperAppRow {
  appId: string;
  ownerId: string;
  name: string;
  description: string;
  clientId: string;
  scopes: string[];
  registeredAt: Date;
  secretRotatedAt: Date | null;
  deletedAt: Date | null;
}

export const DeveloperAppRow = new EntitySchema<DeveloperAppRow>({
  name: 'DeveloperAppRow',
  tableName: 'developer_apps',
  properties: {
    appId: { type: 'uuid', primary: true },
    ownerId: { type: 'text' },
    name: { type: 'text' },
    description: { type: 'text' },
    clientId: { type: 'text' },
    scopes: { type: ArrayType, columnType: 'text[]' },
    registeredAt: { type: 'Date', columnType: 'timestamptz' },
    secretRotatedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    deletedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

/** A live access token of an app: found by its hash, it says which app asks and with which scopes. */
export interface AppAccessTokenRow {
  tokenHash: string;
  appId: string;
  ownerId: string;
  scopes: string[];
  expiresAt: Date;
}

export const AppAccessTokenRow = new EntitySchema<AppAccessTokenRow>({
  name: 'AppAccessTokenRow',
  tableName: 'developer_app_tokens',
  properties: {
    tokenHash: { type: 'text', primary: true },
    appId: { type: 'uuid' },
    ownerId: { type: 'text' },
    scopes: { type: ArrayType, columnType: 'text[]' },
    expiresAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

const occurredAt = (event: RecordedEvent): Date => new Date(event.metadata.occurredAt);

// Plain SQL, which goes out at once and in order: a later event of the same batch always sees
// what an earlier one wrote, so batch boundaries (live or rebuild) never change the rows.
export const developerApps = defineProjection('developer_apps', {
  tables: ['developer_apps', 'developer_app_tokens'],
  entities: [DeveloperAppRow, AppAccessTokenRow],
  handlers: {
    AppRegistered: async (event: RecordedEvent<string, AppRegistered['data']>, em) => {
      const { appId, ownerId, name, description, clientId, scopes } = event.data;
      await em.execute(
        `INSERT INTO developer_apps (app_id, owner_id, name, description, client_id, scopes, registered_at) VALUES (?, ?, ?, ?, ?, ?::text[], ?)`,
        [appId, ownerId, name, description, clientId, em.getPlatform().marshallArray(scopes), occurredAt(event)],
        'run',
      );
    },
    AppSecretRotated: async (event: RecordedEvent<string, AppSecretRotated['data']>, em) => {
      await em.execute('UPDATE developer_apps SET secret_rotated_at = ? WHERE app_id = ?', [occurredAt(event), event.data.appId], 'run');
    },
    AppTokenIssued: async (event: RecordedEvent<string, AppTokenIssued['data']>, em) => {
      const { appId, ownerId, tokenHash, scopes, expiresAt } = event.data;
      // Tokens that had expired when this one was issued can never authenticate again: pruning them
      // by the event's own time keeps the table small and a replay identical.
      await em.execute('DELETE FROM developer_app_tokens WHERE app_id = ? AND expires_at <= ?', [appId, occurredAt(event)], 'run');
      await em.execute(
        'INSERT INTO developer_app_tokens (token_hash, app_id, owner_id, scopes, expires_at) VALUES (?, ?, ?, ?::text[], ?)',
        [tokenHash, appId, ownerId, em.getPlatform().marshallArray(scopes), new Date(expiresAt)],
        'run',
      );
    },
    AppDeleted: async (event: RecordedEvent<string, AppDeleted['data']>, em) => {
      await em.execute('UPDATE developer_apps SET deleted_at = ? WHERE app_id = ?', [occurredAt(event), event.data.appId], 'run');
      await em.execute('DELETE FROM developer_app_tokens WHERE app_id = ?', [event.data.appId], 'run');
    },
  },
});
