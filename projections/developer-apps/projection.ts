import type { AppDeleted, AppRegistered, AppSecretRotated, AppTokenIssued } from '@glint/developer-apps/events';
import type { Recorded } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';
import { AppAccessTokenRow, DeveloperAppRow } from './entities';
import { developerAppsTable, developerAppTokensTable } from './tables';

type AppEvent = AppRegistered | AppSecretRotated | AppTokenIssued | AppDeleted;

const occurredAt = (event: Recorded<AppEvent>): Date => new Date(event.metadata.occurredAt);

/** Developers' apps and their live access tokens. */
export const developerApps = defineProjection<AppEvent>()({
  name: 'developer_apps',
  tables: { developer_apps: developerAppsTable, developer_app_tokens: developerAppTokensTable },
  entities: [DeveloperAppRow, AppAccessTokenRow],
  handlers: {
    AppRegistered: (event, tables) => {
      const { appId, ownerId, name, description, clientId, scopes } = event.data;
      tables.developer_apps.put({
        app_id: appId,
        owner_id: ownerId,
        name,
        description,
        client_id: clientId,
        scopes,
        registered_at: occurredAt(event),
        secret_rotated_at: null,
        deleted_at: null,
      });
    },
    AppSecretRotated: (event, tables) => tables.developer_apps.set({ app_id: event.data.appId }, { secret_rotated_at: occurredAt(event) }),
    AppTokenIssued: (event, tables) => {
      const { appId, ownerId, tokenHash, scopes, expiresAt } = event.data;
      // Tokens that had expired when this one was issued can never authenticate again: pruning them
      // by the event's own time keeps the table small and a replay identical.
      tables.developer_app_tokens.removeUpTo({ app_id: appId }, 'expires_at', occurredAt(event));
      tables.developer_app_tokens.put({ token_hash: tokenHash, app_id: appId, owner_id: ownerId, scopes, expires_at: new Date(expiresAt) });
    },
    AppDeleted: async (event, tables) => {
      tables.developer_apps.set({ app_id: event.data.appId }, { deleted_at: occurredAt(event) });
      await tables.developer_app_tokens.removeWhere({ app_id: event.data.appId });
    },
  },
});
