import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000500Chat } from './Migration20261124000500Chat';
import { Migration20261123000100EventStore } from './Migration20261123000100EventStore';
import { Migration20261123000200ProjectionEngine } from './Migration20261123000200ProjectionEngine';
import { Migration20261123000300PersonalDataKeys } from './Migration20261123000300PersonalDataKeys';
import { Migration20261124000100Identity } from './Migration20261124000100Identity';
import { Migration20261124000200DeveloperApps } from './Migration20261124000200DeveloperApps';
import { Migration20261124000600Support } from './Migration20261124000600Support';
import { Migration20261124000300Channels } from './Migration20261124000300Channels';
import { Migration20261124000400Moderation } from './Migration20261124000400Moderation';
import { Migration20261202000100Streams } from './Migration20261202000100Streams';
import { Migration20261202000300GoLiveNotifications } from './Migration20261202000300GoLiveNotifications';
import { Migration20261210000100AccountSafety } from './Migration20261210000100AccountSafety';
import { Migration20261211000100StreamHealth } from './Migration20261211000100StreamHealth';
import { Migration20261212000100Ledger } from './Migration20261212000100Ledger';

/**
 * Every migration, in order. Listed here instead of discovered from files so the built platform,
 * the CLI and the tests run exactly the same list.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123000100EventStore', class: Migration20261123000100EventStore },
  { name: 'Migration20261123000200ProjectionEngine', class: Migration20261123000200ProjectionEngine },
  { name: 'Migration20261123000300PersonalDataKeys', class: Migration20261123000300PersonalDataKeys },
  { name: 'Migration20261124000100Identity', class: Migration20261124000100Identity },
  { name: 'Migration20261124000200DeveloperApps', class: Migration20261124000200DeveloperApps },
  { name: 'Migration20261124000300Channels', class: Migration20261124000300Channels },
  { name: 'Migration20261124000400Moderation', class: Migration20261124000400Moderation },
  { name: 'Migration20261124000500Chat', class: Migration20261124000500Chat },
  { name: 'Migration20261124000600Support', class: Migration20261124000600Support },
  { name: 'Migration20261202000100Streams', class: Migration20261202000100Streams },
  { name: 'Migration20261202000300GoLiveNotifications', class: Migration20261202000300GoLiveNotifications },
  { name: 'Migration20261210000100AccountSafety', class: Migration20261210000100AccountSafety },
  { name: 'Migration20261211000100StreamHealth', class: Migration20261211000100StreamHealth },
  { name: 'Migration20261212000100Ledger', class: Migration20261212000100Ledger },
];
