import { ArrayType, EntitySchema } from '@mikro-orm/core';

/** A developer_apps row as the read functions see it (MikroORM maps it until the reads move to plain SQL). */
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
