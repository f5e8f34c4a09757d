import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireStaff, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { userStreamName } from '../events';
import { userDecider } from '../user-decider';

/** An admin takes a user's staff role away. */
export class RevokeStaffRoleCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly userId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RevokeStaffRoleCommand)
export class RevokeStaffRoleHandler implements ICommandHandler<RevokeStaffRoleCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
  ) {}

  async execute({ principal, userId, context }: RevokeStaffRoleCommand): Promise<void> {
    const admin = requireStaff(principal, ['admin']);
    await this.streams.handle(userStreamName(userId), userDecider, { type: 'RevokeStaffRole', revokedBy: admin.userId }, context, { readYourWrites: true });
  }
}
