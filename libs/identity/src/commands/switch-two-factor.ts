import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import { DomainError } from '@glint/domain-errors';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { CredentialChecks } from '../credentials/credential-checks';
import { SignInAttempts } from '../credentials/sign-in-attempts';
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
    private readonly checks: CredentialChecks,
    private readonly attempts: SignInAttempts,
  ) {}

  async execute({ principal, to, code, context }: SwitchTwoFactorCommand): Promise<void> {
    const { user, stream, state } = await loadSignedInAccount(this.streams, principal);
    // Wrong codes count here as at sign-in: a stolen session does not get to guess the code that turns two-factor off.
    await this.attempts.refuseIfTwoFactorLocked(user.userId);
    const secret = state.status !== 'registered' ? null : to === 'on' ? state.twoFactor.pendingSecretSealed : state.twoFactor.secretSealed;
    const check = secret === null ? null : await this.checks.twoFactorCode(secret, code, context.now);
    await this.streams.handle(stream, userDecider, { type: to === 'on' ? 'EnableTwoFactor' : 'DisableTwoFactor', code: check }, context, { readYourWrites: true }).catch(async (error: unknown) => {
      if (error instanceof DomainError && error.code === 'invalid_two_factor_code') await this.attempts.twoFactorFailed(user.userId);
      throw error;
    });
  }
}
