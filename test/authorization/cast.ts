import { randomBytes } from 'node:crypto';
import type { StaffRole } from '@glint/access';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE } from '@glint/runtime';
import { totpCode, Given, StreamsScenario, type GivenUser, type GivenUserOptions, type PlatformUnderTest } from '@glint/testing/platform';
import { ApiClient, until } from '@glint/testing';
import { ROLES, type Role, type SanctionedRole } from './matrix';
import { Secrets } from './secrets';

export const PERMISSIONS = ['timeout', 'unTimeout', 'ban', 'unban', 'deleteMessage', 'edit'] as const;
export type Permission = (typeof PERMISSIONS)[number];
type PermissionSet = Record<Permission, boolean>;

const EVERY_PERMISSION = Object.fromEntries(PERMISSIONS.map((permission) => [permission, true])) as PermissionSet;
const everyPermissionBut = (missing: Permission): PermissionSet => ({ ...EVERY_PERMISSION, [missing]: false });
/** The moderator a route no permission turns on is tried with: one who may do everything but edit the channel. */
export const UNRELATED_PERMISSION: Permission = 'edit';

/** The roles of people, who have accounts of their own to stand in for. */
const USER_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'anonymous' && role !== 'appPublic' && role !== 'appWithoutPublic');
const STAFF_ROLES: Partial<Record<Role, StaffRole>> = { support: 'support', analyst: 'analyst', admin: 'admin' };
/** Every scope but `public`: what an app asks for when it wants more than the public pages. */
const SCOPES_BUT_PUBLIC = ['email', 'chat', 'follow', 'stream_info', 'streamkey'];

/** What the plain user writes to staff: only they and the support desk may read it. */
const REPORT_NOTES = 'They keep posting my home address in chat';
const TICKET_TEXT = 'I followed five channels yesterday; today I follow none.';

/** Who sends a request: a role, with the session or app token it sends (none when anonymous). */
export interface Caller {
  role: Role;
  token?: string;
  /** The person behind the token; none for anonymous callers and apps. */
  user?: GivenUser;
  /** For `moderatorWithout`: the permission this moderator lacks. */
  permission: Permission;
}

/** A caller a sanction stands on, with what its own requests use: its channel's stream key, its app's credentials. */
export interface SanctionedCaller {
  role: SanctionedRole;
  token: string;
  /** The person behind the token; none for apps. */
  user?: GivenUser;
  /** The channel the caller (or the app's owner) publishes, and its stream key. */
  channel: string;
  streamKey: string;
  /** The caller's own app, or the app the token was issued to. */
  app: RegisteredApp;
}

export interface RegisteredApp {
  appId: string;
  clientId: string;
  clientSecret: string;
}

export interface Account {
  userId: string;
  username: string;
}

/**
 * Everyone the matrix asks, on a running platform, and the things their requests act on, all made
 * through the platform's own routes. The people are made once. What a request uses up (a user to
 * ban, a message to delete, a ticket to close) is made anew once a request has used it up, and an
 * account a request would change or end is a stand-in of the caller's, made for that request.
 */
export class Cast {
  readonly secrets = new Secrets();
  private readonly api: ApiClient;
  private readonly given: Given;
  private readonly keptThings = new Map<string, Promise<unknown>>();
  private readonly standIns = new Map<string, Map<Role, Promise<Caller>>>();
  private readonly confirmationTokens: Array<Promise<string>> = [];
  private readonly passwordResetTokens: Array<Promise<string>> = [];
  private appointments: Promise<unknown> = Promise.resolve();
  private broadcast: Promise<string> | null = null;
  private sanctionedCallers: Promise<Record<SanctionedRole, SanctionedCaller>> | null = null;
  private chatterTurn = 0;
  private serial = 0;

