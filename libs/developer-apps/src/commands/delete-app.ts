import { Inject, Injectable } from '@nestjs/common';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { developerAppDecider } from '../decider';
import { appStreamName } from '../events';

@Injectable()
export class DeleteAppHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute(principal: Principal, appId: string, context: CommandContext): Promise<void> {
    const owner = requireUser(principal);
    const handled = await this.streams.handle(appStreamName(appId), developerAppDecider, { type: 'DeleteApp', appId, requestedBy: owner.userId }, context);
    // Tokens are checked against the read model: they must stop working before the owner hears it is done.
    if (handled.lastPosition !== null) await this.readModels.catchUp('developer_apps', handled.lastPosition);
  }
}
