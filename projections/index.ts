import type { Projection } from '@glint/projection-engine';
import { accountHistory } from './account-history';
import { accounts } from './accounts';
import { channelModerators } from './channel-moderators';
import { channelPage } from './channel-page';
import { chatHistory } from './chat-history';
import { chatStanding } from './chat-standing';
import { developerApps } from './developer-apps';
import { follows } from './follows';
import { ledger } from './ledger';
import { mailOutbox } from './mail-outbox';
import { moderationLog } from './moderation-log';
import { moderationUsernames } from './moderation-usernames';
import { staffAuditLog } from './staff-audit-log';
import { streamHealth } from './stream-health';
import { streams } from './streams';
import { supportTickets } from './support-tickets';
import { userReports } from './user-reports';

export * from './account-history';
export * from './accounts';
export * from './channel-moderators';
export * from './channel-page';
export * from './chat-history';
export * from './chat-standing';
export * from './developer-apps';
export * from './follows';
export * from './ledger';
export * from './mail-outbox';
export * from './moderation-log';
export * from './moderation-usernames';
export * from './staff-audit-log';
export * from './stream-health';
export * from './streams';
export * from './support-tickets';
export * from './user-reports';

/** Every read model Glint keeps; the platform runs these, and the CLI rebuilds them by name. */
export const projections: readonly Projection[] = [chatHistory, accountHistory, accounts, mailOutbox, developerApps, supportTickets, chatStanding, moderationLog, moderationUsernames, userReports, staffAuditLog, channelPage, channelModerators, follows, streams, streamHealth, ledger];
