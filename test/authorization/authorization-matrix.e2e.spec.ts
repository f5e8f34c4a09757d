import { SocketClient, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';
import { ApiClient } from '@glint/testing';
import { until } from '@glint/testing';
import { Cast } from './cast';
import { documentedRouteOf, HTTP_ROUTES, type HttpRoute, type HttpRouteSpec } from './http-routes';
import { cells, sanctionedCells, type Role, type SanctionedRole, type SanctionedTable, type Table } from './matrix';
import { documentedRoutes, mappedRoutes, socketActions } from './platform-surface';
import { SANCTIONED_HTTP_ROUTES, type SanctionedCall, type SanctionedHttpRoute, type SanctionedRouteSpec } from './sanctioned-routes';
import { SOCKET_ACTIONS, type SocketAction, type SocketActionSpec } from './socket-actions';

// Each table: per route, the status each role gets, in the columns of ROLES:
//   anon  = anonymous            oMod = another channel's moderator (every permission there)
//   mod-  = this channel's moderator without the permission the route needs (route without one: without `edit`)
//   mod+  = this channel's moderator with every permission
//   app+  = app token with the `public` scope    app- = app token with every scope but `public`
// Requests are valid and realistic, so a 4xx other than 401/403 is a rule of the domain, said where it is.
// Besides its status, a refusal must record nothing (the event log's head stays put), and no answer
// may show anyone's secrets but the caller's own (secrets.ts says which, and what the support desk reads).

//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const accountsAndSessions: Table<HttpRoute, number> = {
  'POST /api/accounts':                                              [201,  201,  201,  201,  201,  201,  201,  201,  201,  201,  201],
  'POST /api/accounts/email-confirmation':                           [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200],
  'POST /api/accounts/email-confirmation/resend':                    [401,  202,  202,  202,  202,  202,  202,  202,  202,  403,  403],
  'POST /api/accounts/password-reset':                                [202,  202,  202,  202,  202,  202,  202,  202,  202,  202,  202],
  'POST /api/accounts/password-reset/confirm':                        [204,  204,  204,  204,  204,  204,  204,  204,  204,  204,  204],
  'POST /api/sessions':                                              [201,  201,  201,  201,  201,  201,  201,  201,  201,  201,  201],
  'DELETE /api/sessions/current':                                    [401,  204,  204,  204,  204,  204,  204,  204,  204,  403,  403],
  'GET /api/users/me':                                               [401,  200,  200,  200,  200,  200,  200,  200,  200,  403,  403],
  'DELETE /api/users/me':                                            [401,  204,  204,  204,  204,  204,  204,  204,  204,  403,  403],
  'PUT /api/users/me/password':                                      [401,  204,  204,  204,  204,  204,  204,  204,  204,  403,  403],
  'POST /api/users/me/two-factor':                                   [401,  201,  201,  201,  201,  201,  201,  201,  201,  403,  403],
  'POST /api/users/me/two-factor/confirmation':                      [401,  204,  204,  204,  204,  204,  204,  204,  204,  403,  403],
  'DELETE /api/users/me/two-factor':                                 [401,  204,  204,  204,  204,  204,  204,  204,  204,  403,  403],
  'GET /api/users/{username}':                                       [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  403],
};

//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const staffActionsOnUsers: Table<HttpRoute, number> = {
  'POST /api/staff/users/{userId}/global-ban':                       [401,  403,  403,  403,  403,  403,  204,  403,  204,  403,  403],
  'DELETE /api/staff/users/{userId}/global-ban':                     [401,  403,  403,  403,  403,  403,  204,  403,  204,  403,  403],
  'POST /api/staff/users/{userId}/streaming-suspension':             [401,  403,  403,  403,  403,  403,  204,  403,  204,  403,  403],
  'DELETE /api/staff/users/{userId}/streaming-suspension':           [401,  403,  403,  403,  403,  403,  204,  403,  204,  403,  403],
  'PUT /api/staff/users/{userId}/staff-role':                        [401,  403,  403,  403,  403,  403,  403,  403,  204,  403,  403],
  'DELETE /api/staff/users/{userId}/staff-role':                     [401,  403,  403,  403,  403,  403,  403,  403,  204,  403,  403],
};

