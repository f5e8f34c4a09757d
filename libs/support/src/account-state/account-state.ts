import type { Channel, ModeratorAppointments, ModeratorPermissions } from '@glint/channels';
import type { Follow } from '@glint/community';
import type { Account } from '@glint/identity';
import type { ChatStanding } from '@glint/moderation';
import type { Stream } from '@glint/streams';
import { broadcastsOf, type AccountBroadcasts } from './account-broadcasts';
import type { UnreadableValue } from '../queries/opened-personal-values';

/** A personal value as support is shown it: opened, null once erased, `{ unreadable: true }` when damaged. */
export type ShownPersonalValue = string | null | UnreadableValue;

/** An account as it stood at one moment, rebuilt from the log: what support sees. Secrets never appear. */
export interface AccountState {
  userId: string;
  asOf: string;
  profile: AccountProfile | null;
  /** The account's channel, or null when it had none then. */
  channel: ChannelState | null;
  /** Channels the account followed, by channel id. */
  follows: Array<{ channelId: string; liveNotifications: boolean }>;
  /** Channels where the account was banned or timed out at that moment. */
  moderationStanding: Array<{ channelId: string; banned: boolean; timedOutUntil: string | null }>;
  /** Channels the account moderated, with its permissions there. */
  moderates: Array<{ channelId: string; permissions: ModeratorPermissions }>;
  /** The broadcasts of the account's channel so far, and whether it was live at that moment. */
  broadcasts: AccountBroadcasts;
}

export interface AccountProfile {
  username: string;
  /** Opened from the vault; null once the account's personal data was erased, `{ unreadable: true }` when its sealed value is damaged. */
  email: ShownPersonalValue;
  emailConfirmed: boolean;
  staffRole: string | null;
  twoFactorEnabled: boolean;
  globallyBanned: boolean;
  globalBanReason: string | null;
  streamingSuspended: boolean;
  streamingSuspensionReason: string | null;
  deleted: boolean;
}

export interface ChannelState {
  title: string;
  category: string;
  subcategory: string | null;
  tags: string[];
  language: string;
  mature: boolean;
  chatRules: string;
  blockLinks: boolean;
  requireConfirmedEmail: boolean;
  minimumAccountAgeHours: number;
  showRecentChatOnly: boolean;
  moderators: Array<{ userId: string; permissions: ModeratorPermissions }>;
}

/** Each stream's folded state, keyed by the stream's kind and the other party's id. */
export interface FoldedAccountStreams {
  account: Account;
  channel: Channel;
  moderators: ModeratorAppointments;
  /** By channel id. */
  follows: Map<string, Follow>;
  /** By channel id. */
  standings: Map<string, ChatStanding>;
  /** The moderator appointments of other channels, by channel id. */
  moderatedChannels: Map<string, ModeratorAppointments>;
  /** The broadcasts of the account's channel. */
  broadcasts: Stream[];
}

const byChannelId = <T extends { channelId: string }>(a: T, b: T) => a.channelId.localeCompare(b.channelId);

/**
 * The support view of folded streams: pure, so the same folds give the same view. A timeout whose
 * end has passed by `asOf` is no longer standing.
 */
export function accountStateOf(userId: string, asOf: Date, folded: FoldedAccountStreams, openedEmail: ShownPersonalValue): AccountState {
  const { account, channel, moderators } = folded;
  const profile: AccountProfile | null =
    account.status === 'unregistered'
      ? null
      : account.status === 'deleted'
        ? {
            username: account.username,
            email: null,
            emailConfirmed: false,
            staffRole: null,
            twoFactorEnabled: false,
            globallyBanned: false,
            globalBanReason: null,
            streamingSuspended: false,
            streamingSuspensionReason: null,
            deleted: true,
          }
        : {
            username: account.username,
            email: openedEmail,
            emailConfirmed: account.emailConfirmed,
            staffRole: account.staffRole,
            twoFactorEnabled: account.twoFactor.secretSealed !== null,
            globallyBanned: account.globalBanReason !== null,
            globalBanReason: account.globalBanReason,
            streamingSuspended: account.streamingSuspensionReason !== null,
            streamingSuspensionReason: account.streamingSuspensionReason,
            deleted: false,
          };
  return {
    userId,
    asOf: asOf.toISOString(),
    profile,
    channel:
      channel.status === 'created'
        ? {
            title: channel.info.title,
            category: channel.info.category,
            subcategory: channel.info.subcategory,
            tags: [...channel.info.tags],
            language: channel.info.language,
            mature: channel.info.mature,
            chatRules: channel.chatSettings.chatRules,
            blockLinks: channel.chatSettings.blockLinks,
            requireConfirmedEmail: channel.chatSettings.requireConfirmedEmail,
            minimumAccountAgeHours: channel.chatSettings.minimumAccountAgeHours,
            showRecentChatOnly: channel.chatSettings.showRecentChatOnly,
            moderators: Object.entries(moderators.moderators)
              .map(([moderatorId, permissions]) => ({ userId: moderatorId, permissions }))
              .sort((a, b) => a.userId.localeCompare(b.userId)),
          }
        : null,
    follows: [...folded.follows]
      .flatMap(([channelId, follow]) => (follow.following ? [{ channelId, liveNotifications: follow.liveNotifications }] : []))
      .sort(byChannelId),
    moderationStanding: [...folded.standings]
      .map(([channelId, standing]) => ({
        channelId,
        banned: standing.banned,
        timedOutUntil: standing.timedOutUntil !== null && Date.parse(standing.timedOutUntil) > asOf.getTime() ? standing.timedOutUntil : null,
      }))
      .filter((standing) => standing.banned || standing.timedOutUntil !== null)
      .sort(byChannelId),
    moderates: [...folded.moderatedChannels]
      .flatMap(([channelId, appointments]) => {
        const permissions = appointments.moderators[userId];
        return permissions ? [{ channelId, permissions }] : [];
      })
      .sort(byChannelId),
    broadcasts: broadcastsOf(folded.broadcasts),
  };
}
