import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { newClientSecret, sha256 } from '../app-credentials';
import { developerAppDecider } from '../developer-app-decider';
import { appStreamName } from '../events';

/** The new secret, shown once; the old one gets no new token from now on. */
export interface RotatedAppSecret {
  appId: string;
  clientSecret: string;
}

/** The owner replaces their app's client secret. */
export class RotateAppSecretCommand extends Command<RotatedAppSecret> {
  constructor(
    readonly principal: Principal,
    readonly appId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RotateAppSecretCommand)
export class RotateAppSecretHandler implements ICommandHandler<RotateAppSecretCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
  ) {}

  async execute({ principal, appId, context }: RotateAppSecretCommand): Promise<RotatedAppSecret> {
    const owner = requireUser(principal);
    const clientSecret = newClientSecret();
    await this.streams.handle(appStreamName(appId), developerAppDecider, { type: 'RotateAppSecret', appId, requestedBy: owner.userId, secretHash: sha256(clientSecret) }, context, { readYourWrites: true });
    return { appId, clientSecret };
  }
}
