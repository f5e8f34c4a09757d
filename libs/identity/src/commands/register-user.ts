import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, type CommandContext, type EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { hashPassword } from '../credentials/password-hashing';
import { newOpaqueToken } from '../credentials/opaque-tokens';
import { usernameStreamName, userStreamName } from '../events';
import { userDecider } from '../user-decider';
import { usernameDecider } from '../username-decider';

export interface Registration {
  username: string;
  email: string;
  password: string;
}

export interface RegisteredUser {
  userId: string;
  username: string;
}

/** Someone without an account registers one; a confirmation mail goes to the address given. */
export class RegisterUserCommand extends Command<RegisteredUser> {
  constructor(
    readonly registration: Registration,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ registration, context }: RegisterUserCommand): Promise<RegisteredUser> {
    const { username, email, password } = registration;
    const userId = randomUUID();
    const claim = { type: 'ClaimUsername', username, userId } as const;
    // A taken or reserved name is refused before any hashing or key is spent on it.
    usernameDecider.decide(claim, (await this.streams.load(usernameStreamName(username), usernameDecider)).state);

    const confirmation = newOpaqueToken();
    const [emailSealed, passwordHashSealed, tokenSealed] = await Promise.all([
      this.vault.seal(userId, email),
      hashPassword(password).then((hash) => this.vault.seal(userId, hash)),
      this.vault.seal(userId, confirmation.token),
    ]);
    const asNewUser = commandContext({ type: 'user', userId, role: 'user' }, context);
    // The claim is the one place two registrations of a name meet: its stream is appended to only
    // where it does not exist yet, so exactly one of them wins.
    await this.streams.handle(usernameStreamName(username), usernameDecider, claim, asNewUser);
    const handled = await this.streams.handle(
      userStreamName(userId),
      userDecider,
      { type: 'Register', userId, username, emailSealed, passwordHashSealed, confirmation: { tokenSealed, tokenHash: confirmation.tokenHash }, now: context.now },
      asNewUser,
    );
    // The new user signs in next, and their name must be found taken by then.
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
    return { userId, username };
  }
}
