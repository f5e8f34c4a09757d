/**
 * The publisher's side of the load: 3 Mbit/s of synthetic H.264 RTP (see stream-shape.ts) paced on
 * a steady 30 frames/s schedule. To the gateway it is a SyntheticPublisher, a WebRTC peer sending
 * SRTP; to the bare relay, a plain UDP socket sending the same packets. It tells the benchmark when
 * the measured frames begin and end, so every process measures the same window.
 * Started by bench/gateway.ts with an IPC channel; exits when the benchmark goes away.
 */
import { createSocket, type Socket } from 'node:dgram';
import { cleanup } from 'node-datachannel';
import { LatencyHistogram, latencyFigures, SyntheticPublisher, VIDEO_PAYLOAD_TYPE, VIDEO_SSRC, type LatencyFigures } from '@glint/testing/gateway';
import { CpuWindow, type WindowUsage } from './cpu-window';
import { Link } from './link';
import { FRAME_NUMBER_OFFSET, FRAMES_PER_SECOND, isKeyframe, PACKET_BYTES, packetsOfFrame, SENT_AT_OFFSET, wallClockMs, type FrameWindow } from './stream-shape';

export type PublisherTarget = { mode: 'webrtc' } | { mode: 'udp'; port: number };

export interface PublisherRun {
  window: FrameWindow;
  /** Frames sent after the window, so its last packets meet the same load as the rest. */
  coolDownFrames: number;
}

export interface PublisherResult {
  packetsInWindow: number;
  usage: WindowUsage;
  /** How late the frames of the window left against their schedule. */
  lateness: LatencyFigures;
}

type FrameSender = (frame: number, packets: number, keyframe: boolean) => void;

let publisher: SyntheticPublisher | null = null;
let socket: Socket | null = null;

async function connect(link: Link, target: PublisherTarget): Promise<void> {
  if (target.mode === 'webrtc') {
    publisher = await SyntheticPublisher.connect((offer) => link.call<string>('publish', { offer }), { bindAddress: '127.0.0.1' });
    return;
  }
  const udp = createSocket('udp4');
  socket = udp;
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.connect(target.port, '127.0.0.1', () => resolve());
  });
}

/** The packets SyntheticPublisher.sendVideoFrame writes, as plain RTP on a UDP socket. */
function sendPlainFrame(udp: Socket, frame: number, packets: number, keyframe: boolean, sequence: { next: number }): void {
  for (let index = 0; index < packets; index++) {
    const packet = Buffer.alloc(PACKET_BYTES);
    packet[0] = 0x80;
    packet[1] = (index === packets - 1 ? 0x80 : 0) | VIDEO_PAYLOAD_TYPE;
    packet.writeUInt16BE(sequence.next++ & 0xffff, 2);
    packet.writeUInt32BE((frame * 3000) >>> 0, 4);
    packet.writeUInt32BE(VIDEO_SSRC, 8);
    packet[12] = index === 0 ? (keyframe ? 0x65 : 0x41) : 0x7c;
    packet.writeUInt32BE(frame, FRAME_NUMBER_OFFSET);
    packet.writeDoubleBE(wallClockMs(), SENT_AT_OFFSET);
    udp.send(packet);
  }
}

function frameSender(): FrameSender {
  if (publisher) {
    const peer = publisher;
    return (_frame, packets, keyframe) => peer.sendVideoFrame({ keyframe, packets, size: PACKET_BYTES });
  }
  if (socket) {
    const udp = socket;
    const sequence = { next: 1000 };
    return (frame, packets, keyframe) => sendPlainFrame(udp, frame, packets, keyframe, sequence);
  }
  throw new Error('run before connect');
}

/**
 * Sends frame n at start + (n − 1) / 30 s, each timer set from the schedule rather than from the
 * previous timer, so a late frame does not push the ones after it.
 */
function run(link: Link, settings: PublisherRun): Promise<PublisherResult> {
  const send = frameSender();
  const cpu = new CpuWindow();
  const lateness = new LatencyHistogram();
  const lastFrame = settings.window.last + settings.coolDownFrames;
  const frameMs = 1000 / FRAMES_PER_SECOND;
  const startedAt = performance.now() + frameMs;
  let packetsInWindow = 0;
  let usage: WindowUsage | null = null;
  return new Promise((resolve, reject) => {
    const sendFrame = (frame: number) => {
      const due = startedAt + (frame - 1) * frameMs;
      if (frame === settings.window.first) {
        cpu.start();
        link.call('window-start').catch(reject);
      }
      const packets = packetsOfFrame(frame);
      send(frame, packets, isKeyframe(frame));
      if (frame >= settings.window.first && frame <= settings.window.last) {
        lateness.record(performance.now() - due);
        packetsInWindow += packets;
      }
      if (frame === settings.window.last) {
        usage = cpu.stop();
        link.call('window-end').catch(reject);
      }
      if (frame === lastFrame) {
        resolve({ packetsInWindow, usage: usage!, lateness: latencyFigures([lateness.toPairs()]) });
        return;
      }
      setTimeout(() => sendFrame(frame + 1), Math.max(0, startedAt + frame * frameMs - performance.now()));
    };
    setTimeout(() => sendFrame(1), frameMs);
  });
}

function shutDown(): void {
  socket?.close();
  publisher?.close();
  cleanup();
  process.exit(0);
}

const link = Link.toParent(shutDown);
link.handle('connect', (target: PublisherTarget) => connect(link, target)).handle('run', (settings: PublisherRun) => run(link, settings));
process.once('SIGTERM', shutDown);
void link.call('ready');
