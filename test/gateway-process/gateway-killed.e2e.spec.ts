import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { holdNativePeers } from '@glint/gateway/media';
import { freePort } from '@glint/database';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { EVENT_STORE } from '@glint/runtime';
import { freeUdpPort, PacedEncoder, SyntheticPublisher } from '@glint/testing/gateway';
import { ApiClient, expectStatus, until } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

const ROOT = join(__dirname, '../..');
const GATEWAY_ID = `gateway-killed-${process.pid}`;

/**
 * A gateway run apart (apps/gateway) beside the platform, on the same database: it holds the
 * channel published to it, the platform's own gateway redirects viewers to it, and when it is
 * killed outright the platform's worker ends its stream (`gateway_lost`) and the listing drops it
 * within 15 seconds.
 */
describe('a gateway process killed during a stream', () => {
  // The test's own peers hold node-datachannel's native side until they are closed.
  const releaseNativePeers = holdNativePeers();
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let ana: GivenUser;
  let streamKey: string;
  let gateway: ChildProcess | null = null;
  let gatewayUrl: string;
  const gatewayOutput: string[] = [];
  let publisher: SyntheticPublisher | null = null;
  let encoder: PacedEncoder | null = null;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    ana = await new Given(platform).user();
    streamKey = expectStatus(await api.post('/api/channels', { title: 'Ana speedruns', category: 'gaming', tags: ['speedrun'] }, ana.token), 201, 'creating a channel').body.streamKey;
    const port = await freePort();
    gatewayUrl = `http://127.0.0.1:${port}`;
    gateway = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'apps/gateway/src/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        DATABASE_URL: platform.databaseUrl,
        PORT: String(port),
        GATEWAY_ID,
        GATEWAY_UDP_PORT: String(await freeUdpPort()),
        GATEWAY_UDP_BIND: '127.0.0.1',
        GATEWAY_PUBLIC_URL: gatewayUrl,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    gateway.stdout?.on('data', (chunk: Buffer) => gatewayOutput.push(chunk.toString()));
    gateway.stderr?.on('data', (chunk: Buffer) => gatewayOutput.push(chunk.toString()));
    await until('the gateway to answer', async () => (await fetch(`${gatewayUrl}/whep/${ana.username}`, { method: 'OPTIONS' }).catch(() => null))?.status === 204, {
      timeoutMs: 60_000,
      explain: () => `The gateway said:\n${gatewayOutput.join('')}`,
    });
  }, 90_000);

  afterAll(async () => {
    encoder?.stop();
    publisher?.close();
    gateway?.kill('SIGKILL');
    await platform?.close();
    await releaseNativePeers();
  });

  it('answers its health check for its dependencies and heartbeat, with what it holds', async () => {
    const response = await fetch(`${gatewayUrl}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; info: Record<string, Record<string, unknown>> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.info).sort()).toEqual(['database', 'eventStore', 'gateway', 'redis']);
    expect(body.info.gateway).toMatchObject({ status: 'up', id: GATEWAY_ID, enabled: true, publishers: 0, viewers: 0, connectedViewers: 0 });
    expect(Date.now() - Date.parse(String(body.info.gateway.lastHeartbeatAt))).toBeLessThan(10_000);
  });

  it('is redirected to while it holds the stream, and its stream ends as gateway_lost and leaves the listing within 15 s of its death', async () => {
    publisher = await SyntheticPublisher.connect(
      async (offer) => {
        const response = await fetch(`${gatewayUrl}/whip/${ana.username}`, { method: 'POST', headers: { 'content-type': 'application/sdp', authorization: `Bearer ${streamKey}` }, body: offer });
        if (response.status !== 201) throw new Error(`WHIP answered ${response.status}: ${await response.text()}`);
        return response.text();
      },
      { withoutCandidates: true, bindAddress: '127.0.0.1' },
    );
    encoder = new PacedEncoder(publisher, { packetsPerFrame: 4, packetBytes: 1000, tickMs: 33, keyframeEvery: 30 });
    encoder.start();

    await until('the stream in the live listing', async () => (await liveUsernames()).includes(ana.username), { timeoutMs: 15_000 });
    const started = (await events()).find((event) => event.type === 'StreamStarted');
    expect(started?.data).toMatchObject({ gatewayId: GATEWAY_ID, title: 'Ana speedruns', tags: ['speedrun'] });

    const health = (await (await fetch(`${gatewayUrl}/health`)).json()) as { info: { gateway: { publishers: number } } };
    expect(health.info.gateway.publishers).toBe(1);

    const redirected = await fetch(`${platform.baseUrl}/whep/${ana.username}`, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: 'v=0\r\n', redirect: 'manual' });
    expect(redirected.status).toBe(307);
    expect(redirected.headers.get('location')).toBe(`${gatewayUrl}/whep/${ana.username}`);

    gateway?.kill('SIGKILL');
    const killedAt = Date.now();
    await until('the stream to leave the listing', async () => !(await liveUsernames()).includes(ana.username), { timeoutMs: 15_000 });
    const ended = (await events()).find((event) => event.type === 'StreamEnded');
    expect(ended?.data).toMatchObject({ reason: 'gateway_lost', gatewayId: GATEWAY_ID });
    expect(Date.now() - killedAt).toBeLessThan(15_000);
  }, 60_000);

  async function liveUsernames(): Promise<string[]> {
    const response = await api.get<{ items: Array<{ channel: string }> }>(`/api/streams/live`);
    return response.status === 200 ? response.body.items.map((stream) => stream.channel) : [];
  }

  async function events(): Promise<RecordedEvent<string, Record<string, unknown>>[]> {
    const store = platform.app.get<EventStore>(EVENT_STORE, { strict: false });
    return (await store.readAll({ fromPosition: 0, maxCount: 10_000 })).filter((event) => (event.data as { channelId?: string }).channelId === ana.userId) as RecordedEvent<string, Record<string, unknown>>[];
  }
});
