import { Inject, Injectable } from '@nestjs/common';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { newClientSecret, sha256 } from '../app-credentials';
import { developerAppDecider } from '../decider';
import { appStreamName } from '../events';

@Injectable()
export class RotateAppSecretHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  /** The new secret, shown once; the old one gets no new token from now on. */
  async execute(principal: Principal, appId: string, context: CommandContext): Promise<{ appId: string; clientSecret: string }> {
    const owner = requireUser(principal);
    const clientSecret = newClientSecret();
    const handled = await this.streams.handle(appStreamName(appId), developerAppDecider, { type: 'RotateAppSecret', appId, requestedBy: owner.userId, secretHash: sha256(clientSecret) }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('developer_apps', handled.lastPosition);
    return { appId, clientSecret };
  }
}
