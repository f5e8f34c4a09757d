import { jsonb, nullable, readModelTable, type RowOf } from '@glint/projection-engine';

/** The public channel page: one row per channel, found by its owner's lower-case username. */
export const channelPageTable = readModelTable('channel_page', {
  key: ['channel_id'],
  columns: {
    channel_id: 'text',
    owner_id: 'text',
    username: 'text',
    username_lower: 'text',
    title: 'text',
    category: 'text',
    subcategory: nullable('text'),
    tags: jsonb<string[]>(),
    language: 'text',
    mature: 'boolean',
    chat_rules: 'text',
    block_links: 'boolean',
    require_confirmed_email: 'boolean',
    minimum_account_age_hours: 'integer',
    show_recent_chat_only: 'boolean',
    follower_count: 'integer',
    deleted: 'boolean',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
});
export type ChannelPageTableRow = RowOf<typeof channelPageTable>;

/** The SHA-256 of each channel's current stream key, apart from the page so no page query can select it. */
export const channelStreamKeysTable = readModelTable('channel_stream_keys', {
  key: ['channel_id'],
  columns: { channel_id: 'text', key_hash: 'text', rotated_at: 'timestamptz' },
});
export type ChannelStreamKeysTableRow = RowOf<typeof channelStreamKeysTable>;
