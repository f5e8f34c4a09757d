import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import { ForbiddenError } from '@glint/domain-errors';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { mayViewModerators } from '../acting-user';
import { readActingUser } from './acting-user';
import { existingChannel } from './existing-channel';
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
    const user = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, username);
    if (!mayViewModerators(await readActingUser(em, user, channel.channelId), channel.ownerId)) {
      throw new ForbiddenError('not_channel_moderator', "Only the channel's owner, its moderators and platform support staff may see its moderators.");
    }
    return listModerators(em, channel.channelId);
  }
}
