import { randomBytes } from 'node:crypto';
import { codeFor, timeStepAt } from '@glint/identity';
import { ApiClient, type ApiResponse } from '@glint/testing';
import { Given, type GivenUser, type PlatformUnderTest } from '@glint/testing/platform';
import type { SocketAction } from '../authorization/socket-actions';
import { UNKNOWN_FIELD, withBody, withBodyOnly, type BadInput, type Call, type JsonSchema, type PathParameter } from './bad-inputs';

/**
 * Every write route of the API with a call it accepts, and every socket action with a frame it
 * accepts: what the bad-input and fuzz suites start from, so each case differs from an accepted
 * call in the one thing it makes wrong.
 */
export interface World {
  api: ApiClient;
  given: Given;
  /** Has a channel, with a chat message in it. */
  owner: GivenUser;
  /** Chats, follows, reports, opens tickets and registers apps. */
  viewer: GivenUser;
  /** Someone to time out, report and appoint. */
  target: GivenUser;
  support: GivenUser;
  admin: GivenUser;
  messageId: string;
  /** An account registered by its owner and nothing else: the cheapest one to act on. */
  bystander(): Promise<{ userId: string; username: string }>;
}

export type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteKey = `${Method} /api/${string}`;

export interface WriteRoute {
  /**
   * A call the route accepts. Made again after any case the route answered with a 2xx or that
   * recorded something, so a wrongly accepted case cannot spoil the next ones.
   */
  valid(world: World): Promise<Call>;
  /**
   * Rules the schema cannot say. What it does say is derived, out-of-range numbers among them: a
   * timeout of 9 s or 604801 s, a minimum account age of 721 hours.
   */
  cases?: BadInput[];
  /** Fields that name something which must exist: an unknown one is rightly refused as this, naming the field. */
  alternatives?: Record<string, { status: number; error: string }>;
}

/** The 404 an unknown value of each path parameter must give: the thing it names. */
export const NOT_FOUND_BY_PARAMETER: Record<string, string> = {
  appId: 'app_not_found',
  ticketId: 'ticket_not_found',
  userId: 'user_not_found',
  reportId: 'report_not_found',
  messageId: 'chat_message_not_found',
  username: 'channel_not_found',
  targetUsername: 'user_not_found',
  moderatorUsername: 'user_not_found',
  channel: 'channel_not_found',
};

/** Compared, never shown or stored as text: any character may be part of one. */
export const CREDENTIALS = new Set(['password', 'currentPassword', 'newPassword', 'client_id', 'client_secret']);

const field = (name: string) => ({ kind: 'field', field: name }) as const;
const MODERATOR_PERMISSIONS = { timeout: true, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false };
const CHANNEL_INFO = { title: 'Evening speedruns', category: 'gaming', subcategory: 'Platformers', tags: ['speedrun'], language: 'en', mature: false };
const CHAT_SETTINGS = { chatRules: '# Be kind', blockLinks: false, requireConfirmedEmail: false, minimumAccountAgeHours: 0, showRecentChatOnly: false };
const ZERO_WIDTH_JOINERS = '\u200d\u200d\u200d';
const ELEVEN_TAGS = Array.from({ length: 11 }, (_, index) => `tag${index}`);

