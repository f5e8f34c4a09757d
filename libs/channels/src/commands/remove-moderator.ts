import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import { NotFoundError } from '@glint/domain-errors';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { findAccountByUsername } from '@glint/identity';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { moderatorsStreamName } from '../events';
import { moderatorsDecider } from '../moderators-decider';
import { readActingUser } from '../queries/acting-user';
import { existingChannel } from '../queries/existing-channel';

/** The owner or an admin takes a moderator's appointment away. */
export class RemoveModeratorCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly moderatorUsername: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RemoveModeratorCommand)
export class RemoveModeratorHandler implements ICommandHandler<RemoveModeratorCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, username, moderatorUsername, context }: RemoveModeratorCommand): Promise<void> {
    const user = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, username);
    const by = await readActingUser(em, user, channel.channelId);
    const moderator = await findAccountByUsername(em, moderatorUsername);
    if (!moderator) throw new NotFoundError('user_not_found', `There is no user named "${moderatorUsername}".`);
    const handled = await this.streams.handle(
      moderatorsStreamName(channel.channelId),
      moderatorsDecider,
      { type: 'RemoveModerator', channelId: channel.channelId, ownerId: channel.ownerId, by, moderatorId: moderator.userId },
      context,
    );
    // The removed moderator's very next action is judged without the appointment.
    await this.readModels.catchUp('channel_moderators', handled.lastPosition!);
  }
}