// The owner opens a second channel: 409, one channel per user. Editing: moderators with `edit` and
// admins, not support. The stream key: the owner alone, not even an admin. Past broadcasts are
// public; a broadcast's health is for the owner, moderators with `edit`, support and admins.
//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const channels: Table<HttpRoute, number> = {
  'POST /api/channels':                                              [401,  201,  201,  201,  201,  409,  201,  201,  201,  403,  403],
  'GET /api/channels/{username}':                                    [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  403],
  'PATCH /api/channels/{username}':                                  [401,  403,  403,  403,  200,  200,  403,  403,  200,  403,  403],
  'PATCH /api/channels/{username} (language, mature)':               [401,  403,  403,  403,  403,  200,  403,  403,  200,  403,  403],
  'PATCH /api/channels/{username}/chat-settings':                    [401,  403,  403,  403,  403,  200,  403,  403,  200,  403,  403],
  'POST /api/channels/{username}/stream-key':                        [401,  403,  403,  403,  403,  200,  403,  403,  403,  403,  403],
  'GET /api/channels/{username}/streams':                            [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  403],
  'GET /api/channels/{username}/streams/{streamId}/health':          [401,  403,  403,  403,  200,  200,  200,  403,  200,  403,  403],
};

//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const moderators: Table<HttpRoute, number> = {
  'GET /api/channels/{username}/moderators':                         [401,  403,  403,  200,  200,  200,  200,  403,  200,  403,  403],
  'PUT /api/channels/{username}/moderators/{moderatorUsername}':     [401,  403,  403,  403,  403,  200,  403,  403,  200,  403,  403],
  'DELETE /api/channels/{username}/moderators/{moderatorUsername}':  [401,  403,  403,  403,  403,  204,  403,  403,  204,  403,  403],
};

// The owner following their own channel: 400 `cannot_follow_self`.
//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const follows: Table<HttpRoute, number> = {
  'PUT /api/channels/{username}/follow':                             [401,  200,  200,  200,  200,  400,  200,  200,  200,  403,  403],
  'DELETE /api/channels/{username}/follow':                          [401,  204,  204,  204,  204,  204,  204,  204,  204,  403,  403],
  'GET /api/channels/{username}/followers':                          [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  403],
  'GET /api/users/{username}/following':                             [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  403],
};

//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const moderation: Table<HttpRoute, number> = {
  'POST /api/channels/{username}/timeouts':                          [401,  403,  403,  403,  201,  201,  201,  403,  201,  403,  403],
  'DELETE /api/channels/{username}/timeouts/{targetUsername}':       [401,  403,  403,  403,  204,  204,  204,  403,  204,  403,  403],
  'POST /api/channels/{username}/bans':                              [401,  403,  403,  403,  201,  201,  201,  403,  201,  403,  403],
  'DELETE /api/channels/{username}/bans/{targetUsername}':           [401,  403,  403,  403,  204,  204,  204,  403,  204,  403,  403],
  'GET /api/channels/{username}/moderation-log':                     [401,  403,  403,  200,  200,  200,  200,  403,  200,  403,  403],
  'GET /api/channels/{username}/standing/{targetUsername}':          [401,  403,  403,  200,  200,  200,  200,  403,  200,  403,  403],
};

//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const reportsAndStaffQueue: Table<HttpRoute, number> = {
  'POST /api/reports':                                               [401,  201,  201,  201,  201,  201,  201,  201,  201,  403,  403],
  'GET /api/staff/reports':                                          [401,  403,  403,  403,  403,  403,  200,  403,  200,  403,  403],
  'POST /api/staff/reports/{reportId}/resolution':                   [401,  403,  403,  403,  403,  403,  201,  403,  201,  403,  403],
  'GET /api/staff/audit-log':                                        [401,  403,  403,  403,  403,  403,  200,  403,  200,  403,  403],
};

