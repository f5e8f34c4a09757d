import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireStaff, type Principal, type StaffRole } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { userStreamName } from '../events';
import { userDecider, type BanGlobally, type ReinstateStreaming, type SuspendStreaming, type UnbanGlobally } from '../user-decider';

/** Support and admins act on accounts; analysts only read. */
export const SANCTIONING_STAFF: readonly StaffRole[] = ['support', 'admin'];

export type Sanction = Omit<BanGlobally, 'bannedBy' | 'now'> | UnbanGlobally | SuspendStreaming | ReinstateStreaming;

/**
 * Platform-wide sanctions on a user: a global ban (which ends all their sessions) and a streaming
 * suspension, each with its lifting.
 */
export class SanctionUserCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly userId: string,
    readonly sanction: Sanction,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SanctionUserCommand)
export class SanctionUserHandler implements ICommandHandler<SanctionUserCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
  ) {}

  async execute({ principal, userId, sanction, context }: SanctionUserCommand): Promise<void> {
    const staff = requireStaff(principal, SANCTIONING_STAFF);
    const command = sanction.type === 'BanGlobally' ? { ...sanction, bannedBy: staff.userId, now: context.now } : sanction;
    // A banned user's tokens must stop working on their very next request.
    await this.streams.handle(userStreamName(userId), userDecider, command, context, { readYourWrites: true });
  }
}