export const ROUTES: Record<RouteKey, WriteRoute> = {
  'POST /api/accounts': {
    valid: async () => {
      const username = `new_${randomBytes(5).toString('hex')}`;
      return { params: {}, body: { username, email: `${username}@glint.test`, password: 'a long enough passphrase' } };
    },
    cases: [withBody('email: not an address', { email: 'not-an-address' }, field('email')), withBody('username: reserved', { username: 'admin' }, field('username'))],
  },
  'POST /api/accounts/email-confirmation': {
    valid: async (w) => {
      const unconfirmed = await w.given.user({ confirmed: false });
      return { params: {}, body: { token: await w.given.latestConfirmationToken(unconfirmed.userId) } };
    },
    alternatives: { token: { status: 404, error: 'confirmation_token_unknown' } },
    cases: [
      withBody('token: empty', { token: '' }, field('token')),
      withBody('token: 201 characters', { token: 'x'.repeat(201) }, field('token')),
      withBody('token: unknown', { token: 'A'.repeat(43) }, { kind: 'field', field: 'token', alternative: { status: 404, error: 'confirmation_token_unknown' } }),
    ],
  },
  'POST /api/accounts/email-confirmation/resend': {
    // Registered two hours ago: its first mail is old enough to ask for another.
    valid: async (w) => ({ token: (await w.given.user({ confirmed: false, ageHours: 2 })).token, params: {} }),
    cases: [withBodyOnly('a body field on a route that takes none', { [UNKNOWN_FIELD]: 'surprise' }, field(UNKNOWN_FIELD))],
  },
  'POST /api/accounts/password-reset': {
    valid: async (w) => ({ params: {}, body: { email: (await w.given.user()).email } }),
    cases: [
      withBody('email: not an address', { email: 'not-an-address' }, field('email')),
      withBody('email: 255 characters', { email: `${'x'.repeat(244)}@glint.test` }, field('email')),
    ],
  },
  'POST /api/accounts/password-reset/confirm': {
    valid: async (w) => {
      const forgetful = await w.given.user();
      expect((await w.api.post('/api/accounts/password-reset', { email: forgetful.email })).status).toBe(202);
      return { params: {}, body: { token: await w.given.latestPasswordResetToken(forgetful.userId), newPassword: 'a brand new passphrase' } };
    },
    cases: [
      withBody('token: empty', { token: '' }, field('token')),
      withBody('token: 201 characters', { token: 'x'.repeat(201) }, field('token')),
      withBody('token: names nobody', { token: 'A'.repeat(43) }, field('token')),
      withBody('newPassword: too short', { newPassword: 'short' }, field('newPassword')),
    ],
  },
  'POST /api/sessions': {
    valid: async (w) => ({ params: {}, body: { username: w.viewer.username, password: w.viewer.password } }),
    // A sign-in answers an unknown username like a wrong password, so it does not tell which usernames exist.
    alternatives: { username: { status: 401, error: 'invalid_credentials' } },
    cases: [
      withBody('totpCode: five digits', { totpCode: '12345' }, field('totpCode')),
      withBody('username: 101 characters', { username: 'x'.repeat(101) }, field('username')),
      withBody('password: 129 characters', { password: 'x'.repeat(129) }, field('password')),
    ],
  },
  'DELETE /api/sessions/current': {
    valid: async (w) => ({ token: (await w.given.user()).token, params: {} }),
    cases: [withBodyOnly('a body field on a route that takes none', { sessionId: 'another-session' }, field('sessionId'))],
  },
  'DELETE /api/users/me': {
    valid: async (w) => {
      const leaving = await w.given.user();
      return { token: leaving.token, params: {}, body: { password: leaving.password } };
    },
    cases: [withBody('password: 129 characters', { password: 'x'.repeat(129) }, field('password')), withBody('password: empty', { password: '' }, field('password'))],
  },
  'PUT /api/users/me/password': {
    valid: async (w) => {
      const user = await w.given.user();
      return { token: user.token, params: {}, body: { currentPassword: user.password, newPassword: 'a brand new passphrase' } };
    },
    cases: [withBody('currentPassword: empty', { currentPassword: '' }, field('currentPassword'))],
  },
  'POST /api/users/me/two-factor': {
    valid: async (w) => ({ token: (await w.given.user()).token, params: {} }),
    cases: [withBodyOnly('a body field on a route that takes none', { secret: 'JBSWY3DPEHPK3PXP' }, field('secret'))],
  },
  'POST /api/users/me/two-factor/confirmation': {
    valid: async (w) => {
      const user = await w.given.user();
      const secret = await startTwoFactorSetup(w, user);
      return { token: user.token, params: {}, body: { code: codeFor(secret, timeStepAt(new Date())) } };
    },
    cases: [withBody('code: five digits', { code: '12345' }, field('code')), withBody('code: letters', { code: 'abcdef' }, field('code'))],
  },
  'DELETE /api/users/me/two-factor': {
    valid: async (w) => {
      const user = await w.given.user();
      const secret = await startTwoFactorSetup(w, user);
      expectStatus(await w.api.post('/api/users/me/two-factor/confirmation', { code: codeFor(secret, timeStepAt(new Date())) }, user.token), 204, 'turning two-factor sign-in on');
      // The code of the next step: the current one was just used to turn it on.
      return { token: user.token, params: {}, body: { code: codeFor(secret, timeStepAt(new Date()) + 1) } };
    },
    cases: [withBody('code: five digits', { code: '12345' }, field('code')), withBody('code: seven digits', { code: '1234567' }, field('code'))],
  },
  'POST /api/staff/users/{userId}/global-ban': {
    valid: async (w) => ({ token: w.support.token, params: { userId: (await w.bystander()).userId }, body: { reason: 'Spam links everywhere' } }),
    cases: [withBody('reason: only spaces', { reason: '   ' }, field('reason'))],
  },
  'DELETE /api/staff/users/{userId}/global-ban': {
    valid: async (w) => {
      const banned = await w.bystander();
      expectStatus(await w.api.post(`/api/staff/users/${banned.userId}/global-ban`, { reason: 'Spam links everywhere' }, w.support.token), 204, 'banning from Glint');
      return { token: w.support.token, params: { userId: banned.userId } };
    },
  },
  'POST /api/staff/users/{userId}/streaming-suspension': {
    valid: async (w) => ({ token: w.support.token, params: { userId: (await w.bystander()).userId }, body: { reason: 'Restreamed a film' } }),
    cases: [withBody('reason: only spaces', { reason: '   ' }, field('reason'))],
  },
  'DELETE /api/staff/users/{userId}/streaming-suspension': {
    valid: async (w) => {
      const suspended = await w.bystander();
      expectStatus(await w.api.post(`/api/staff/users/${suspended.userId}/streaming-suspension`, { reason: 'Restreamed a film' }, w.support.token), 204, 'suspending from streaming');
      return { token: w.support.token, params: { userId: suspended.userId } };
    },
  },
  // The owner's channel is not live: a bad case the route let through would answer 404 `not_live`, not the refusal it must give.
  'POST /api/streams/{channel}/shutdown': {
    valid: async (w) => ({ token: w.admin.token, params: { channel: w.owner.username }, body: { reason: 'Shows a film it has no rights to' } }),
    cases: [withBody('reason: only spaces', { reason: '   ' }, field('reason'))],
  },
  'PUT /api/staff/users/{userId}/staff-role': {
    valid: async (w) => ({ token: w.admin.token, params: { userId: (await w.bystander()).userId }, body: { role: 'support' } }),
  },
  'DELETE /api/staff/users/{userId}/staff-role': {
    valid: async (w) => {
      const staff = await w.bystander();
      expectStatus(await w.api.put(`/api/staff/users/${staff.userId}/staff-role`, { role: 'support' }, w.admin.token), 204, 'granting a staff role');
      return { token: w.admin.token, params: { userId: staff.userId } };
    },
  },
  'POST /api/apps': {
    valid: async (w) => ({ token: w.viewer.token, params: {}, body: { name: 'Clip Bot', description: 'Makes clips of great moments', scopes: ['public', 'chat'] } }),
    cases: [withBody('scopes: an empty list', { scopes: [] }, field('scopes')), withBody('name: only spaces', { name: '     ' }, field('name'))],
  },
  'POST /api/apps/{appId}/secret': {
    valid: async (w) => ({ token: w.viewer.token, params: { appId: (await registerApp(w)).appId } }),
  },
  'DELETE /api/apps/{appId}': {
    valid: async (w) => ({ token: w.viewer.token, params: { appId: (await registerApp(w)).appId } }),
  },
  'POST /api/oauth/token': {
    valid: async (w) => {
      const app = await registerApp(w);
      return { params: {}, body: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: 'public' } };
    },
    cases: [
      withBody('grant_type: password', { grant_type: 'password' }, field('grant_type')),
      withBody('scope: one the app lacks', { scope: 'streamkey' }, field('scope')),
      withBody('client_id: 65 characters', { client_id: 'x'.repeat(65) }, field('client_id')),
      withBody('client_secret: 129 characters', { client_secret: 'x'.repeat(129) }, field('client_secret')),
      {
        name: 'a form without client_secret',
        make: (valid) => ({ ...valid, body: undefined, form: { grant_type: 'client_credentials', client_id: String(valid.body?.client_id) } }),
        expect: field('client_secret'),
      },
    ],
  },
  'POST /api/support/tickets': {
    valid: async (w) => ({ token: w.viewer.token, params: {}, body: { subject: 'Payout missing', body: 'My payout of last week never arrived.' } }),
    cases: [withBody('subject: only spaces', { subject: '   ' }, field('subject')), withBody('body: only a line break', { body: ' \n ' }, field('body'))],
  },
  'POST /api/support/tickets/{ticketId}/replies': {
    valid: async (w) => ({ token: w.viewer.token, params: { ticketId: await openTicket(w) }, body: { body: 'Any news on this?' } }),
    cases: [withBody('body: only spaces', { body: '   ' }, field('body'))],
  },
  'POST /api/support/tickets/{ticketId}/closure': {
    valid: async (w) => ({ token: w.viewer.token, params: { ticketId: await openTicket(w) } }),
  },
  'POST /api/reports': {
    valid: async (w) => ({
      token: w.viewer.token,
      params: {},
      body: { target: w.target.username, where: 'chat', why: 'hate_speech', notes: 'Shouted slurs at another chatter', channel: w.owner.username },
    }),
    alternatives: { target: { status: 404, error: 'user_not_found' }, channel: { status: 404, error: 'channel_not_found' } },
    cases: [
      withBody('target: unknown', { target: 'nobody_here_at_all' }, { kind: 'field', field: 'target', alternative: { status: 404, error: 'user_not_found' } }),
      withBody('channel: unknown', { channel: 'nobody_here_at_all' }, { kind: 'field', field: 'channel', alternative: { status: 404, error: 'channel_not_found' } }),
    ],
  },
  'POST /api/staff/reports/{reportId}/resolution': {
    valid: async (w) => {
      const filed = expectStatus(await w.api.post('/api/reports', { target: w.target.username, where: 'profile', why: 'other' }, w.viewer.token), 201, 'filing a report');
      return { token: w.support.token, params: { reportId: filed.body.reportId }, body: { resolution: 'dismissed', note: 'Nothing against the rules' } };
    },
    cases: [withBody('note: only spaces', { note: '   ' }, field('note'))],
  },
  'POST /api/channels': {
    valid: async (w) => ({ token: (await w.given.user()).token, params: {}, body: { ...CHANNEL_INFO, ...CHAT_SETTINGS } }),
    cases: [
      withBody('tags: 11 of them', { tags: ELEVEN_TAGS }, field('tags')),
      withBody('title: only zero-width joiners', { title: ZERO_WIDTH_JOINERS }, field('title')),
      withBody('minimumAccountAgeHours: 1.5', { minimumAccountAgeHours: 1.5 }, field('minimumAccountAgeHours')),
    ],
  },
  'PATCH /api/channels/{username}': {
    valid: async (w) => ({ token: w.owner.token, params: { username: w.owner.username }, body: { ...CHANNEL_INFO } }),
    cases: [
      withBodyOnly('nothing to change', {}, { kind: 'any-of-fields', fields: Object.keys(CHANNEL_INFO) }),
      withBody('tags: 11 of them', { tags: ELEVEN_TAGS }, field('tags')),
      withBody('tags: one with a space and a bang', { tags: ['no way!'] }, field('tags')),
      withBody('title: only zero-width joiners', { title: ZERO_WIDTH_JOINERS }, field('title')),
      withBody('title: only spaces', { title: '    ' }, field('title')),
      withBody('title: null', { title: null }, field('title')),
    ],
  },
  'PATCH /api/channels/{username}/chat-settings': {
    valid: async (w) => ({ token: w.owner.token, params: { username: w.owner.username }, body: { ...CHAT_SETTINGS } }),
    cases: [
      withBodyOnly('nothing to change', {}, { kind: 'any-of-fields', fields: Object.keys(CHAT_SETTINGS) }),
      withBody('minimumAccountAgeHours: 1.5', { minimumAccountAgeHours: 1.5 }, field('minimumAccountAgeHours')),
    ],
  },
  'POST /api/channels/{username}/stream-key': {
    valid: async (w) => ({ token: w.owner.token, params: { username: w.owner.username } }),
  },
  'PUT /api/channels/{username}/moderators/{moderatorUsername}': {
    valid: async (w) => ({ token: w.owner.token, params: { username: w.owner.username, moderatorUsername: w.target.username }, body: { permissions: MODERATOR_PERMISSIONS } }),
    cases: [
      withBodyOnly(
        'permissions: none granted',
        { permissions: { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false } },
        field('permissions'),
      ),
    ],
  },
  'DELETE /api/channels/{username}/moderators/{moderatorUsername}': {
    valid: async (w) => {
      const moderator = await w.bystander();
      expectStatus(await w.api.put(`/api/channels/${w.owner.username}/moderators/${moderator.username}`, { permissions: MODERATOR_PERMISSIONS }, w.owner.token), 200, 'appointing a moderator');
      return { token: w.owner.token, params: { username: w.owner.username, moderatorUsername: moderator.username } };
    },
  },
  'PUT /api/channels/{username}/follow': {
    valid: async (w) => ({ token: w.viewer.token, params: { username: w.owner.username }, body: { liveNotifications: true } }),
  },
  'DELETE /api/channels/{username}/follow': {
    valid: async (w) => {
      expectStatus(await w.api.put(`/api/channels/${w.owner.username}/follow`, { liveNotifications: false }, w.viewer.token), 200, 'following');
      return { token: w.viewer.token, params: { username: w.owner.username } };
    },
  },
  'POST /api/channels/{username}/chat/messages': {
    valid: async (w) => ({ token: w.viewer.token, params: { username: w.owner.username }, body: { text: 'hello chat' } }),
    cases: [
      withBody('text: 501 characters', { text: 'x'.repeat(501) }, field('text')),
      withBody('text: 2001 characters', { text: 'x'.repeat(2001) }, field('text')),
      withBody('text: only spaces', { text: '    ' }, field('text')),
      withBody('text: a line break', { text: 'two\nlines' }, field('text')),
    ],
  },
  'DELETE /api/channels/{username}/chat/messages/{messageId}': {
    valid: async (w) => ({ token: w.owner.token, params: { username: w.owner.username, messageId: w.messageId } }),
  },
  'POST /api/channels/{username}/timeouts': {
    valid: async (w) => ({ token: w.owner.token, params: { username: w.owner.username }, body: { user: w.target.username, durationSeconds: 60, reason: 'Shouting' } }),
    alternatives: { user: { status: 404, error: 'user_not_found' } },
    cases: [
      withBody('durationSeconds: 12.5', { durationSeconds: 12.5 }, field('durationSeconds')),
      withBody('durationSeconds and preset both', { preset: '5m' }, { kind: 'any-of-fields', fields: ['durationSeconds', 'preset'] }),
      { name: 'neither durationSeconds nor preset', make: (valid) => ({ ...valid, body: { user: valid.body?.user } }), expect: field('durationSeconds') },
      withBody('user: unknown', { user: 'nobody_here_at_all' }, { kind: 'field', field: 'user', alternative: { status: 404, error: 'user_not_found' } }),
    ],
  },
  'DELETE /api/channels/{username}/timeouts/{targetUsername}': {
    valid: async (w) => {
      expectStatus(await w.api.post(`/api/channels/${w.owner.username}/timeouts`, { user: w.target.username, durationSeconds: 600 }, w.owner.token), 201, 'timing out');
      return { token: w.owner.token, params: { username: w.owner.username, targetUsername: w.target.username } };
    },
  },
  'POST /api/channels/{username}/bans': {
    valid: async (w) => ({ token: w.owner.token, params: { username: w.owner.username }, body: { user: (await w.bystander()).username, reason: 'Spam' } }),
    alternatives: { user: { status: 404, error: 'user_not_found' } },
    cases: [withBody('user: unknown', { user: 'nobody_here_at_all' }, { kind: 'field', field: 'user', alternative: { status: 404, error: 'user_not_found' } })],
  },
  'DELETE /api/channels/{username}/bans/{targetUsername}': {
    valid: async (w) => {
      const banned = await w.bystander();
      expectStatus(await w.api.post(`/api/channels/${w.owner.username}/bans`, { user: banned.username }, w.owner.token), 201, 'banning from the chat');
      return { token: w.owner.token, params: { username: w.owner.username, targetUsername: banned.username } };
    },
  },
};

