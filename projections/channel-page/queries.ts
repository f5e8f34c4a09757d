import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChannelInfo, ChatSettings } from '@glint/channels/events';

/** A channel as other contexts read it: its page's facts, its chat rules, and whether it is gone. */
export interface ChannelView extends ChannelInfo {
  channelId: string;
  ownerId: string;
  username: string;
  chatRules: string;
  chatSettings: Omit<ChatSettings, 'chatRules'>;
  followerCount: number;
  /** The owner's account was deleted: the channel is gone from every public view. */
  deleted: boolean;
}

/** The info's columns are named as its fields are. */
interface ChannelPageRow extends ChannelInfo {
  channel_id: string;
  owner_id: string;
  username: string;
  chat_rules: string;
  block_links: boolean;
  require_confirmed_email: boolean;
  minimum_account_age_hours: number;
  show_recent_chat_only: boolean;
  follower_count: number;
  deleted: boolean;
}

const COLUMNS = `channel_id, owner_id, username, title, category, subcategory, tags, language, mature, chat_rules, block_links,
  require_confirmed_email, minimum_account_age_hours, show_recent_chat_only, follower_count, deleted`;

/** The channel whose id (its owner's user id) is `channelId`, deleted or not; null when there is none. */
export async function readChannel(em: EntityManager, channelId: string): Promise<ChannelView | null> {
  const [row] = await em.execute<ChannelPageRow[]>(`SELECT ${COLUMNS} FROM channel_page WHERE channel_id = ?`, [channelId]);
  return row ? toChannelView(row) : null;
}

/**
 * The channel page's row and the channel_page projection's checkpoint, read in one statement (one
 * snapshot): the view is known to hold every event up to that checkpoint.
 */
export async function readChannelByUsernameAtCheckpoint(em: EntityManager, username: string): Promise<{ channel: ChannelView | null; checkpoint: number }> {
  const rows = await em.execute<Array<ChannelPageRow & { checkpoint: string | null }>>(
    `SELECT ${COLUMNS}, (SELECT position FROM projection_checkpoints WHERE name = 'channel_page') AS checkpoint
       FROM (SELECT 1) AS one LEFT JOIN channel_page ON username_lower = ?`,
    [username.toLowerCase()],
  );
  const [row] = rows;
  return { channel: row && row.channel_id !== null ? toChannelView(row) : null, checkpoint: Number(row?.checkpoint ?? 0) };
}

/** The channel at `/api/channels/<username>`, any letter case, deleted or not; null when there is none. One index look-up. */
export async function readChannelByUsername(em: EntityManager, username: string): Promise<ChannelView | null> {
  const [row] = await em.execute<ChannelPageRow[]>(`SELECT ${COLUMNS} FROM channel_page WHERE username_lower = ?`, [username.toLowerCase()]);
  return row ? toChannelView(row) : null;
}

function toChannelView(row: ChannelPageRow): ChannelView {
  return {
    channelId: row.channel_id,
    ownerId: row.owner_id,
    username: row.username,
    title: row.title,
    category: row.category,
    subcategory: row.subcategory,
    tags: row.tags,
    language: row.language,
    mature: row.mature,
    chatRules: row.chat_rules,
    chatSettings: {
      blockLinks: row.block_links,
      requireConfirmedEmail: row.require_confirmed_email,
      minimumAccountAgeHours: row.minimum_account_age_hours,
      showRecentChatOnly: row.show_recent_chat_only,
    },
    followerCount: row.follower_count,
    deleted: row.deleted,
  };
}

/** The current stream key hash of a channel not deleted, found by its id or its username; null when there is none. */
export async function readStreamKeyHash(em: EntityManager, channelUsernameOrId: string): Promise<{ channel_id: string; key_hash: string } | null> {
  const [row] = await em.execute<Array<{ channel_id: string; key_hash: string }>>(
    `SELECT page.channel_id, stream_key.key_hash
       FROM channel_page page JOIN channel_stream_keys stream_key ON stream_key.channel_id = page.channel_id
      WHERE (page.channel_id = ? OR page.username_lower = ?) AND NOT page.deleted
      LIMIT 1`,
    [channelUsernameOrId, channelUsernameOrId.toLowerCase()],
  );
  return row ?? null;
}