//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const chatOverHttp: Table<HttpRoute, number> = {
  'GET /api/channels/{username}/chat/messages':                      [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  403],
  'POST /api/channels/{username}/chat/messages':                     [401,  201,  201,  201,  201,  201,  201,  201,  201,  403,  403],
  'DELETE /api/channels/{username}/chat/messages/{messageId}':       [401,  403,  403,  403,  204,  204,  204,  403,  204,  403,  403],
};

// The apps are the owner's; an app is its owner's alone, whatever the staff role of whoever else asks.
// Support and admins list a user's apps, each marked suspended while its owner is banned or deleted.
//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const developerApps: Table<HttpRoute, number> = {
  'GET /api/staff/users/{userId}/apps':                              [401,  403,  403,  403,  403,  403,  200,  403,  200,  403,  403],
  'POST /api/apps':                                                  [401,  201,  201,  201,  201,  201,  201,  201,  201,  403,  403],
  'GET /api/apps':                                                   [401,  200,  200,  200,  200,  200,  200,  200,  200,  403,  403],
  'POST /api/apps/{appId}/secret':                                   [401,  403,  403,  403,  403,  201,  403,  403,  403,  403,  403],
  'DELETE /api/apps/{appId}':                                        [401,  403,  403,  403,  403,  204,  403,  403,  403,  403,  403],
  'POST /api/oauth/token':                                           [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200],
};

// The account looked into is a bystander's, with two-factor sign-in on: the desk reads its personal
// data (address, texts), never its credentials (two-factor secret, password hash, confirmation link).
// The ticket is the plain user's.
//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const supportDesk: Table<HttpRoute, number> = {
  'GET /api/support/accounts/{userId}/history':                      [401,  403,  403,  403,  403,  403,  200,  403,  200,  403,  403],
  'GET /api/support/accounts/{userId}/state':                        [401,  403,  403,  403,  403,  403,  200,  403,  200,  403,  403],
  'POST /api/support/tickets':                                       [401,  201,  201,  201,  201,  201,  201,  201,  201,  403,  403],
  'GET /api/support/tickets':                                        [401,  200,  200,  200,  200,  200,  200,  200,  200,  403,  403],
  'GET /api/support/tickets/{ticketId}':                             [401,  200,  403,  403,  403,  403,  200,  403,  200,  403,  403],
  'POST /api/support/tickets/{ticketId}/replies':                    [401,  201,  403,  403,  403,  403,  201,  403,  201,  403,  403],
  'POST /api/support/tickets/{ticketId}/closure':                    [401,  200,  403,  403,  403,  403,  200,  403,  200,  403,  403],
};

//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const operations: Table<HttpRoute, number> = {
  'GET /health':                                                     [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200],
  // Every caller here asks from this machine, which may read the metrics (test/operations tries one from elsewhere).
  'GET /metrics':                                                    [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200],
};

// Web pages: anyone may load them; the watch page shows a channel, so an app needs the `public` scope, as on the channel API.
//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const webPages: Table<HttpRoute, number> = {
  'GET /{username}':                                                 [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  403],
  'GET /studio/go-live':                                             [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200],
  'GET /assets/{asset}':                                             [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200],
};

// The owner's channel is not live here: staff get 404 `not_live` (test/streams shows a shutdown end a stream).
//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const liveStreams: Table<HttpRoute, number> = {
  'GET /api/streams/live':                                           [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  403],
  'POST /api/streams/{channel}/shutdown':                            [401,  403,  403,  403,  403,  403,  404,  403,  404,  403,  403],
};

