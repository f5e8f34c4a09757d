import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SESSION_TOKEN_PREFIX } from '@glint/access';
import { DomainError } from '@glint/domain-errors';
import { commandContext, type CommandContext, type EventSourcedStreams } from '@glint/event-sourcing';
import type { RecordedEvent } from '@glint/eventstore';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { CredentialChecks } from '../credentials/credential-checks';
import { newOpaqueToken } from '../credentials/opaque-tokens';
import { checkAgainstDecoy } from '../credentials/password-hashing';
import { SignInAttempts } from '../credentials/sign-in-attempts';
import { usernameStreamName, userStreamName, type UserLoggedIn } from '../events';
import { invalidCredentials, userDecider, type Account } from '../user-decider';
import { usernameDecider } from '../username-decider';

export interface Credentials {
  username: string;
  password: string;
  totpCode?: string;
}

/** The token is in here and nowhere else: only its hash is stored. */
export interface StartedSession {
  token: string;
  sessionId: string;
  userId: string;
  expiresAt: Date;
}

/** Signing in with a username, a password and, when two-factor sign-in is on, a code. */
export class LogInCommand extends Command<StartedSession> {
  constructor(
    readonly credentials: Credentials,
    readonly context: CommandContext,
    /** Where the sign-in comes from: failures are counted per client address too. */
    readonly clientAddress: string,
  ) {
    super();
  }
}

@CommandHandler(LogInCommand)
export class LogInHandler implements ICommandHandler<LogInCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    private readonly checks: CredentialChecks,
    private readonly attempts: SignInAttempts,
  ) {}

  async execute({ credentials, context, clientAddress }: LogInCommand): Promise<StartedSession> {
    // The claim stream names the user without waiting for any read model.
    const { claimedBy: userId } = (await this.streams.load(usernameStreamName(credentials.username), usernameDecider)).state;
    // Before any password is hashed: a locked flood costs a Redis look-up per request.
    await this.attempts.refuseIfLocked(clientAddress, userId);
    if (userId === null) {
      await checkAgainstDecoy(credentials.password);
      await this.attempts.passwordFailed(clientAddress, null, context.now);
      throw invalidCredentials();
    }
    const stream = userStreamName(userId);
    const { state } = await this.streams.load(stream, userDecider);
    const secret = state.status === 'registered' ? state.twoFactor.secretSealed : null;
    // Before the password is checked, so a refused code says nothing of whether the password was right.
    if (secret !== null && credentials.totpCode !== undefined) await this.attempts.refuseIfTwoFactorLocked(userId);
    // A deleted account takes as long to refuse as a wrong password.
    const password = state.status === 'registered' ? await this.checks.password(state.passwordHashSealed, credentials.password) : await checkAgainstDecoy(credentials.password).then(() => null);
    const twoFactor = secret !== null && credentials.totpCode !== undefined ? await this.checks.twoFactorCode(secret, credentials.totpCode, context.now) : null;

    const session = newOpaqueToken(SESSION_TOKEN_PREFIX);
    const sessionId = randomUUID();
    const role = state.status === 'registered' ? (state.staffRole ?? 'user') : 'user';
    // The token must work on the very next request.
    const handled = await this.streams
      .handle(
        stream,
        userDecider,
        { type: 'LogIn', password, twoFactor, sessionId, tokenHash: session.tokenHash, now: context.now },
        commandContext({ type: 'user', userId, role }, context),
        { readYourWrites: true },
      )
      .catch(async (error: unknown) => {
        await this.countFailure(error, clientAddress, state, context.now);
        throw error;
      });
    await this.attempts.succeeded(userId);
    // Signing in records exactly one fact, which carries the expiry the decider chose.
    const [loggedIn] = handled.appended as Array<RecordedEvent<'UserLoggedIn', UserLoggedIn['data']>>;
    return { token: session.token, sessionId, userId, expiresAt: new Date(loggedIn.data.expiresAt) };
  }

  private async countFailure(error: unknown, clientAddress: string, state: Account, now: Date): Promise<void> {
    if (!(error instanceof DomainError)) return;
    if (error.code === 'invalid_credentials') await this.attempts.passwordFailed(clientAddress, state.status === 'registered' ? state : null, now);
    if (error.code === 'invalid_two_factor_code' && state.status === 'registered') await this.attempts.twoFactorFailed(state.userId);
  }
}
