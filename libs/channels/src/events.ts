import type { ChannelInfo } from './channel-info';
import type { ChatSettings } from './chat-settings';
import type { ModeratorPermissions } from './moderator-permissions';

export type { ChannelInfo, ChatSettings, ModeratorPermissions };

/** Facts of the `channel-<channelId>` stream. A channel's id is its owner's user id. */
export type ChannelCreated = {
  type: 'ChannelCreated';
  data: ChannelInfo & {
    channelId: string;
    ownerId: string;
    /** The owner's username: the channel's public handle and URL. */
    username: string;
    chatSettings: ChatSettings;
    /** SHA-256 of the first stream key; the key itself is shown once, to the owner. */
    streamKeyHash: string;
  };
};

export type ChannelInfoUpdated = {
  type: 'ChannelInfoUpdated';
  /** `editorId` is who changed it: the owner, one of its editors, or a platform admin. */
  data: { channelId: string; ownerId: string; editorId: string; changes: Partial<ChannelInfo> };
};

export type ChannelChatSettingsUpdated = {
  type: 'ChannelChatSettingsUpdated';
  data: { channelId: string; ownerId: string; editorId: string; changes: Partial<ChatSettings> };
};

/** A new stream key replaces the old one; whatever was streaming with the old key loses its authority. */
export type StreamKeyRotated = {
  type: 'StreamKeyRotated';
  data: { channelId: string; ownerId: string; keyHash: string };
};

export type ChannelEvent = ChannelCreated | ChannelInfoUpdated | ChannelChatSettingsUpdated | StreamKeyRotated;

/** Facts of the `moderators-<channelId>` stream; `changedBy` is the owner or the admin who did it. */
export type ModeratorAppointed = {
  type: 'ModeratorAppointed';
  data: { channelId: string; ownerId: string; moderatorId: string; moderatorUsername: string; permissions: ModeratorPermissions; changedBy: string };
};

export type ModeratorPermissionsChanged = {
  type: 'ModeratorPermissionsChanged';
  data: { channelId: string; ownerId: string; moderatorId: string; permissions: ModeratorPermissions; changedBy: string };
};

export type ModeratorRemoved = {
  type: 'ModeratorRemoved';
  data: { channelId: string; ownerId: string; moderatorId: string; changedBy: string };
};

export type ModeratorEvent = ModeratorAppointed | ModeratorPermissionsChanged | ModeratorRemoved;

export const channelStreamName = (channelId: string): string => `channel-${channelId}`;
export const moderatorsStreamName = (channelId: string): string => `moderators-${channelId}`;