/** Every action of the platform's sockets (the authorization matrix lists the same), with the reply it gets and frame data it accepts. */
export const SOCKET_ACTIONS: Record<SocketAction, { reply: string; data(world: World): Record<string, string> }> = {
  'join /ws/chat': { reply: 'joined', data: (w) => ({ channel: w.owner.username }) },
  'leave /ws/chat': { reply: 'left', data: (w) => ({ channel: w.owner.username }) },
  'send /ws/chat': { reply: 'sent', data: (w) => ({ channel: w.owner.username, text: 'hello from a socket' }) },
  'delete /ws/chat': { reply: 'deleted', data: (w) => ({ channel: w.owner.username, messageId: w.messageId }) },
  'subscribe /ws/live': { reply: 'subscribed', data: (w) => ({ topic: `channel:${w.owner.username}` }) },
  'unsubscribe /ws/live': { reply: 'unsubscribed', data: (w) => ({ topic: `channel:${w.owner.username}` }) },
};

async function startTwoFactorSetup(w: World, user: GivenUser): Promise<string> {
  return expectStatus(await w.api.post('/api/users/me/two-factor', undefined, user.token), 201, 'starting two-factor setup').body.secret;
}

async function registerApp(w: World): Promise<{ appId: string; clientId: string; clientSecret: string }> {
  return expectStatus(await w.api.post('/api/apps', { name: 'Clip Bot', scopes: ['public'] }, w.viewer.token), 201, 'registering an app').body;
}

