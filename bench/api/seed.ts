/**
 * The channel the benchmark loads, made the way users make one: through Glint's public HTTP API.
 */
const PASSWORD = 'glint-bench-password';
const STREAMER = 'bench_streamer';
/** Argon2 hashes each password: a few at a time keep two cores busy without queueing the rest. */
const SIGN_UPS_AT_ONCE = 4;

export interface SeededChannel {
  username: string;
  channelId: string;
  ownerToken: string;
  /** Session tokens of the viewers who follow the channel. */
  viewerTokens: string[];
}

export interface ChannelPage {
  body: Buffer;
  contentType: string;
}

class GlintApi {
  constructor(private readonly baseUrl: string) {}

  async call<Body>(method: string, path: string, expected: number, body?: unknown, token?: string): Promise<Body> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path} answered ${response.status}, expected ${expected}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as Body;
  }

  /** Registers a user and signs them in; returns the session token. */
  async signUp(username: string): Promise<string> {
    await this.call('POST', '/api/accounts', 201, { username, email: `${username}@example.com`, password: PASSWORD });
    return (await this.call<{ token: string }>('POST', '/api/sessions', 201, { username, password: PASSWORD })).token;
  }
}

export async function seedChannel(baseUrl: string, viewers: number, onViewer: () => void): Promise<SeededChannel> {
  const api = new GlintApi(baseUrl);
  const ownerToken = await api.signUp(STREAMER);
  const created = await api.call<{ channel: { channelId: string; username: string } }>(
    'POST',
    '/api/channels',
    201,
    { title: 'Speedrunning practice, any% route', category: 'gaming', subcategory: 'Platformers', tags: ['speedrun', 'retro'], language: 'en' },
    ownerToken,
  );
  const { channelId, username } = created.channel;

  const viewerTokens: string[] = [];
  let next = 0;
  const signUpViewers = async () => {
    while (next < viewers) {
      const name = `bench_viewer_${String(next++).padStart(3, '0')}`;
      const token = await api.signUp(name);
      await api.call('PUT', `/api/channels/${username}/follow`, 200, { liveNotifications: true }, token);
      viewerTokens.push(token);
      onViewer();
    }
  };
  await Promise.all(Array.from({ length: Math.min(SIGN_UPS_AT_ONCE, viewers) }, signUpViewers));
  return { username, channelId, ownerToken, viewerTokens };
}

/** The channel page as anyone reads it, once every follow shows in it. */
export async function channelPage(baseUrl: string, username: string, followers: number): Promise<ChannelPage> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/channels/${username}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`GET /api/channels/${username} answered ${response.status}: ${body.toString()}`);
    const { followerCount } = JSON.parse(body.toString()) as { followerCount: number };
    if (followerCount === followers) return { body, contentType: response.headers.get('content-type') ?? 'application/json' };
    if (Date.now() > deadline) throw new Error(`The channel page shows ${followerCount} followers, not the ${followers} who followed it`);
    await new Promise((done) => setTimeout(done, 200));
  }
}
