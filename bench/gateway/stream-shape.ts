/**
 * The video the benchmark's publisher sends: 3 Mbit/s of 1,200-byte RTP packets at 30 frames/s, a
 * key frame every 2 s, each frame's packets sent together at its tick as an encoder hands them over.
 * The payload layout is SyntheticPublisher's (libs/testing/src/gateway/synthetic-peers.ts): the frame
 * number at byte 16, the send time (ms since the epoch, a double) at byte 20; the bare sender writes
 * the same, so both paths are measured by the same receivers.
 */
export const BITS_PER_SECOND = 3_000_000;
export const PACKET_BYTES = 1_200;
export const FRAMES_PER_SECOND = 30;
export const KEYFRAME_EVERY_FRAMES = 2 * FRAMES_PER_SECOND;
export const FRAME_NUMBER_OFFSET = 16;
export const SENT_AT_OFFSET = 20;

const PACKETS_PER_SECOND = BITS_PER_SECOND / 8 / PACKET_BYTES;

/** Packets of frame `frame` (counted from 1): 10 or 11, so the rate holds at exactly 3 Mbit/s. */
export function packetsOfFrame(frame: number): number {
  const perFrame = PACKETS_PER_SECOND / FRAMES_PER_SECOND;
  return Math.floor(frame * perFrame) - Math.floor((frame - 1) * perFrame);
}

export const isKeyframe = (frame: number): boolean => (frame - 1) % KEYFRAME_EVERY_FRAMES === 0;

/** Frames 1…warm-up are the warm-up; the measured window is the frames after them. */
export interface FrameWindow {
  first: number;
  last: number;
}

export function measuredFrames(warmupSeconds: number, seconds: number): FrameWindow {
  const first = warmupSeconds * FRAMES_PER_SECOND + 1;
  return { first, last: first + seconds * FRAMES_PER_SECOND - 1 };
}

export function packetsInWindow(window: FrameWindow): number {
  let packets = 0;
  for (let frame = window.first; frame <= window.last; frame++) packets += packetsOfFrame(frame);
  return packets;
}

/** Wall-clock milliseconds comparable across the benchmark's processes on one machine. */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();