  /** The owner's apps: one whose token reads public pages, one whose token has every other scope, one whose secret is rotated. */
  publicApp!: RegisteredApp;
  otherScopesApp!: RegisteredApp;
  rotatedApp!: RegisteredApp;
  appTokens!: { public: string; withoutPublic: string };
  /** A support ticket the plain user opened. */
  usersTicket!: string;

  private constructor(
    private readonly platform: PlatformUnderTest,
    /** The channel every moderation, chat and channel route acts on. */
    readonly owner: GivenUser,
    readonly otherOwner: GivenUser,
    readonly otherChannelModerator: GivenUser,
    readonly moderatorWith: GivenUser,
    readonly moderatorsWithout: Record<Permission, GivenUser>,
    readonly user: GivenUser,
    readonly staff: Record<StaffRole, GivenUser>,
    /** A user whom the others look up, report and look into; never a caller. */
    readonly bystander: GivenUser,
    readonly signInTarget: GivenUser,
    /** They send the messages moderators delete, taking turns to stay under the chat rate limit. */
    private readonly chatters: GivenUser[],
  ) {
    this.api = new ApiClient(platform.baseUrl);
    this.given = new Given(platform);
  }

  static async assemble(platform: PlatformUnderTest): Promise<Cast> {
    const given = new Given(platform);
    const people = await Promise.all([
      ...Array.from({ length: 9 }, () => given.user()),
      ...PERMISSIONS.map(() => given.user()),
      given.user({ staffRole: 'support' }),
      given.user({ staffRole: 'analyst' }),
      given.user({ staffRole: 'admin' }),
    ]);
    const [owner, otherOwner, otherChannelModerator, moderatorWith, user, bystander, signInTarget, ...rest] = people;
    const chatters = rest.splice(0, 2);
    const withouts = rest.splice(0, PERMISSIONS.length);
    const [support, analyst, admin] = rest;
    const moderatorsWithout = Object.fromEntries(PERMISSIONS.map((permission, index) => [permission, withouts[index]])) as Record<Permission, GivenUser>;
    const cast = new Cast(platform, owner, otherOwner, otherChannelModerator, moderatorWith, moderatorsWithout, user, { support, analyst, admin }, bystander, signInTarget, chatters);
    for (const person of people) cast.knowPerson(person);
    cast.secrets.add('report notes', REPORT_NOTES, user.userId);
    cast.secrets.add('support ticket text', TICKET_TEXT, user.userId);

    await Promise.all([cast.openChannel(owner), cast.openChannel(otherOwner)]);
    await Promise.all([
      cast.appoint(otherOwner, otherChannelModerator, EVERY_PERMISSION),
      cast.appoint(owner, moderatorWith, EVERY_PERMISSION),
      ...PERMISSIONS.map((permission) => cast.appoint(owner, moderatorsWithout[permission], everyPermissionBut(permission))),
    ]);
    [cast.publicApp, cast.otherScopesApp, cast.rotatedApp] = await Promise.all([cast.registerApp(owner, ['public']), cast.registerApp(owner, SCOPES_BUT_PUBLIC), cast.registerApp(owner, ['public'])]);
    cast.appTokens = { public: await cast.appToken(cast.publicApp), withoutPublic: await cast.appToken(cast.otherScopesApp) };
    cast.usersTicket = await cast.ticket();
    await cast.report();
    // The bystander, whom support looks into, signs in with two factors and once confirmed their address.
    cast.secrets.add('two-factor secret', await cast.twoFactorEnabled({ role: 'user', token: bystander.token, user: bystander, permission: UNRELATED_PERMISSION }), bystander.userId);
    cast.secrets.add('confirmation token', await given.latestConfirmationToken(bystander.userId), bystander.userId);
    return cast;
  }

  caller(role: Role, permission: Permission = UNRELATED_PERMISSION): Caller {
    const person = this.personOf(role, permission);
    if (person) return { role, token: person.token, user: person, permission };
    if (role === 'appPublic') return { role, token: this.appTokens.public, permission };
    if (role === 'appWithoutPublic') return { role, token: this.appTokens.withoutPublic, permission };
    return { role, permission };
  }

