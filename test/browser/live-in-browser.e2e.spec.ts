import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { ApiClient, expectStatus, until } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--headless=new',
];
const browserRequired = process.env.GLINT_REQUIRE_BROWSER === '1';
const browserMissing = !existsSync(CHROMIUM_PATH);
if (browserMissing && !browserRequired) {
  console.warn(`Skipping the browser test: there is no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`);
}
const describeInBrowser = browserMissing && !browserRequired ? describe.skip : describe;

/** The little of the watch page's window the test reads (the tests compile without the DOM's types). */
interface BrowserWindow {
  /** The watch page's RTCPeerConnection, while it plays. */
  glintPlayer?: { getStats(): Promise<Map<string, StatsReport>> } | null;
  RTCRtpSender: { getCapabilities(kind: 'video'): { codecs: Array<{ mimeType: string }> } | null };
}

interface StatsReport {
  id: string;
  type: string;
  kind?: string;
  codecId?: string;
  mimeType?: string;
  framesDecoded?: number;
  keyFramesDecoded?: number;
  frameWidth?: number;
}

interface DecodedVideo {
  framesDecoded: number;
  keyFramesDecoded: number;
  frameWidth: number;
  /** The codec the video arrives in, e.g. `video/H264`. */
  codec: string | null;
  /** Whether this browser can send H.264 at all (Playwright's own Chromium builds cannot). */
  canSendH264: boolean;
}

describeInBrowser('live video in headless Chromium: the go-live page publishes over WHIP, the watch page plays over WHEP', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let browser: Browser;
  let streamer: GivenUser;
  let streamKey: string;
  /** The pages' origin: `localhost` is a secure context, where the camera may be used; 127.0.0.1 is not. */
  let web: string;
  const policyViolations: string[] = [];

  beforeAll(async () => {
    if (browserMissing) throw new Error(`GLINT_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH).`);
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    web = platform.baseUrl.replace('127.0.0.1', 'localhost');
    streamer = await new Given(platform).user();
    streamKey = expectStatus(await api.post('/api/channels', { title: 'Speedrunning <live> from the browser', tags: ['speedrun'] }, streamer.token), 201, 'opening a channel').body.streamKey;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function openPage(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(`${path}: ${message.text()}`);
    });
    await page.goto(`${web}${path}`);
    return page;
  }

  async function goLive(context: BrowserContext): Promise<Page> {
    const studio = await openPage(context, '/studio/go-live');
    await studio.fill('#username', streamer.username);
    await studio.fill('#stream-key', streamKey);
    await studio.click('#go-live-button');
    await until('the go-live page to say it is on air', async () => /^Live/.test((await studio.textContent('#status')) ?? ''));
    return studio;
  }

  function decodedVideo(viewer: Page): Promise<DecodedVideo | null> {
    return viewer.evaluate(async () => {
      const browserWindow = globalThis as unknown as BrowserWindow;
      const pc = browserWindow.glintPlayer;
      if (!pc) return null;
      const reports = [...(await pc.getStats()).values()];
      const video = reports.find((report) => report.type === 'inbound-rtp' && report.kind === 'video');
      if (!video) return null;
      return {
        framesDecoded: video.framesDecoded ?? 0,
        keyFramesDecoded: video.keyFramesDecoded ?? 0,
        frameWidth: video.frameWidth ?? 0,
        codec: reports.find((report) => report.id === video.codecId)?.mimeType ?? null,
        canSendH264: (browserWindow.RTCRtpSender.getCapabilities('video')?.codecs ?? []).some((codec) => codec.mimeType === 'video/H264'),
      };
    });
  }

  /** Frames decoded past `atLeast` within the deadline, then still rising: the picture is moving. */
  async function expectPlaying(viewer: Page, atLeast: number, withinMs: number): Promise<void> {
    const first = await until(
      `more than ${atLeast} video frames decoded on the watch page`,
      async () => {
        const decoded = await decodedVideo(viewer);
        return decoded !== null && decoded.framesDecoded > atLeast && decoded;
      },
      { timeoutMs: withinMs },
    );
    expect(first.keyFramesDecoded).toBeGreaterThanOrEqual(1);
    expect(first.frameWidth).toBeGreaterThan(0);
    // The go-live page puts H.264 first where the browser has it, VP8 otherwise.
    expect(first.codec).toBe(first.canSendH264 ? 'video/H264' : 'video/VP8');
    await until('the decoded frame count to keep rising', async () => ((await decodedVideo(viewer))?.framesDecoded ?? 0) > first.framesDecoded + 10);
  }

  async function listed(): Promise<boolean> {
    const live = expectStatus(await api.get('/api/streams/live'), 200, 'reading the live listing');
    return (live.body.items as Array<{ channel: string }>).some((stream) => stream.channel === streamer.username);
  }

  it('plays the stream within 10 s, lists it, shows the chat, and drops it within 8 s of the publisher page closing', async () => {
    const studio = await goLive(await browser.newContext());
    const viewer = await openPage(await browser.newContext(), `/${streamer.username}`);

    await expectPlaying(viewer, 30, 10_000);
    await until('the live listing to show the channel', listed);
    await until('the watch page to say the channel is live', async () => (await viewer.textContent('#live-state')) === 'Live');
    expect(await viewer.textContent('#title')).toBe('Speedrunning <live> from the browser');

    // The chat beside the player shows what is said, as text.
    expectStatus(await api.post(`/api/channels/${streamer.username}/chat/messages`, { text: 'gg <b>wp</b>' }, streamer.token), 201, 'chatting');
    await until('the chat message on the watch page', async () => (await viewer.textContent('#chat-messages'))?.includes(`${streamer.username} gg <b>wp</b>`) ?? false);
    expect(await viewer.locator('#chat-messages b').allTextContents()).toEqual([streamer.username]);

    // The tab goes away without a DELETE: the gateway must notice by itself that the publisher is gone.
    await studio.close();
    await until('the live listing to drop the channel after its publisher vanished', async () => !(await listed()), { timeoutMs: 8_000 });
    await until('the watch page to say the channel went offline', async () => (await viewer.textContent('#live-state')) === 'Offline');
    expect(policyViolations).toEqual([]);
  }, 60_000);

  it('plays again when the channel comes back on air, and drops it at once after the streamer ends it', async () => {
    const viewer = await openPage(await browser.newContext(), `/${streamer.username}`);
    await until('the watch page to find the channel offline', async () => (await viewer.textContent('#live-state')) === 'Offline');

    const studio = await goLive(await browser.newContext());
    await expectPlaying(viewer, 30, 10_000);
    await until('the live listing to show the channel', listed);

    await studio.click('#end-stream');
    await until('the live listing to drop the channel after the WHIP DELETE', async () => !(await listed()), { timeoutMs: 1_500 });
    await until('the go-live page to confirm the end', async () => (await studio.textContent('#status')) === 'Stream ended.');
    expect(policyViolations).toEqual([]);
  }, 60_000);
});
