import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, type CommandContext, type EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { tokenHash } from '../credentials/opaque-tokens';
import { userStreamName } from '../events';
import { confirmationTokenUnknown, userDecider } from '../user-decider';

/** Whoever holds the link from the confirmation mail confirms the address; no session is needed. */
export class ConfirmEmailCommand extends Command<{ userId: string }> {
  constructor(
    readonly token: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ConfirmEmailCommand)
export class ConfirmEmailHandler implements ICommandHandler<ConfirmEmailCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ token, context }: ConfirmEmailCommand): Promise<{ userId: string }> {
    const hash = tokenHash(token);
    const [found] = await this.readModels.entityManager().execute<Array<{ user_id: string }>>('SELECT user_id FROM email_confirmation_tokens WHERE token_hash = ?', [hash]);
    if (!found) throw confirmationTokenUnknown();
    const userId = found.user_id;
    // Chat rules that ask for a confirmed address read it on the user's next request.
    await this.streams.handle(
      userStreamName(userId),
      userDecider,
      { type: 'ConfirmEmail', tokenHash: hash, now: context.now },
      commandContext({ type: 'user', userId, role: 'user' }, context),
      { readYourWrites: true },
    );
    return { userId };
  }
}
