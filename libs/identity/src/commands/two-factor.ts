import { Inject, Injectable } from '@nestjs/common';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { CredentialChecks } from '../credentials/credential-checks';
import { newTwoFactorSecret, otpauthUri } from '../credentials/two-factor-codes';
import { userDecider, type RegisteredAccount } from '../decider';
import { userStreamName } from '../events';
import { loadSignedInAccount } from './signed-in-account';

/** Shown once, for the authenticator app; it protects nothing until a code made with it is confirmed. */
export interface TwoFactorSetup {
  secret: string;
  otpauthUri: string;
}

@Injectable()
export class StartTwoFactorSetupHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute(principal: Principal, context: CommandContext): Promise<TwoFactorSetup> {
    const user = requireUser(principal);
    const secret = newTwoFactorSecret();
    const secretSealed = await this.vault.seal(user.userId, secret);
    await this.streams.handle(userStreamName(user.userId), userDecider, { type: 'StartTwoFactorSetup', secretSealed }, context);
    return { secret, otpauthUri: otpauthUri(user.username, secret) };
  }
}

/**
 * Turns two-factor sign-in on or off, each with a code: turning it on checks the code against the
 * secret handed out by the setup, turning it off against the secret in use, which proves the
 * authenticator is still at hand.
 */
@Injectable()
export class TwoFactorSwitchHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly checks: CredentialChecks,
  ) {}

  enable(principal: Principal, code: string, context: CommandContext): Promise<void> {
    return this.switchTo('EnableTwoFactor', (account) => account.twoFactor.pendingSecretSealed, principal, code, context);
  }

  disable(principal: Principal, code: string, context: CommandContext): Promise<void> {
    return this.switchTo('DisableTwoFactor', (account) => account.twoFactor.secretSealed, principal, code, context);
  }

  private async switchTo(
    type: 'EnableTwoFactor' | 'DisableTwoFactor',
    secretOf: (account: RegisteredAccount) => string | null,
    principal: Principal,
    code: string,
    context: CommandContext,
  ): Promise<void> {
    const { stream, state } = await loadSignedInAccount(this.streams, principal);
    const secret = state.status === 'registered' ? secretOf(state) : null;
    const check = secret === null ? null : await this.checks.twoFactorCode(secret, code, context.now);
    const handled = await this.streams.handle(stream, userDecider, { type, code: check }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
  }
}
