import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { readAccountFacts } from '@glint/projections/accounts';
import { readStreamKeyHash } from '@glint/projections/channel-page';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { requireMayPublish } from '../publishing-standing';
import { streamKeyMatches } from '../stream-key';

/**
 * Which channel an encoder may publish: the id of the channel (named by username or id) whose
 * current stream key it presents; null for an unknown or deleted channel, or any other key. A
 * right key of a banned or streaming-suspended owner is refused (`globally_banned`,
 * `streaming_suspended`); only the key's holder learns of the sanction.
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

  async execute({ channel, streamKey }: VerifyStreamKeyQuery): Promise<string | null> {
    const em = this.readModels.entityManager();
    const channelId = await verifyStreamKey(em, channel, streamKey);
    if (!channelId) return null;
    // A channel's id is its owner's user id.
    const owner = await readAccountFacts(em, channelId);
    if (owner) requireMayPublish(owner);
    return channelId;
  }
}

/**
 * The id of the channel `presentedKey` opens, found by the channel's id or its username; null when
 * the channel is unknown or gone or the key is not its current one.
 */
export async function verifyStreamKey(em: EntityManager, channelUsernameOrId: string, presentedKey: string): Promise<string | null> {
  const row = await readStreamKeyHash(em, channelUsernameOrId);
  if (!row) return null;
  return streamKeyMatches(presentedKey, row.key_hash) ? row.channel_id : null;
}
