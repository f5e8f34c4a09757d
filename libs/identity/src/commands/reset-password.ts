import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { tokenHash } from '../credentials/opaque-tokens';
import { hashPassword } from '../credentials/password-hashing';
import { userIdOfPasswordResetToken } from '../credentials/password-reset-tokens';
import { userStreamName } from '../events';
import { passwordResetTokenUnknown, userDecider } from '../user-decider';

/**
 * Whoever holds the link from a password-reset mail sets a new password, once: the link then
 * stops working, and so does every session of the account.
 */
export class ResetPasswordCommand extends Command<void> {
  constructor(
    readonly token: string,
    readonly newPassword: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ResetPasswordCommand)
export class ResetPasswordHandler implements ICommandHandler<ResetPasswordCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ token, newPassword, context }: ResetPasswordCommand): Promise<void> {
    const userId = userIdOfPasswordResetToken(token);
    if (userId === null) throw passwordResetTokenUnknown();
    const stream = userStreamName(userId);
    const hash = tokenHash(token);
    const { state, revision } = await this.streams.load(stream, userDecider);
    // A link that does not work is refused before the slow hashing.
    userDecider.decide({ type: 'ResetPassword', tokenHash: hash, newPasswordHashSealed: '', now: context.now }, state);
    const newPasswordHashSealed = await this.vault.seal(userId, await hashPassword(newPassword));
    // The ended sessions' tokens must stop working at once.
    await this.streams.handle(stream, userDecider, { type: 'ResetPassword', tokenHash: hash, newPasswordHashSealed, now: context.now }, context, {
      from: { state, revision },
      readYourWrites: true,
    });
  }
}
