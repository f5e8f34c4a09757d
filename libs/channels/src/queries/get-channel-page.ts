import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { NotFoundError } from '@glint/domain-errors';
import { readChannelByUsernameAtCheckpoint, type ChannelView } from './channel-view';

export interface ChannelPageRead {
  channel: ChannelView;
  /** The channel_page checkpoint the page was read at. */
  checkpoint: number;
}

/**
 * The public channel page, as the channel API, the watch page and a chat join read it: anyone may
 * read it, an app token with the `public` scope.
 */
export class GetChannelPageQuery extends Query<ChannelPageRead> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
  ) {
    super();
  }
}

@QueryHandler(GetChannelPageQuery)
export class GetChannelPageHandler implements IQueryHandler<GetChannelPageQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, username }: GetChannelPageQuery): Promise<ChannelPageRead> {
    requireScopeForApps(principal, 'public');
    const { channel, checkpoint } = await readChannelByUsernameAtCheckpoint(this.readModels.entityManager(), username);
    // A channel that never was and one that is gone look alike.
    if (!channel || channel.deleted) throw new NotFoundError('channel_not_found', `There is no channel named "${username}".`);
    return { channel, checkpoint };
  }
}
