import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import type { PageRequest } from '@glint/api';
import { existingChannel } from '@glint/channels';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { listFollowers, type FollowListPage } from '@glint/projections/follows';

/** Who follows a channel, newest first: public, as on the channel page. */
export class ListFollowersQuery extends Query<FollowListPage> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(ListFollowersQuery)
export class ListFollowersHandler implements IQueryHandler<ListFollowersQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, username, page }: ListFollowersQuery): Promise<FollowListPage> {
    requireScopeForApps(principal, 'public');
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, username);
    return listFollowers(em, channel.channelId, page);
  }
}
