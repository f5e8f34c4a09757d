import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import type { ChannelView } from './channel-view';
import { existingChannel } from './existing-channel';

/** The public channel page: anyone may read it, an app token with the `public` scope. */
export class GetChannelPageQuery extends Query<ChannelView> {
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

  execute({ principal, username }: GetChannelPageQuery): Promise<ChannelView> {
    requireScopeForApps(principal, 'public');
    return existingChannel(this.readModels.entityManager(), username);
  }
}