// WHIP and WHEP authorize by stream key (WHIP's bearer) or by the session's unguessable URL, never
// by role, so every role gets the same answer: an offer that is not application/sdp is 415 before
// anything else is looked at, an unknown session is 404, a CORS preflight is 204. The SDP flows,
// with keys and sessions, are test/gateway's.
//                                                                    anon  user  oMod  mod-  mod+ owner  supp  anal admin  app+  app-
const liveVideo: Table<HttpRoute, number> = {
  'POST /whip/{channel}':                                            [415,  415,  415,  415,  415,  415,  415,  415,  415,  415,  415],
  'OPTIONS /whip/{channel}':                                         [204,  204,  204,  204,  204,  204,  204,  204,  204,  204,  204],
  'PATCH /whip/{channel}/sessions/{sessionId}':                      [404,  404,  404,  404,  404,  404,  404,  404,  404,  404,  404],
  'DELETE /whip/{channel}/sessions/{sessionId}':                     [404,  404,  404,  404,  404,  404,  404,  404,  404,  404,  404],
  'OPTIONS /whip/{channel}/sessions/{sessionId}':                    [204,  204,  204,  204,  204,  204,  204,  204,  204,  204,  204],
  'POST /whep/{channel}':                                            [415,  415,  415,  415,  415,  415,  415,  415,  415,  415,  415],
  'OPTIONS /whep/{channel}':                                         [204,  204,  204,  204,  204,  204,  204,  204,  204,  204,  204],
  'DELETE /whep/{channel}/sessions/{sessionId}':                     [404,  404,  404,  404,  404,  404,  404,  404,  404,  404,  404],
  'OPTIONS /whep/{channel}/sessions/{sessionId}':                    [204,  204,  204,  204,  204,  204,  204,  204,  204,  204,  204],
};

const HTTP_TABLES = { accountsAndSessions, staffActionsOnUsers, channels, moderators, follows, moderation, reportsAndStaffQueue, chatOverHttp, developerApps, supportDesk, operations, webPages, liveStreams, liveVideo };

// WebSocket actions answer with a frame: its event, or `error:<code>` for a refusal.
//                            anon                         user             oMod             mod-             mod+           owner          supp           anal             admin          app+                         app-
const sockets: Table<SocketAction, string> = {
  'join /ws/chat':          ['joined',                     'joined',        'joined',        'joined',        'joined',      'joined',      'joined',      'joined',        'joined',      'joined',                    'error:missing_scope'],
  'leave /ws/chat':         ['left',                       'left',          'left',          'left',          'left',        'left',        'left',        'left',          'left',        'left',                      'left'],
  'send /ws/chat':          ['error:sign_in_required',     'sent',          'sent',          'sent',          'sent',        'sent',        'sent',        'sent',          'sent',        'error:user_session_required', 'error:user_session_required'],
  'delete /ws/chat':        ['error:sign_in_required',     'error:not_allowed_to_delete_messages', 'error:not_allowed_to_delete_messages', 'error:not_allowed_to_delete_messages', 'deleted', 'deleted', 'deleted', 'error:not_allowed_to_delete_messages', 'deleted', 'error:user_session_required', 'error:user_session_required'],
  'subscribe /ws/live':     ['subscribed',                 'subscribed',    'subscribed',    'subscribed',    'subscribed',  'subscribed',  'subscribed',  'subscribed',    'subscribed',  'subscribed',                'error:missing_scope'],
  'unsubscribe /ws/live':   ['unsubscribed',               'unsubscribed',  'unsubscribed',  'unsubscribed',  'unsubscribed', 'unsubscribed', 'unsubscribed', 'unsubscribed', 'unsubscribed', 'unsubscribed',            'unsubscribed'],
};

