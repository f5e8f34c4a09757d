import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { moderatorsStreamName } from '../events';
import type { ModeratorPermissions } from '../moderator-permissions';
import { moderatorsDecider } from '../moderators-decider';
import { readChannelActedOn } from '../queries/channel-acted-on';
import { readModeratorAccount } from '../queries/moderator-account';
import { readModerator, type ModeratorView } from '@glint/projections/channel-moderators';

/** The owner or an admin appoints a moderator, or changes what an appointed one may do. */
export class SetModeratorPermissionsCommand extends Command<ModeratorView> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly moderatorUsername: string,
    readonly permissions: ModeratorPermissions,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SetModeratorPermissionsCommand)
export class SetModeratorPermissionsHandler implements ICommandHandler<SetModeratorPermissionsCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, username, moderatorUsername, permissions, context }: SetModeratorPermissionsCommand): Promise<ModeratorView> {
    const em = this.readModels.entityManager();
    const { channel, by } = await readChannelActedOn(em, principal, username);
    const moderator = await readModeratorAccount(em, moderatorUsername);
    // Moderation and chat check the new permissions on the moderator's very next action.
    await this.streams.handle(
      moderatorsStreamName(channel.channelId),
      moderatorsDecider,
      {
        type: 'SetModeratorPermissions',
        channelId: channel.channelId,
        ownerId: channel.ownerId,
        by,
        moderator: { userId: moderator.userId, username: moderator.username, deleted: moderator.deleted, globallyBanned: moderator.globallyBanned },
        permissions,
      },
      context,
      { readYourWrites: true },
    );
    return (await readModerator(em, channel.channelId, moderator.userId))!;
  }
}
