import { randomBytes } from 'node:crypto';
import { totpCode } from '@glint/testing/platform';
import type { Caller, Cast, Permission } from './cast';

/** One request as a route is really used: a valid body, and a fresh target where the route uses one up. */
export interface HttpCall {
  path: string;
  body?: unknown;
  /** Who sends it when not the role's usual session: a new account standing in for the role, or a new session. */
  caller?: Caller;
  /** What a successful answer must show this caller, or must not, beyond its status. */
  check?: (body: any, caller: Caller) => void;
}

export interface HttpRouteSpec {
  /** The moderator permission the route turns on: the `moderatorWithout` column lacks just that one. */
  permission?: Permission;
  /** Makes what the request needs, through the platform's own routes, and describes the request. */
  call(caller: Caller, cast: Cast): Promise<HttpCall>;
}

const STAFF_REASON = { reason: 'Posts spam links in every chat' };
const LOOK_REASON = `reason=${encodeURIComponent('Ticket: follows disappeared')}`;
const NO_PERMISSIONS = { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false };
/** A TOTP code for callers the platform refuses before it looks at the code. */
const ANY_CODE = '123456';

function noStreamKey(body: unknown): void {
  expect(JSON.stringify(body)).not.toMatch(/streamKey|keyHash/i);
}

/**
 * Every route of the API, by `METHOD /path` as the OpenAPI document names it (with what sets a
 * request apart in brackets where a route's body decides who may send it), and how the matrix
 * calls it. Callers stand for their role; where a request would change or end the cast's own
 * account or session, a new account (or session) in the same standing sends it instead.
 */
