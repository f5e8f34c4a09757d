import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireStaff, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { userStreamName } from '../events';
import { userDecider } from '../user-decider';

/** An admin makes someone staff, or changes which staff role they hold. */
export class GrantStaffRoleCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly userId: string,
    readonly role: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(GrantStaffRoleCommand)
export class GrantStaffRoleHandler implements ICommandHandler<GrantStaffRoleCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
  ) {}

  async execute({ principal, userId, role, context }: GrantStaffRoleCommand): Promise<void> {
    const admin = requireStaff(principal, ['admin']);
    // The new role counts from the holder's very next request.
    await this.streams.handle(userStreamName(userId), userDecider, { type: 'GrantStaffRole', role, grantedBy: admin.userId }, context, { readYourWrites: true });
  }
}
