import { Inject, Injectable } from '@nestjs/common';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { CredentialChecks } from '../credentials/credential-checks';
import { newTwoFactorSecret, otpauthUri } from '../credentials/two-factor-codes';
import { userDecider } from '../decider';
import { userStreamName } from '../events';

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

/** Turns two-factor sign-in on with a code from the secret handed out by the setup. */
@Injectable()
export class EnableTwoFactorHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly checks: CredentialChecks,
  ) {}

  async execute(principal: Principal, code: string, context: CommandContext): Promise<void> {
    const user = requireUser(principal);
    const stream = userStreamName(user.userId);
    const { state } = await this.streams.load(stream, userDecider);
    const pending = state.status === 'registered' ? state.twoFactor.pendingSecretSealed : null;
    const check = pending === null ? null : await this.checks.twoFactorCode(pending, code, context.now);
    const handled = await this.streams.handle(stream, userDecider, { type: 'EnableTwoFactor', code: check }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
  }
}

/** Turns two-factor sign-in off; a current code proves the authenticator is still at hand. */
@Injectable()
export class DisableTwoFactorHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly checks: CredentialChecks,
  ) {}

  async execute(principal: Principal, code: string, context: CommandContext): Promise<void> {
    const user = requireUser(principal);
    const stream = userStreamName(user.userId);
    const { state } = await this.streams.load(stream, userDecider);
    const secret = state.status === 'registered' ? state.twoFactor.secretSealed : null;
    const check = secret === null ? null : await this.checks.twoFactorCode(secret, code, context.now);
    const handled = await this.streams.handle(stream, userDecider, { type: 'DisableTwoFactor', code: check }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
  }
}
