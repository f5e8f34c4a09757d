import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { RecordedEvent } from '@glint/eventstore';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { newOpaqueToken } from '../credentials/opaque-tokens';
import { userStreamName, type EmailConfirmationRequested } from '../events';
import { userDecider } from '../user-decider';

/** Sends the signed-in user a new confirmation mail; earlier links keep working until they expire. */
export class RequestEmailConfirmationCommand extends Command<{ expiresAt: Date }> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RequestEmailConfirmationCommand)
export class RequestEmailConfirmationHandler implements ICommandHandler<RequestEmailConfirmationCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal, context }: RequestEmailConfirmationCommand): Promise<{ expiresAt: Date }> {
    const { userId } = requireUser(principal);
    const confirmation = newOpaqueToken();
    const tokenSealed = await this.vault.seal(userId, confirmation.token);
    // The link may be clicked before the live projection gets there.
    const handled = await this.streams.handle(
      userStreamName(userId),
      userDecider,
      { type: 'RequestEmailConfirmation', confirmation: { tokenSealed, tokenHash: confirmation.tokenHash }, now: context.now },
      context,
      { readYourWrites: true },
    );
    // Asking records exactly one fact, which carries the expiry the decider chose.
    const [requested] = handled.appended as Array<RecordedEvent<'EmailConfirmationRequested', EmailConfirmationRequested['data']>>;
    return { expiresAt: new Date(requested.data.expiresAt) };
  }
}
