import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChannelChatSettingsUpdated, ChannelCreated, ChannelInfoUpdated, ChatSettings, ChannelInfo, StreamKeyRotated } from '@glint/channels';
import type { ChannelFollowed, ChannelUnfollowed } from '@glint/community';
import type { RecordedEvent } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';

type Recorded<Event extends { data: unknown }> = RecordedEvent<string, Event['data']>;

/** The identity context's fact that an account is gone; its channel goes with it. */
type AccountDeleted = { data: { userId: string } };

/** Column of each changeable field; values of `tags` are JSON. */
const INFO_COLUMNS: Record<keyof ChannelInfo, string> = {
  title: 'title',
  category: 'category',
  subcategory: 'subcategory',
  tags: 'tags',
  language: 'language',
  mature: 'mature',
};
const CHAT_SETTING_COLUMNS: Record<keyof ChatSettings, string> = {
  chatRules: 'chat_rules',
  blockLinks: 'block_links',
  requireConfirmedEmail: 'require_confirmed_email',
  minimumAccountAgeHours: 'minimum_account_age_hours',
  showRecentChatOnly: 'show_recent_chat_only',
};

/**
 * The public channel page: one row per channel, and the channel's stream key hash beside it.
 * Written with plain SQL in event order (no unit of work), so a follow counted in the same batch
 * as the channel's creation finds the row it counts on.
 */
export const channelPage = defineProjection('channel_page', {
  tables: ['channel_page', 'channel_stream_keys'],
  entities: [],
  handlers: {
    ChannelCreated: async (event: Recorded<ChannelCreated>, em) => {
      const { data } = event;
      const at = occurredAt(event);
      await em.execute(
        `INSERT INTO channel_page (channel_id, owner_id, username, username_lower, title, category, subcategory, tags, language, mature,
           chat_rules, block_links, require_confirmed_email, minimum_account_age_hours, show_recent_chat_only, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          data.channelId, data.ownerId, data.username, data.username.toLowerCase(), data.title, data.category, data.subcategory, JSON.stringify(data.tags), data.language, data.mature,
          data.chatSettings.chatRules, data.chatSettings.blockLinks, data.chatSettings.requireConfirmedEmail, data.chatSettings.minimumAccountAgeHours, data.chatSettings.showRecentChatOnly, at, at,
        ],
        'run',
      );
      await em.execute('INSERT INTO channel_stream_keys (channel_id, key_hash, rotated_at) VALUES (?, ?, ?)', [data.channelId, data.streamKeyHash, at], 'run');
    },
    ChannelInfoUpdated: (event: Recorded<ChannelInfoUpdated>, em) => updateColumns(em, event, INFO_COLUMNS, event.data.changes),
    ChannelChatSettingsUpdated: (event: Recorded<ChannelChatSettingsUpdated>, em) => updateColumns(em, event, CHAT_SETTING_COLUMNS, event.data.changes),
    StreamKeyRotated: async (event: Recorded<StreamKeyRotated>, em) => {
      await em.execute('UPDATE channel_stream_keys SET key_hash = ?, rotated_at = ? WHERE channel_id = ?', [event.data.keyHash, occurredAt(event), event.data.channelId], 'run');
    },
    ChannelFollowed: async (event: Recorded<ChannelFollowed>, em) => {
      await em.execute('UPDATE channel_page SET follower_count = follower_count + 1 WHERE channel_id = ?', [event.data.channelId], 'run');
    },
    ChannelUnfollowed: async (event: Recorded<ChannelUnfollowed>, em) => {
      await em.execute('UPDATE channel_page SET follower_count = follower_count - 1 WHERE channel_id = ?', [event.data.channelId], 'run');
    },
    // The page goes, and so does the key: nobody may broadcast as a deleted account.
    AccountDeleted: async (event: Recorded<AccountDeleted>, em) => {
      await em.execute('UPDATE channel_page SET deleted = true, updated_at = ? WHERE channel_id = ?', [occurredAt(event), event.data.userId], 'run');
      await em.execute('DELETE FROM channel_stream_keys WHERE channel_id = ?', [event.data.userId], 'run');
    },
  },
});

async function updateColumns<Fields extends object>(
  em: EntityManager,
  event: RecordedEvent<string, { channelId: string }>,
  columns: Record<keyof Fields, string>,
  changes: Partial<Fields>,
): Promise<void> {
  const assignments: string[] = [];
  const values: unknown[] = [];
  for (const field of Object.keys(changes) as Array<keyof Fields>) {
    if (!Object.hasOwn(columns, field)) continue;
    const column = columns[field];
    assignments.push(column === 'tags' ? `${column} = ?::jsonb` : `${column} = ?`);
    values.push(column === 'tags' ? JSON.stringify(changes[field]) : changes[field]);
  }
  if (assignments.length === 0) return;
  await em.execute(`UPDATE channel_page SET ${assignments.join(', ')}, updated_at = ? WHERE channel_id = ?`, [...values, occurredAt(event), event.data.channelId], 'run');
}

function occurredAt(event: RecordedEvent): Date {
  return new Date(event.metadata.occurredAt);
}
