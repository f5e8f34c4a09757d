import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import { ForbiddenError } from '@glint/domain-errors';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { mayViewModerators } from '../acting-user';
import { readChannelActedOn } from './acting-user';
import { listModerators, type ModeratorView } from './moderators';

/** The channel's moderators and their permissions, for the owner, its moderators and staff. */
export class ListChannelModeratorsQuery extends Query<ModeratorView[]> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
  ) {
    super();
  }
}

@QueryHandler(ListChannelModeratorsQuery)
export class ListChannelModeratorsHandler implements IQueryHandler<ListChannelModeratorsQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, username }: ListChannelModeratorsQuery): Promise<ModeratorView[]> {
    const em = this.readModels.entityManager();
    const { channel, by } = await readChannelActedOn(em, principal, username);
    if (!mayViewModerators(by, channel.ownerId)) {
      throw new ForbiddenError('not_channel_moderator', "Only the channel's owner, its moderators and platform support staff may see its moderators.");
    }
    return listModerators(em, channel.channelId);
  }
}
