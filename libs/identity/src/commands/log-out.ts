import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { userStreamName } from '../events';
import { userDecider } from '../user-decider';

/** Ends the session the request came with. */
export class LogOutCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(LogOutCommand)
export class LogOutHandler implements ICommandHandler<LogOutCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
  ) {}

  async execute({ principal, context }: LogOutCommand): Promise<void> {
    const user = requireUser(principal);
    // The token must stop working on the very next request.
    await this.streams.handle(userStreamName(user.userId), userDecider, { type: 'LogOut', sessionId: user.sessionId }, context, { readYourWrites: true });
  }
}
