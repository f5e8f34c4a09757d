/**
 * Live updates under load, from a process of its own: `subscribers` sockets follow one channel while
 * its owner changes the title `updatesPerSecond` times a second. Each title carries a sequence number,
 * so every subscriber times its frame from the moment the change was sent. Started by bench/api.ts
 * with its settings as JSON in argv; prints its result as one JSON line on stdout.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { Progress } from '../progress';
import { LatencyRecorder, type Percentiles } from '../stats';
import { sendPaced, type PacedRequest } from './paced-requests';
import { countCpu, type CpuSeconds } from './process-cpu';

export interface LiveLoadSettings {
  label: string;
  /** Glint takes `PATCH /api/channels/:username` from the owner; the floor a POST of the finished frame. */
  server: 'glint' | 'bare';
  socketUrl: string;
  updateUrl: string;
  channelId: string;
  username: string;
  ownerToken: string;
  /** Sockets sign in with these in turn, as viewers' browsers do (`?token=`). */
  socketTokens: string[];
  subscribers: number;
  updatesPerSecond: number;
  seconds: number;
  warmupSeconds: number;
  serverPid: number;
  databasePid?: number;
}

export interface LiveLoadResult {
  updates: { responses: number; seconds: number; requestsPerSecond: number; latency: Percentiles; errors: number; non2xx: number; firstNon2xx: string | null };
  /** `socketsClosed`: sockets the server closed after they subscribed (a slow reader is cut off). */
  delivery: { expected: number; delivered: number; framesPerSecond: number; latency: Percentiles; socketsClosed: number };
  cpu: CpuSeconds;
}

const SOCKETS_OPENED_AT_ONCE = 20;
/** How long frames may still arrive after the last change was answered. */
const DRAIN_MS = 5_000;
const TITLE_PREFIX = 'Live update ';

class Subscribers {
  private readonly sockets: WebSocket[] = [];
  private readonly sentAt = new Map<number, number>();
  private timedFrom = Number.POSITIVE_INFINITY;
  private delivered = 0;
  private lastFrameAt = 0;
  private socketsClosed = 0;
  private closing = false;
  private latency = new LatencyRecorder();
  private onFrame: () => void = () => undefined;

  constructor(private readonly settings: LiveLoadSettings) {}

  async open(): Promise<void> {
    let next = 0;
    const opener = async () => {
      while (next < this.settings.subscribers) this.sockets.push(await this.subscribe(next++));
    };
    await Promise.all(Array.from({ length: SOCKETS_OPENED_AT_ONCE }, opener));
  }

  /** Frames of changes from `firstTimed` on count; earlier ones were the warm-up. */
  startTiming(firstTimed: number): void {
    this.timedFrom = firstTimed;
    this.delivered = 0;
    this.lastFrameAt = 0;
    this.latency = new LatencyRecorder();
  }

  sent(sequence: number, at: number): void {
    this.sentAt.set(sequence, at);
  }

