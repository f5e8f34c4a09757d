import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { CredentialChecks } from '../credentials/credential-checks';
import { hashPassword } from '../credentials/password-hashing';
import { userDecider } from '../decider';
import { loadSignedInAccount } from './signed-in-account';

/** A new password ends every other session: whoever knew the old one is signed out everywhere else. */
@Injectable()
export class ChangePasswordHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly checks: CredentialChecks,
  ) {}

  async execute(principal: Principal, change: { currentPassword: string; newPassword: string }, context: CommandContext): Promise<void> {
    const { user, stream, state } = await loadSignedInAccount(this.streams, principal);
    const password = await this.checks.accountPassword(state, change.currentPassword);
    const newPasswordHashSealed = await this.vault.seal(user.userId, await hashPassword(change.newPassword));
    const handled = await this.streams.handle(stream, userDecider, { type: 'ChangePassword', password, newPasswordHashSealed, keepSessionId: user.sessionId, now: context.now }, context);
    // The other sessions' tokens must stop working at once.
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
  }
}
