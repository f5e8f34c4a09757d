import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { Page, PageRequest } from '@glint/api';
import { ForbiddenError } from '@glint/domain-errors';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { mayViewModerators } from '../acting-user';
import { readChannelActedOn } from './channel-acted-on';
import { listModerators, type ModeratorView } from '@glint/projections/channel-moderators';

/** The channel's moderators and their permissions, for the owner, its moderators and staff. */
export class ListChannelModeratorsQuery extends Query<Page<ModeratorView>> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(ListChannelModeratorsQuery)
export class ListChannelModeratorsHandler implements IQueryHandler<ListChannelModeratorsQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, username, page }: ListChannelModeratorsQuery): Promise<Page<ModeratorView>> {
    const em = this.readModels.entityManager();
    const { channel, by } = await readChannelActedOn(em, principal, username);
    if (!mayViewModerators(by, channel.ownerId)) {
      throw new ForbiddenError('not_channel_moderator', "Only the channel's owner, its moderators and platform support staff may see its moderators.");
    }
    return listModerators(em, channel.channelId, page);
  }
}
