import { randomBytes } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import type { StaffRole } from '@glint/access';
import { commandContext, systemActor } from '@glint/event-sourcing';
import { GrantStaffRoleAsPlatformCommand, RegisterUserCommand, userStreamName } from '@glint/identity';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { ApiClient, expectStatus } from '../api-client';
import { eventStore, service, type PlatformUnderTest } from './platform-under-test';

export interface GivenUserOptions {
  /** The e-mail address confirmed through the real link; true unless said otherwise. */
  confirmed?: boolean;
  staffRole?: StaffRole;
  /** Registered this many hours ago (the registration itself happened then; nothing is edited). */
  ageHours?: number;
  username?: string;
  email?: string;
  password?: string;
}

export interface GivenUser {
  userId: string;
  username: string;
  email: string;
  password: string;
  /** A live session token: send it as `Authorization: Bearer <token>`. */
  token: string;
  sessionId: string;
}

const DEFAULT_PASSWORD = 'correct horse battery staple';
const HOUR_MS = 3600 * 1000;

/**
 * Builders for scenarios against a running platform, through its real paths: a user registers,
 * signs in and confirms their address with the link from the confirmation mail.
 *
 *   const given = new Given(platform);
 *   const ana = await given.user({ ageHours: 48, staffRole: 'support' });
 */
export class Given {
  private readonly api: ApiClient;

  constructor(private readonly platform: PlatformUnderTest) {
    this.api = new ApiClient(platform.baseUrl);
  }

  async user(options: GivenUserOptions = {}): Promise<GivenUser> {
    const username = options.username ?? `user_${randomBytes(6).toString('hex')}`;
    const email = options.email ?? `${username.toLowerCase()}@glint.test`;
    const password = options.password ?? DEFAULT_PASSWORD;

    const userId = options.ageHours === undefined ? await this.registerNow(username, email, password) : await this.registerHoursAgo(options.ageHours, username, email, password);
    const session = expectStatus(await this.api.post('/api/sessions', { username, password }), 201, 'signing in');
    const token: string = session.body.token;
    if (options.confirmed ?? true) await this.confirmEmail(userId, token, options.ageHours !== undefined);
    if (options.staffRole) await this.grantStaffRole(username, options.staffRole);
    return { userId, username, email, password, token, sessionId: session.body.sessionId };
  }

  /** The token of the newest confirmation mail the user was sent, opened as their mailbox would. */
  latestConfirmationToken(userId: string): Promise<string> {
    return this.latestMailedToken(userId, 'EmailConfirmationRequested', 'confirmation');
  }

  /** The token of the newest password-reset mail the user was sent, opened as their mailbox would. */
  latestPasswordResetToken(userId: string): Promise<string> {
    return this.latestMailedToken(userId, 'PasswordResetRequested', 'password-reset');
  }

  private async latestMailedToken(userId: string, type: 'EmailConfirmationRequested' | 'PasswordResetRequested', what: string): Promise<string> {
    const events = await eventStore(this.platform).readStream(userStreamName(userId));
    const requested = events.filter((event) => event.type === type).at(-1);
    if (!requested) throw new Error(`No ${what} mail was ever asked for user ${userId}.`);
    const token = await service<PersonalDataVault>(this.platform, PERSONAL_DATA).open((requested.data as { tokenSealed: string }).tokenSealed);
    if (token === null) throw new Error(`The ${what} token of user ${userId} was erased with their account.`);
    return token;
  }

  private async registerNow(username: string, email: string, password: string): Promise<string> {
    return expectStatus(await this.api.post('/api/accounts', { username, email, password }), 201, 'registering').body.userId;
  }

  private async registerHoursAgo(hours: number, username: string, email: string, password: string): Promise<string> {
    const then = new Date(Date.now() - hours * HOUR_MS);
    const registered = await this.commands.execute(new RegisterUserCommand({ username, email, password }, commandContext(systemActor('test-given'), { now: then })));
    return registered.userId;
  }

  private async confirmEmail(userId: string, token: string, registeredInThePast: boolean): Promise<void> {
    // The first link of an old account has expired by now; its owner asks for a new one, as a person would.
    if (registeredInThePast) expectStatus(await this.api.post('/api/accounts/email-confirmation/resend', undefined, token), 202, 'asking for a new confirmation mail');
    const confirmationToken = await this.latestConfirmationToken(userId);
    expectStatus(await this.api.post('/api/accounts/email-confirmation', { token: confirmationToken }), 200, 'confirming the e-mail address');
  }

  private async grantStaffRole(username: string, role: StaffRole): Promise<void> {
    const { position } = await this.commands.execute(new GrantStaffRoleAsPlatformCommand(username, role, commandContext(systemActor('test-given'))));
    // The platform's grant needs only the log; the role must count on the user's next request.
    if (position !== null) await service<ReadModels>(this.platform, READ_MODELS).catchUp('accounts', position);
  }

  private get commands(): CommandBus {
    return service(this.platform, CommandBus);
  }
}