// Sanctions, over the routes they reach. A ban ends its user's sessions, and a banned or deleted
// owner's app tokens are not honoured: 401 wherever a token is read. A streaming suspension leaves
// everything but going live. The token endpoint is asked with the caller's own app's credentials
// (401 `invalid_client` for a suspended app); WHIP with the caller's own channel's stream key (403
// `globally_banned` / `streaming_suspended`; a deleted owner's channel is gone, so its key is 401).
//                                                          bann  susp  appB  appD
const sanctionedOverHttp: SanctionedTable<SanctionedHttpRoute, number> = {
  'GET /api/users/me':                                     [401,  200,  401,  401],
  'GET /api/channels/{username}':                          [401,  200,  401,  401],
  'GET /api/streams/live':                                 [401,  200,  401,  401],
  'POST /api/channels/{username}/chat/messages':           [401,  201,  401,  401],
  'PUT /api/channels/{username}/follow':                   [401,  200,  401,  401],
  'POST /api/apps':                                        [401,  201,  401,  401],
  'POST /api/oauth/token (own app)':                       [401,  200,  401,  401],
  'POST /whip/{channel} (own stream key)':                 [403,  403,  403,  401],
};

// A socket whose token no longer resolves is closed on connect (4001) before it answers a frame.
//                                                          bann          susp            appB          appD
const sanctionedOnSockets: SanctionedTable<SocketAction, string> = {
  'join /ws/chat':                                         ['closed:4001', 'joined',       'closed:4001', 'closed:4001'],
  'send /ws/chat':                                         ['closed:4001', 'sent',         'closed:4001', 'closed:4001'],
  'subscribe /ws/live':                                    ['closed:4001', 'subscribed',   'closed:4001', 'closed:4001'],
};

