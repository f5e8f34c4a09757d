import { Inject, Injectable } from '@nestjs/common';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { userDecider } from '../decider';
import { userStreamName } from '../events';

/** Ends the session the request came with. */
@Injectable()
export class LogOutHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute(principal: Principal, context: CommandContext): Promise<void> {
    const user = requireUser(principal);
    const handled = await this.streams.handle(userStreamName(user.userId), userDecider, { type: 'LogOut', sessionId: user.sessionId }, context);
    // The token must stop working on the very next request.
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
  }
}