async function openTicket(w: World): Promise<string> {
  return expectStatus(await w.api.post('/api/support/tickets', { subject: 'Payout missing', body: 'It never arrived.' }, w.viewer.token), 201, 'opening a ticket').body.ticketId;
}

export function expectStatus<Body>(response: ApiResponse<Body>, status: number, doing: string): ApiResponse<Body> {
  if (response.status !== status) throw new Error(`Setting up, ${doing} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
  return response;
}

export interface OpenApiOperation {
  parameters?: PathParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];


/** The people, channel and message the routes' calls stand on, and the OpenAPI document they are checked against. */
export async function openWorld(platform: PlatformUnderTest): Promise<{ world: World; document: OpenApiDocument }> {
  const api = new ApiClient(platform.baseUrl);
  const document = expectStatus(await api.get<OpenApiDocument>('/api/docs-json'), 200, 'reading the OpenAPI document').body;
  const given = new Given(platform);
  const [owner, viewer, target, support, admin] = await Promise.all([given.user(), given.user(), given.user(), given.user({ staffRole: 'support' }), given.user({ staffRole: 'admin' })]);
  expectStatus(await api.post('/api/channels', { title: 'Owner live' }, owner.token), 201, 'opening a channel');
  const message = expectStatus(await api.post(`/api/channels/${owner.username}/chat/messages`, { text: 'first!' }, viewer.token), 201, 'chatting');
  const world: World = {
    api,
    given,
    owner,
    viewer,
    target,
    support,
    admin,
    messageId: message.body.messageId,
    async bystander() {
      const username = `by_${randomBytes(6).toString('hex')}`;
      const registered = expectStatus(await api.post('/api/accounts', { username, email: `${username}@glint.test`, password: 'a long enough passphrase' }), 201, 'registering');
      return { userId: registered.body.userId, username };
    },
  };
  return { world, document };
}

/** Every write route the OpenAPI document lists, as `METHOD /path`. */
export function documentedWriteRoutes(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => WRITE_METHODS.includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** The route's operation in the OpenAPI document, and the schema of its JSON body if it takes one. */
export function routeIn(document: OpenApiDocument, key: RouteKey): { operation: OpenApiOperation; bodySchema?: JsonSchema } {
  const [method, path] = key.split(' ');
  const operation = document.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${key} is not in the OpenAPI document.`);
  return { operation, bodySchema: operation.requestBody?.content['application/json']?.schema };
}

/** A schema with its `$ref` followed into the document's components. */
export function resolveIn(document: OpenApiDocument): (schema: JsonSchema) => JsonSchema {
  return (schema) => {
    if (!schema.$ref) return schema;
    const resolved = document.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    if (!resolved) throw new Error(`The OpenAPI document has no schema ${schema.$ref}.`);
    return resolved;
  };
}

/** Sends a call to the route: path parameters filled in, and its JSON body, form or raw text. */
export function sendCall(api: ApiClient, key: RouteKey, call: Call): Promise<ApiResponse> {
  const [method, template] = key.split(' ') as [Method, string];
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (call.params[name] === undefined) throw new Error(`No value for the path parameter ${name} of ${template}.`);
    return encodeURIComponent(call.params[name]);
  });
  if (call.rawBody !== undefined) return api.request(method, path, { token: call.token, rawBody: call.rawBody, headers: { 'content-type': 'application/json' } });
  if (call.form !== undefined) {
    return api.request(method, path, { token: call.token, rawBody: new URLSearchParams(call.form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  return api.request(method, path, { token: call.token, body: call.body });
}
