import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@glint/domain-errors';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { readChannel, readChannelByUsername } from '@glint/projections/channel-page';

/** The id of the channel a player asks to watch, by username or id; 404 `channel_not_found` for one that never was or is gone. */
export class GetWatchedChannelQuery extends Query<string> {
  constructor(readonly channel: string) {
    super();
  }
}

@QueryHandler(GetWatchedChannelQuery)
export class GetWatchedChannelHandler implements IQueryHandler<GetWatchedChannelQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ channel }: GetWatchedChannelQuery): Promise<string> {
    const em = this.readModels.entityManager();
    const found = (await readChannelByUsername(em, channel)) ?? (await readChannel(em, channel));
    if (!found || found.deleted) throw new NotFoundError('channel_not_found', 'There is no such channel.');
    return found.channelId;
  }
}
