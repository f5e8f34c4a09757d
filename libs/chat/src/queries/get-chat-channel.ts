import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import { existingChannel, type ChannelView } from '@glint/channels';
import { READ_MODELS, type ReadModels } from '@glint/runtime';

/** The channel whose chat a viewer joins, with its rules and settings: anyone may, app tokens with the `public` scope. */
export class GetChatChannelQuery extends Query<ChannelView> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
  ) {
    super();
  }
}

@QueryHandler(GetChatChannelQuery)
export class GetChatChannelHandler implements IQueryHandler<GetChatChannelQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, username }: GetChatChannelQuery): Promise<ChannelView> {
    requireScopeForApps(principal, 'public');
    return existingChannel(this.readModels.entityManager(), username);
  }
}
