import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { CredentialChecks } from '../credentials/credential-checks';
import { hashPassword } from '../credentials/password-hashing';
import { userDecider } from '../user-decider';
import { loadSignedInAccount } from './signed-in-account';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** A new password ends every other session: whoever knew the old one is signed out everywhere else. */
export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly change: PasswordChange,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
    private readonly checks: CredentialChecks,
  ) {}

  async execute({ principal, change, context }: ChangePasswordCommand): Promise<void> {
    const { user, stream, state } = await loadSignedInAccount(this.streams, principal);
    const password = await this.checks.accountPassword(state, change.currentPassword);
    const newPasswordHashSealed = await this.vault.seal(user.userId, await hashPassword(change.newPassword));
    // The other sessions' tokens must stop working at once.
    await this.streams.handle(stream, userDecider, { type: 'ChangePassword', password, newPasswordHashSealed, keepSessionId: user.sessionId, now: context.now }, context, { readYourWrites: true });
  }
}
