import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireStaff, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
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
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, userId, context }: RevokeStaffRoleCommand): Promise<void> {
    const admin = requireStaff(principal, ['admin']);
    const handled = await this.streams.handle(userStreamName(userId), userDecider, { type: 'RevokeStaffRole', revokedBy: admin.userId }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
  }
}
