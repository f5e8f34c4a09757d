import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { NotFoundError } from '@glint/domain-errors';
import { readChannelBroadcasts, type ChannelBroadcasts } from '@glint/projections/streams';
import { readChannelByUsernameAtCheckpoint, type ChannelView } from '@glint/projections/channel-page';

/** How many ended broadcasts the page shows. */
export const RECENT_BROADCASTS_ON_PAGE = 5;

export interface ChannelPageRead {
  channel: ChannelView;
  /** Whether it is live, and its last broadcasts. */
  broadcasts: ChannelBroadcasts;
  /** The log position the whole page holds every event up to: the lower of its two read models' checkpoints. */
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
    const em = this.readModels.entityManager();
    const { channel, checkpoint } = await readChannelByUsernameAtCheckpoint(em, username);
    // A channel that never was and one that is gone look alike.
    if (!channel || channel.deleted) throw new NotFoundError('channel_not_found', `There is no channel named "${username}".`);
    const broadcasts = await readChannelBroadcasts(em, channel.channelId, RECENT_BROADCASTS_ON_PAGE);
    return { channel, broadcasts, checkpoint: Math.min(checkpoint, broadcasts.checkpoint) };
  }
}
