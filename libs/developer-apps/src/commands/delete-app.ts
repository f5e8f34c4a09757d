import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { developerAppDecider } from '../developer-app-decider';
import { appStreamName } from '../events';

/** The owner deletes their app; its tokens stop working at once. */
export class DeleteAppCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly appId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DeleteAppCommand)
export class DeleteAppHandler implements ICommandHandler<DeleteAppCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
  ) {}

  async execute({ principal, appId, context }: DeleteAppCommand): Promise<void> {
    const owner = requireUser(principal);
    // Tokens are checked against the read model: they must stop working before the owner hears it is done.
    await this.streams.handle(appStreamName(appId), developerAppDecider, { type: 'DeleteApp', appId, requestedBy: owner.userId }, context, { readYourWrites: true });
  }
}
