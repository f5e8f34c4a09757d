import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { CredentialChecks } from '../credentials/credential-checks';
import { userDecider } from '../user-decider';
import { loadSignedInAccount } from './signed-in-account';

/**
 * Turns two-factor sign-in on or off, each with a code: turning it on checks the code against the
 * secret handed out by the setup, turning it off against the secret in use, which proves the
 * authenticator is still at hand.
 */
export class SwitchTwoFactorCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly to: 'on' | 'off',
    readonly code: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SwitchTwoFactorCommand)
export class SwitchTwoFactorHandler implements ICommandHandler<SwitchTwoFactorCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly checks: CredentialChecks,
  ) {}

  async execute({ principal, to, code, context }: SwitchTwoFactorCommand): Promise<void> {
    const { stream, state } = await loadSignedInAccount(this.streams, principal);
    const secret = state.status !== 'registered' ? null : to === 'on' ? state.twoFactor.pendingSecretSealed : state.twoFactor.secretSealed;
    const check = secret === null ? null : await this.checks.twoFactorCode(secret, code, context.now);
    const handled = await this.streams.handle(stream, userDecider, { type: to === 'on' ? 'EnableTwoFactor' : 'DisableTwoFactor', code: check }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
  }
}
