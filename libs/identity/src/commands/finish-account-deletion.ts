import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { emailClaimDecider } from '../email-claim-decider';
import { emailClaimStream } from '../email-claims';
import { userStreamName } from '../events';
import { userDecider } from '../user-decider';

/**
 * What follows `AccountDeleted`: its address is released, then its key destroyed. Run by the
 * deletion itself and again by the account upkeep for every `AccountDeleted`, so a process dying
 * between the steps leaves nothing undone; each step is idempotent. Does nothing for an account
 * that is not deleted.
 */
export class FinishAccountDeletionCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(FinishAccountDeletionCommand)
export class FinishAccountDeletionHandler implements ICommandHandler<FinishAccountDeletionCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  execute({ userId, context }: FinishAccountDeletionCommand): Promise<void> {
    return finishAccountDeletion(this.streams, this.vault, userId, context);
  }
}

export async function finishAccountDeletion(streams: EventSourcedStreams, vault: PersonalDataVault, userId: string, context: CommandContext): Promise<void> {
  const { state } = await streams.load(userStreamName(userId), userDecider);
  if (state.status !== 'deleted') return;
  // The key goes last: the address opens only while it is there, and it names the claim to release.
  // An address that no longer opens was released before its key was destroyed.
  const address = await vault.open(state.emailSealed);
  if (address !== null) await streams.handle(await emailClaimStream(vault, address), emailClaimDecider, { type: 'ReleaseEmailAddress', userId, reason: 'account_deleted' }, context);
  await vault.shred(userId);
}
