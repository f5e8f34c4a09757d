import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { CredentialChecks } from '../credentials/credential-checks';
import { userDecider } from '../decider';
import { loadSignedInAccount } from './signed-in-account';

/**
 * Deletes the signed-in user's account: its sessions end, `AccountDeleted` is recorded, and then
 * the user's key is destroyed, so their e-mail address, password hash and every other sealed value
 * in the log and the read models can never be opened again. The facts stay, and so do the counts
 * built from them.
 */
@Injectable()
export class DeleteAccountHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly checks: CredentialChecks,
  ) {}

  async execute(principal: Principal, password: string, context: CommandContext): Promise<void> {
    const { user, stream, state } = await loadSignedInAccount(this.streams, principal);
    const check = await this.checks.accountPassword(state, password);
    const handled = await this.streams.handle(stream, userDecider, { type: 'DeleteAccount', password: check, now: context.now }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
    // Only once the deletion is recorded: a key destroyed for an account that lives on would lock its owner out.
    await this.vault.shred(user.userId);
  }
}
