import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { CredentialChecks } from '../credentials/credential-checks';
import { userDecider } from '../user-decider';
import { finishAccountDeletion } from './finish-account-deletion';
import { loadSignedInAccount } from './signed-in-account';

/**
 * Deletes the signed-in user's account, with the password and, where two-factor sign-in is on, a
 * current code: its sessions end, `AccountDeleted` is recorded, its address is released and then
 * the user's key is destroyed, so their e-mail address, password hash and every other sealed value
 * in the log and the read models can never be opened again. The facts stay, and so do the counts
 * built from them.
 */
export class DeleteAccountCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly password: string,
    /** The authenticator's current code; null when none was sent. */
    readonly code: string | null,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DeleteAccountCommand)
export class DeleteAccountHandler implements ICommandHandler<DeleteAccountCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
    private readonly checks: CredentialChecks,
  ) {}

  async execute({ principal, password, code, context }: DeleteAccountCommand): Promise<void> {
    const { user, stream, state } = await loadSignedInAccount(this.streams, principal);
    const check = await this.checks.accountPassword(state, password);
    const secret = state.status === 'registered' ? state.twoFactor.secretSealed : null;
    const twoFactor = secret !== null && code !== null ? await this.checks.twoFactorCode(secret, code, context.now) : null;
    await this.streams.handle(stream, userDecider, { type: 'DeleteAccount', password: check, twoFactor, now: context.now }, context, { readYourWrites: true });
    // Only once the deletion is recorded: a key destroyed for an account that lives on would lock its owner out.
    await finishAccountDeletion(this.streams, this.vault, user.userId, context);
  }
}
