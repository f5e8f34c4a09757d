import type { Projection } from '@glint/projection-engine';
import { chatHistory } from './chat-history';
import { accountHistory } from './account-history';
import { channelModerators } from './channel-moderators';
import { channelPage } from './channel-page';
import { follows } from './follows';
import { accounts } from './accounts';
import { mailOutbox } from './mail-outbox';
import { developerApps } from './developer-apps';
import { supportTickets } from './support-tickets';
import { chatStanding } from './chat-standing';
import { moderationLog } from './moderation-log';
import { moderationUsernames } from './moderation-usernames';
import { staffAuditLog } from './staff-audit-log';
import { userReports } from './user-reports';
import { streams } from './streams';

export * from './account-history';
export * from './channel-moderators';
export * from './channel-page';
export * from './follows';
export * from './accounts';
export * from './mail-outbox';
export * from './chat-history';
export * from './developer-apps';
export * from './support-tickets';
export * from './chat-standing';
export * from './moderation-log';
export * from './moderation-usernames';
export * from './staff-audit-log';
export * from './user-reports';
export * from './streams';

/** Every read model Glint keeps; the platform runs these, and the CLI rebuilds them by name. */
export const projections: readonly Projection[] = [chatHistory, accountHistory, accounts, mailOutbox, developerApps, supportTickets, chatStanding, moderationLog, moderationUsernames, userReports, staffAuditLog, channelPage, channelModerators, follows, streams];