  /**
   * A new account in the caller's standing (staff role, appointment, own channel), for a request
   * that changes or ends the account it is sent from; anonymous callers and apps stay as they are.
   * A route asks for one per role, one after the other: the first asking makes them all at once,
   * since each costs a password hash and the hashes run side by side.
   */
  async standIn(caller: Caller, options: Omit<GivenUserOptions, 'staffRole'> = {}): Promise<Caller> {
    if (!caller.user) return caller;
    const batchKey = JSON.stringify({ options, permission: caller.permission });
    let batch = this.standIns.get(batchKey);
    if (!batch?.has(caller.role)) {
      batch = new Map(USER_ROLES.map((role) => [role, settled(this.makeStandIn({ role, permission: caller.permission }, options))]));
      this.standIns.set(batchKey, batch);
    }
    const standIn = batch.get(caller.role)!;
    batch.delete(caller.role);
    return standIn;
  }

  /** The same person signed in once more, for a request that ends the session it comes with. */
  async newSession(caller: Caller): Promise<Caller> {
    if (!caller.user) return caller;
    const session = await this.must(201, caller.token, 'POST', '/api/sessions', { username: caller.user.username, password: caller.user.password });
    this.secrets.add('session token', session.token, caller.user.userId);
    return { ...caller, token: session.token };
  }

  /** An account nobody signs in to: someone to ban, time out, appoint or make staff. */
  async account(): Promise<Account> {
    const username = `az_${randomBytes(8).toString('hex')}`;
    const email = `${username}@glint.test`;
    const registered = await this.must(201, undefined, 'POST', '/api/accounts', { username, email, password: 'correct horse battery staple' });
    this.secrets.add('e-mail address', email, registered.userId);
    return { userId: registered.userId, username };
  }

  /** An account nobody signs in to, with the address it registered with. */
  async accountWithEmail(): Promise<Account & { email: string }> {
    const account = await this.account();
    return { ...account, email: `${account.username}@glint.test` };
  }

  /** The token of a new account's password-reset link, as its mailbox got it; made a row's worth at a time, as stand-ins are. */
  passwordResetToken(): Promise<string> {
    if (this.passwordResetTokens.length === 0) {
      this.passwordResetTokens.push(
        ...ROLES.map(() =>
          settled(
            this.accountWithEmail().then(async ({ userId, email }) => {
              await this.must(202, undefined, 'POST', '/api/accounts/password-reset', { email });
              return this.given.latestPasswordResetToken(userId);
            }),
          ),
        ),
      );
    }
    return this.passwordResetTokens.shift()!;
  }

  /** The token of a new account's confirmation link, as its mailbox got it; made a row's worth at a time, as stand-ins are. */
  confirmationToken(): Promise<string> {
    if (this.confirmationTokens.length === 0) {
      this.confirmationTokens.push(...ROLES.map(() => settled(this.account().then(({ userId }) => this.given.latestConfirmationToken(userId)))));
    }
    return this.confirmationTokens.shift()!;
  }

  /** Two-factor sign-in set up for the caller: the secret their authenticator app holds. */
  async twoFactorSecret(caller: Caller): Promise<string> {
    return (await this.must(201, caller.token, 'POST', '/api/users/me/two-factor')).secret;
  }

  /** Two-factor sign-in on for the caller; answers the secret, whose codes from the next time step on still count. */
  async twoFactorEnabled(caller: Caller): Promise<string> {
    const secret = await this.twoFactorSecret(caller);
    await this.must(204, caller.token, 'POST', '/api/users/me/two-factor/confirmation', { code: totpCode(secret) });
    return secret;
  }

  /** A message a chatter sent to the owner's channel. */
  async message(): Promise<string> {
    const chatter = this.chatters[this.chatterTurn++ % this.chatters.length];
    return (await this.must(201, chatter.token, 'POST', `/api/channels/${this.owner.username}/chat/messages`, { text: this.unique('message') })).messageId;
  }

