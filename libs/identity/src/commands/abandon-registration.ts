import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { emailClaimDecider } from '../email-claim-decider';
import { userStreamName } from '../events';
import { userDecider } from '../user-decider';
import { usernameDecider } from '../username-decider';

/** A claim a registration made before recording itself: of its username, or of its address. */
export type RegistrationClaim = { kind: 'username' | 'email_address'; stream: string };

/**
 * Gives up a registration that claimed a username or an address but was never recorded (its
 * process died between the steps, or another registration took the address): the user stream is
 * closed with `RegistrationAbandoned` first, appended only where no registration is, so a
 * registration still under way can no longer be recorded; then the claims are released. Answers
 * whether the registration was given up (false: it had been recorded, and nothing changes).
 */
export class AbandonRegistrationCommand extends Command<boolean> {
  constructor(
    readonly userId: string,
    readonly claims: readonly RegistrationClaim[],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AbandonRegistrationCommand)
export class AbandonRegistrationHandler implements ICommandHandler<AbandonRegistrationCommand> {
  constructor(@Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams) {}

  execute({ userId, claims, context }: AbandonRegistrationCommand): Promise<boolean> {
    return abandonRegistration(this.streams, userId, claims, context);
  }
}

export async function abandonRegistration(streams: EventSourcedStreams, userId: string, claims: readonly RegistrationClaim[], context: CommandContext): Promise<boolean> {
  const { state } = await streams.handle(userStreamName(userId), userDecider, { type: 'AbandonRegistration', userId }, context);
  if (state.status !== 'unregistered') return false;
  for (const claim of claims) {
    if (claim.kind === 'username') await streams.handle(claim.stream, usernameDecider, { type: 'ReleaseUsername', userId }, context);
    else await streams.handle(claim.stream, emailClaimDecider, { type: 'ReleaseEmailAddress', userId, reason: 'registration_abandoned' }, context);
  }
  return true;
}
