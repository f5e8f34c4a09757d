import type { EntityManager } from '@mikro-orm/postgresql';
import { streamKeyMatches } from '../stream-key';

/**
 * The id of the channel `presentedKey` opens, found by the channel's id or its username; null when
 * the channel is unknown or gone or the key is not its current one. For the ingest gateway.
 */
export async function verifyStreamKey(em: EntityManager, channelUsernameOrId: string, presentedKey: string): Promise<string | null> {
  const [row] = await em.execute<Array<{ channel_id: string; key_hash: string }>>(
    `SELECT page.channel_id, stream_key.key_hash
       FROM channel_page page JOIN channel_stream_keys stream_key ON stream_key.channel_id = page.channel_id
      WHERE (page.channel_id = ? OR page.username_lower = ?) AND NOT page.deleted
      LIMIT 1`,
    [channelUsernameOrId, channelUsernameOrId.toLowerCase()],
  );
  if (!row) return null;
  return streamKeyMatches(presentedKey, row.key_hash) ? row.channel_id : null;
}
