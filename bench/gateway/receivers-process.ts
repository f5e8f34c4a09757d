/**
 * A load process of receivers: `count` WebRTC viewers of the gateway (node-datachannel peers that
 * decrypt SRTP as a browser does), or `count` plain UDP sockets the bare relay sends to. Each packet
 * of the measured frames is counted and its latency taken from the send time in its payload.
 * Started by bench/gateway.ts with an IPC channel; exits when the benchmark goes away.
 */
import { createSocket, type Socket } from 'node:dgram';
import { setPriority } from 'node:os';
import { cleanup, PeerConnection, RtcpReceivingSession, Video, type Track } from 'node-datachannel';
import { VIDEO_PAYLOAD_TYPE } from '@glint/testing/gateway';
import { RECEIVER_NICENESS } from './config';
import { DeliveryCounter } from './delivery-counter';
import { Link } from './link';
import type { FrameWindow } from './stream-shape';

/** Offers in flight at once: each waits for the gateway's ICE gathering and a DTLS handshake. */
const CONNECTING_AT_ONCE = 8;
const OPEN_TIMEOUT_MS = 15_000;
/**
 * A viewer that fails to connect starts over with a new peer (a handshake timing out on a machine
 * loaded with hundreds of them), at most this many times.
 */
const ATTEMPTS_PER_VIEWER = 3;

export interface ConnectReceivers {
  mode: 'webrtc' | 'udp';
  count: number;
  window: FrameWindow;
}

const peers: PeerConnection[] = [];
/** Descriptions, tracks and media handlers stay referenced until after close (see the gateway reference). */
const kept: unknown[] = [];
const sockets: Socket[] = [];
let counter: DeliveryCounter | null = null;

async function offerOf(peer: PeerConnection): Promise<string> {
  const gathered = new Promise<void>((resolve) => peer.onGatheringStateChange((state) => state === 'complete' && resolve()));
  peer.setLocalDescription('offer');
  if (peer.gatheringState() !== 'complete') await gathered;
  // Without candidates, as OBS offers: with them the gateway's DTLS can race this side's
  // setRemoteDescription (see PeerOptions.withoutCandidates in libs/testing/src/gateway/synthetic-peers.ts).
  return (peer.localDescription()?.sdp ?? '')
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') && line !== 'a=end-of-candidates')
    .join('\r\n');
}

function opened(track: Track): Promise<void> {
  if (track.isOpen()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a viewer's track did not open within ${OPEN_TIMEOUT_MS} ms`)), OPEN_TIMEOUT_MS);
    track.onOpen(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A video-only viewer, as a player that offers H.264 and VP8 (payload types of its own, as a browser's). */
async function connectViewer(link: Link, receiver: number, delivery: DeliveryCounter): Promise<void> {
  const peer = new PeerConnection(`bench-viewer-${receiver}`, { iceServers: [], bindAddress: '127.0.0.1', disableAutoNegotiation: true });
  peers.push(peer);
  const description = new Video('1', 'RecvOnly');
  description.addH264Codec(VIDEO_PAYLOAD_TYPE + 6);
  description.addVP8Codec(VIDEO_PAYLOAD_TYPE + 4);
  const track = peer.addTrack(description);
  const session = new RtcpReceivingSession();
  track.setMediaHandler(session);
  track.onMessage((packet) => delivery.take(receiver, packet));
  kept.push(description, track, session);
  try {
    const answer = await link.call<string>('watch', { offer: await offerOf(peer) });
    peer.setRemoteDescription(answer, 'answer');
    await opened(track);
  } catch (error) {
    peer.close();
    throw error;
  }
}

async function bindReceiver(receiver: number, delivery: DeliveryCounter): Promise<number> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  socket.on('message', (packet) => delivery.take(receiver, packet));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return socket.address().port;
}

async function connect(link: Link, settings: ConnectReceivers): Promise<{ ports: number[] }> {
  const delivery = new DeliveryCounter(settings.count, settings.window);
  counter = delivery;
  if (settings.mode === 'udp') {
    const ports: number[] = [];
    for (let receiver = 0; receiver < settings.count; receiver++) ports.push(await bindReceiver(receiver, delivery));
    return { ports };
  }
  let next = 0;
  const connectNext = async (): Promise<void> => {
    while (next < settings.count) await connectWithRetries(link, next++, delivery);
  };
  await Promise.all(Array.from({ length: Math.min(CONNECTING_AT_ONCE, settings.count) }, connectNext));
  return { ports: [] };
}

async function connectWithRetries(link: Link, receiver: number, delivery: DeliveryCounter): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await connectViewer(link, receiver, delivery);
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS_PER_VIEWER) throw error;
      process.stderr.write(`  viewer ${receiver} starts over: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

function shutDown(): void {
  for (const socket of sockets) socket.close();
  for (const peer of peers) peer.close();
  cleanup();
  kept.length = 0;
  process.exit(0);
}

// The viewers stand in for browsers on other machines: on these shared cores they yield to the
// forwarder under test (either path alike), so its latency is its own and not the wait for a core.
// Set before any socket or peer exists: the threads node-datachannel starts later inherit it.
setPriority(RECEIVER_NICENESS);

const link = Link.toParent(shutDown);
link
  .handle('connect', (settings: ConnectReceivers) => connect(link, settings))
  .handle('received', () => counter?.received ?? 0)
  .handle('result', () => counter?.result() ?? null);
process.once('SIGTERM', shutDown);
void link.call('ready');
