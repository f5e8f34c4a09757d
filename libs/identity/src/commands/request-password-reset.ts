import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { newPasswordResetToken } from '../credentials/password-reset-tokens';
import { emailClaimDecider } from '../email-claim-decider';
import { emailClaimStream } from '../email-claims';
import { userStreamName } from '../events';
import { userDecider } from '../user-decider';

/**
 * Someone who forgot their password asks for a reset link by their address. The asker learns
 * nothing either way: an address no account uses records nothing and answers as one that does,
 * and a second ask within the minute records nothing either. The mail outbox sends the link.
 */
export class RequestPasswordResetCommand extends Command<void> {
  constructor(
    readonly email: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ email, context }: RequestPasswordResetCommand): Promise<void> {
    const { state: claim } = await this.streams.load(await emailClaimStream(this.vault, email), emailClaimDecider);
    if (claim.claimedBy === null) return;
    const stream = userStreamName(claim.claimedBy);
    const { state, revision } = await this.streams.load(stream, userDecider);
    // No token is made or sealed for an ask that would record nothing.
    if (userDecider.decide({ type: 'RequestPasswordReset', reset: { tokenSealed: '', tokenHash: '' }, now: context.now }, state).length === 0) return;
    const reset = newPasswordResetToken(claim.claimedBy);
    const tokenSealed = await this.vault.seal(claim.claimedBy, reset.token);
    await this.streams.handle(stream, userDecider, { type: 'RequestPasswordReset', reset: { tokenSealed, tokenHash: reset.tokenHash }, now: context.now }, context, {
      from: { state, revision },
    });
  }
}
