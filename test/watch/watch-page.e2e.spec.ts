import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { ApiClient, expectStatus } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest, appToken, headPosition } from '@glint/testing/platform';

const HTML = 'text/html; charset=utf-8';
const HOSTILE_TITLE = '<script>alert("owned")</script> & "friends"';

describe('the watch page and the go-live page', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let streamer: GivenUser;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    const given = new Given(platform);
    streamer = await given.user();
    expectStatus(await api.post('/api/channels', { title: HOSTILE_TITLE, tags: ['speedrun'] }, streamer.token), 201, 'opening a channel');
  }, 60_000);
  afterAll(() => platform?.close());

  function expectStrictPolicy(headers: Headers): void {
    const policy = headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
  }

  it("serves a channel's watch page to anyone, as HTML under a strict policy, with its title escaped", async () => {
    const before = await headPosition(platform);
    const page = await api.get<string>(`/${streamer.username}`);

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe(HTML);
    expectStrictPolicy(page.headers);
    expect(page.headers.get('permissions-policy')).toBe('camera=(), microphone=()');
    expect(page.body).toContain(`data-channel="${streamer.username}"`);
    expect(page.body).toContain('<video id="player" muted autoplay playsinline controls>');
    expect(page.body).toContain('<h1 id="title">&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; &quot;friends&quot;</h1>');
    expect(page.body).not.toContain('<script>alert');
    // The only script is the page's own file: nothing inline for the policy to refuse.
    expect(page.body.match(/<script\b[^>]*>/g)).toEqual(['<script src="/assets/watch.js" defer>']);
    expect(await headPosition(platform)).toBe(before);
  });

  it('finds the channel whatever the letter case of the address', async () => {
    const page = await api.get<string>(`/${streamer.username.toUpperCase()}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`data-channel="${streamer.username}"`);
  });

  it.each([
    ['a channel that never was', '/nobody_streams_here'],
    ['a name no username can have', '/not.a-username'],
    ['a name that is markup', `/${encodeURIComponent('<img src=x onerror=alert(1)>')}`],
  ])('answers %s with a 404 page', async (_, path) => {
    const page = await api.get<string>(path);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toBe(HTML);
    expectStrictPolicy(page.headers);
    expect(page.body).toContain('No such channel');
    expect(page.body).not.toContain('<img');
  });

  it("answers a deleted account's channel with a 404 page", async () => {
    const leaver = await new Given(platform).user();
    expectStatus(await api.post('/api/channels', { title: 'Farewell stream' }, leaver.token), 201, 'opening a channel');
    expect((await api.get(`/${leaver.username}`)).status).toBe(200);
    expectStatus(await api.delete('/api/users/me', leaver.token, { password: leaver.password }), 204, 'deleting the account');
    await platform.app.get<ReadModels>(READ_MODELS, { strict: false }).catchUp('channel_page', await headPosition(platform));

    const page = await api.get<string>(`/${leaver.username}`);
    expect(page.status).toBe(404);
    expect(page.body).not.toContain('Farewell stream');
  });

  it('refuses an app token without the public scope, as the channel API does', async () => {
    const token = await appToken(api, streamer.token, ['chat']);
    expect((await api.get(`/${streamer.username}`, token)).status).toBe(403);
    expect((await api.get(`/${streamer.username}`, await appToken(api, streamer.token, ['public']))).status).toBe(200);
  });

  it('serves the go-live page, which may use the camera and microphone and carries no key field value', async () => {
    const page = await api.get<string>('/studio/go-live');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe(HTML);
    expectStrictPolicy(page.headers);
    expect(page.headers.get('permissions-policy')).toBe('camera=(self), microphone=(self)');
    expect(page.body).toContain('<input id="stream-key" name="stream-key" type="password" required autocomplete="off">');
    expect(page.body.match(/<script\b[^>]*>/g)).toEqual(['<script src="/assets/go-live.js" defer>']);
  });

  it.each([
    ['/assets/watch.js', 'application/javascript; charset=utf-8', 'RTCPeerConnection'],
    ['/assets/go-live.js', 'application/javascript; charset=utf-8', 'getUserMedia'],
    ['/assets/glint.css', 'text/css; charset=utf-8', 'video'],
  ])('serves %s as %s', async (path, contentType, content) => {
    const asset = await api.get<string>(path);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe(contentType);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(asset.body).toContain(content);
  });

  it('answers an asset it does not have with 404', async () => {
    const asset = await api.get('/assets/admin.js');
    expect(asset.status).toBe(404);
    expect(asset.body).toMatchObject({ error: 'asset_not_found' });
  });

  it('leaves the API routes where they were', async () => {
    expect((await api.get('/health')).headers.get('content-type')).toMatch(/json/);
    expect((await api.get(`/api/channels/${streamer.username}`)).body).toMatchObject({ username: streamer.username, title: HOSTILE_TITLE });
  });
});
