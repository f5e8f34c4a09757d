import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { assertOverseesChannel } from '../moderation-authority';
import { readChatStanding } from '@glint/projections/chat-standing';
import { authorityIn, moderatedChannel, namedUser, type ModeratedChannel, type ModeratedUser } from './moderation-parties';

export interface UserStanding {
  channel: ModeratedChannel;
  user: ModeratedUser;
  banned: boolean;
  /** The end of a timeout still running; null when none is. */
  timedOutUntil: Date | null;
}

/** Where one user stands in a channel's chat, for its owner, its moderators and staff. */
export class GetUserStandingQuery extends Query<UserStanding> {
  constructor(
    readonly principal: Principal,
    readonly channelUsername: string,
    readonly targetUsername: string,
  ) {
    super();
  }
}

@QueryHandler(GetUserStandingQuery)
export class GetUserStandingHandler implements IQueryHandler<GetUserStandingQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, channelUsername, targetUsername }: GetUserStandingQuery): Promise<UserStanding> {
    const viewer = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await moderatedChannel(em, channelUsername);
    assertOverseesChannel(await authorityIn(em, viewer, channel));
    const user = await namedUser(em, targetUsername, 'targetUsername');
    const { banned, timedOutUntil } = await readChatStanding(em, channel.channelId, user.userId);
    return { channel, user, banned, timedOutUntil: timedOutUntil !== null && timedOutUntil > new Date() ? timedOutUntil : null };
  }
}
