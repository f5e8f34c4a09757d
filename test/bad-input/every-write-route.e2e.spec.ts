import { randomBytes } from 'node:crypto';
import type { EventStore } from '@glint/eventstore';
import { projections } from '@glint/projections';
import { EVENT_STORE, READ_MODELS, type ReadModels } from '@glint/runtime';
import { codeFor, timeStepAt } from '@glint/identity';
import { ApiClient, type ApiResponse } from '@glint/testing';
import { Given, type GivenUser, SocketClient, startPlatformUnderTest, type PlatformUnderTest, type ReceivedFrame } from '@glint/testing/platform';
import type { SocketAction } from '../authorization/socket-actions';
import {
  badBodies,
  badPaths,
  DEEP_NESTING,
  deeplyNested,
  freeTextBodies,
  MALFORMED_JSON,
  NUL_EDGE_CASE,
  shown,
  UNICODE_EDGE_CASES,
  UNKNOWN_FIELD,
  withBody,
  withBodyOnly,
  wrongAnswer,
  type BadInput,
  type Call,
  type JsonSchema,
  type PathParameter,
} from './bad-inputs';

/**
 * Bad input sent to every write route the OpenAPI document lists: the bodies its schemas imply
 * (see bad-inputs.ts), unknown and malformed path ids, a body that is no JSON, one nested thousands
 * of levels deep, and hand-written cases for rules the schema cannot express. Each is sent by
 * someone allowed to call the route, on top of a call the route would accept, so the refusal is
 * about the one thing made wrong: a 4xx problem-details body naming the field (or the unknown
 * thing), and nothing recorded. Every socket action gets the same treatment of its frames.
 */

