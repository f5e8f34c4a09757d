import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, type CommandContext, type EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { hashPassword } from '../credentials/password-hashing';
import { newOpaqueToken } from '../credentials/opaque-tokens';
import { emailClaimDecider } from '../email-claim-decider';
import { emailClaimStream } from '../email-claims';
import { usernameStreamName, userStreamName } from '../events';
import { userDecider } from '../user-decider';
import { usernameDecider } from '../username-decider';
import { abandonRegistration } from './abandon-registration';

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
  ) {}

  async execute({ registration, context }: RegisterUserCommand): Promise<RegisteredUser> {
    const { username, email, password } = registration;
    const userId = randomUUID();
    const claim = { type: 'ClaimUsername', username, userId } as const;
    // A taken or reserved name, or a taken address, is refused before any hashing or key is spent on it.
    usernameDecider.decide(claim, (await this.streams.load(usernameStreamName(username), usernameDecider)).state);
    const addressStream = await emailClaimStream(this.vault, email);
    const addressClaim = { type: 'ClaimEmailAddress', userId } as const;
    emailClaimDecider.decide(addressClaim, (await this.streams.load(addressStream, emailClaimDecider)).state);

    const confirmation = newOpaqueToken();
    const [emailSealed, passwordHashSealed, tokenSealed] = await Promise.all([
      this.vault.seal(userId, email),
      hashPassword(password).then((hash) => this.vault.seal(userId, hash)),
      this.vault.seal(userId, confirmation.token),
    ]);
    const asNewUser = commandContext({ type: 'user', userId, role: 'user' }, context);
    // The claim is the one place two registrations of a name meet: its stream is appended to only
    // where it does not exist yet, so exactly one of them wins.
    // The new user signs in next, and their name must be found taken by then.
    await this.streams.handle(usernameStreamName(username), usernameDecider, claim, asNewUser);
    // The address is claimed the same way; a process dying between the claims and the registration
    // leaves them to the account upkeep, which gives them back after a while.
    try {
      await this.streams.handle(addressStream, emailClaimDecider, addressClaim, asNewUser);
    } catch (error) {
      // Another registration took the address meanwhile: the name goes back at once. Should that
      // fail too, the account upkeep gives it back later.
      await abandonRegistration(this.streams, userId, [{ kind: 'username', stream: usernameStreamName(username) }], asNewUser).catch(() => undefined);
      throw error;
    }
    await this.streams.handle(
      userStreamName(userId),
      userDecider,
      { type: 'Register', userId, username, emailSealed, passwordHashSealed, confirmation: { tokenSealed, tokenHash: confirmation.tokenHash }, now: context.now },
      asNewUser,
      { readYourWrites: true },
    );
    return { userId, username };
  }
}