  /** Resolves once `expected` timed frames arrived, or `timeoutMs` after the call. */
  delivery(expected: number, timeoutMs: number): Promise<{ delivered: number; lastFrameAt: number; latency: Percentiles; socketsClosed: number }> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.onFrame = () => undefined;
        resolve({ delivered: this.delivered, lastFrameAt: this.lastFrameAt, latency: this.latency.percentiles(), socketsClosed: this.socketsClosed });
      };
      const timer = setTimeout(done, timeoutMs);
      this.onFrame = () => {
        if (this.delivered >= expected) done();
      };
      this.onFrame();
    });
  }

  close(): void {
    this.closing = true;
    for (const socket of this.sockets) socket.terminate();
  }

  private subscribe(index: number): Promise<WebSocket> {
    const { socketUrl, socketTokens, username } = this.settings;
    const token = socketTokens.length > 0 ? `?token=${encodeURIComponent(socketTokens[index % socketTokens.length])}` : '';
    const socket = new WebSocket(`${socketUrl}${token}`);
    return new Promise((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ event: 'subscribe', data: { topic: `channel:${username}` } })));
      socket.once('error', reject);
      socket.once('close', (code, reason) => reject(new Error(`socket ${index} closed before it subscribed: ${code} ${reason.toString()}`)));
      socket.on('message', (raw) => {
        const receivedAt = performance.now();
        const frame = JSON.parse(raw.toString()) as { event: string; data: { changes?: { title?: string } } };
        switch (frame.event) {
          case 'subscribed':
            socket.once('close', () => {
              if (!this.closing) this.socketsClosed++;
            });
            resolve(socket);
            break;
          case 'channel_updated':
            this.received(frame.data.changes?.title, receivedAt);
            break;
          case 'error':
            reject(new Error(`socket ${index} was refused: ${raw.toString()}`));
            break;
        }
      });
    });
  }

  private received(title: string | undefined, receivedAt: number): void {
    if (!title?.startsWith(TITLE_PREFIX)) return;
    const sequence = Number(title.slice(TITLE_PREFIX.length));
    const sentAt = this.sentAt.get(sequence);
    if (sentAt === undefined || sequence < this.timedFrom) return;
    this.delivered++;
    this.lastFrameAt = receivedAt;
    this.latency.record(receivedAt - sentAt);
    this.onFrame();
  }
}

/** The change that carries sequence number `sequence`: Glint's PATCH, or the frame Glint would send, for the floor. */
function updateRequest(settings: LiveLoadSettings, sequence: number): PacedRequest {
  const title = `${TITLE_PREFIX}${sequence}`;
  const path = new URL(settings.updateUrl).pathname;
  if (settings.server === 'glint') {
    return { method: 'PATCH', path, headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.ownerToken}` }, body: JSON.stringify({ title }) };
  }
  const frame = { event: 'channel_updated', data: { channelId: settings.channelId, channel: settings.username, changes: { title } }, id: randomUUID() };
  return { method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(frame) };
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2]) as LiveLoadSettings;
  const origin = new URL(settings.updateUrl);
  const subscribers = new Subscribers(settings);
  await subscribers.open();
  try {
    const warmupUpdates = Math.round(settings.updatesPerSecond * settings.warmupSeconds);
    if (warmupUpdates > 0) {
      await sendPaced({
        origin,
        rate: settings.updatesPerSecond,
        seconds: settings.warmupSeconds,
        request: (index) => updateRequest(settings, index),
        onSend: (index, at) => subscribers.sent(index, at),
      });
      await subscribers.delivery(warmupUpdates * settings.subscribers, DRAIN_MS);
    }

    subscribers.startTiming(warmupUpdates);
    const total = Math.round(settings.updatesPerSecond * settings.seconds);
    const progress = new Progress(settings.label, total, 'updates');
    const stopCpu = countCpu(settings.serverPid, settings.databasePid);
    const startedAt = performance.now();
    let accepted = 0;
    const updates = await sendPaced({
      origin,
      rate: settings.updatesPerSecond,
      seconds: settings.seconds,
      request: (index) => updateRequest(settings, warmupUpdates + index),
      onSend: (index, at) => subscribers.sent(warmupUpdates + index, at),
      onResponse: (_index, status) => {
        if (status !== null && status >= 200 && status <= 299) accepted++;
        progress.increment();
      },
    });
    progress.stop();
    // A refused change sends no frame: delivery is judged on the changes the server took.
    const expected = accepted * settings.subscribers;
    const delivery = await subscribers.delivery(expected, DRAIN_MS);
    const cpu = stopCpu();
    const result: LiveLoadResult = {
      updates: {
        responses: updates.responses,
        seconds: updates.seconds,
        requestsPerSecond: updates.responses / updates.seconds,
        latency: updates.latency,
        errors: updates.errors,
        non2xx: updates.non2xx,
        firstNon2xx: updates.firstNon2xx,
      },
      delivery: {
        expected,
        delivered: delivery.delivered,
        framesPerSecond: delivery.delivered > 0 ? delivery.delivered / ((delivery.lastFrameAt - startedAt) / 1000) : 0,
        latency: delivery.latency,
        socketsClosed: delivery.socketsClosed,
      },
      cpu,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    subscribers.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Live-update load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
