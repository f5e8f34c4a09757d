import type { ChannelChatSettingsUpdated, ChannelCreated, ChannelInfo, ChannelInfoUpdated, ChatSettings, StreamKeyRotated } from '@glint/channels/events';
import type { ChannelFollowed, ChannelUnfollowed } from '@glint/community/events';
import type { Recorded } from '@glint/eventstore';
import type { AccountDeleted } from '@glint/identity/events';
import { defineProjection } from '@glint/projection-engine';
import { channelPageTable, channelStreamKeysTable, type ChannelPageTableRow } from './tables';

type ChannelPageEvent = ChannelCreated | ChannelInfoUpdated | ChannelChatSettingsUpdated | StreamKeyRotated | ChannelFollowed | ChannelUnfollowed | AccountDeleted;

/** The column of each changeable field. */
const INFO_COLUMNS = {
  title: 'title',
  category: 'category',
  subcategory: 'subcategory',
  tags: 'tags',
  language: 'language',
  mature: 'mature',
} as const satisfies Record<keyof ChannelInfo, keyof ChannelPageTableRow>;
const CHAT_SETTING_COLUMNS = {
  chatRules: 'chat_rules',
  blockLinks: 'block_links',
  requireConfirmedEmail: 'require_confirmed_email',
  minimumAccountAgeHours: 'minimum_account_age_hours',
  showRecentChatOnly: 'show_recent_chat_only',
} as const satisfies Record<keyof ChatSettings, keyof ChannelPageTableRow>;

const occurredAt = (event: Recorded<ChannelPageEvent>): Date => new Date(event.metadata.occurredAt);

/** The page's columns a change names; fields the page does not show are left out. */
function changedColumns<Fields extends object>(columns: Record<keyof Fields, keyof ChannelPageTableRow>, changes: Partial<Fields>): Partial<ChannelPageTableRow> {
  const changed: Record<string, unknown> = {};
  for (const field of Object.keys(changes) as Array<keyof Fields>) {
    if (Object.hasOwn(columns, field) && changes[field] !== undefined) changed[columns[field]] = changes[field];
  }
  return changed as Partial<ChannelPageTableRow>;
}

/** The public channel page: one row per channel, and the channel's stream key hash beside it. */
export const channelPage = defineProjection<ChannelPageEvent>()({
  name: 'channel_page',
  tables: { channel_page: channelPageTable, channel_stream_keys: channelStreamKeysTable },
  handlers: {
    ChannelCreated: (event, tables) => {
      const { data } = event;
      const at = occurredAt(event);
      tables.channel_page.put({
        channel_id: data.channelId,
        owner_id: data.ownerId,
        username: data.username,
        username_lower: data.username.toLowerCase(),
        title: data.title,
        category: data.category,
        subcategory: data.subcategory,
        tags: data.tags,
        language: data.language,
        mature: data.mature,
        chat_rules: data.chatSettings.chatRules,
        block_links: data.chatSettings.blockLinks,
        require_confirmed_email: data.chatSettings.requireConfirmedEmail,
        minimum_account_age_hours: data.chatSettings.minimumAccountAgeHours,
        show_recent_chat_only: data.chatSettings.showRecentChatOnly,
        follower_count: 0,
        deleted: false,
        created_at: at,
        updated_at: at,
      });
      tables.channel_stream_keys.put({ channel_id: data.channelId, key_hash: data.streamKeyHash, rotated_at: at });
    },
    ChannelInfoUpdated: (event, tables) => {
      const changed = changedColumns<ChannelInfo>(INFO_COLUMNS, event.data.changes);
      if (Object.keys(changed).length > 0) tables.channel_page.set({ channel_id: event.data.channelId }, { ...changed, updated_at: occurredAt(event) });
    },
    ChannelChatSettingsUpdated: (event, tables) => {
      const changed = changedColumns<ChatSettings>(CHAT_SETTING_COLUMNS, event.data.changes);
      if (Object.keys(changed).length > 0) tables.channel_page.set({ channel_id: event.data.channelId }, { ...changed, updated_at: occurredAt(event) });
    },
    StreamKeyRotated: (event, tables) => tables.channel_stream_keys.set({ channel_id: event.data.channelId }, { key_hash: event.data.keyHash, rotated_at: occurredAt(event) }),
    ChannelFollowed: ({ data }, tables) => tables.channel_page.add({ channel_id: data.channelId }, 'follower_count', 1),
    ChannelUnfollowed: ({ data }, tables) => tables.channel_page.add({ channel_id: data.channelId }, 'follower_count', -1),
    // The page goes, and so does the key: nobody may broadcast as a deleted account. A channel's id is its owner's.
    AccountDeleted: (event, tables) => {
      tables.channel_page.set({ channel_id: event.data.userId }, { deleted: true, updated_at: occurredAt(event) });
      tables.channel_stream_keys.remove({ channel_id: event.data.userId });
    },
  },
});
