import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import { isOwnerOrAdmin, type ActingUser } from './acting-user';
import { DEFAULT_CHANNEL_INFO, normaliseChannelInfo, type ChannelInfo, type ChannelInfoInput } from './channel-info';
import { DEFAULT_CHAT_SETTINGS, normaliseChatSettings, type ChatSettings } from './chat-settings';
import type { ChannelEvent } from './events';

export type Channel =
  | { status: 'absent' }
  | { status: 'created'; channelId: string; ownerId: string; info: ChannelInfo; chatSettings: ChatSettings };

/** The owner as the identity context knows them when they create their channel. */
export interface ChannelOwner {
  userId: string;
  username: string;
  deleted: boolean;
  globallyBanned: boolean;
}

export type CreateChannel = {
  type: 'CreateChannel';
  owner: ChannelOwner;
  info: ChannelInfoInput;
  chatSettings: Partial<ChatSettings>;
  streamKeyHash: string;
};
export type UpdateChannelInfo = { type: 'UpdateChannelInfo'; by: ActingUser; changes: ChannelInfoInput };
export type UpdateChatSettings = { type: 'UpdateChatSettings'; by: ActingUser; changes: Partial<ChatSettings> };
export type RotateStreamKey = { type: 'RotateStreamKey'; by: ActingUser; streamKeyHash: string };
export type ChannelCommand = CreateChannel | UpdateChannelInfo | UpdateChatSettings | RotateStreamKey;

/** What an editor (a moderator with the `edit` permission) may change; everything else is the owner's. */
export const EDITOR_FIELDS: ReadonlyArray<keyof ChannelInfo> = ['title', 'category', 'subcategory', 'tags'];

export const initialState: Channel = { status: 'absent' };

export function evolve(state: Channel, event: ChannelEvent): Channel {
  switch (event.type) {
    case 'ChannelCreated': {
      const { channelId, ownerId, title, category, subcategory, tags, language, mature, chatSettings } = event.data;
      return { status: 'created', channelId, ownerId, info: { title, category, subcategory, tags, language, mature }, chatSettings };
    }
    case 'ChannelInfoUpdated':
      return state.status === 'created' ? { ...state, info: { ...state.info, ...event.data.changes } } : state;
    case 'ChannelChatSettingsUpdated':
      return state.status === 'created' ? { ...state, chatSettings: { ...state.chatSettings, ...event.data.changes } } : state;
    case 'StreamKeyRotated':
      return state;
    default:
      return unreachable(event);
  }
}

export function decide(command: ChannelCommand, state: Channel): ChannelEvent[] {
  switch (command.type) {
    case 'CreateChannel':
      return create(command, state);
    case 'UpdateChannelInfo':
      return updateInfo(command, created(state));
    case 'UpdateChatSettings':
      return updateChatSettings(command, created(state));
    case 'RotateStreamKey':
      return rotateStreamKey(command, created(state));
    default:
      return unreachable(command);
  }
}

export const channelDecider: Decider<Channel, ChannelCommand, ChannelEvent> = { initialState, evolve, decide };

function create(command: CreateChannel, state: Channel): ChannelEvent[] {
  const { owner } = command;
  if (state.status === 'created') throw new ConflictError('channel_exists', `${owner.username} has a channel already; a user has one channel. Change it with PATCH /api/channels/${owner.username}.`);
  if (owner.deleted) throw new ForbiddenError('account_deleted', 'This account was deleted; it cannot own a channel.');
  if (owner.globallyBanned) throw new ForbiddenError('globally_banned', 'This account is banned from Glint; it cannot own a channel.');
  const info = { ...DEFAULT_CHANNEL_INFO, ...normaliseChannelInfo(command.info) };
  const chatSettings = { ...DEFAULT_CHAT_SETTINGS, ...normaliseChatSettings(command.chatSettings) };
  return [
    {
      type: 'ChannelCreated',
      data: { channelId: owner.userId, ownerId: owner.userId, username: owner.username, ...info, chatSettings, streamKeyHash: command.streamKeyHash },
    },
  ];
}

function updateInfo(command: UpdateChannelInfo, channel: CreatedChannel): ChannelEvent[] {
  const { by } = command;
  const given = givenFields(command.changes);
  if (!isOwnerOrAdmin(by, channel.ownerId)) {
    if (!by.moderatorPermissions?.edit) {
      throw new ForbiddenError('not_channel_editor', "Only the channel's owner, its editors and platform admins may change its title, category and tags.");
    }
    const ownersOnly = given.find((field) => !(EDITOR_FIELDS as readonly string[]).includes(field));
    if (ownersOnly) {
      throw new ForbiddenError('editor_may_not_change', `Editors may change the title, category, subcategory and tags; only the owner may change ${ownersOnly}.`, ownersOnly);
    }
  }
  if (given.length === 0) throw new ValidationError('no_changes', `Name at least one of title, category, subcategory, tags, language or mature to change.`);
  const changes = changedFields(normaliseChannelInfo(command.changes), channel.info);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'ChannelInfoUpdated', data: { channelId: channel.channelId, ownerId: channel.ownerId, editorId: by.userId, changes } }];
}

function updateChatSettings(command: UpdateChatSettings, channel: CreatedChannel): ChannelEvent[] {
  const { by } = command;
  if (!isOwnerOrAdmin(by, channel.ownerId)) {
    if (by.moderatorPermissions?.edit) {
      throw new ForbiddenError('editor_may_not_change', "Editors may change the title, category, subcategory and tags; only the owner may change the chat settings.", givenFields(command.changes)[0]);
    }
    throw new ForbiddenError('not_channel_owner', "Only the channel's owner and platform admins may change its chat settings.");
  }
  if (givenFields(command.changes).length === 0) {
    throw new ValidationError('no_changes', 'Name at least one of chatRules, blockLinks, requireConfirmedEmail, minimumAccountAgeHours or showRecentChatOnly to change.');
  }
  const changes = changedFields(normaliseChatSettings(command.changes), channel.chatSettings);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'ChannelChatSettingsUpdated', data: { channelId: channel.channelId, ownerId: channel.ownerId, editorId: by.userId, changes } }];
}

function rotateStreamKey(command: RotateStreamKey, channel: CreatedChannel): ChannelEvent[] {
  // Not even staff: whoever holds the key may broadcast as the channel.
  if (command.by.userId !== channel.ownerId) throw new ForbiddenError('not_channel_owner', "Only the channel's owner may see or rotate its stream key.");
  return [{ type: 'StreamKeyRotated', data: { channelId: channel.channelId, ownerId: channel.ownerId, keyHash: command.streamKeyHash } }];
}

type CreatedChannel = Extract<Channel, { status: 'created' }>;

function created(state: Channel): CreatedChannel {
  if (state.status !== 'created') throw new NotFoundError('channel_not_found', 'There is no such channel; its owner creates it with POST /api/channels.');
  return state;
}

function givenFields(changes: object): string[] {
  return Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
}

/** The changes that differ from what the channel has: repeating a setting records nothing. */
function changedFields<T extends object>(changes: Partial<T>, current: T): Partial<T> {
  const differing: Partial<T> = {};
  for (const field of Object.keys(changes) as Array<keyof T>) {
    if (JSON.stringify(changes[field]) !== JSON.stringify(current[field])) differing[field] = changes[field];
  }
  return differing;
}