  /** An open report, filed by the plain user against the bystander. */
  async report(): Promise<string> {
    return (await this.must(201, this.user.token, 'POST', '/api/reports', { target: this.bystander.username, where: 'chat', why: 'other', notes: REPORT_NOTES })).reportId;
  }

  /** An open support ticket of the plain user. */
  async ticket(): Promise<string> {
    return (await this.must(201, this.user.token, 'POST', '/api/support/tickets', { subject: 'My follows are gone', body: TICKET_TEXT })).ticketId;
  }

  /** A new app of the owner's. */
  async ownersApp(): Promise<string> {
    return (await this.registerApp(this.owner, ['public'])).appId;
  }

  /**
   * What a route's request acts on (a user to ban, a message to delete), made once and kept while
   * requests are refused: a refusal records nothing, so it leaves the thing as it found it. A request
   * that succeeds uses it up (see `usedUp`), and the next request gets a new one.
   */
  kept<T>(what: string, make: () => Promise<T>): Promise<T> {
    if (!this.keptThings.has(what)) {
      const made = make();
      // What failed to be made is made again for the next request, rather than failing it too.
      made.catch(() => this.keptThings.delete(what));
      this.keptThings.set(what, made);
    }
    return this.keptThings.get(what) as Promise<T>;
  }

  usedUp(): void {
    this.keptThings.clear();
  }

  /**
   * An ended broadcast of the owner's channel with one health sample, its id; made once, since
   * reading it uses nothing up. A stand-in gateway sends its facts as a gateway's commands.
   */
  pastBroadcast(): Promise<string> {
    this.broadcast ??= (async () => {
      const streams = new StreamsScenario(this.platform);
      try {
        await streams.gateway('gw-matrix');
        const started = await streams.start(this.owner.userId, 'gw-matrix');
        await streams.end(await streams.health(started), 'publisher_left');
        const listed = async () => (await this.api.get(`/api/channels/${this.owner.username}/streams`)).body.items?.some((item: { streamId: string }) => item.streamId === started.streamId);
        await until('the broadcast among the channel’s past ones', listed);
        return started.streamId;
      } finally {
        streams.close();
      }
    })();
    return this.broadcast;
  }

  /**
   * The sanctioned callers, made once: each person opens a channel and registers an app, and their
   * app gets a token, before an admin bans or suspends them, or they delete their account.
   */
  sanctioned(): Promise<Record<SanctionedRole, SanctionedCaller>> {
    this.sanctionedCallers ??= (async () => {
      const [banned, suspended, deleted] = await Promise.all([this.given.user(), this.given.user(), this.given.user()]);
      const [ofBanned, ofSuspended, ofDeleted] = await Promise.all([banned, suspended, deleted].map((person) => this.withChannelAndApp(person)));
      const admin = this.staff.admin;
      await this.must(204, admin.token, 'POST', `/api/staff/users/${banned.userId}/global-ban`, { reason: 'Runs a spam network' });
      await this.must(204, admin.token, 'POST', `/api/staff/users/${suspended.userId}/streaming-suspension`, { reason: 'Restreams films' });
      await this.must(204, deleted.token, 'DELETE', '/api/users/me', { password: deleted.password });
      return {
        banned: { role: 'banned', token: banned.token, user: banned, ...ofBanned.own },
        suspended: { role: 'suspended', token: suspended.token, user: suspended, ...ofSuspended.own },
        appOfBanned: { role: 'appOfBanned', token: ofBanned.appToken, ...ofBanned.own },
        appOfDeleted: { role: 'appOfDeleted', token: ofDeleted.appToken, ...ofDeleted.own },
      };
    })();
    return this.sanctionedCallers;
  }

