import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { streamKeyMatches } from '../stream-key';

/**
 * Which channel an encoder may publish: the id of the channel (named by username or id) whose
 * current stream key it presents; null for an unknown or deleted channel, or any other key.
 */
export class VerifyStreamKeyQuery extends Query<string | null> {
  constructor(
    readonly channel: string,
    readonly streamKey: string,
  ) {
    super();
  }
}

@QueryHandler(VerifyStreamKeyQuery)
export class VerifyStreamKeyHandler implements IQueryHandler<VerifyStreamKeyQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ channel, streamKey }: VerifyStreamKeyQuery): Promise<string | null> {
    return verifyStreamKey(this.readModels.entityManager(), channel, streamKey);
  }
}

/**
 * The id of the channel `presentedKey` opens, found by the channel's id or its username; null when
 * the channel is unknown or gone or the key is not its current one.
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
