import type { Cast, SanctionedCaller } from './cast';

/** One request of a sanctioned caller, as the route is really used by someone in their place. */
export interface SanctionedCall {
  path: string;
  body?: unknown;
  /** A body sent as it is, with its content type: an encoder's SDP offer. */
  raw?: { body: string; contentType: string };
  /** The bearer token sent, when not the caller's own: an encoder sends its stream key. */
  token?: string;
}

export interface SanctionedRouteSpec {
  call(caller: SanctionedCaller, cast: Cast): SanctionedCall;
}

/** An offer well formed enough to reach the stream-key and standing checks, which come before the SDP's own. */
const OFFER = 'v=0\r\n';

/**
 * The routes a sanction reaches, by the name the main tables give them (with what sets the request
 * apart in brackets): what a banned or suspended person, or an app of a banned or deleted owner,
 * gets when they try.
 */
export const SANCTIONED_HTTP_ROUTES = {
  'GET /api/users/me': { call: () => ({ path: '/api/users/me' }) },
  'GET /api/channels/{username}': { call: (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}` }) },
  'GET /api/streams/live': { call: () => ({ path: '/api/streams/live?sort=recent' }) },
  'POST /api/channels/{username}/chat/messages': { call: (_caller, cast) => ({ path: `/api/channels/${cast.owner.username}/chat/messages`, body: { text: 'hello chat' } }) },
  'PUT /api/channels/{username}/follow': { call: (_caller, cast) => ({ path: `/api/channels/${cast.otherOwner.username}/follow`, body: { liveNotifications: false } }) },
  'POST /api/apps': { call: () => ({ path: '/api/apps', body: { name: 'Clip Bot', scopes: ['public'] } }) },
  'POST /api/oauth/token (own app)': {
    call: (caller) => ({ path: '/api/oauth/token', body: { grant_type: 'client_credentials', client_id: caller.app.clientId, client_secret: caller.app.clientSecret } }),
  },
  'POST /whip/{channel} (own stream key)': {
    call: (caller) => ({ path: `/whip/${caller.channel}`, token: caller.streamKey, raw: { body: OFFER, contentType: 'application/sdp' } }),
  },
} satisfies Record<string, SanctionedRouteSpec>;

export type SanctionedHttpRoute = keyof typeof SANCTIONED_HTTP_ROUTES;