  /** Something a staff member or the owner does to set the scene; it must succeed. */
  async setUp(by: GivenUser, method: string, path: string, body: unknown, status: number): Promise<void> {
    await this.must(status, by.token, method, path, body);
  }

  /** A text no earlier request sent: a change that records something. */
  unique(prefix = 'change'): string {
    return `${prefix} ${++this.serial}`;
  }

  headPosition(): Promise<number> {
    return this.platform.app.get<EventStore>(EVENT_STORE, { strict: false }).headPosition();
  }

  private async makeStandIn(standing: Pick<Caller, 'role' | 'permission'>, options: Omit<GivenUserOptions, 'staffRole'>): Promise<Caller> {
    const person = await this.given.user({ ...options, staffRole: STAFF_ROLES[standing.role] });
    this.knowPerson(person);
    if (standing.role === 'otherChannelModerator') await this.appoint(this.otherOwner, person, EVERY_PERMISSION);
    if (standing.role === 'moderatorWith') await this.appoint(this.owner, person, EVERY_PERMISSION);
    if (standing.role === 'moderatorWithout') await this.appoint(this.owner, person, everyPermissionBut(standing.permission));
    if (standing.role === 'owner') await this.openChannel(person);
    return { ...standing, token: person.token, user: person };
  }

  private personOf(role: Role, permission: Permission): GivenUser | undefined {
    switch (role) {
      case 'user':
        return this.user;
      case 'otherChannelModerator':
        return this.otherChannelModerator;
      case 'moderatorWithout':
        return this.moderatorsWithout[permission];
      case 'moderatorWith':
        return this.moderatorWith;
      case 'owner':
        return this.owner;
      case 'support':
      case 'analyst':
      case 'admin':
        return this.staff[role];
      default:
        return undefined;
    }
  }

  private knowPerson(person: GivenUser): void {
    this.secrets.add('e-mail address', person.email, person.userId);
    this.secrets.add('session token', person.token, person.userId);
  }

  private async openChannel(owner: GivenUser): Promise<string> {
    const opened = await this.must(201, owner.token, 'POST', '/api/channels', { title: `${owner.username} live` });
    this.secrets.add('stream key', opened.streamKey, owner.userId);
    return opened.streamKey;
  }

  private async withChannelAndApp(person: GivenUser): Promise<{ own: Pick<SanctionedCaller, 'channel' | 'streamKey' | 'app'>; appToken: string }> {
    this.knowPerson(person);
    const [streamKey, app] = await Promise.all([this.openChannel(person), this.registerApp(person, ['public'])]);
    return { own: { channel: person.username, streamKey, app }, appToken: await this.appToken(app) };
  }

  /** One appointment at a time: appointments to a channel all write its one moderators stream, and would conflict. */
  private appoint(channel: GivenUser, moderator: GivenUser, permissions: PermissionSet): Promise<void> {
    const appointed = this.appointments.then(() => this.must(200, channel.token, 'PUT', `/api/channels/${channel.username}/moderators/${moderator.username}`, { permissions }));
    this.appointments = appointed.catch(() => undefined);
    return appointed;
  }

  private async registerApp(owner: GivenUser, scopes: string[]): Promise<RegisteredApp> {
    const app = await this.must(201, owner.token, 'POST', '/api/apps', { name: 'Clip Bot', scopes });
    this.secrets.add('client secret', app.clientSecret, owner.userId);
    return { appId: app.appId, clientId: app.clientId, clientSecret: app.clientSecret };
  }

  private async appToken(app: RegisteredApp): Promise<string> {
    return (await this.must(200, undefined, 'POST', '/api/oauth/token', { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret })).access_token;
  }

  private async must(status: number, token: string | undefined, method: string, path: string, body?: unknown): Promise<any> {
    const response = await this.api.request(method, path, { token, body });
    if (response.status !== status) {
      throw new Error(`Setting the scene, ${method} ${path} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }
}

/** The promise, marked as looked after: made ahead, it may fail before anyone awaits it, which must not end the run. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