interface World {
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

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type RouteKey = `${Method} /api/${string}`;

interface WriteRoute {
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
const NOT_FOUND_BY_PARAMETER: Record<string, string> = {
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
const CREDENTIALS = new Set(['password', 'currentPassword', 'newPassword', 'client_id', 'client_secret']);

const field = (name: string) => ({ kind: 'field', field: name }) as const;
const MODERATOR_PERMISSIONS = { timeout: true, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false };
const CHANNEL_INFO = { title: 'Evening speedruns', category: 'gaming', subcategory: 'Platformers', tags: ['speedrun'], language: 'en', mature: false };
const CHAT_SETTINGS = { chatRules: '# Be kind', blockLinks: false, requireConfirmedEmail: false, minimumAccountAgeHours: 0, showRecentChatOnly: false };
const ZERO_WIDTH_JOINERS = '\u200d\u200d\u200d';
const ELEVEN_TAGS = Array.from({ length: 11 }, (_, index) => `tag${index}`);

const ROUTES: Record<RouteKey, WriteRoute> = {
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
const SOCKET_ACTIONS: Record<SocketAction, { reply: string; data(world: World): Record<string, string> }> = {
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

function expectStatus<Body>(response: ApiResponse<Body>, status: number, doing: string): ApiResponse<Body> {
  if (response.status !== status) throw new Error(`Setting up, ${doing} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
  return response;
}

interface OpenApiOperation {
  parameters?: PathParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

describe('bad input on every write route', () => {
  let platform: PlatformUnderTest;
  let document: OpenApiDocument;
  let world: World;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    const api = new ApiClient(platform.baseUrl);
    document = expectStatus(await api.get<OpenApiDocument>('/api/docs-json'), 200, 'reading the OpenAPI document').body;
    const given = new Given(platform);
    const [owner, viewer, target, support, admin] = await Promise.all([given.user(), given.user(), given.user(), given.user({ staffRole: 'support' }), given.user({ staffRole: 'admin' })]);
    expectStatus(await api.post('/api/channels', { title: 'Owner live' }, owner.token), 201, 'opening a channel');
    const message = expectStatus(await api.post(`/api/channels/${owner.username}/chat/messages`, { text: 'first!' }, viewer.token), 201, 'chatting');
    world = {
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
  });
  afterAll(() => platform?.close());

  const store = () => platform.app.get<EventStore>(EVENT_STORE, { strict: false });
  const readModels = () => platform.app.get<ReadModels>(READ_MODELS, { strict: false });
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (!schema.$ref) return schema;
    const resolved = document.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    if (!resolved) throw new Error(`The OpenAPI document has no schema ${schema.$ref}.`);
    return resolved;
  };

  it('has bad input for every write route the OpenAPI document lists, and for no route it lacks', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => WRITE_METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect({ withoutCases: documented.filter((route) => !(route in ROUTES)), notDocumented: Object.keys(ROUTES).filter((route) => !documented.includes(route)) }).toEqual({
      withoutCases: [],
      notDocumented: [],
    });
  });

  it.each(Object.keys(ROUTES) as RouteKey[])('%s refuses every bad input with a 4xx naming what is wrong, and records nothing', async (key) => {
    const route = ROUTES[key];
    const { operation, bodySchema } = routeIn(document, key);
    const cases: BadInput[] = [
      ...(bodySchema ? badBodies(bodySchema, { resolve, credentials: CREDENTIALS, alternatives: route.alternatives, edgeCases: UNICODE_EDGE_CASES }) : []),
      ...badPaths(operation.parameters ?? [], NOT_FOUND_BY_PARAMETER),
      ...(route.cases ?? []),
      MALFORMED_JSON,
      DEEP_NESTING,
    ];
    expect(cases.length).toBeGreaterThan(1);

    const wrong: WrongAnswer[] = [];
    let valid: Call | null = null;
    for (const bad of cases) {
      valid ??= await route.valid(world);
      const outcome = await attempt(key, bad, valid);
      if (outcome.wrong) wrong.push(outcome.wrong);
      // Whatever the route accepted may have changed what the next case stands on.
      if (outcome.accepted) valid = null;
    }
    expect(wrong).toEqual([]);
  });

  // Last, and with every call made beforehand: a NUL that gets into the log stops each read model
  // that stores it, for good, and with it every route that reads its own writes from that model.
  it('refuses a NUL character in every free-text field of every route, so no read model stops on one', async () => {
    const planned: Array<{ key: RouteKey; bad: BadInput; valid: Call }> = [];
    for (const key of Object.keys(ROUTES) as RouteKey[]) {
      const { bodySchema } = routeIn(document, key);
      if (!bodySchema) continue;
      const nulCases = freeTextBodies(bodySchema, { resolve, credentials: CREDENTIALS, alternatives: ROUTES[key].alternatives, edgeCases: [NUL_EDGE_CASE] });
      for (const bad of nulCases) planned.push({ key, bad, valid: await ROUTES[key].valid(world) });
    }
    expect(planned.length).toBeGreaterThan(10);

    const wrong: WrongAnswer[] = [];
    for (const { key, bad, valid } of planned) {
      const outcome = await attempt(key, bad, valid);
      if (outcome.wrong) wrong.push(outcome.wrong);
    }
    expect({ wrong, stopped: await stoppedProjections() }).toEqual({ wrong: [], stopped: [] });
  });

  // After the routes' NUL cases, for the same reason: a frame's NUL that got in would stop read models.
  it.each(Object.keys(SOCKET_ACTIONS) as SocketAction[])(
    '%s refuses a frame nested thousands of levels deep, and NUL, invisible-only and other unstorable text in each field, with an error frame, recording nothing',
    async (key) => {
      const [event, path] = key.split(' ');
      const { reply, data } = SOCKET_ACTIONS[key];
      const valid = data(world);
      const cases: Array<{ name: string; frame: string; expected: { error: string; field?: string } }> = [
        { name: 'a frame nested thousands of levels deep', frame: `{"event":${JSON.stringify(event)},"data":${deeplyNested()}}`, expected: { error: 'too_deep' } },
        ...Object.keys(valid).flatMap((field) =>
          [NUL_EDGE_CASE, ...UNICODE_EDGE_CASES].map(([what, text]) => ({
            name: `${field}: text with ${what}`,
            frame: JSON.stringify({ event, data: { ...valid, [field]: text } }),
            expected: { error: 'invalid_text', field },
          })),
        ),
      ];
      const socket = await SocketClient.connect(`${platform.wsUrl}${path}?token=${world.viewer.token}`);
      const wrong: WrongAnswer[] = [];
      try {
        for (const bad of cases) {
          const before = await store().headPosition();
          const since = socket.frames.length;
          socket.sendRaw(bad.frame);
          const answer: ReceivedFrame = await socket.next((frame) => frame.event === 'error' || frame.event === reply, { since });
          const recorded = (await store().headPosition()) - before;
          const right = answer.event === 'error' && answer.data.error === bad.expected.error && (bad.expected.field === undefined || answer.data.field === bad.expected.field) && recorded === 0;
          if (!right) wrong.push({ case: `${key} ${bad.name}`, sent: shown(bad.frame), got: `${shown(answer, 300)}; recorded ${recorded} event(s)`, expected: JSON.stringify(bad.expected) });
        }
        expect(socket.closed).toBeNull();
      } finally {
        socket.close();
      }
      expect({ wrong, stopped: await stoppedProjections() }).toEqual({ wrong: [], stopped: [] });
    },
  );

  /** The read models that can no longer apply the log: each one a NUL that got in would stop. */
  async function stoppedProjections(): Promise<string[]> {
    const head = await store().headPosition();
    const stopped: string[] = [];
    for (const projection of projections) {
      await readModels()
        .catchUp(projection.name, head)
        .catch((error: Error) => stopped.push(`${projection.name}: ${error.message.slice(0, 200)}`));
    }
    return stopped;
  }

  interface WrongAnswer {
    case: string;
    sent: string;
    got: string;
    expected: string;
  }

  /** Sends one bad input and judges the answer and what the log holds afterwards. */
  async function attempt(key: RouteKey, bad: BadInput, valid: Call): Promise<{ accepted: boolean; wrong: WrongAnswer | null }> {
    const [method, path] = key.split(' ') as [Method, string];
    const call = bad.make(valid);
    const before = await store().headPosition();
    const response = await send(method, path, call);
    const recorded = (await store().headPosition()) - before;
    const problem = [wrongAnswer(response, bad.expect), recorded > 0 ? `recorded ${recorded} event(s)` : null].filter(Boolean).join('; ');
    const wrong = problem
      ? {
          case: `${key} ${bad.name}`,
          sent: shown(call.rawBody ?? call.form ?? call.body ?? call.params),
          got: `${response.status} ${shown(response.body, 300)}`,
          expected: `${JSON.stringify(bad.expect)}: ${problem}`,
        }
      : null;
    return { accepted: response.status < 300 || recorded > 0, wrong };
  }

  function routeIn(openApi: OpenApiDocument, key: RouteKey): { operation: OpenApiOperation; bodySchema?: JsonSchema } {
    const [method, path] = key.split(' ');
    const operation = openApi.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${key} is not in the OpenAPI document.`);
    return { operation, bodySchema: operation.requestBody?.content['application/json']?.schema };
  }

  function send(method: Method, template: string, call: Call): Promise<ApiResponse> {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (call.params[name] === undefined) throw new Error(`No value for the path parameter ${name} of ${template}.`);
      return encodeURIComponent(call.params[name]);
    });
    if (call.rawBody !== undefined) return world.api.request(method, path, { token: call.token, rawBody: call.rawBody, headers: { 'content-type': 'application/json' } });
    if (call.form !== undefined) {
      return world.api.request(method, path, { token: call.token, rawBody: new URLSearchParams(call.form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }
    return world.api.request(method, path, { token: call.token, body: call.body });
  }
});
