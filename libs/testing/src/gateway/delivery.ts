import type { PacedEncoder } from './paced-encoder';
import { AUDIO_SSRC, VIDEO_SSRC, type ReceivedPacket, type SyntheticViewer } from './synthetic-peers';

/**
 * What reached viewers, measured the same way by the gateway's tests and its benchmark: every
 * packet sent since a mark, in order and rewritten per viewer, and how long packets took.
 */

const BIN_MS = 0.01;
const BINS = 1_000_000;

/** Latencies in 10 µs bins up to 10 s (later ones in the last bin): constant cost per packet, and mergeable across processes. */
export class LatencyHistogram {
  private readonly bins = new Uint32Array(BINS);

  record(milliseconds: number): void {
    this.bins[Math.min(BINS - 1, Math.max(0, Math.floor(milliseconds / BIN_MS)))]++;
  }

  /** Non-empty bins as [bin, count] pairs, to send to another process. */
  toPairs(): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    for (let bin = 0; bin < BINS; bin++) if (this.bins[bin] > 0) pairs.push([bin, this.bins[bin]]);
    return pairs;
  }
}

export interface LatencyFigures {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentiles of merged histograms (of every receiving process), at the bins' upper edges. */
export function latencyFigures(histograms: Array<Array<[number, number]>>): LatencyFigures {
  const merged = new Map<number, number>();
  for (const pairs of histograms) for (const [bin, count] of pairs) merged.set(bin, (merged.get(bin) ?? 0) + count);
  const bins = [...merged.entries()].sort((a, b) => a[0] - b[0]);
  const samples = bins.reduce((sum, [, count]) => sum + count, 0);
  const at = (fraction: number): number => {
    if (samples === 0) return 0;
    const rank = Math.max(1, Math.ceil(fraction * samples));
    let seen = 0;
    for (const [bin, count] of bins) {
      seen += count;
      if (seen >= rank) return (bin + 1) * BIN_MS;
    }
    return bins[bins.length - 1][0] * BIN_MS;
  };
  return { samples, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}

/** How far into the encoder's packets a check starts: everything sent after it must arrive. */
export interface Since {
  video: number;
  audio: number;
}

const H264_IDR_SLICE = 0x65;
const VIDEO_TICKS_PER_FRAME = 3000;
const AUDIO_TICKS_PER_PACKET = 960;

const audioOf = (viewer: SyntheticViewer) => viewer.received.filter((packet) => packet.kind === 'audio');

/** Whether the viewer holds the encoder's last tick, audio and the whole last frame, and at least everything since `since`. */
export function caughtUp(viewer: SyntheticViewer, encoder: PacedEncoder, since: Since): boolean {
  const video = viewer.videoPackets();
  let lastFramePackets = 0;
  for (let index = video.length - 1; index >= 0 && video[index].frame === encoder.lastFrame; index--) lastFramePackets++;
  return lastFramePackets === encoder.packetsPerFrame && video.length >= encoder.sentVideo.length - since.video && audioOf(viewer).length >= encoder.sentAudio.length - since.audio;
}

/**
 * What is wrong with what a viewer received, compared with what the encoder sent: an empty list
 * when it holds, in order, an unbroken run of packets that ends with the last one sent and covers
 * everything since `since`, the video starting at a key frame. The gateway gives each viewer its own
 * SSRC, payload type and sequence and timestamp offsets, so packets are matched after undoing the
 * offset; the frame number in the payload is never rewritten and is compared as sent.
 */
export function deliveryProblems(viewer: SyntheticViewer, encoder: PacedEncoder, since: Since): string[] {
  const problems: string[] = [];
  const video = viewer.videoPackets();
  const audio = audioOf(viewer);
  problems.push(...runProblems('video', video, encoder.sentVideo.map((sent) => sent.sequence), since.video));
  problems.push(...runProblems('audio', audio, encoder.sentAudio, since.audio));
  problems.push(...rewritingProblems('video', video, VIDEO_SSRC), ...rewritingProblems('audio', audio, AUDIO_SSRC));
  if (problems.length > 0) return problems;

  const sentFrames = encoder.sentVideo.slice(encoder.sentVideo.length - video.length);
  const wrongFrame = video.findIndex((packet, index) => packet.frame !== sentFrames[index].frame);
  if (wrongFrame >= 0) problems.push(`video packet ${wrongFrame} carries frame ${video[wrongFrame].frame}, not ${sentFrames[wrongFrame].frame}`);
  if (video[0].firstByte !== H264_IDR_SLICE || !sentFrames[0].keyframe) problems.push(`the first video packet (frame ${video[0].frame}) does not start a key frame`);
  const badVideoTimestamp = video.findIndex((packet) => ((packet.timestamp - video[0].timestamp) >>> 0) !== (packet.frame - video[0].frame) * VIDEO_TICKS_PER_FRAME);
  if (badVideoTimestamp >= 0) problems.push(`video packet ${badVideoTimestamp} has a timestamp that does not follow its frame number`);
  const badAudioTimestamp = audio.findIndex((packet, index) => ((packet.timestamp - audio[0].timestamp) >>> 0) !== index * AUDIO_TICKS_PER_PACKET);
  if (badAudioTimestamp >= 0) problems.push(`audio packet ${badAudioTimestamp} has a timestamp out of step`);
  return problems;
}

/** How long the packets sent since `since` took to reach these viewers: the newest ones each holds. */
export function latencySince(viewers: SyntheticViewer[], encoder: PacedEncoder, since: Since): LatencyFigures {
  const histogram = new LatencyHistogram();
  for (const viewer of viewers) {
    const video = viewer.videoPackets();
    const audio = audioOf(viewer);
    for (const packet of [...video.slice(video.length - (encoder.sentVideo.length - since.video)), ...audio.slice(audio.length - (encoder.sentAudio.length - since.audio))]) histogram.record(packet.latencyMs);
  }
  return latencyFigures([histogram.toPairs()]);
}

function runProblems(kind: string, received: ReceivedPacket[], sent: number[], since: number): string[] {
  if (received.length === 0) return [`${kind}: nothing received`];
  if (received.length < sent.length - since) return [`${kind}: ${received.length} packets received, but ${sent.length - since} were sent since the check began`];
  if (received.length > sent.length) return [`${kind}: ${received.length} packets received, more than the ${sent.length} sent`];
  const run = sent.slice(sent.length - received.length);
  const offset = (received[received.length - 1].sequence - run[run.length - 1]) & 0xffff;
  const wrong = received.findIndex((packet, index) => ((packet.sequence - offset) & 0xffff) !== run[index]);
  if (wrong < 0) return [];
  return [`${kind}: packet ${wrong} of ${received.length} is the publisher's ${(received[wrong].sequence - offset) & 0xffff}, expected ${run[wrong]} (a gap, a duplicate or a reordering)`];
}

function rewritingProblems(kind: string, received: ReceivedPacket[], publisherSsrc: number): string[] {
  const ssrcs = new Set(received.map((packet) => packet.ssrc));
  const payloadTypes = new Set(received.map((packet) => packet.payloadType));
  const problems: string[] = [];
  if (ssrcs.size !== 1) problems.push(`${kind}: ${ssrcs.size} SSRCs where one is expected`);
  if (ssrcs.has(publisherSsrc)) problems.push(`${kind}: the publisher's SSRC reached the viewer unchanged`);
  if (payloadTypes.size !== 1) problems.push(`${kind}: ${payloadTypes.size} payload types where one is expected`);
  return problems;
}