describe('authorization matrix: every route and WebSocket action, for every role', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let cast: Cast;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    cast = await Cast.assemble(platform);
  }, 120_000);
  afterAll(() => platform?.close());

  async function answersOverHttp(route: HttpRoute, role: Role, expected: number): Promise<void> {
    const spec: HttpRouteSpec = HTTP_ROUTES[route];
    const asked = cast.caller(role, spec.permission);
    const call = await spec.call(asked, cast);
    const caller = call.caller ?? asked;
    const before = await cast.headPosition();

    const answer = await api.request(route.split(' ')[0], call.path, { token: caller.token, body: call.body });
    if (answer.status < 300) cast.usedUp();

    expect({ status: answer.status, body: answer.body }).toMatchObject({ status: expected });
    if (answer.status >= 400) expect(await cast.headPosition()).toBe(before);
    expect(cast.secrets.exposedTo({ role, userId: caller.user?.userId, where: route }, answer.body)).toEqual([]);
    if (answer.status < 300) {
      call.check?.(answer.body, caller);
      cast.secrets.learnFrom(answer.body, caller.user?.userId);
    }
  }

  async function answersOnSocket(action: SocketAction, role: Role, expected: string): Promise<void> {
    const spec: SocketActionSpec = SOCKET_ACTIONS[action];
    const [event, path] = action.split(' ');
    const caller = cast.caller(role, spec.permission);
    const data = await spec.data(caller, cast);
    const socket = await SocketClient.connect(`${platform.wsUrl}${path}${caller.token ? `?token=${encodeURIComponent(caller.token)}` : ''}`);
    try {
      const before = await cast.headPosition();
      const reply = await socket.request(event, data, [spec.reply, 'error']);
      if (reply.event !== 'error') cast.usedUp();
      const answer = reply.event === 'error' ? `error:${reply.data.error}` : reply.event;
      expect({ answer, frame: reply }).toMatchObject({ answer: expected });
      if (reply.event === 'error') expect(await cast.headPosition()).toBe(before);
      expect(cast.secrets.exposedTo({ role, userId: caller.user?.userId, where: action }, reply)).toEqual([]);
    } finally {
      socket.close();
    }
  }

  async function sanctionedAnswerOverHttp(route: SanctionedHttpRoute, role: SanctionedRole, expected: number): Promise<void> {
    const caller = (await cast.sanctioned())[role];
    const spec: SanctionedRouteSpec = SANCTIONED_HTTP_ROUTES[route];
    const call: SanctionedCall = spec.call(caller, cast);
    const before = await cast.headPosition();
    const token = call.token ?? caller.token;
    const answer = call.raw
      ? await api.request(route.split(' ')[0], call.path, { token, rawBody: call.raw.body, headers: { 'content-type': call.raw.contentType } })
      : await api.request(route.split(' ')[0], call.path, { token, body: call.body });
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status: expected });
    if (answer.status >= 400) expect(await cast.headPosition()).toBe(before);
    expect(cast.secrets.exposedTo({ role, userId: caller.user?.userId, where: route }, answer.body)).toEqual([]);
  }

  async function sanctionedAnswerOnSocket(action: SocketAction, role: SanctionedRole, expected: string): Promise<void> {
    const spec: SocketActionSpec = SOCKET_ACTIONS[action];
    const [event, path] = action.split(' ');
    const sanctioned = (await cast.sanctioned())[role];
    const data = await spec.data(cast.caller('user'), cast);
    const socket = await SocketClient.connect(`${platform.wsUrl}${path}?token=${encodeURIComponent(sanctioned.token)}`);
    try {
      const before = await cast.headPosition();
      const since = socket.frames.length;
      socket.send(event, data);
      const answer = await until(`a reply to ${action} or the socket closing`, () => {
        const reply = socket.frames.slice(since).find((frame) => frame.event === spec.reply || frame.event === 'error');
        if (reply) return reply.event === 'error' ? `error:${reply.data.error}` : reply.event;
        return socket.closed ? `closed:${socket.closed.code}` : undefined;
      });
      expect(answer).toBe(expected);
      if (answer !== spec.reply) expect(await cast.headPosition()).toBe(before);
    } finally {
      socket.close();
    }
  }

  describe('the matrix leaves nothing out', () => {
    it('has a row for every route of the OpenAPI document and every route the controllers map, and none for a route there is not', async () => {
      const routes = [...new Set([...(await documentedRoutes(platform.baseUrl)), ...mappedRoutes(platform.app)])];
      const rows = Object.values(HTTP_TABLES).flatMap((table) => Object.keys(table) as HttpRoute[]);
      const rowed = new Set(rows.map(documentedRouteOf));
      expect(routes.length).toBeGreaterThan(0);
      expect({ withoutRow: routes.filter((route) => !rowed.has(route)), noSuchRoute: [...rowed].filter((route) => !routes.includes(route)) }).toEqual({ withoutRow: [], noSuchRoute: [] });
      expect(rows.length).toBe(new Set(rows).size);
    });

    it('has a row for every message every WebSocket gateway takes', () => {
      const actions = socketActions(platform.app);
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.sort()).toEqual(Object.keys(sockets).sort());
    });
  });

  describe.each(Object.entries(HTTP_TABLES))('%s', (_area, table) => {
    it.each(cells(table))('%s as %s answers %s', answersOverHttp);
  });

  describe('WebSockets', () => {
    it.each(cells(sockets))('%s as %s answers %s', answersOnSocket);
  });

  describe('sanctioned callers', () => {
    it('are tried only on routes the main tables have', () => {
      const rowed = new Set(Object.values(HTTP_TABLES).flatMap((table) => (Object.keys(table) as HttpRoute[]).map(documentedRouteOf)));
      const named = Object.keys(sanctionedOverHttp).map((route) => route.replace(/ \(.*\)$/, ''));
      expect(named.filter((route) => !rowed.has(route))).toEqual([]);
    });

    describe('over HTTP', () => {
      it.each(sanctionedCells(sanctionedOverHttp))('%s as %s answers %s', sanctionedAnswerOverHttp);
    });

    describe('on WebSockets', () => {
      it.each(sanctionedCells(sanctionedOnSockets))('%s as %s answers %s', sanctionedAnswerOnSocket);
    });
  });
});
