import { Migration } from '@mikro-orm/migrations';

/**
 * The developer_apps read model: registered apps, and the live access tokens of each. A token is
 * found by its SHA-256 alone (the primary key), so authenticating an app's request is one index
 * look-up; the token row carries the app's owner and scopes so no join is needed.
 */
export class Migration20261124000200DeveloperApps extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE developer_apps (
  app_id            uuid        PRIMARY KEY,
  owner_id          text        NOT NULL,
  name              text        NOT NULL,
  description       text        NOT NULL,
  client_id         text        NOT NULL,
  scopes            text[]      NOT NULL,
  registered_at     timestamptz NOT NULL,
  secret_rotated_at timestamptz,
  deleted_at        timestamptz,
  CONSTRAINT developer_apps_client_id_key UNIQUE (client_id)
);

CREATE INDEX developer_apps_owner_index ON developer_apps (owner_id, registered_at);

CREATE TABLE developer_app_tokens (
  token_hash text        PRIMARY KEY,
  app_id     uuid        NOT NULL,
  owner_id   text        NOT NULL,
  scopes     text[]      NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE INDEX developer_app_tokens_app_expiry_index ON developer_app_tokens (app_id, expires_at);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE developer_app_tokens;
DROP TABLE developer_apps;
`);
  }
}
