import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { newTwoFactorSecret, otpauthUri } from '../credentials/two-factor-codes';
import { userStreamName } from '../events';
import { userDecider } from '../user-decider';

/** Shown once, for the authenticator app; it protects nothing until a code made with it is confirmed. */
export interface TwoFactorSetup {
  secret: string;
  otpauthUri: string;
}

/** The signed-in user asks for a new two-factor secret, to be confirmed with a code before it counts. */
export class StartTwoFactorSetupCommand extends Command<TwoFactorSetup> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(StartTwoFactorSetupCommand)
export class StartTwoFactorSetupHandler implements ICommandHandler<StartTwoFactorSetupCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal, context }: StartTwoFactorSetupCommand): Promise<TwoFactorSetup> {
    const user = requireUser(principal);
    const secret = newTwoFactorSecret();
    const secretSealed = await this.vault.seal(user.userId, secret);
    await this.streams.handle(userStreamName(user.userId), userDecider, { type: 'StartTwoFactorSetup', secretSealed }, context);
    return { secret, otpauthUri: otpauthUri(user.username, secret) };
  }
}