export const HTTP_ROUTES = {
  // Accounts and sessions
  'POST /api/accounts': {
    call: async () => {
      const username = `az_${randomBytes(8).toString('hex')}`;
      return { path: '/api/accounts', body: { username, email: `${username}@glint.test`, password: 'correct horse battery staple' } };
    },
  },
  'POST /api/accounts/email-confirmation': {
    call: async (_caller, cast) => ({ path: '/api/accounts/email-confirmation', body: { token: await cast.confirmationToken() } }),
  },
  'POST /api/accounts/password-reset': {
    // Anyone may ask, signed in or not; the answer is the same whether an account uses the address.
    call: async (_caller, cast) => ({ path: '/api/accounts/password-reset', body: { email: (await cast.accountWithEmail()).email } }),
  },
  'POST /api/accounts/password-reset/confirm': {
    call: async (_caller, cast) => ({ path: '/api/accounts/password-reset/confirm', body: { token: await cast.passwordResetToken(), newPassword: 'a brand new passphrase' } }),
  },
  'POST /api/accounts/email-confirmation/resend': {
    // An hour-old account whose address is not confirmed: the first mail's minute has passed.
    call: async (caller, cast) => ({ path: '/api/accounts/email-confirmation/resend', caller: await cast.standIn(caller, { confirmed: false, ageHours: 1 }) }),
  },
  'POST /api/sessions': {
    call: async (_caller, cast) => ({ path: '/api/sessions', body: { username: cast.signInTarget.username, password: cast.signInTarget.password } }),
  },
  'DELETE /api/sessions/current': {
    call: async (caller, cast) => ({ path: '/api/sessions/current', caller: await cast.newSession(caller) }),
  },
  'GET /api/users/me': {
    call: async () => ({ path: '/api/users/me', check: (body, caller) => expect(body).toMatchObject({ userId: caller.user!.userId, email: caller.user!.email }) }),
  },
  'DELETE /api/users/me': {
    call: async (caller, cast) => {
      const standIn = await cast.standIn(caller);
      return { path: '/api/users/me', body: { password: standIn.user?.password ?? 'correct horse battery staple' }, caller: standIn };
    },
  },
  'PUT /api/users/me/password': {
    call: async (caller, cast) => {
      const standIn = await cast.standIn(caller);
      return { path: '/api/users/me/password', body: { currentPassword: standIn.user?.password ?? 'correct horse battery staple', newPassword: 'another horse battery staple' }, caller: standIn };
    },
  },
  'POST /api/users/me/two-factor': {
    call: async () => ({ path: '/api/users/me/two-factor' }),
  },
  'POST /api/users/me/two-factor/confirmation': {
    call: async (caller, cast) => {
      const standIn = await cast.standIn(caller);
      const code = standIn.user ? totpCode(await cast.twoFactorSecret(standIn)) : ANY_CODE;
      return { path: '/api/users/me/two-factor/confirmation', body: { code }, caller: standIn };
    },
  },
  'DELETE /api/users/me/two-factor': {
    call: async (caller, cast) => {
      const standIn = await cast.standIn(caller);
      // The code that turned it on may not turn it off: the next time step's code is a new one.
      const code = standIn.user ? totpCode(await cast.twoFactorEnabled(standIn), 1) : ANY_CODE;
      return { path: '/api/users/me/two-factor', body: { code }, caller: standIn };
    },
  },
  'GET /api/users/{username}': {
    call: async (_caller, cast) => ({
      path: `/api/users/${cast.owner.username}`,
      // Not even to its owner: a public profile is what anyone sees.
      check: (body) => {
        expect(body).not.toHaveProperty('email');
        expect(JSON.stringify(body)).not.toContain(cast.owner.email);
      },
    }),
  },

  // Staff actions on users
  'POST /api/staff/users/{userId}/global-ban': {
    call: async (_caller, cast) => ({ path: `/api/staff/users/${(await cast.kept('a user to ban', () => cast.account())).userId}/global-ban`, body: STAFF_REASON }),
  },
  'DELETE /api/staff/users/{userId}/global-ban': {
    call: async (_caller, cast) => {
      const { userId } = await cast.kept('a banned user', async () => {
        const banned = await cast.account();
        await cast.setUp(cast.staff.admin, 'POST', `/api/staff/users/${banned.userId}/global-ban`, STAFF_REASON, 204);
        return banned;
      });
      return { path: `/api/staff/users/${userId}/global-ban` };
    },
  },
  'POST /api/staff/users/{userId}/streaming-suspension': {
    call: async (_caller, cast) => ({ path: `/api/staff/users/${(await cast.kept('a streamer to suspend', () => cast.account())).userId}/streaming-suspension`, body: STAFF_REASON }),
  },
  'DELETE /api/staff/users/{userId}/streaming-suspension': {
    call: async (_caller, cast) => {
      const { userId } = await cast.kept('a suspended streamer', async () => {
        const suspended = await cast.account();
        await cast.setUp(cast.staff.admin, 'POST', `/api/staff/users/${suspended.userId}/streaming-suspension`, STAFF_REASON, 204);
        return suspended;
      });
      return { path: `/api/staff/users/${userId}/streaming-suspension` };
    },
  },
  'PUT /api/staff/users/{userId}/staff-role': {
    call: async (_caller, cast) => ({ path: `/api/staff/users/${(await cast.kept('a user to make staff', () => cast.account())).userId}/staff-role`, body: { role: 'analyst' } }),
  },
  'DELETE /api/staff/users/{userId}/staff-role': {
    call: async (_caller, cast) => {
      const { userId } = await cast.kept('a member of staff', async () => {
        const analyst = await cast.account();
        await cast.setUp(cast.staff.admin, 'PUT', `/api/staff/users/${analyst.userId}/staff-role`, { role: 'analyst' }, 204);
        return analyst;
      });
      return { path: `/api/staff/users/${userId}/staff-role` };
    },
  },

  // Channels
  'POST /api/channels': {
    // The owner's stand-in has a channel already, as every owner does.
    call: async (caller, cast) => ({ path: '/api/channels', body: { title: 'My first stream' }, caller: await cast.standIn(caller) }),
  },
  'GET /api/channels/{username}': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}`, check: noStreamKey }),
  },
  'PATCH /api/channels/{username}': {
    permission: 'edit',
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}`, body: { title: cast.unique('Speedrun night') } }),
  },
  // Editors change what a viewer browses by; the language and the mature flag are the owner's.
  'PATCH /api/channels/{username} (language, mature)': {
    permission: 'edit',
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}`, body: { language: 'de', mature: true } }),
  },
  'PATCH /api/channels/{username}/chat-settings': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/chat-settings`, body: { chatRules: cast.unique('Be kind') } }),
  },
  'POST /api/channels/{username}/stream-key': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/stream-key` }),
  },
  'GET /api/channels/{username}/streams': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/streams`, check: noStreamKey }),
  },
  // A broadcast's health is the owner's, its editors' and the support desk's.
  'GET /api/channels/{username}/streams/{streamId}/health': {
    permission: 'edit',
    call: async (_caller, cast) => ({
      path: `/api/channels/${cast.owner.username}/streams/${await cast.pastBroadcast()}/health`,
      check: (body) => expect(body.items).toEqual([expect.objectContaining({ bitrateKbps: expect.any(Number) })]),
    }),
  },

  // Channel moderators
  'GET /api/channels/{username}/moderators': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/moderators`, check: noStreamKey }),
  },
  'PUT /api/channels/{username}/moderators/{moderatorUsername}': {
    call: async (_caller, cast) => ({
      path: `/api/channels/${cast.owner.username}/moderators/${(await cast.kept('a user to appoint', () => cast.account())).username}`,
      body: { permissions: { ...NO_PERMISSIONS, timeout: true } },
    }),
  },
  'DELETE /api/channels/{username}/moderators/{moderatorUsername}': {
    call: async (_caller, cast) => {
      const { username } = await cast.kept('an appointed moderator', async () => {
        const moderator = await cast.account();
        await cast.setUp(cast.owner, 'PUT', `/api/channels/${cast.owner.username}/moderators/${moderator.username}`, { permissions: { ...NO_PERMISSIONS, timeout: true } }, 200);
        return moderator;
      });
      return { path: `/api/channels/${cast.owner.username}/moderators/${username}` };
    },
  },

  // Follows
  'PUT /api/channels/{username}/follow': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/follow`, body: { liveNotifications: true } }),
  },
  'DELETE /api/channels/{username}/follow': {
    call: async (caller, cast) => {
      const path = `/api/channels/${cast.owner.username}/follow`;
      if (caller.user && caller.role !== 'owner') await cast.setUp(caller.user, 'PUT', path, { liveNotifications: false }, 200);
      return { path };
    },
  },
  'GET /api/channels/{username}/followers': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/followers` }),
  },
  'GET /api/users/{username}/following': {
    call: async (_caller, cast) => ({ path: `/api/users/${cast.user.username}/following` }),
  },

  // Moderation
  'POST /api/channels/{username}/timeouts': {
    permission: 'timeout',
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/timeouts`, body: { user: (await cast.kept('a chatter to time out', () => cast.account())).username, durationSeconds: 600, reason: 'Spam' } }),
  },
  'DELETE /api/channels/{username}/timeouts/{targetUsername}': {
    permission: 'unTimeout',
    call: async (_caller, cast) => {
      const { username } = await cast.kept('a timed-out chatter', async () => {
        const chatter = await cast.account();
        await cast.setUp(cast.owner, 'POST', `/api/channels/${cast.owner.username}/timeouts`, { user: chatter.username, durationSeconds: 600 }, 201);
        return chatter;
      });
      return { path: `/api/channels/${cast.owner.username}/timeouts/${username}` };
    },
  },
  'POST /api/channels/{username}/bans': {
    permission: 'ban',
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/bans`, body: { user: (await cast.kept('a chatter to ban', () => cast.account())).username, reason: 'Hate speech' } }),
  },
  'DELETE /api/channels/{username}/bans/{targetUsername}': {
    permission: 'unban',
    call: async (_caller, cast) => {
      const { username } = await cast.kept('a banned chatter', async () => {
        const chatter = await cast.account();
        await cast.setUp(cast.owner, 'POST', `/api/channels/${cast.owner.username}/bans`, { user: chatter.username }, 201);
        return chatter;
      });
      return { path: `/api/channels/${cast.owner.username}/bans/${username}` };
    },
  },
  'GET /api/channels/{username}/moderation-log': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/moderation-log` }),
  },
  'GET /api/channels/{username}/standing/{targetUsername}': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/standing/${cast.bystander.username}` }),
  },

  // Reports and the staff queue
  'POST /api/reports': {
    call: async (_caller, cast) => ({
      path: '/api/reports',
      body: { target: cast.bystander.username, where: 'chat', why: 'other', notes: 'Spams the same link in every chat', channel: cast.owner.username },
    }),
  },
  'GET /api/staff/reports': {
    call: async (_caller, cast) => ({ path: '/api/staff/reports', check: (body) => expect(body.items).toContainEqual(expect.objectContaining({ reporter: expect.objectContaining({ userId: cast.user.userId }) })) }),
  },
  'POST /api/staff/reports/{reportId}/resolution': {
    call: async (_caller, cast) => ({ path: `/api/staff/reports/${await cast.kept('an open report', () => cast.report())}/resolution`, body: { resolution: 'dismissed', note: 'Nothing against the rules.' } }),
  },
  'GET /api/staff/audit-log': {
    call: async () => ({ path: '/api/staff/audit-log' }),
  },

  // Chat over HTTP
  'GET /api/channels/{username}/chat/messages': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/chat/messages` }),
  },
  'POST /api/channels/{username}/chat/messages': {
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/chat/messages`, body: { text: 'hello chat' } }),
  },
  'DELETE /api/channels/{username}/chat/messages/{messageId}': {
    permission: 'deleteMessage',
    call: async (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/chat/messages/${await cast.kept('a message', () => cast.message())}` }),
  },

  // Developer apps
  'POST /api/apps': {
    call: async () => ({ path: '/api/apps', body: { name: 'Clip Bot', scopes: ['public'] } }),
  },
  'GET /api/apps': {
    call: async (_caller, cast) => ({
      path: '/api/apps',
      check: (body, caller) => {
        const listed = (body.items as Array<{ appId: string }>).map((app) => app.appId);
        if (caller.role === 'owner') expect(listed).toContain(cast.rotatedApp.appId);
        else expect(listed).not.toContain(cast.rotatedApp.appId);
      },
    }),
  },
  'POST /api/apps/{appId}/secret': {
    call: async (_caller, cast) => ({ path: `/api/apps/${cast.rotatedApp.appId}/secret` }),
  },
  'DELETE /api/apps/{appId}': {
    call: async (_caller, cast) => ({ path: `/api/apps/${await cast.kept('an app of the owner', () => cast.ownersApp())}` }),
  },
  'GET /api/staff/users/{userId}/apps': {
    call: async (_caller, cast) => ({
      path: `/api/staff/users/${cast.owner.userId}/apps`,
      check: (body) => expect(body.items).toContainEqual(expect.objectContaining({ appId: cast.publicApp.appId, suspended: false, suspension: null })),
    }),
  },
  'POST /api/oauth/token': {
    // The client credentials are the authorization here, whoever else the request comes from.
    call: async (_caller, cast) => ({
      path: '/api/oauth/token',
      body: { grant_type: 'client_credentials', client_id: cast.publicApp.clientId, client_secret: cast.publicApp.clientSecret },
    }),
  },

  // The support desk
  'GET /api/support/accounts/{userId}/history': {
    call: async (_caller, cast) => ({
      path: `/api/support/accounts/${cast.bystander.userId}/history?${LOOK_REASON}&types=UserRegistered`,
      check: (body) => expect(body.items).toContainEqual(expect.objectContaining({ type: 'UserRegistered', data: expect.objectContaining({ email: cast.bystander.email }) })),
    }),
  },
  'GET /api/support/accounts/{userId}/state': {
    call: async (_caller, cast) => ({
      path: `/api/support/accounts/${cast.bystander.userId}/state?${LOOK_REASON}`,
      check: (body) => expect(body.profile).toMatchObject({ username: cast.bystander.username, email: cast.bystander.email }),
    }),
  },
  'POST /api/support/tickets': {
    call: async () => ({ path: '/api/support/tickets', body: { subject: 'Where is my payout?', body: 'It was due on Monday.' } }),
  },
  'GET /api/support/tickets': {
    call: async (_caller, cast) => ({
      path: '/api/support/tickets',
      check: (body, caller) => {
        const owners = (body.items as Array<{ ticketId: string; userId: string }>).map((ticket) => ticket.userId);
        if (caller.role === 'support' || caller.role === 'admin') expect(owners).toContain(cast.user.userId);
        else expect(owners.filter((owner) => owner !== caller.user!.userId)).toEqual([]);
      },
    }),
  },
  'GET /api/support/tickets/{ticketId}': {
    call: async (_caller, cast) => ({ path: `/api/support/tickets/${cast.usersTicket}` }),
  },
  'POST /api/support/tickets/{ticketId}/replies': {
    call: async (_caller, cast) => ({ path: `/api/support/tickets/${cast.usersTicket}/replies`, body: { body: 'Any news?' } }),
  },
  'POST /api/support/tickets/{ticketId}/closure': {
    call: async (_caller, cast) => ({ path: `/api/support/tickets/${await cast.kept('an open ticket', () => cast.ticket())}/closure` }),
  },

  // Operations
  'GET /health': {
    call: async () => ({ path: '/health' }),
  },
  'GET /metrics': {
    call: async () => ({ path: '/metrics' }),
  },

  // Live video (WHIP/WHEP): no role opens these; a stream key or a session's URL does (test/gateway).
  'POST /whip/{channel}': {
    call: async (_caller, cast) => ({ path: `/whip/${cast.owner.username}` }),
  },
  'OPTIONS /whip/{channel}': {
    call: async (_caller, cast) => ({ path: `/whip/${cast.owner.username}` }),
  },
  'PATCH /whip/{channel}/sessions/{sessionId}': {
    call: async (_caller, cast) => ({ path: `/whip/${cast.owner.username}/sessions/${randomBytes(32).toString('base64url')}` }),
  },
  'DELETE /whip/{channel}/sessions/{sessionId}': {
    call: async (_caller, cast) => ({ path: `/whip/${cast.owner.username}/sessions/${randomBytes(32).toString('base64url')}` }),
  },
  'OPTIONS /whip/{channel}/sessions/{sessionId}': {
    call: async (_caller, cast) => ({ path: `/whip/${cast.owner.username}/sessions/${randomBytes(32).toString('base64url')}` }),
  },
  'POST /whep/{channel}': {
    call: async (_caller, cast) => ({ path: `/whep/${cast.owner.username}` }),
  },
  'OPTIONS /whep/{channel}': {
    call: async (_caller, cast) => ({ path: `/whep/${cast.owner.username}` }),
  },
  'DELETE /whep/{channel}/sessions/{sessionId}': {
    call: async (_caller, cast) => ({ path: `/whep/${cast.owner.username}/sessions/${randomBytes(32).toString('base64url')}` }),
  },
  'OPTIONS /whep/{channel}/sessions/{sessionId}': {
    call: async (_caller, cast) => ({ path: `/whep/${cast.owner.username}/sessions/${randomBytes(32).toString('base64url')}` }),
  },

  // Web pages
  'GET /{username}': {
    call: async (_caller, cast) => ({ path: `/${cast.owner.username}`, check: noStreamKey }),
  },
  'GET /studio/go-live': {
    call: async () => ({ path: '/studio/go-live' }),
  },
  'GET /assets/{asset}': {
    call: async () => ({ path: '/assets/watch.js' }),
  },

  // Live streams
  'GET /api/streams/live': {
    call: async () => ({ path: '/api/streams/live?sort=recent' }),
  },
  'POST /api/streams/{channel}/shutdown': {
    call: async (_caller, cast) => ({ path: `/api/streams/${cast.owner.username}/shutdown`, body: { reason: 'Shows a film it has no rights to' } }),
  },
} satisfies Record<string, HttpRouteSpec>;

export type HttpRoute = keyof typeof HTTP_ROUTES;

/** `PATCH /api/channels/{username} (language, mature)` → `PATCH /api/channels/{username}`. */
export function documentedRouteOf(route: HttpRoute): string {
  return route.replace(/ \(.*\)$/, '');
}
